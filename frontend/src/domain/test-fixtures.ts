/** Design documents for tests: built by hand, in the shape the server sends. */

import type { DesignDocument, PodDoc } from "./design";
import { podGeometry } from "./layout";

/** The WAR + Tomcat Pod with every kind of detail the mapping must keep. */
export function warTomcat(): DesignDocument {
  const pod: PodDoc = {
    id: "pod-1",
    metadata: { name: "web", labels: { app: "web" }, annotations: { "example.org/keep": "yes" } },
    spec: { restartPolicy: "Always", shareProcessNamespace: true, priorityClassName: "high", "x-unknown": { nested: [1, 2] } },
    containers: [
      {
        id: "c-war",
        role: "init",
        native: null,
        spec: { name: "war", image: "busybox:1.36", command: ["sh", "-c", "cp /app.war /work/"], futureField: true },
        notes: "copies the WAR",
        timings: { pull: 1, run: 2 },
      },
      {
        id: "c-tomcat",
        role: "main",
        native: null,
        spec: { name: "tomcat", image: "tomcat:10.1-jre17", ports: [{ containerPort: 8080 }] },
        notes: "",
        timings: {},
      },
      {
        id: "c-log",
        role: "sidecar",
        native: true,
        spec: { name: "log", image: "fluent/fluent-bit:3.1" },
        notes: "",
        timings: {},
      },
    ],
    volumes: [{ id: "v-war", spec: { name: "war", emptyDir: {} } }],
    mounts: [
      { id: "m-1", container: "c-war", volume: "v-war", spec: { mountPath: "/work" } },
      { id: "m-2", container: "c-tomcat", volume: null, spec: { name: "gone", mountPath: "/gone" } },
      { id: "m-3", container: "c-tomcat", volume: "v-war", spec: { mountPath: "/usr/local/tomcat/webapps", readOnly: true } },
    ],
    workload: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 2 } },
    notes: "pod notes",
  };
  const g = podGeometry(pod);
  const layout: DesignDocument["layout"] = { "pod-1": { x: 40, y: 60, width: g.width, height: g.height } };
  for (const [id, slot] of g.slots) layout[id] = { x: slot.x, y: slot.y };
  return {
    schema_version: 1,
    kubernetes_version: "1.33",
    pods: [pod],
    extra_documents: [{ position: 1, manifest: { apiVersion: "v1", kind: "Service", metadata: { name: "web" } } }],
    list: null,
    layout,
  };
}

export function twoPods(): DesignDocument {
  const base = warTomcat();
  const first = base.pods[0];
  if (!first) throw new Error("fixture has a pod");
  const second: PodDoc = {
    id: "pod-2",
    metadata: { name: "cache" },
    spec: {},
    containers: [{ id: "c-redis", role: "main", native: null, spec: { name: "redis", image: "redis:7.4" }, notes: "", timings: {} }],
    volumes: [{ id: "v-data", spec: { name: "data", emptyDir: {} } }],
    mounts: [],
    workload: null,
    notes: "",
  };
  return { ...base, pods: [first, second], layout: { ...base.layout, "pod-2": { x: 900, y: 60 } } };
}
