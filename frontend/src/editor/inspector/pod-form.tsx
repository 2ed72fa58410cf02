/** Inspector for a Pod: name, labels, restart policy, the namespaces it shares and their cost. */

import { type PodDoc } from "../../domain/design";
import * as f from "../../domain/fields";
import { type Json, type JsonObject, asObject, isObject, setIn } from "../../domain/json";
import { PAUSE_EXPLAIN, namespaceFacts } from "../../domain/namespaces";
import { type PodPatch, updatePod } from "../../domain/ops";
import { useEditorApi } from "../../store/editor-context";
import { DOCS } from "./docs";
import { CheckField, NumberField, ParsedArea, Section, SelectField, TextField } from "./fields";
import { JsonEditor } from "./json-editor";

const TOGGLES = [
  { key: "shareProcessNamespace", label: "Share the process namespace (PID)", hint: "Containers see and can signal each other's processes." },
  { key: "hostNetwork", label: "Host network", hint: "Uses the node's network: high security cost." },
  { key: "hostPID", label: "Host PID", hint: "Sees every process on the node: high security cost." },
  { key: "hostIPC", label: "Host IPC", hint: "Shares the node's IPC: high security cost." },
] as const;

export function PodForm({ pod }: { pod: PodDoc }) {
  const store = useEditorApi();
  const patch = (p: PodPatch, key?: string) => store.getState().apply((d) => updatePod(d, pod.id, p), key ? { coalesce: `${pod.id}:${key}` } : {});
  const setSpec = (key: string, value: Json | undefined) => patch({ spec: setIn(pod.spec, [key], value) }, `spec.${key}`);
  const setMeta = (key: string, value: Json | undefined) => patch({ metadata: setIn(pod.metadata, [key], value) }, `metadata.${key}`);
  const name = typeof pod.metadata["name"] === "string" ? pod.metadata["name"] : "";
  const restart = typeof pod.spec["restartPolicy"] === "string" ? pod.spec["restartPolicy"] : "unset";
  const grace = pod.spec["terminationGracePeriodSeconds"];
  return (
    <div className="form" data-testid="pod-form">
      <h3 className="form-title">
        Pod <strong>{name || pod.id}</strong>
      </h3>
      <Section title="Pod" docs={DOCS.pod}>
        <TextField label="Name" field="metadata.name" value={name} onChange={(v) => setMeta("name", v || undefined)} mono />
        <TextField label="Namespace" field="metadata.namespace" value={typeof pod.metadata["namespace"] === "string" ? pod.metadata["namespace"] : ""} onChange={(v) => setMeta("namespace", v || undefined)} placeholder="default" mono />
        <ParsedArea label="Labels (key=value per line)" field="metadata.labels" text={f.mapToLines(pod.metadata["labels"])} parse={f.parseMap} onChange={(v: JsonObject) => setMeta("labels", Object.keys(v).length ? v : undefined)} />
        <SelectField
          label="Restart policy"
          field="restartPolicy"
          value={restart}
          options={[
            { value: "unset", label: "default (Always)" },
            { value: "Always", label: "Always" },
            { value: "OnFailure", label: "OnFailure" },
            { value: "Never", label: "Never" },
          ]}
          onChange={(v) => setSpec("restartPolicy", v === "unset" ? undefined : v)}
        />
        <NumberField label="Termination grace period (s)" field="terminationGracePeriodSeconds" value={typeof grace === "number" ? grace : undefined} onChange={(v) => setSpec("terminationGracePeriodSeconds", v)} />
        <TextField label="Service account" field="serviceAccountName" value={typeof pod.spec["serviceAccountName"] === "string" ? pod.spec["serviceAccountName"] : ""} onChange={(v) => setSpec("serviceAccountName", v || undefined)} mono />
      </Section>
      <Section title="Shared namespaces" docs={DOCS.namespaces}>
        <p className="muted">{PAUSE_EXPLAIN}</p>
        {TOGGLES.map((t) => (
          <CheckField key={t.key} label={t.label} field={t.key} hint={t.hint} checked={pod.spec[t.key] === true} onChange={(on) => setSpec(t.key, on ? true : undefined)} />
        ))}
        <ul className="ns-facts" data-testid="ns-facts">
          {namespaceFacts(pod.spec).map((fact) => (
            <li key={fact.key} className={`ns-fact ns-${fact.tone}`}>
              <strong>{fact.label}</strong>: {fact.explain} <em>Security cost: {fact.cost}</em>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Notes" open={false}>
        <TextField label="Notes (kept in the design, not in the manifest)" field="notes" value={pod.notes} onChange={(v) => patch({ notes: v }, "notes")} />
      </Section>
      <Section title="Everything else (JSON)" open={false}>
        <JsonEditor
          label="metadata and spec (containers and volumes are the cards on the canvas)"
          value={{ metadata: pod.metadata, spec: pod.spec }}
          validate={(v) => {
            if (!isObject(v)) return "Write an object with metadata and spec.";
            const spec = asObject(v["spec"]);
            return ["containers", "initContainers", "volumes"].some((k) => Array.isArray(spec[k]) && (spec[k] as Json[]).length)
              ? "Containers and volumes are cards on the canvas: remove them from this spec."
              : null;
          }}
          onApply={(v) => patch({ metadata: asObject(asObject(v)["metadata"]), spec: asObject(asObject(v)["spec"]) })}
        />
      </Section>
    </div>
  );
}
