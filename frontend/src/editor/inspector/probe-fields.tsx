import * as f from "../../domain/fields";
import { type Json, type JsonObject, asObject, getIn, setIn } from "../../domain/json";
import { NumberField, ParsedArea, SelectField, TextField } from "./fields";

const KINDS = [
  { value: "none", label: "none" },
  { value: "httpGet", label: "HTTP GET" },
  { value: "tcpSocket", label: "TCP socket" },
  { value: "exec", label: "exec command" },
  { value: "grpc", label: "gRPC" },
] as const;

const TIMINGS = ["initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold"] as const;

export function ProbeFields({ name, probe, defaultPort, onChange }: { name: string; probe: Json | undefined; defaultPort: number; onChange: (v: JsonObject | undefined) => void }) {
  const kind = f.probeKind(probe);
  const obj = asObject(probe);
  const set = (path: string[], v: Json | undefined) => onChange(setIn(obj, path, v));
  const str = (path: string[]) => {
    const v = getIn(obj, path);
    return v === undefined ? "" : String(v);
  };
  return (
    <fieldset className="probe">
      <legend>{name}</legend>
      <SelectField label="Check" field={`${name}`} value={kind} options={KINDS} onChange={(k) => onChange(f.withProbeKind(probe, k, defaultPort))} />
      {kind === "httpGet" ? (
        <div className="field-grid">
          <TextField label="Path" field={`${name}.httpGet.path`} value={str(["httpGet", "path"])} onChange={(v) => set(["httpGet", "path"], v || undefined)} mono />
          <TextField label="Port" field={`${name}.httpGet.port`} value={str(["httpGet", "port"])} onChange={(v) => set(["httpGet", "port"], f.portValue(v))} mono />
        </div>
      ) : null}
      {kind === "tcpSocket" || kind === "grpc" ? (
        <TextField label="Port" field={`${name}.${kind}.port`} value={str([kind, "port"])} onChange={(v) => set([kind, "port"], f.portValue(v))} mono />
      ) : null}
      {kind === "exec" ? (
        <ParsedArea label="Command (one item per line)" field={`${name}.exec.command`} text={f.linesOf(getIn(obj, ["exec", "command"]))} parse={(t) => ({ value: f.parseLines(t), errors: [] })} onChange={(v) => set(["exec", "command"], v)} />
      ) : null}
      {kind !== "none" ? (
        <div className="field-grid">
          {TIMINGS.map((key) => {
            const v = obj[key];
            return <NumberField key={key} label={key} field={`${name}.${key}`} value={typeof v === "number" ? v : undefined} onChange={(n) => set([key], n)} />;
          })}
        </div>
      ) : null}
    </fieldset>
  );
}
