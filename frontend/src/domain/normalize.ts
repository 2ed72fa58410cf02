/** Turn JSON from the server or localStorage into a design document, filling optional parts. */

import { type ContainerDoc, type DesignDocument, DEFAULT_VERSION, type LayoutBox, type MountDoc, type PodDoc, ROLES, type Role, type Timings, type VolumeDoc } from "./design";
import { type JsonObject, asObject, isObject } from "./json";

export class DocumentShapeError extends Error {}

function list(value: unknown, where: string): JsonObject[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isObject)) throw new DocumentShapeError(`${where} must be a list of objects`);
  return value;
}

function id(value: unknown, where: string): string {
  if (typeof value !== "string" || !value) throw new DocumentShapeError(`${where} needs an id`);
  return value;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function container(raw: JsonObject, where: string): ContainerDoc {
  const role = raw["role"];
  if (typeof role !== "string" || !ROLES.includes(role as Role)) throw new DocumentShapeError(`${where}: unknown role ${String(role)}`);
  const native = raw["native"];
  return {
    ...raw,
    id: id(raw["id"], where),
    role: role as Role,
    native: typeof native === "boolean" ? native : null,
    spec: asObject(raw["spec"]),
    notes: text(raw["notes"]),
    timings: asObject(raw["timings"]) as Timings,
  };
}

function pod(raw: JsonObject, i: number): PodDoc {
  const where = `pods[${i}]`;
  const volumes: VolumeDoc[] = list(raw["volumes"], `${where}.volumes`).map((v, j) => ({
    ...v,
    id: id(v["id"], `${where}.volumes[${j}]`),
    spec: asObject(v["spec"]),
  }));
  const mounts: MountDoc[] = list(raw["mounts"], `${where}.mounts`).map((m, j) => ({
    ...m,
    id: id(m["id"], `${where}.mounts[${j}]`),
    container: id(m["container"], `${where}.mounts[${j}].container`),
    volume: typeof m["volume"] === "string" ? m["volume"] : null,
    spec: asObject(m["spec"]),
  }));
  return {
    ...raw,
    id: id(raw["id"], where),
    metadata: asObject(raw["metadata"]),
    spec: asObject(raw["spec"]),
    containers: list(raw["containers"], `${where}.containers`).map((c, j) => container(c, `${where}.containers[${j}]`)),
    volumes,
    mounts,
    workload: isObject(raw["workload"]) ? raw["workload"] : null,
    notes: text(raw["notes"]),
  };
}

function layout(value: unknown): Record<string, LayoutBox> {
  const out: Record<string, LayoutBox> = {};
  for (const [key, box] of Object.entries(asObject(value))) {
    if (!isObject(box)) continue;
    const entry: LayoutBox = {};
    for (const k of ["x", "y", "width", "height"] as const) {
      const v = box[k];
      if (typeof v === "number" && Number.isFinite(v)) entry[k] = v;
    }
    out[key] = entry;
  }
  return out;
}

/** A design document from untrusted JSON (throws DocumentShapeError when it is not one). */
export function normalizeDesign(value: unknown): DesignDocument {
  if (!isObject(value)) throw new DocumentShapeError("a design document is a JSON object");
  const version = value["kubernetes_version"];
  return {
    ...value,
    schema_version: 1,
    kubernetes_version: typeof version === "string" && version ? version : DEFAULT_VERSION,
    pods: list(value["pods"], "pods").map(pod),
    extra_documents: list(value["extra_documents"], "extra_documents").map((e) => ({
      position: typeof e["position"] === "number" ? e["position"] : 0,
      manifest: asObject(e["manifest"]),
    })),
    list: isObject(value["list"]) ? value["list"] : null,
    layout: layout(value["layout"]),
  };
}
