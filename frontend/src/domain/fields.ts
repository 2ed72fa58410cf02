/** Pure conversions between Kubernetes spec fragments and the text the inspector's fields show. */

import { type Json, type JsonObject, asArray, asObject, isObject } from "./json";

export type Parsed<T> = { value: T; errors: string[] };

export function linesOf(value: Json | undefined): string {
  return asArray(value)
    .map((v) => (typeof v === "string" ? v : JSON.stringify(v)))
    .join("\n");
}

export function parseLines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}

/** ``KEY=value`` lines for a string map (labels, annotations, node selector). */
export function mapToLines(value: Json | undefined): string {
  return Object.entries(asObject(value))
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("\n");
}

export function parseMap(text: string): Parsed<JsonObject> {
  const value: JsonObject = {};
  const errors: string[] = [];
  parseLines(text).forEach((line, i) => {
    const at = line.indexOf("=");
    if (at <= 0) errors.push(`line ${i + 1}: write key=value`);
    else value[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  });
  return { value, errors };
}

/** Env entries with a plain value as ``NAME=value``; entries with valueFrom are kept aside. */
export function envToLines(env: Json | undefined): { text: string; kept: Json[] } {
  const lines: string[] = [];
  const kept: Json[] = [];
  for (const item of asArray(env)) {
    if (isObject(item) && typeof item["name"] === "string" && item["valueFrom"] === undefined) {
      lines.push(`${item["name"]}=${typeof item["value"] === "string" ? item["value"] : ""}`);
    } else {
      kept.push(item);
    }
  }
  return { text: lines.join("\n"), kept };
}

export function parseEnv(text: string, kept: Json[]): Parsed<Json[]> {
  const errors: string[] = [];
  const plain: Json[] = [];
  parseLines(text).forEach((line, i) => {
    const at = line.indexOf("=");
    if (at <= 0) errors.push(`line ${i + 1}: write NAME=value`);
    else plain.push({ name: line.slice(0, at).trim(), value: line.slice(at + 1) });
  });
  return { value: [...kept, ...plain], errors };
}

const PORT_LINE = /^(\d+)(?:\/(TCP|UDP|SCTP))?(?:\s+([a-z0-9-]+))?$/i;

/** Ports as ``8080``, ``8080 http`` or ``53/UDP dns`` lines. */
export function portsToLines(ports: Json | undefined): string {
  return asArray(ports)
    .map((p) => {
      const port = asObject(p);
      const protocol = typeof port["protocol"] === "string" && port["protocol"] !== "TCP" ? `/${port["protocol"]}` : "";
      const name = typeof port["name"] === "string" ? ` ${port["name"]}` : "";
      return `${String(port["containerPort"] ?? "")}${protocol}${name}`;
    })
    .join("\n");
}

export function parsePorts(text: string, previous: Json | undefined): Parsed<Json[]> {
  const errors: string[] = [];
  const old = asArray(previous).map(asObject);
  const value: Json[] = [];
  parseLines(text).forEach((line, i) => {
    const m = PORT_LINE.exec(line.trim());
    if (!m) {
      errors.push(`line ${i + 1}: write a port number, then optionally /UDP and a name`);
      return;
    }
    const containerPort = Number(m[1]);
    // Keep fields the line cannot show (hostPort, hostIP) from the port it replaces.
    const before = old.find((p) => p["containerPort"] === containerPort) ?? {};
    const port: JsonObject = { ...before, containerPort };
    if (m[3]) port["name"] = m[3];
    else delete port["name"];
    if (m[2]) port["protocol"] = m[2].toUpperCase();
    else delete port["protocol"];
    value.push(port);
  });
  return { value, errors };
}

export function containerPorts(spec: JsonObject): number[] {
  return asArray(spec["ports"]).flatMap((p) => {
    const port = asObject(p)["containerPort"];
    return typeof port === "number" ? [port] : [];
  });
}

export type ProbeKind = "none" | "httpGet" | "tcpSocket" | "exec" | "grpc";
const HANDLERS: readonly ProbeKind[] = ["httpGet", "tcpSocket", "exec", "grpc"];

export function probeKind(probe: Json | undefined): ProbeKind {
  if (!isObject(probe)) return "none";
  return HANDLERS.find((k) => k in probe) ?? "none";
}

/** The probe with its handler switched to ``kind`` (timings kept), or undefined for "none". */
export function withProbeKind(probe: Json | undefined, kind: ProbeKind, defaultPort: number): JsonObject | undefined {
  if (kind === "none") return undefined;
  const rest: JsonObject = {};
  for (const [k, v] of Object.entries(asObject(probe))) if (!HANDLERS.includes(k as ProbeKind)) rest[k] = v;
  const handler: JsonObject =
    kind === "httpGet"
      ? { path: "/", port: defaultPort }
      : kind === "tcpSocket" || kind === "grpc"
        ? { port: defaultPort }
        : { command: ["sh", "-c", "true"] };
  return { [kind]: handler, ...rest };
}

export function numberOrUndefined(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** A port field: numbers stay numbers, names (``http``) stay strings. */
export function portValue(text: string): Json | undefined {
  if (text.trim() === "") return undefined;
  return /^\d+$/.test(text.trim()) ? Number(text) : text.trim();
}
