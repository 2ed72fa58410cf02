/** Kubernetes documentation for each inspector section. */

const BASE = "https://kubernetes.io/docs";

export const DOCS = {
  pod: `${BASE}/concepts/workloads/pods/`,
  namespaces: `${BASE}/tasks/configure-pod-container/share-process-namespace/`,
  container: `${BASE}/concepts/containers/`,
  init: `${BASE}/concepts/workloads/pods/init-containers/`,
  sidecar: `${BASE}/concepts/workloads/pods/sidecar-containers/`,
  command: `${BASE}/tasks/inject-data-application/define-command-argument-container/`,
  env: `${BASE}/tasks/inject-data-application/define-environment-variable-container/`,
  ports: `${BASE}/reference/kubernetes-api/workload-resources/pod-v1/#ports`,
  resources: `${BASE}/concepts/configuration/manage-resources-containers/`,
  probes: `${BASE}/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/`,
  lifecycle: `${BASE}/concepts/containers/container-lifecycle-hooks/`,
  security: `${BASE}/tasks/configure-pod-container/security-context/`,
  volumes: `${BASE}/concepts/storage/volumes/`,
  mounts: `${BASE}/concepts/storage/volumes/#using-subpath`,
  workloads: `${BASE}/concepts/workloads/`,
} as const;
