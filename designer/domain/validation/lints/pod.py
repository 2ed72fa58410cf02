"""The pod-level lints and ``lint_pod``, which runs them and then the container rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from designer.domain.validation.findings import Finding, fmt_value
from designer.domain.validation.lints.common import Out, PodFacts, as_list, as_map, confined
from designer.domain.validation.lints.containers import lint_container

_SENSITIVE_HOST_PATHS = frozenset({"/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr"})
_RUNTIME_SOCKETS = ("docker.sock", "containerd.sock", "crio.sock", "cri-dockerd.sock")
_UNSAFE_SYSCTL_PREFIXES = ("kernel.msg", "kernel.sem", "kernel.shm", "fs.mqueue.", "net.")
# The kubelet's safe sysctls (pkg/kubelet/sysctl/safe_sysctls.go) and the release that added each;
# any other sysctl needs --allowed-unsafe-sysctls on the node, or the kubelet rejects the Pod.
_SAFE_SYSCTLS: tuple[tuple[tuple[int, int], str], ...] = (
    ((1, 0), "kernel.shm_rmid_forced"),
    ((1, 0), "net.ipv4.ip_local_port_range"),
    ((1, 0), "net.ipv4.tcp_syncookies"),
    ((1, 18), "net.ipv4.ping_group_range"),
    ((1, 22), "net.ipv4.ip_unprivileged_port_start"),
    ((1, 27), "net.ipv4.ip_local_reserved_ports"),
    ((1, 29), "net.ipv4.tcp_keepalive_time"),
    ((1, 29), "net.ipv4.tcp_fin_timeout"),
    ((1, 29), "net.ipv4.tcp_keepalive_intvl"),
    ((1, 29), "net.ipv4.tcp_keepalive_probes"),
    ((1, 32), "net.ipv4.tcp_rmem"),
    ((1, 32), "net.ipv4.tcp_wmem"),
)
_JOB_KINDS = frozenset({"Job", "CronJob"})
_REPLICATED_KINDS = frozenset({"Deployment", "StatefulSet", "ReplicaSet"})


def _pod_level(
    pod: Mapping[str, Any],
    spec: Mapping[str, Any],
    version: tuple[int, int],
    workload_kind: str | None,
    linux: bool,
    out: Out,
) -> None:
    for field, rule in (("hostNetwork", "host-network"), ("hostPID", "host-pid"),
                        ("hostIPC", "host-ipc")):
        if spec.get(field) is True:
            out.add(rule, f"spec.{field}", f"shares the node's {field[4:]} namespace",
                    f"remove {field} unless the Pod is a node agent that needs it")
    if linux:
        safe = {sysctl for since, sysctl in _SAFE_SYSCTLS if version >= since}
        for k, sysctl in enumerate(as_list(as_map(spec.get("securityContext")).get("sysctls"))):
            name = as_map(sysctl).get("name")
            dotted = name.replace("/", ".") if isinstance(name, str) else ""
            if dotted.startswith(_UNSAFE_SYSCTL_PREFIXES) and dotted not in safe:
                out.add("unsafe-sysctl", f"spec.securityContext.sysctls[{k}].name",
                        f"{fmt_value(name)} is not a safe sysctl: the kubelet rejects "
                        "the Pod unless the node sets --allowed-unsafe-sysctls",
                        "drop it, or schedule onto nodes that allow it")
    account = spec.get("serviceAccount")
    if isinstance(account, str) and account:
        out.add("deprecated-service-account", "spec.serviceAccount",
                "serviceAccount is a deprecated alias", "use serviceAccountName")
    if (spec.get("serviceAccountName") or account) in (None, "", "default"):
        out.add("default-service-account", "spec.serviceAccountName",
                "runs as the namespace's default service account",
                "give the workload its own service account")
    if spec.get("automountServiceAccountToken") is not False:
        out.add("automount-service-account-token", "spec.automountServiceAccountToken",
                "mounts an API token into every container",
                "set automountServiceAccountToken: false unless it calls the API")
    if not spec.get("priorityClassName"):
        out.add("no-priority-class", "spec.priorityClassName", "has no priority class",
                "set priorityClassName to control preemption")
    if workload_kind in _REPLICATED_KINDS and not spec.get("topologySpreadConstraints") and not (
        as_map(as_map(spec.get("affinity")).get("podAntiAffinity"))
    ):
        out.add("no-pod-spread", "spec.topologySpreadConstraints",
                "replicas may all land on the same node",
                "add topologySpreadConstraints or a podAntiAffinity")
    namespace = as_map(pod.get("metadata")).get("namespace")
    if namespace in (None, "", "default"):
        out.add("default-namespace", "metadata.namespace",
                "goes to the default namespace", "set metadata.namespace")


def _host_path_volumes(spec: Mapping[str, Any], out: Out) -> set[str]:
    """Lint hostPath volumes; returns their names for the writable-mount rule."""
    names: set[str] = set()
    for k, volume in enumerate(as_list(spec.get("volumes"))):
        host = volume.get("hostPath") if isinstance(volume, dict) else None
        if host is None or not isinstance(host, dict):
            continue
        if isinstance(volume.get("name"), str):
            names.add(volume["name"])
        raw = host.get("path")
        if not isinstance(raw, str):
            continue
        normal, path = raw.rstrip("/") or "/", f"spec.volumes[{k}].hostPath.path"
        if normal.endswith(_RUNTIME_SOCKETS):
            out.add("docker-sock", path, f"mounts the container runtime socket "
                    f"{fmt_value(raw)}: full control of the node", "remove the volume")
        elif normal in _SENSITIVE_HOST_PATHS:
            out.add("sensitive-host-mount", path,
                    f"mounts the sensitive host directory {fmt_value(raw)}",
                    "remove the volume or mount a narrower path")
        else:
            out.add("host-path", path, f"mounts the host path {fmt_value(raw)}",
                    "prefer emptyDir, a ConfigMap or a PersistentVolumeClaim")
    return names


def lint_pod(
    pod: Mapping[str, Any],
    *,
    version: tuple[int, int],
    workload_kind: str | None = None,
    elements: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Best-practice warnings and infos for a raw (not defaulted) Pod manifest or Pod template.

    ``elements`` maps manifest paths to design elements (``ExportedPod.elements``): when given,
    the findings come pinned (``pin_path``)."""
    if not isinstance(pod, Mapping):
        return []
    spec = as_map(pod.get("spec"))
    out = Out(elements)
    linux = as_map(spec.get("os")).get("name") != "windows"
    _pod_level(pod, spec, version, workload_kind, linux, out)
    host_paths = _host_path_volumes(spec, out)
    pod_sc = as_map(spec.get("securityContext"))
    annotations = as_map(as_map(pod.get("metadata")).get("annotations"))
    probes = workload_kind not in _JOB_KINDS and spec.get("restartPolicy") in (None, "Always")
    pod_resources = as_map(spec.get("resources"))
    pod_set = {*as_map(pod_resources.get("requests")), *as_map(pod_resources.get("limits"))}
    # What the containers' rules read from the Pod, looked up once.
    facts = PodFacts(
        pod_set,
        host_paths,
        annotations,
        spec.get("hostUsers") is False,
        pod_sc.get("runAsUser"),
        pod_sc.get("runAsGroup"),
        pod_sc.get("runAsNonRoot"),
        confined(pod_sc, "seccompProfile"),
        confined(pod_sc, "appArmorProfile"),
        bool(as_map(pod_sc.get("seLinuxOptions"))),
    )
    # App containers, then init containers and sidecars (only sidecars get the probe rules).
    containers = spec.get("containers")
    if isinstance(containers, list):
        for i, container in enumerate(containers):
            if isinstance(container, dict):
                lint_container(f"spec.containers[{i}]", container, probes, linux, facts, out)
    containers = spec.get("initContainers")
    if isinstance(containers, list):
        for i, container in enumerate(containers):
            if isinstance(container, dict):
                lint_container(f"spec.initContainers[{i}]", container,
                               probes and container.get("restartPolicy") == "Always", linux,
                               facts, out)
    return out.findings
