/** The design document (docs/design-document.md, schema_version 1) as TypeScript types. */

import type { JsonObject } from "./json";

export type Role = "main" | "init" | "sidecar" | "ambassador" | "adapter";
export const ROLES: readonly Role[] = ["main", "init", "sidecar", "ambassador", "adapter"];
export const HELPER_ROLES: ReadonlySet<Role> = new Set<Role>(["sidecar", "ambassador", "adapter"]);

export type TimingKey = "pull" | "start" | "run" | "post_start" | "pre_stop" | "stop" | "ready_after" | "exit_code";
export type Timings = Partial<Record<TimingKey, number>>;

export type ContainerDoc = {
  id: string;
  role: Role;
  native: boolean | null;
  spec: JsonObject;
  notes: string;
  timings: Timings;
};

export type VolumeDoc = { id: string; spec: JsonObject };

export type MountDoc = { id: string; container: string; volume: string | null; spec: JsonObject };

export type PodDoc = {
  id: string;
  metadata: JsonObject;
  spec: JsonObject;
  containers: ContainerDoc[];
  volumes: VolumeDoc[];
  mounts: MountDoc[];
  workload: JsonObject | null;
  notes: string;
};

export type LayoutBox = { x?: number; y?: number; width?: number; height?: number };

export type ExtraDocument = { position: number; manifest: JsonObject };

export type DesignDocument = {
  schema_version: 1;
  kubernetes_version: string;
  pods: PodDoc[];
  extra_documents: ExtraDocument[];
  list: JsonObject | null;
  layout: Record<string, LayoutBox>;
};

export const DEFAULT_VERSION = "1.33";

export function emptyDesign(version: string = DEFAULT_VERSION): DesignDocument {
  return { schema_version: 1, kubernetes_version: version, pods: [], extra_documents: [], list: null, layout: {} };
}

export function podName(pod: Pick<PodDoc, "metadata" | "id" | "workload">): string {
  const name = pod.metadata["name"];
  if (typeof name === "string" && name) return name;
  const wmeta = pod.workload?.["metadata"];
  if (wmeta && typeof wmeta === "object" && !Array.isArray(wmeta) && typeof wmeta["name"] === "string") {
    return wmeta["name"];
  }
  return pod.id;
}

export function containerName(c: Pick<ContainerDoc, "spec" | "id">): string {
  const name = c.spec["name"];
  return typeof name === "string" && name ? name : c.id;
}

export function volumeName(v: Pick<VolumeDoc, "spec" | "id">): string {
  const name = v.spec["name"];
  return typeof name === "string" && name ? name : v.id;
}

/** Every element id in use: pods, containers, volumes and mounts share one namespace. */
export function allIds(doc: DesignDocument): Set<string> {
  const ids = new Set<string>();
  for (const pod of doc.pods) {
    ids.add(pod.id);
    for (const c of pod.containers) ids.add(c.id);
    for (const v of pod.volumes) ids.add(v.id);
    for (const m of pod.mounts) ids.add(m.id);
  }
  return ids;
}
