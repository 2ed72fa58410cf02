/** What the palette offers: container presets, a Pod, and volume types. */

import type { Role, Timings } from "./design";
import type { JsonObject } from "./json";

export type ContainerPreset = {
  key: string;
  label: string;
  description: string;
  role: Role;
  spec: JsonObject;
  timings: Timings;
};

const small = { requests: { cpu: "50m", memory: "32Mi" }, limits: { memory: "64Mi" } };

export const CONTAINER_PRESETS: readonly ContainerPreset[] = [
  {
    key: "nginx",
    label: "nginx",
    description: "Web server on port 80",
    role: "main",
    spec: {
      name: "nginx",
      image: "nginx:1.27",
      ports: [{ name: "http", containerPort: 80 }],
      readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 5 },
      resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } },
    },
    timings: { pull: 2, start: 0.5, ready_after: 1 },
  },
  {
    key: "tomcat",
    label: "tomcat",
    description: "Java servlet container on 8080",
    role: "main",
    spec: {
      name: "tomcat",
      image: "tomcat:10.1-jre17",
      ports: [{ name: "http", containerPort: 8080 }],
      readinessProbe: { httpGet: { path: "/", port: 8080 }, initialDelaySeconds: 5, periodSeconds: 5 },
      resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
    },
    timings: { pull: 6, start: 4, ready_after: 8 },
  },
  {
    key: "busybox",
    label: "busybox",
    description: "Tiny shell: copy files, wait for things",
    role: "init",
    spec: {
      name: "busybox",
      image: "busybox:1.36",
      command: ["sh", "-c", "echo preparing && sleep 2"],
      resources: small,
    },
    timings: { pull: 1, start: 0.2, run: 2 },
  },
  {
    key: "fluent-bit",
    label: "fluent-bit",
    description: "Log shipper",
    role: "sidecar",
    spec: {
      name: "fluent-bit",
      image: "fluent/fluent-bit:3.1",
      ports: [{ name: "metrics", containerPort: 2020 }],
      resources: small,
    },
    timings: { pull: 3, start: 0.5, ready_after: 1 },
  },
  {
    key: "envoy",
    label: "envoy",
    description: "Proxy the app reaches on localhost",
    role: "ambassador",
    spec: {
      name: "envoy",
      image: "envoyproxy/envoy:v1.31.2",
      ports: [{ name: "proxy", containerPort: 10000 }],
      resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } },
    },
    timings: { pull: 4, start: 1, ready_after: 1.5 },
  },
  {
    key: "redis",
    label: "redis",
    description: "In-memory store on 6379",
    role: "main",
    spec: {
      name: "redis",
      image: "redis:7.4",
      ports: [{ name: "redis", containerPort: 6379 }],
      resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "256Mi" } },
    },
    timings: { pull: 3, start: 0.5, ready_after: 1 },
  },
  {
    key: "blank",
    label: "blank container",
    description: "Start from scratch",
    role: "main",
    spec: { name: "app", image: "" },
    timings: {},
  },
];

export type VolumePreset = { key: string; label: string; description: string; spec: JsonObject; readOnly: boolean };

export const VOLUME_PRESETS: readonly VolumePreset[] = [
  { key: "emptyDir", label: "emptyDir", description: "Scratch space shared by the Pod's containers", spec: { name: "scratch", emptyDir: {} }, readOnly: false },
  {
    key: "emptyDir-memory",
    label: "emptyDir in memory",
    description: "tmpfs, counts against memory",
    spec: { name: "tmpfs", emptyDir: { medium: "Memory", sizeLimit: "64Mi" } },
    readOnly: false,
  },
  { key: "configMap", label: "configMap", description: "Configuration files", spec: { name: "config", configMap: { name: "app-config" } }, readOnly: true },
  { key: "secret", label: "secret", description: "Credentials as files", spec: { name: "secret", secret: { secretName: "app-secret" } }, readOnly: true },
  {
    key: "persistentVolumeClaim",
    label: "persistentVolumeClaim",
    description: "Storage that outlives the Pod",
    spec: { name: "data", persistentVolumeClaim: { claimName: "data" } },
    readOnly: false,
  },
  {
    key: "hostPath",
    label: "hostPath",
    description: "A node directory (risky)",
    spec: { name: "host-logs", hostPath: { path: "/var/log", type: "Directory" } },
    readOnly: true,
  },
  {
    key: "downwardAPI",
    label: "downwardAPI",
    description: "Pod labels and fields as files",
    spec: { name: "podinfo", downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] } },
    readOnly: true,
  },
  {
    key: "projected",
    label: "projected",
    description: "Several sources in one directory",
    spec: { name: "projected", projected: { sources: [{ serviceAccountToken: { path: "token", expirationSeconds: 3600 } }] } },
    readOnly: true,
  },
];

export const VOLUME_TYPES = [
  "emptyDir",
  "configMap",
  "secret",
  "persistentVolumeClaim",
  "hostPath",
  "downwardAPI",
  "projected",
  "nfs",
  "csi",
  "ephemeral",
  "image",
] as const;

/** The source type of a Volume spec ("emptyDir", "configMap", …) or "unknown". */
export function volumeType(spec: JsonObject): string {
  return Object.keys(spec).find((k) => k !== "name") ?? "unknown";
}

export type PaletteItem =
  | { kind: "pod" }
  | { kind: "container"; preset: string }
  | { kind: "volume"; preset: string };

export const PALETTE_MIME = "application/x-pod-designer";

export function encodePaletteItem(item: PaletteItem): string {
  return JSON.stringify(item);
}

export function decodePaletteItem(text: string): PaletteItem | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return null;
    const v = value as { kind?: unknown; preset?: unknown };
    if (v.kind === "pod") return { kind: "pod" };
    if ((v.kind === "container" || v.kind === "volume") && typeof v.preset === "string") {
      return { kind: v.kind, preset: v.preset };
    }
  } catch {
    return null;
  }
  return null;
}
