"""Best-practice lints for a Pod (pod-rules.md section C): kube-linter, Polaris, kube-score.

None of these is an API error. The API layer owns duplicate env names, named probe ports, unused
volumes, runAsNonRoot with UID 0 and sidecars below 1.29, so they are not repeated here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from designer.domain.quantity import parse_quantity
from designer.domain.validation.findings import Finding, Severity, fmt_value

_W: Severity = "warning"
_I: Severity = "info"

# Rule -> (severity proposed in section C, kube-linter id, Polaris id, kube-score id).
_RULES: dict[str, tuple[Severity, str, str, str]] = {
    "latest-tag": (_W, "latest-tag", "tagNotSpecified", "container-image-tag"),
    "pull-policy-not-always": (_I, "", "pullPolicyNotAlways", "container-image-pull-policy"),
    "missing-cpu-request": (
        _W, "unset-cpu-requirements", "cpuRequestsMissing", "container-resources"),
    "missing-cpu-limit": (_I, "", "cpuLimitsMissing", "container-resources"),
    "missing-memory-request": (
        _W, "unset-memory-requirements", "memoryRequestsMissing", "container-resources"),
    "missing-memory-limit": (
        _W, "unset-memory-requirements", "memoryLimitsMissing", "container-resources"),
    "requests-not-equal-limits": (_I, "", "", "container-resource-requests-equal-limits"),
    "missing-ephemeral-storage": (
        _I, "", "", "container-ephemeral-storage-request-and-limit"),
    "run-as-root": (
        _W, "run-as-non-root", "runAsRootAllowed", "container-security-context-user-group-id"),
    "writable-root-fs": (_W, "no-read-only-root-fs", "notReadOnlyRootFilesystem",
                         "container-security-context-readonlyrootfilesystem"),
    "privileged-container": (
        _W, "privileged-container", "runAsPrivileged", "container-security-context-privileged"),
    "privilege-escalation": (
        _W, "privilege-escalation-container", "privilegeEscalationAllowed", ""),
    "dangerous-capability": (
        _W, "privilege-escalation-container", "dangerousCapabilities", ""),
    "net-raw-not-dropped": (_W, "drop-net-raw-capability", "insecureCapabilities", ""),
    "host-network": (_W, "host-network", "hostNetworkSet", ""),
    "host-pid": (_W, "host-pid", "hostPIDSet", ""),
    "host-ipc": (_W, "host-ipc", "hostIPCSet", ""),
    "host-port": (_W, "", "hostPortSet", ""),
    "privileged-port": (_W, "privileged-ports", "", ""),
    "ssh-port": (_W, "ssh-port", "", ""),
    "host-path": (_W, "", "hostPathSet", ""),
    "sensitive-host-mount": (_W, "sensitive-host-mounts", "hostPathSet", ""),
    "docker-sock": (_W, "docker-sock", "hostPathSet", ""),
    "writable-host-mount": (_W, "writable-host-mount", "hostPathSet", ""),
    "unmasked-proc-mount": (_W, "unsafe-proc-mount", "procMount", ""),
    "unsafe-sysctl": (_W, "unsafe-sysctls", "", ""),
    "no-linux-hardening": (_I, "", "linuxHardening", "container-seccomp-profile"),
    "missing-liveness-probe": (_W, "no-liveness-probe", "livenessProbeMissing", "pod-probes"),
    "missing-readiness-probe": (_W, "no-readiness-probe", "readinessProbeMissing", "pod-probes"),
    "identical-probes": (_W, "", "", "pod-probes-identical"),
    "probe-port-not-declared": (_I, "liveness-port, readiness-port, startup-port", "", ""),
    "secret-in-env": (_W, "env-var-secret", "sensitiveContainerEnvVar", ""),
    "deprecated-service-account": (_I, "deprecated-service-account-field", "", ""),
    "default-service-account": (_I, "default-service-account", "", ""),
    "automount-service-account-token": (_I, "", "automountServiceAccountToken", ""),
    "no-priority-class": (_I, "priority-class-name", "priorityClassNotSet", ""),
    "no-pod-spread": (
        _I, "no-anti-affinity", "topologySpreadConstraint", "pod-topology-spread-constraints"),
    "default-namespace": (_I, "use-namespace", "", ""),
}
# Rule id -> (severity, "kube-linter: … · Polaris: … · kube-score: …"), e.g. for a rules page.
LINT_RULES: dict[str, tuple[Severity, str]] = {
    f"lint.{name}": (severity, " · ".join(
        f"{tool}: {check}" for tool, check in
        (("kube-linter", linter), ("Polaris", polaris), ("kube-score", score)) if check
    ))
    for name, (severity, linter, polaris, score) in _RULES.items()
}
_EQUAL_LIMITS = {
    "cpu": "container-cpu-requests-equal-limits",
    "memory": "container-memory-requests-equal-limits",
    "ephemeral-storage": "container-ephemeral-storage-request-equals-limit",
}
_SENSITIVE_HOST_PATHS = frozenset({"/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr"})
_RUNTIME_SOCKETS = ("docker.sock", "containerd.sock", "crio.sock", "cri-dockerd.sock")
_DANGEROUS_CAPS = frozenset({"ALL", "SYS_ADMIN", "NET_ADMIN"})
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
# Polaris' sensitiveContainerEnvVar names (kube-linter's env-var-secret only looks for "secret").
_SECRET_NAME = re.compile(
    r"password|passwd|token|bearer|secret|^aws_secret_access_key$|^google_application_credentials$"
    r"|^azure_.+key$|^oci_cli_key_content$",
    re.IGNORECASE,
)
_PRIVATE_KEY = re.compile(r"-BEGIN\s+.*PRIVATE KEY-", re.IGNORECASE)
_EMPTY: Mapping[str, Any] = {}
_SCALARS = (str, int, float)
_JOB_KINDS = frozenset({"Job", "CronJob"})
_REPLICATED_KINDS = frozenset({"Deployment", "StatefulSet", "ReplicaSet"})
_HANDLERS = ("exec", "httpGet", "tcpSocket", "grpc")


@lru_cache(maxsize=8192)  # findings are immutable, and an edited design re-lints mostly the same
def _lint(name: str, path: str, message: str, advice: str) -> Finding:
    rule = f"lint.{name}"
    severity, tools = LINT_RULES[rule]
    return Finding(severity, rule, path, message, f"{advice}. {tools}")


def _map(value: object) -> Mapping[str, Any]:
    # dict, not Mapping: manifests come from JSON/YAML, and the ABC check costs several times more.
    return value if isinstance(value, dict) else _EMPTY


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@lru_cache(maxsize=1024)
def _differ(request: str | int | float, limit: str | int | float) -> bool:
    """Whether two quantities differ ("1" and "1000m" do not); False if either is unreadable."""
    try:
        return parse_quantity(request) != parse_quantity(limit)
    except (ValueError, ArithmeticError):  # the schema layer reports unreadable quantities
        return False


def lint_pod(
    pod: Mapping[str, Any], *, version: tuple[int, int], workload_kind: str | None = None
) -> list[Finding]:
    """Best-practice warnings and infos for a raw (not defaulted) Pod manifest or Pod template."""
    if not isinstance(pod, Mapping):
        return []
    spec = _map(pod.get("spec"))
    out: list[Finding] = []
    linux = _map(spec.get("os")).get("name") != "windows"
    _pod_level(pod, spec, version, workload_kind, linux, out)
    host_paths = _host_path_volumes(spec, out)
    pod_sc = _map(spec.get("securityContext"))
    annotations = _map(_map(pod.get("metadata")).get("annotations"))
    probes = workload_kind not in _JOB_KINDS and spec.get("restartPolicy") in (None, "Always")
    pod_resources = _map(spec.get("resources"))
    pod_set = {*_map(pod_resources.get("requests")), *_map(pod_resources.get("limits"))}
    user_namespace = spec.get("hostUsers") is False
    for path, container, probed in _containers(spec):
        _image(path, container, out)
        _resources(path, container, pod_set, out)
        if linux:
            _security(path, container, pod_sc, user_namespace, out)
            _hardening(path, container, pod_sc, annotations, out)
        _ports(path, container, out)
        _mounts(path, container, host_paths, out)
        _env(path, container, out)
        if probed and probes:
            _probes(path, container, out)
    return out


def _containers(spec: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any], bool]]:
    """(path, container, gets probe rules) for app containers, then init containers and sidecars."""
    for i, container in enumerate(_list(spec.get("containers"))):
        if isinstance(container, dict):
            yield f"spec.containers[{i}]", container, True
    for i, container in enumerate(_list(spec.get("initContainers"))):
        if isinstance(container, dict):
            yield f"spec.initContainers[{i}]", container, container.get("restartPolicy") == "Always"


def _pod_level(
    pod: Mapping[str, Any],
    spec: Mapping[str, Any],
    version: tuple[int, int],
    workload_kind: str | None,
    linux: bool,
    out: list[Finding],
) -> None:
    for field, rule in (("hostNetwork", "host-network"), ("hostPID", "host-pid"),
                        ("hostIPC", "host-ipc")):
        if spec.get(field) is True:
            out.append(_lint(rule, f"spec.{field}", f"shares the node's {field[4:]} namespace",
                             f"remove {field} unless the Pod is a node agent that needs it"))
    if linux:
        safe = {sysctl for since, sysctl in _SAFE_SYSCTLS if version >= since}
        for k, sysctl in enumerate(_list(_map(spec.get("securityContext")).get("sysctls"))):
            name = _map(sysctl).get("name")
            dotted = name.replace("/", ".") if isinstance(name, str) else ""
            if dotted.startswith(_UNSAFE_SYSCTL_PREFIXES) and dotted not in safe:
                out.append(_lint("unsafe-sysctl", f"spec.securityContext.sysctls[{k}].name",
                                 f"{fmt_value(name)} is not a safe sysctl: the kubelet rejects "
                                 "the Pod unless the node sets --allowed-unsafe-sysctls",
                                 "drop it, or schedule onto nodes that allow it"))
    account = spec.get("serviceAccount")
    if isinstance(account, str) and account:
        out.append(_lint("deprecated-service-account", "spec.serviceAccount",
                         "serviceAccount is a deprecated alias", "use serviceAccountName"))
    if (spec.get("serviceAccountName") or account) in (None, "", "default"):
        out.append(_lint("default-service-account", "spec.serviceAccountName",
                         "runs as the namespace's default service account",
                         "give the workload its own service account"))
    if spec.get("automountServiceAccountToken") is not False:
        out.append(_lint("automount-service-account-token", "spec.automountServiceAccountToken",
                         "mounts an API token into every container",
                         "set automountServiceAccountToken: false unless it calls the API"))
    if not spec.get("priorityClassName"):
        out.append(_lint("no-priority-class", "spec.priorityClassName", "has no priority class",
                         "set priorityClassName to control preemption"))
    if workload_kind in _REPLICATED_KINDS and not spec.get("topologySpreadConstraints") and not (
        _map(_map(spec.get("affinity")).get("podAntiAffinity"))
    ):
        out.append(_lint("no-pod-spread", "spec.topologySpreadConstraints",
                         "replicas may all land on the same node",
                         "add topologySpreadConstraints or a podAntiAffinity"))
    namespace = _map(pod.get("metadata")).get("namespace")
    if namespace in (None, "", "default"):
        out.append(_lint("default-namespace", "metadata.namespace",
                         "goes to the default namespace", "set metadata.namespace"))


def _host_path_volumes(spec: Mapping[str, Any], out: list[Finding]) -> set[str]:
    """Lint hostPath volumes; returns their names for the writable-mount rule."""
    names: set[str] = set()
    for k, volume in enumerate(_list(spec.get("volumes"))):
        host = _map(volume).get("hostPath")
        if not isinstance(host, dict):
            continue
        if isinstance(volume.get("name"), str):
            names.add(volume["name"])
        raw = host.get("path")
        if not isinstance(raw, str):
            continue
        normal, path = raw.rstrip("/") or "/", f"spec.volumes[{k}].hostPath.path"
        if normal.endswith(_RUNTIME_SOCKETS):
            out.append(_lint("docker-sock", path, f"mounts the container runtime socket "
                             f"{fmt_value(raw)}: full control of the node", "remove the volume"))
        elif normal in _SENSITIVE_HOST_PATHS:
            out.append(_lint("sensitive-host-mount", path,
                             f"mounts the sensitive host directory {fmt_value(raw)}",
                             "remove the volume or mount a narrower path"))
        else:
            out.append(_lint("host-path", path, f"mounts the host path {fmt_value(raw)}",
                             "prefer emptyDir, a ConfigMap or a PersistentVolumeClaim"))
    return names


def _image(path: str, container: Mapping[str, Any], out: list[Finding]) -> None:
    image = container.get("image")
    if not isinstance(image, str) or not image.strip():
        return
    image = image.strip()
    pinned = "@" in image
    last = image.rsplit("/", 1)[-1]  # a registry port (host:5000/app) is not a tag
    floating = not pinned and (":" not in last or last.rsplit(":", 1)[1] == "latest")
    if floating:
        what = "has no tag" if ":" not in last else "uses the latest tag"
        out.append(_lint("latest-tag", f"{path}.image", f"image {fmt_value(image)} {what}",
                         "pin a version tag or a digest (@sha256:…)"))
    policy = container.get("imagePullPolicy") or ("Always" if floating else "IfNotPresent")
    if policy in ("IfNotPresent", "Never") and not pinned:
        out.append(_lint("pull-policy-not-always", f"{path}.imagePullPolicy",
                         f"imagePullPolicy is {policy}: a re-pushed tag is not picked up",
                         "use Always, or pin the image by digest"))


def _resources(
    path: str, container: Mapping[str, Any], pod_set: set[str], out: list[Finding]
) -> None:
    resources = _map(container.get("resources"))
    requests = _map(resources.get("requests"))
    limits = _map(resources.get("limits"))
    for resource in ("cpu", "memory"):
        if resource in pod_set:
            continue  # pod-level resources (PodLevelResources) cover it
        has_limit = limits.get(resource) is not None
        # Requests default to limits, so a limit alone sets the request too.
        if requests.get(resource) is None and not has_limit:
            out.append(_lint(f"missing-{resource}-request", path, f"no {resource} request: "
                             "the scheduler cannot place it reliably",
                             f"set resources.requests.{resource}"))
        if not has_limit:
            out.append(_lint(f"missing-{resource}-limit", path, f"no {resource} limit",
                             f"set resources.limits.{resource}"))
    if limits.get("ephemeral-storage") is None:
        out.append(_lint("missing-ephemeral-storage", path,
                         "no ephemeral-storage limit: it may fill the node's disk",
                         "set an ephemeral-storage request and limit"))
    unequal = []
    for resource in ("cpu", "memory", "ephemeral-storage"):
        request, limit = requests.get(resource), limits.get(resource)
        if type(request) in _SCALARS and type(limit) in _SCALARS and _differ(request, limit):
            unequal.append((resource, request, limit))
    if unequal:
        out.append(_lint(
            "requests-not-equal-limits", f"{path}.resources",
            "; ".join(f"{r} request {req} ≠ limit {lim}" for r, req, lim in unequal)
            + ": not in the Guaranteed QoS class",
            "set requests = limits if it needs Guaranteed QoS ("
            + ", ".join(_EQUAL_LIMITS[r] for r, _, _ in unequal) + ")",
        ))


def _capabilities(values: object) -> list[tuple[int, str]]:
    return [(j, cap.strip().upper().removeprefix("CAP_"))
            for j, cap in enumerate(_list(values)) if isinstance(cap, str)]


def _security(
    path: str,
    container: Mapping[str, Any],
    pod_sc: Mapping[str, Any],
    user_namespace: bool,
    out: list[Finding],
) -> None:
    sc = _map(container.get("securityContext"))
    sc_path = f"{path}.securityContext"
    user = sc.get("runAsUser")
    user = pod_sc.get("runAsUser") if user is None else user
    group = sc.get("runAsGroup")
    group = pod_sc.get("runAsGroup") if group is None else group
    non_root = sc.get("runAsNonRoot")
    non_root = pod_sc.get("runAsNonRoot") if non_root is None else non_root
    if _int(group) == 0:
        out.append(_lint("run-as-root", sc_path, "runs with the root group (runAsGroup: 0)",
                         "set runAsGroup to a non-zero GID"))
    # runAsNonRoot: true with runAsUser: 0 is the API layer's error, not a lint.
    if (_int(user) or 0) < 1 and non_root is not True:
        out.append(_lint("run-as-root", sc_path, "may run as root",
                         "set runAsNonRoot: true and a runAsUser ≥ 1 (kube-score wants ≥ 10000)"))
    if sc.get("readOnlyRootFilesystem") is not True:
        out.append(_lint("writable-root-fs", sc_path, "the root filesystem is writable",
                         "set readOnlyRootFilesystem: true and mount an emptyDir where it writes"))
    if sc.get("privileged") is True:
        out.append(_lint("privileged-container", f"{sc_path}.privileged",
                         "runs privileged: full access to the node",
                         "remove privileged; add only the capabilities it needs"))
    if sc.get("allowPrivilegeEscalation") is not False:
        out.append(_lint("privilege-escalation", sc_path,
                         "allows privilege escalation (the default when unset)",
                         "set allowPrivilegeEscalation: false"))
    caps = _map(sc.get("capabilities"))
    added = _capabilities(caps.get("add"))
    for j, cap in added:
        if cap in _DANGEROUS_CAPS:
            out.append(_lint("dangerous-capability", f"{sc_path}.capabilities.add[{j}]",
                             f"adds the dangerous capability {cap}",
                             "add only narrow capabilities such as NET_BIND_SERVICE"))
    raw_added = next((j for j, cap in added if cap == "NET_RAW"), None)
    if raw_added is not None:
        out.append(_lint("net-raw-not-dropped", f"{sc_path}.capabilities.add[{raw_added}]",
                         "adds NET_RAW: raw sockets allow spoofing", "remove NET_RAW"))
    elif not {cap for _, cap in _capabilities(caps.get("drop"))} & {"ALL", "NET_RAW"}:
        out.append(_lint("net-raw-not-dropped", sc_path,
                         "keeps NET_RAW and the runtime's other default capabilities",
                         'drop ["ALL"] and add back only what it needs'))
    if sc.get("procMount") == "Unmasked" and user_namespace:
        # Without a user namespace the API rejects Unmasked itself (A.11).
        out.append(_lint("unmasked-proc-mount", f"{sc_path}.procMount", "/proc is not masked",
                         "use procMount: Default"))


def _confined(sc: Mapping[str, Any], key: str) -> bool | None:
    kind = _map(sc.get(key)).get("type")
    return None if not kind else bool(kind != "Unconfined")


def _hardening(
    path: str,
    container: Mapping[str, Any],
    pod_sc: Mapping[str, Any],
    annotations: Mapping[str, Any],
    out: list[Finding],
) -> None:
    """Polaris' linuxHardening: seccomp, AppArmor, SELinux or dropped capabilities."""
    sc = _map(container.get("securityContext"))
    for key in ("seccompProfile", "appArmorProfile"):
        own = _confined(sc, key)
        if own or (own is None and _confined(pod_sc, key)):
            return
    if _map(sc.get("seLinuxOptions")) or _map(pod_sc.get("seLinuxOptions")):
        return
    if _list(_map(sc.get("capabilities")).get("drop")):
        return
    name = container.get("name")
    if f"container.apparmor.security.beta.kubernetes.io/{name}" in annotations:
        return
    out.append(_lint("no-linux-hardening", f"{path}.securityContext",
                     "no seccomp, AppArmor or SELinux profile and no dropped capabilities",
                     "set seccompProfile.type: RuntimeDefault (pod or container level)"))


def _ports(path: str, container: Mapping[str, Any], out: list[Finding]) -> None:
    for k, port in enumerate(_list(container.get("ports"))):
        port = _map(port)
        host_port = _int(port.get("hostPort"))
        if host_port is not None and host_port > 0:
            out.append(_lint("host-port", f"{path}.ports[{k}].hostPort",
                             f"binds host port {host_port}: one such Pod per node",
                             "remove hostPort and expose it with a Service"))
        number = _int(port.get("containerPort"))
        if number == 22:
            out.append(_lint("ssh-port", f"{path}.ports[{k}].containerPort",
                             "exposes port 22 (SSH)", "use kubectl exec instead of SSH"))
        elif number is not None and 0 < number < 1024:
            out.append(_lint("privileged-port", f"{path}.ports[{k}].containerPort",
                             f"uses privileged port {number}",
                             "listen on a port ≥ 1024 and map it in the Service"))


def _mounts(
    path: str, container: Mapping[str, Any], host_paths: set[str], out: list[Finding]
) -> None:
    if not host_paths:
        return
    for j, mount in enumerate(_list(container.get("volumeMounts"))):
        mount = _map(mount)
        name = mount.get("name")
        if isinstance(name, str) and name in host_paths and mount.get("readOnly") is not True:
            out.append(_lint("writable-host-mount", f"{path}.volumeMounts[{j}]",
                             f"mounts host path volume {fmt_value(name)} writable",
                             "set readOnly: true"))


def _env(path: str, container: Mapping[str, Any], out: list[Finding]) -> None:
    for k, env in enumerate(_list(container.get("env"))):
        env = _map(env)
        name, value = env.get("name"), env.get("value")
        if not isinstance(value, str) or not value or not isinstance(name, str):
            continue
        if _SECRET_NAME.search(name) or _PRIVATE_KEY.search(value):
            out.append(_lint("secret-in-env", f"{path}.env[{k}].value",
                             f"{fmt_value(name)} looks like a secret written in plain text",
                             "read it from a Secret (valueFrom.secretKeyRef or a volume)"))


def _probes(path: str, container: Mapping[str, Any], out: list[Finding]) -> None:
    liveness = container.get("livenessProbe")
    readiness = container.get("readinessProbe")
    if liveness is None:
        out.append(_lint("missing-liveness-probe", path, "has no liveness probe",
                         "add a livenessProbe so a hung process gets restarted"))
    if readiness is None:
        out.append(_lint("missing-readiness-probe", path, "has no readiness probe",
                         "add a readinessProbe so traffic waits until it is ready"))
    if isinstance(liveness, dict) and isinstance(readiness, dict):
        # More than one handler is an API error, so the first one decides.
        handler = next(filter(liveness.get, _HANDLERS), None)
        if handler is not None and liveness[handler] == readiness.get(handler):
            out.append(_lint("identical-probes", f"{path}.livenessProbe",
                             "liveness and readiness probes are identical: an overloaded "
                             "container gets restarted instead of taken out of rotation",
                             "make the liveness check cheaper or more lenient"))
    declared: set[object] | None = None
    for probe_name in ("livenessProbe", "readinessProbe", "startupProbe"):
        probe = container.get(probe_name)
        if not isinstance(probe, dict):
            continue
        for handler in ("httpGet", "tcpSocket", "grpc"):
            # Named ports are the API layer's (A.7); a numeric one is fine but worth a note.
            port = _int(_map(probe.get(handler)).get("port"))
            if port is None:
                continue
            if declared is None:
                declared = {p.get("containerPort") for p in map(_map, _list(container.get("ports")))
                            if p.get("protocol") in (None, "", "TCP")}
            if port not in declared:
                out.append(_lint("probe-port-not-declared", f"{path}.{probe_name}.{handler}.port",
                                 f"probes port {port}, which the container does not declare",
                                 "declare it in ports[] (and the probe can use its name)"))
