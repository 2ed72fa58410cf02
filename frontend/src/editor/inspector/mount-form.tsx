/** Inspector for a mount edge: where the volume appears in the container, read-only, subPath. */

import { type MountDoc, type PodDoc, containerName, volumeName } from "../../domain/design";
import { type Json, asObject, isObject, setIn } from "../../domain/json";
import { updateMount } from "../../domain/ops";
import { useEditorApi } from "../../store/editor-context";
import { DOCS } from "./docs";
import { CheckField, Section, SelectField, TextField } from "./fields";
import { JsonEditor } from "./json-editor";

export function MountForm({ mount, pod }: { mount: MountDoc; pod: PodDoc }) {
  const store = useEditorApi();
  const spec = mount.spec;
  const set = (key: string, value: Json | undefined) =>
    store.getState().apply((d) => updateMount(d, mount.id, setIn(spec, [key], value)), { coalesce: `${mount.id}:${key}` });
  const container = pod.containers.find((c) => c.id === mount.container);
  const volume = pod.volumes.find((v) => v.id === mount.volume);
  const text = (key: string) => (typeof spec[key] === "string" ? (spec[key] as string) : "");
  return (
    <div className="form" data-testid="mount-form">
      <h3 className="form-title">
        Mount of <strong>{volume ? volumeName(volume) : "?"}</strong> into <strong>{container ? containerName(container) : "?"}</strong>
      </h3>
      <Section title="Volume mount" docs={DOCS.mounts}>
        <TextField label="Mount path" field="mountPath" value={text("mountPath")} onChange={(v) => set("mountPath", v)} placeholder="/data" mono />
        <CheckField label="Read-only" field="readOnly" checked={spec["readOnly"] === true} onChange={(on) => set("readOnly", on ? true : undefined)} />
        <TextField label="Sub path (a directory inside the volume)" field="subPath" value={text("subPath")} onChange={(v) => set("subPath", v || undefined)} mono />
        <SelectField
          label="Mount propagation"
          field="mountPropagation"
          value={text("mountPropagation") || "unset"}
          options={[
            { value: "unset", label: "default (None)" },
            { value: "None", label: "None" },
            { value: "HostToContainer", label: "HostToContainer" },
            { value: "Bidirectional", label: "Bidirectional (privileged only)" },
          ]}
          onChange={(v) => set("mountPropagation", v === "unset" ? undefined : v)}
        />
      </Section>
      <Section title="Everything else (JSON)" open={false}>
        <JsonEditor
          label="VolumeMount (the name comes from the volume)"
          value={spec}
          validate={(v) => (!isObject(v) ? "The mount is a JSON object." : "name" in v ? "Leave out name: it is the volume's." : null)}
          onApply={(v) => store.getState().apply((d) => updateMount(d, mount.id, asObject(v)))}
        />
      </Section>
    </div>
  );
}
