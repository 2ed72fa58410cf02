/** Inspector for a container: role, image, command, env, ports, resources, probes, hooks, security, timings. */

import { type ContainerDoc, HELPER_ROLES, ROLES, type Role, type TimingKey } from "../../domain/design";
import * as f from "../../domain/fields";
import { type Json, type JsonObject, asObject, getIn, isObject, setIn } from "../../domain/json";
import { reorderContainer, setRole, updateContainer } from "../../domain/ops";
import { ROLE_INFO, laneOf } from "../../domain/roles";
import { useEditorApi } from "../../store/editor-context";
import { DOCS } from "./docs";
import { CheckField, NumberField, ParsedArea, Section, SelectField, TextField } from "./fields";
import { JsonEditor } from "./json-editor";
import { ProbeFields } from "./probe-fields";

const NATIVE_OPTIONS = [
  { value: "auto", label: "automatic (native from 1.29 for sidecars)" },
  { value: "true", label: "native sidecar (initContainers, restartPolicy: Always)" },
  { value: "false", label: "regular container" },
] as const;

const TIMINGS: readonly { key: TimingKey; label: string }[] = [
  { key: "pull", label: "image pull (s)" },
  { key: "start", label: "start (s)" },
  { key: "run", label: "run / exit after (s)" },
  { key: "ready_after", label: "ready after (s)" },
  { key: "post_start", label: "postStart hook (s)" },
  { key: "pre_stop", label: "preStop hook (s)" },
  { key: "stop", label: "stop (s)" },
  { key: "exit_code", label: "exit code (≠0 simulates a failure)" },
];

const TRI = [
  { value: "unset", label: "not set" },
  { value: "true", label: "true" },
  { value: "false", label: "false" },
] as const;

function tri(value: Json | undefined): "unset" | "true" | "false" {
  return value === true ? "true" : value === false ? "false" : "unset";
}

function triValue(v: "unset" | "true" | "false"): boolean | undefined {
  return v === "unset" ? undefined : v === "true";
}

export function ContainerForm({ container }: { container: ContainerDoc }) {
  const store = useEditorApi();
  const id = container.id;
  const spec = container.spec;
  const edit = (fn: (c: ContainerDoc) => ContainerDoc, key?: string) =>
    store.getState().apply((d) => updateContainer(d, id, fn), key ? { coalesce: `${id}:${key}` } : {});
  const setSpec = (path: string[], value: Json | undefined) => edit((c) => ({ ...c, spec: setIn(c.spec, path, value) }), path.join("."));
  const str = (path: string[]) => {
    const v = getIn(spec, path);
    return typeof v === "string" ? v : v === undefined ? "" : String(v);
  };
  const text = (path: string[]) => (v: string) => setSpec(path, v === "" ? undefined : v);
  const ports = f.containerPorts(spec);
  const firstPort = ports[0] ?? 8080;
  const lane = laneOf(container.role);
  const env = f.envToLines(spec["env"]);

  return (
    <div className="form" data-testid="container-form">
      <h3 className="form-title">
        <span className="role-dot" style={{ background: ROLE_INFO[container.role].colour }} />
        Container <strong>{str(["name"]) || id}</strong>
      </h3>
      <Section title="Role" docs={container.role === "init" ? DOCS.init : DOCS.sidecar}>
        <SelectField<Role>
          label="Role"
          field="role"
          value={container.role}
          options={ROLES.map((r) => ({ value: r, label: `${ROLE_INFO[r].label}: ${ROLE_INFO[r].explain}` }))}
          onChange={(role) => store.getState().apply((d) => setRole(d, id, role))}
        />
        {HELPER_ROLES.has(container.role) ? (
          <SelectField
            label="Exported as"
            field="native"
            value={container.native === null ? "auto" : container.native ? "true" : "false"}
            options={NATIVE_OPTIONS}
            onChange={(v) => edit((c) => ({ ...c, native: v === "auto" ? null : v === "true" }))}
          />
        ) : null}
        {lane !== "app" ? (
          <div className="inline-actions">
            <span>Order in its lane:</span>
            <button type="button" className="btn btn-small" onClick={() => store.getState().apply((d) => reorderContainer(d, id, -1))}>
              ◀ earlier
            </button>
            <button type="button" className="btn btn-small" onClick={() => store.getState().apply((d) => reorderContainer(d, id, 1))}>
              later ▶
            </button>
          </div>
        ) : null}
      </Section>
      <Section title="Container" docs={DOCS.container}>
        <TextField label="Name" field="name" value={str(["name"])} onChange={text(["name"])} mono />
        <TextField label="Image" field="image" value={str(["image"])} onChange={text(["image"])} placeholder="registry/name:tag" mono />
        <SelectField
          label="Image pull policy"
          field="imagePullPolicy"
          value={str(["imagePullPolicy"]) || "unset"}
          options={[
            { value: "unset", label: "default" },
            { value: "IfNotPresent", label: "IfNotPresent" },
            { value: "Always", label: "Always" },
            { value: "Never", label: "Never" },
          ]}
          onChange={(v) => setSpec(["imagePullPolicy"], v === "unset" ? undefined : v)}
        />
        <TextField label="Working directory" field="workingDir" value={str(["workingDir"])} onChange={text(["workingDir"])} mono />
      </Section>
      <Section title="Command and arguments" docs={DOCS.command}>
        <ParsedArea label="Command (one item per line)" field="command" text={f.linesOf(spec["command"])} parse={(t) => ({ value: f.parseLines(t), errors: [] })} onChange={(v) => setSpec(["command"], v.length ? v : undefined)} />
        <ParsedArea label="Args (one per line)" field="args" text={f.linesOf(spec["args"])} parse={(t) => ({ value: f.parseLines(t), errors: [] })} onChange={(v) => setSpec(["args"], v.length ? v : undefined)} />
      </Section>
      <Section title="Environment" docs={DOCS.env}>
        <ParsedArea label="Variables (NAME=value per line)" field="env" text={env.text} parse={(t) => f.parseEnv(t, [])} onChange={(plain) => {
          const all = [...env.kept, ...plain];
          setSpec(["env"], all.length ? all : undefined);
        }} />
        {env.kept.length ? <small>{env.kept.length} variable(s) from secrets or fields: edit them in the JSON below.</small> : null}
      </Section>
      <Section title="Ports" docs={DOCS.ports}>
        <ParsedArea label="Ports (8080, 8080 http, 53/UDP dns)" field="ports" text={f.portsToLines(spec["ports"])} parse={(t) => f.parsePorts(t, spec["ports"])} onChange={(v) => setSpec(["ports"], v.length ? v : undefined)} hint="All containers of a Pod share one port space: other containers reach these on localhost." />
      </Section>
      <Section title="Resources" docs={DOCS.resources}>
        <div className="field-grid">
          <TextField label="CPU request" field="resources.requests.cpu" value={str(["resources", "requests", "cpu"])} onChange={text(["resources", "requests", "cpu"])} placeholder="100m" mono />
          <TextField label="Memory request" field="resources.requests.memory" value={str(["resources", "requests", "memory"])} onChange={text(["resources", "requests", "memory"])} placeholder="64Mi" mono />
          <TextField label="CPU limit" field="resources.limits.cpu" value={str(["resources", "limits", "cpu"])} onChange={text(["resources", "limits", "cpu"])} mono />
          <TextField label="Memory limit" field="resources.limits.memory" value={str(["resources", "limits", "memory"])} onChange={text(["resources", "limits", "memory"])} placeholder="128Mi" mono />
        </div>
      </Section>
      <Section title="Probes" docs={DOCS.probes} open={false}>
        {(["readinessProbe", "livenessProbe", "startupProbe"] as const).map((key) => (
          <ProbeFields key={key} name={key} probe={spec[key]} defaultPort={firstPort} onChange={(v) => setSpec([key], v)} />
        ))}
      </Section>
      <Section title="Lifecycle hooks" docs={DOCS.lifecycle} open={false}>
        {(["postStart", "preStop"] as const).map((hook) => (
          <ParsedArea
            key={hook}
            label={`${hook} exec command (one item per line)`}
            field={`lifecycle.${hook}`}
            text={f.linesOf(getIn(spec, ["lifecycle", hook, "exec", "command"]))}
            parse={(t) => ({ value: f.parseLines(t), errors: [] })}
            onChange={(v) => setSpec(["lifecycle", hook], v.length ? { exec: { command: v } } : undefined)}
          />
        ))}
      </Section>
      <Section title="Security context" docs={DOCS.security} open={false}>
        <div className="field-grid">
          {(["runAsNonRoot", "readOnlyRootFilesystem", "allowPrivilegeEscalation", "privileged"] as const).map((key) => (
            <SelectField key={key} label={key} field={`securityContext.${key}`} value={tri(getIn(spec, ["securityContext", key]))} options={TRI} onChange={(v) => setSpec(["securityContext", key], triValue(v))} />
          ))}
        </div>
        <NumberField label="runAsUser" field="securityContext.runAsUser" value={numberAt(spec, ["securityContext", "runAsUser"])} onChange={(v) => setSpec(["securityContext", "runAsUser"], v)} />
        <CheckField
          label="Drop all capabilities"
          field="securityContext.capabilities"
          checked={JSON.stringify(getIn(spec, ["securityContext", "capabilities", "drop"])) === '["ALL"]'}
          onChange={(on) => setSpec(["securityContext", "capabilities", "drop"], on ? ["ALL"] : undefined)}
        />
      </Section>
      <Section title="Preview timings (not exported)" open={false}>
        <p className="muted">Used by the startup preview only; they never reach the manifest.</p>
        <div className="field-grid">
          {TIMINGS.map(({ key, label }) => (
            <NumberField
              key={key}
              label={label}
              field={`timings.${key}`}
              step={key === "exit_code" ? 1 : 0.1}
              value={container.timings[key]}
              onChange={(v) =>
                edit((c) => {
                  const timings = { ...c.timings };
                  if (v === undefined) delete timings[key];
                  else timings[key] = v;
                  return { ...c, timings };
                }, `timings.${key}`)
              }
            />
          ))}
        </div>
      </Section>
      <Section title="Notes" open={false}>
        <TextField label="Notes (kept in the design, not in the manifest)" field="notes" value={container.notes} onChange={(v) => edit((c) => ({ ...c, notes: v }), "notes")} />
      </Section>
      <Section title="Everything else (JSON)" open={false}>
        <JsonEditor
          label="Container spec (volumeMounts come from the mount edges)"
          value={spec}
          validate={(v) => (isObject(v) ? ("volumeMounts" in v ? "Mounts are edges on the canvas: remove volumeMounts here." : null) : "The container spec is a JSON object.")}
          onApply={(v) => edit((c) => ({ ...c, spec: asObject(v) }))}
        />
      </Section>
    </div>
  );
}

function numberAt(spec: JsonObject, path: string[]): number | undefined {
  const v = getIn(spec, path);
  return typeof v === "number" ? v : undefined;
}
