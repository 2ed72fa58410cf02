/** Inspector for a volume: name and the fields of its source type; the rest as JSON. */

import { type PodDoc, type VolumeDoc, containerName } from "../../domain/design";
import { type Json, asObject, getIn, isObject, setIn } from "../../domain/json";
import { updateVolume } from "../../domain/ops";
import { volumeType } from "../../domain/presets";
import { useEditorApi } from "../../store/editor-context";
import { DOCS } from "./docs";
import { CheckField, Section, SelectField, TextField } from "./fields";
import { JsonEditor } from "./json-editor";

type FieldDef = { path: string[]; label: string };

const SOURCE_FIELDS: Record<string, FieldDef[]> = {
  emptyDir: [{ path: ["emptyDir", "sizeLimit"], label: "Size limit" }],
  configMap: [{ path: ["configMap", "name"], label: "ConfigMap name" }],
  secret: [{ path: ["secret", "secretName"], label: "Secret name" }],
  persistentVolumeClaim: [{ path: ["persistentVolumeClaim", "claimName"], label: "Claim name" }],
  hostPath: [
    { path: ["hostPath", "path"], label: "Path on the node" },
    { path: ["hostPath", "type"], label: "Type (Directory, File, DirectoryOrCreate…)" },
  ],
};

export function VolumeForm({ volume, pod }: { volume: VolumeDoc; pod: PodDoc }) {
  const store = useEditorApi();
  const spec = volume.spec;
  const type = volumeType(spec);
  const set = (path: string[], value: Json | undefined) =>
    store.getState().apply((d) => updateVolume(d, volume.id, setIn(spec, path, value)), { coalesce: `${volume.id}:${path.join(".")}` });
  // Source fields never drop the source object itself: an emptyDir without keys is still {}.
  const setSource = (key: string, value: Json | undefined) => {
    const source = { ...asObject(spec[type]) };
    if (value === undefined) delete source[key];
    else source[key] = value;
    store.getState().apply((d) => updateVolume(d, volume.id, { ...spec, [type]: source }), { coalesce: `${volume.id}:${type}.${key}` });
  };
  const str = (path: string[]) => {
    const v = getIn(spec, path);
    return v === undefined ? "" : String(v);
  };
  const users = pod.mounts.filter((m) => m.volume === volume.id);
  return (
    <div className="form" data-testid="volume-form">
      <h3 className="form-title">
        Volume <strong>{str(["name"]) || volume.id}</strong> <span className="muted">({type})</span>
      </h3>
      <Section title="Volume" docs={`${DOCS.volumes}#${type.toLowerCase()}`}>
        <TextField label="Name" field="name" value={str(["name"])} onChange={(v) => set(["name"], v || undefined)} mono />
        {type === "emptyDir" ? (
          <SelectField
            label="Medium"
            field="emptyDir.medium"
            value={str(["emptyDir", "medium"]) === "Memory" ? "Memory" : "disk"}
            options={[
              { value: "disk", label: "node disk" },
              { value: "Memory", label: "memory (tmpfs, counts against the memory limit)" },
            ]}
            onChange={(v) => setSource("medium", v === "Memory" ? "Memory" : undefined)}
          />
        ) : null}
        {(SOURCE_FIELDS[type] ?? []).map((def) => (
          <TextField key={def.path.join(".")} label={def.label} field={def.path.join(".")} value={str(def.path)} onChange={(v) => setSource(def.path[1] ?? "", v || (type === "emptyDir" ? undefined : v))} mono />
        ))}
        {type === "persistentVolumeClaim" || type === "configMap" || type === "secret" ? (
          <CheckField
            label={type === "persistentVolumeClaim" ? "Read-only claim" : "Optional (the Pod starts without it)"}
            field={type === "persistentVolumeClaim" ? "persistentVolumeClaim.readOnly" : `${type}.optional`}
            checked={getIn(spec, [type, type === "persistentVolumeClaim" ? "readOnly" : "optional"]) === true}
            onChange={(on) => setSource(type === "persistentVolumeClaim" ? "readOnly" : "optional", on ? true : undefined)}
          />
        ) : null}
        {type === "hostPath" ? <p className="warn-text">hostPath exposes the node's filesystem to the Pod: avoid it unless the Pod is a node agent.</p> : null}
      </Section>
      <Section title="Mounted by">
        {users.length ? (
          <ul className="plain-list">
            {users.map((m) => {
              const c = pod.containers.find((x) => x.id === m.container);
              return (
                <li key={m.id}>
                  <button type="button" className="link" onClick={() => store.getState().select(m.id)}>
                    {c ? containerName(c) : m.container} at <code>{String(m.spec["mountPath"] ?? "")}</code>
                  </button>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="muted">No container mounts it yet: drag from its top dot to a container.</p>
        )}
      </Section>
      <Section title="Everything else (JSON)" open={false}>
        <JsonEditor label="Volume spec" value={spec} validate={(v) => (isObject(v) ? null : "The volume spec is a JSON object.")} onApply={(v) => store.getState().apply((d) => updateVolume(d, volume.id, asObject(v)))} />
      </Section>
    </div>
  );
}
