"""Best-practice lints for a Pod (pod-rules.md section C): kube-linter, Polaris, kube-score.

None of these is an API error. The API layer owns duplicate env names, named probe ports, unused
volumes, runAsNonRoot with UID 0 and sidecars below 1.29, so they are not repeated here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from designer.domain.quantity import parse_quantity
from designer.domain.validation.findings import Finding, Severity, fmt_value, pin_path

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
def _lint(name: str, path: str, message: str, advice: str, element: str | None) -> Finding:
    rule = f"lint.{name}"
    severity, tools = LINT_RULES[rule]
    return Finding(severity, rule, path, message, f"{advice}. {tools}", "", element)


class _Out:
    """The findings of one ``lint_pod`` call. Given the design ``elements`` of the manifest's
    paths, each is pinned (``pin_path``) as it is made, which spares the caller re-creating every
    finding to pin it."""

    __slots__ = ("findings", "elements", "bases")

    def __init__(self, elements: Mapping[str, str] | None) -> None:
        self.findings: list[Finding] = []
        self.elements = elements
        self.bases: dict[str, str] = {}  # container path -> its element

    def add(self, name: str, path: str, message: str, advice: str) -> None:
        elements = self.elements
        element = None if elements is None else pin_path(elements, path)
        self.findings.append(_lint(name, path, message, advice, element))

    def add_at(self, name: str, base: str, field: str, message: str, advice: str) -> None:
        """``add`` for the path ``base + field``, where ``field`` is "" or one ``.name``
        segment: its element is that path's own, else the base's (looked up once per base)."""
        path = base + field if field else base
        elements = self.elements
        element = None
        if elements is not None:
            if field:
                element = elements.get(path)
            if element is None:
                element = self.bases.get(base)
                if element is None:
                    element = self.bases[base] = pin_path(elements, base)
        self.findings.append(_lint(name, path, message, advice, element))


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


def _pod_level(
    pod: Mapping[str, Any],
    spec: Mapping[str, Any],
    version: tuple[int, int],
    workload_kind: str | None,
    linux: bool,
    out: _Out,
) -> None:
    for field, rule in (("hostNetwork", "host-network"), ("hostPID", "host-pid"),
                        ("hostIPC", "host-ipc")):
        if spec.get(field) is True:
            out.add(rule, f"spec.{field}", f"shares the node's {field[4:]} namespace",
                    f"remove {field} unless the Pod is a node agent that needs it")
    if linux:
        safe = {sysctl for since, sysctl in _SAFE_SYSCTLS if version >= since}
        for k, sysctl in enumerate(_list(_map(spec.get("securityContext")).get("sysctls"))):
            name = _map(sysctl).get("name")
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
        _map(_map(spec.get("affinity")).get("podAntiAffinity"))
    ):
        out.add("no-pod-spread", "spec.topologySpreadConstraints",
                "replicas may all land on the same node",
                "add topologySpreadConstraints or a podAntiAffinity")
    namespace = _map(pod.get("metadata")).get("namespace")
    if namespace in (None, "", "default"):
        out.add("default-namespace", "metadata.namespace",
                "goes to the default namespace", "set metadata.namespace")


def _host_path_volumes(spec: Mapping[str, Any], out: _Out) -> set[str]:
    """Lint hostPath volumes; returns their names for the writable-mount rule."""
    names: set[str] = set()
    for k, volume in enumerate(_list(spec.get("volumes"))):
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
    spec = _map(pod.get("spec"))
    out = _Out(elements)
    linux = _map(spec.get("os")).get("name") != "windows"
    _pod_level(pod, spec, version, workload_kind, linux, out)
    host_paths = _host_path_volumes(spec, out)
    pod_sc = _map(spec.get("securityContext"))
    annotations = _map(_map(pod.get("metadata")).get("annotations"))
    probes = workload_kind not in _JOB_KINDS and spec.get("restartPolicy") in (None, "Always")
    pod_resources = _map(spec.get("resources"))
    pod_set = {*_map(pod_resources.get("requests")), *_map(pod_resources.get("limits"))}
    # What the containers' rules read from the Pod, looked up once.
    facts = _PodFacts(
        pod_set,
        host_paths,
        annotations,
        spec.get("hostUsers") is False,
        pod_sc.get("runAsUser"),
        pod_sc.get("runAsGroup"),
        pod_sc.get("runAsNonRoot"),
        _confined(pod_sc, "seccompProfile"),
        _confined(pod_sc, "appArmorProfile"),
        bool(_map(pod_sc.get("seLinuxOptions"))),
    )
    # App containers, then init containers and sidecars (only sidecars get the probe rules).
    containers = spec.get("containers")
    if isinstance(containers, list):
        for i, container in enumerate(containers):
            if isinstance(container, dict):
                _container(f"spec.containers[{i}]", container, probes, linux, facts, out)
    containers = spec.get("initContainers")
    if isinstance(containers, list):
        for i, container in enumerate(containers):
            if isinstance(container, dict):
                _container(f"spec.initContainers[{i}]", container,
                           probes and container.get("restartPolicy") == "Always", linux, facts,
                           out)
    return out.findings


class _PodFacts(NamedTuple):
    pod_set: set[str]             # resources set at pod level (PodLevelResources)
    host_paths: set[str]          # names of hostPath volumes
    annotations: Mapping[str, Any]
    user_namespace: bool          # hostUsers: false
    run_as_user: object
    run_as_group: object
    run_as_non_root: object
    seccomp: bool | None          # _confined() of the pod securityContext
    apparmor: bool | None
    selinux: bool


def _container(
    path: str,
    container: dict[str, Any],
    probed: bool,
    linux: bool,
    pod: _PodFacts,
    out: _Out,
) -> None:
    """Every container rule, in order: image, resources, security, hardening, ports, mounts,
    env and probes (one pass, the lookups each needs done once)."""
    get = container.get
    image = get("image")
    if isinstance(image, str):
        image_facts = _image_facts(image)
        if image_facts is not None:
            _image(path, image_facts, get, out)
    _resources(path, get("resources"), pod.pod_set, out)
    sc = get("securityContext")
    if not isinstance(sc, dict):
        sc = _EMPTY
    if linux:
        _security(path, sc, pod, out)
        # A pod-level seccomp profile the container does not override hardens it.
        if not pod.seccomp or sc.get("seccompProfile") is not None:
            _hardening(path, container, sc, pod, out)
    ports = get("ports")
    if isinstance(ports, list) and ports:
        _ports(path, ports, out)
    if pod.host_paths:
        _mounts(path, container, pod.host_paths, out)
    env = get("env")
    if isinstance(env, list) and env:
        _env(path, env, out)
    if probed:
        _probes(path, container, out)


@lru_cache(maxsize=1024)
def _image_facts(image: str) -> tuple[bool, bool, str | None] | None:
    """(floating tag, pinned by digest, latest-tag message) of an image reference; None if blank."""
    image = image.strip()
    if not image:
        return None
    pinned = "@" in image
    last = image.rsplit("/", 1)[-1]  # a registry port (host:5000/app) is not a tag
    floating = not pinned and (":" not in last or last.rsplit(":", 1)[1] == "latest")
    message = None
    if floating:
        what = "has no tag" if ":" not in last else "uses the latest tag"
        message = f"image {fmt_value(image)} {what}"
    return floating, pinned, message


_PULL_POLICY_MESSAGES = {
    policy: f"imagePullPolicy is {policy}: a re-pushed tag is not picked up"
    for policy in ("IfNotPresent", "Never")
}


def _image(path: str, facts: tuple[bool, bool, str | None], get: Any, out: _Out) -> None:
    floating, pinned, message = facts
    if message is not None:
        out.add_at("latest-tag", path, ".image", message,
                   "pin a version tag or a digest (@sha256:…)")
    if pinned:
        return
    policy = get("imagePullPolicy") or ("Always" if floating else "IfNotPresent")
    if policy in ("IfNotPresent", "Never"):
        out.add_at("pull-policy-not-always", path, ".imagePullPolicy",
                   _PULL_POLICY_MESSAGES[policy], "use Always, or pin the image by digest")


_MISSING = {
    resource: (
        f"missing-{resource}-request", f"no {resource} request: the scheduler cannot place it "
        "reliably", f"set resources.requests.{resource}",
        f"missing-{resource}-limit", f"no {resource} limit", f"set resources.limits.{resource}",
    )
    for resource in ("cpu", "memory")
}
_SCALAR_TYPES = frozenset(_SCALARS)


def _resources(path: str, resources: object, pod_set: set[str], out: _Out) -> None:
    if not isinstance(resources, dict):
        resources = _EMPTY
    requests = resources.get("requests")
    if not isinstance(requests, dict):
        requests = _EMPTY
    limits = resources.get("limits")
    if not isinstance(limits, dict):
        limits = _EMPTY
    for resource in ("cpu", "memory"):
        # Requests default to limits, so a limit alone sets the request too.
        if limits.get(resource) is not None:
            continue
        if pod_set and resource in pod_set:
            continue  # pod-level resources (PodLevelResources) cover it
        rule, message, advice, limit_rule, limit_message, limit_advice = _MISSING[resource]
        if requests.get(resource) is None:
            out.add_at(rule, path, "", message, advice)
        out.add_at(limit_rule, path, "", limit_message, limit_advice)
    if limits.get("ephemeral-storage") is None:
        out.add_at("missing-ephemeral-storage", path, "",
                   "no ephemeral-storage limit: it may fill the node's disk",
                   "set an ephemeral-storage request and limit")
    if not requests or not limits:
        return
    get_request, get_limit = requests.get, limits.get
    try:  # the usual case, string quantities: one cached verdict
        text = _qos_text(get_request("cpu"), get_limit("cpu"), get_request("memory"),
                         get_limit("memory"), get_request("ephemeral-storage"),
                         get_limit("ephemeral-storage"))
    except TypeError:  # unhashable values
        text = _NOT_STRINGS
    if text is not _NOT_STRINGS:
        if text is not None:
            message, advice = text
            out.add_at("requests-not-equal-limits", path, ".resources", message, advice)
        return
    unequal = []
    strings = True
    for resource in ("cpu", "memory", "ephemeral-storage"):
        request = requests.get(resource)
        if request is None:
            continue
        limit = limits.get(resource)
        if limit is None:
            continue
        if request.__class__ is str and limit.__class__ is str:
            if request == limit or not _differ(request, limit):
                continue
        elif (type(request) in _SCALAR_TYPES and type(limit) in _SCALAR_TYPES
                and _differ(request, limit)):
            strings = False
        else:
            continue
        unequal.append((resource, request, limit))
    if unequal:
        if strings:
            message, advice = _unequal_text(tuple(unequal))
        else:  # numbers: 1 and 1.0 are equal keys but read differently
            message, advice = _unequal_text.__wrapped__(tuple(unequal))
        out.add_at("requests-not-equal-limits", path, ".resources", message, advice)


_STRINGS_OR_NONE = frozenset({str, type(None)})
_NOT_STRINGS: Any = object()


@lru_cache(maxsize=1024, typed=True)  # typed: a str subclass, 1 and 1.0 are keys of their own
def _qos_text(
    cpu_request: object, cpu_limit: object, memory_request: object, memory_limit: object,
    storage_request: object, storage_limit: object,
) -> Any:
    """(message, advice) of requests-not-equal-limits when every quantity is a string (or
    unset), None if they are equal; ``_NOT_STRINGS`` otherwise (the caller checks those)."""
    values = (cpu_request, cpu_limit, memory_request, memory_limit, storage_request,
              storage_limit)
    if not _STRINGS_OR_NONE.issuperset(map(type, values)):
        return _NOT_STRINGS
    unequal = tuple(
        (resource, request, limit) for resource, request, limit in (
            ("cpu", cpu_request, cpu_limit), ("memory", memory_request, memory_limit),
            ("ephemeral-storage", storage_request, storage_limit))
        if request is not None and limit is not None and _differ(request, limit)
    )
    return _unequal_text(unequal) if unequal else None


@lru_cache(maxsize=1024)
def _unequal_text(unequal: tuple[tuple[str, object, object], ...]) -> tuple[str, str]:
    return (
        "; ".join(f"{r} request {req} ≠ limit {lim}" for r, req, lim in unequal)
        + ": not in the Guaranteed QoS class",
        "set requests = limits if it needs Guaranteed QoS ("
        + ", ".join(_EQUAL_LIMITS[r] for r, _, _ in unequal) + ")",
    )


def _capabilities(values: object) -> list[tuple[int, str]]:
    return [(j, cap.strip().upper().removeprefix("CAP_"))
            for j, cap in enumerate(_list(values)) if isinstance(cap, str)]


def _security(path: str, sc: Mapping[str, Any], pod: _PodFacts, out: _Out) -> None:
    get = sc.get
    user = get("runAsUser")
    if user is None:
        user = pod.run_as_user
    group = get("runAsGroup")
    if group is None:
        group = pod.run_as_group
    non_root = get("runAsNonRoot")
    if non_root is None:
        non_root = pod.run_as_non_root
    if group is not None and _int(group) == 0:
        out.add_at("run-as-root", path, ".securityContext",
                   "runs with the root group (runAsGroup: 0)",
                   "set runAsGroup to a non-zero GID")
    # runAsNonRoot: true with runAsUser: 0 is the API layer's error, not a lint.
    if non_root is not True and (_int(user) or 0) < 1:
        out.add_at("run-as-root", path, ".securityContext", "may run as root",
                   "set runAsNonRoot: true and a runAsUser ≥ 1 (kube-score wants ≥ 10000)")
    if get("readOnlyRootFilesystem") is not True:
        out.add_at("writable-root-fs", path, ".securityContext",
                   "the root filesystem is writable",
                   "set readOnlyRootFilesystem: true and mount an emptyDir where it writes")
    if get("privileged") is True:
        out.add("privileged-container", f"{path}.securityContext.privileged",
                "runs privileged: full access to the node",
                "remove privileged; add only the capabilities it needs")
    if get("allowPrivilegeEscalation") is not False:
        out.add_at("privilege-escalation", path, ".securityContext",
                   "allows privilege escalation (the default when unset)",
                   "set allowPrivilegeEscalation: false")
    caps = get("capabilities")
    if not isinstance(caps, dict):
        caps = _EMPTY
    add = caps.get("add")
    added = _capabilities(add) if add else ()
    for j, cap in added:
        if cap in _DANGEROUS_CAPS:
            out.add("dangerous-capability",
                    f"{path}.securityContext.capabilities.add[{j}]",
                    f"adds the dangerous capability {cap}",
                    "add only narrow capabilities such as NET_BIND_SERVICE")
    raw_added = next((j for j, cap in added if cap == "NET_RAW"), None) if added else None
    if raw_added is not None:
        out.add("net-raw-not-dropped",
                f"{path}.securityContext.capabilities.add[{raw_added}]",
                "adds NET_RAW: raw sockets allow spoofing", "remove NET_RAW")
    elif "drop" not in caps or not _drops_net_raw(caps["drop"]):
        out.add_at("net-raw-not-dropped", path, ".securityContext",
                   "keeps NET_RAW and the runtime's other default capabilities",
                   'drop ["ALL"] and add back only what it needs')
    if pod.user_namespace and get("procMount") == "Unmasked":
        # Without a user namespace the API rejects Unmasked itself (A.11).
        out.add("unmasked-proc-mount", f"{path}.securityContext.procMount",
                "/proc is not masked", "use procMount: Default")


def _drops_net_raw(drop: object) -> bool:
    """Whether capabilities.drop removes NET_RAW (itself or through ALL)."""
    if not isinstance(drop, list) or not drop:
        return False
    if "ALL" in drop:
        return True
    return any(cap in ("ALL", "NET_RAW") for _, cap in _capabilities(drop))


def _confined(sc: Mapping[str, Any], key: str) -> bool | None:
    kind = _map(sc.get(key)).get("type")
    return None if not kind else bool(kind != "Unconfined")


def _hardening(
    path: str,
    container: Mapping[str, Any],
    sc: Mapping[str, Any],
    pod: _PodFacts,
    out: _Out,
) -> None:
    """Polaris' linuxHardening: seccomp, AppArmor, SELinux or dropped capabilities."""
    if sc:
        own = None if sc.get("seccompProfile") is None else _confined(sc, "seccompProfile")
        if own or (own is None and pod.seccomp):
            return
        own = None if sc.get("appArmorProfile") is None else _confined(sc, "appArmorProfile")
        if own or (own is None and pod.apparmor):
            return
        if pod.selinux or _map(sc.get("seLinuxOptions")):
            return
        if _list(_map(sc.get("capabilities")).get("drop")):
            return
    elif pod.seccomp or pod.apparmor or pod.selinux:
        return
    name = container.get("name")
    if f"container.apparmor.security.beta.kubernetes.io/{name}" in pod.annotations:
        return
    out.add_at("no-linux-hardening", path, ".securityContext",
               "no seccomp, AppArmor or SELinux profile and no dropped capabilities",
               "set seccompProfile.type: RuntimeDefault (pod or container level)")


def _ports(path: str, ports: list[Any], out: _Out) -> None:
    for k, port in enumerate(ports):
        if not isinstance(port, dict):
            continue
        host_port = port.get("hostPort")
        if host_port is not None:
            host_port = _int(host_port)
            if host_port is not None and host_port > 0:
                out.add("host-port", f"{path}.ports[{k}].hostPort",
                        f"binds host port {host_port}: one such Pod per node",
                        "remove hostPort and expose it with a Service")
        number = port.get("containerPort")
        if number.__class__ is not int:
            number = _int(number)
            if number is None:
                continue
        if number >= 1024:
            continue
        if number == 22:
            out.add("ssh-port", f"{path}.ports[{k}].containerPort",
                    "exposes port 22 (SSH)", "use kubectl exec instead of SSH")
        elif number > 0:
            out.add("privileged-port", f"{path}.ports[{k}].containerPort",
                    f"uses privileged port {number}",
                    "listen on a port ≥ 1024 and map it in the Service")


def _mounts(
    path: str, container: Mapping[str, Any], host_paths: set[str], out: _Out
) -> None:
    for j, mount in enumerate(_list(container.get("volumeMounts"))):
        mount = _map(mount)
        name = mount.get("name")
        if isinstance(name, str) and name in host_paths and mount.get("readOnly") is not True:
            out.add("writable-host-mount", f"{path}.volumeMounts[{j}]",
                    f"mounts host path volume {fmt_value(name)} writable",
                    "set readOnly: true")


@lru_cache(maxsize=4096)
def _secret_name(name: str) -> bool:
    return _SECRET_NAME.search(name) is not None


def _env(path: str, env: list[Any], out: _Out) -> None:
    for k, var in enumerate(env):
        if not isinstance(var, dict):
            continue
        value = var.get("value")
        if not isinstance(value, str) or not value:
            continue
        name = var.get("name")
        if not isinstance(name, str):
            continue
        # The private-key pattern needs a '-': most values are spared the regex.
        if _secret_name(name) or ("-" in value and _PRIVATE_KEY.search(value)):
            out.add("secret-in-env", f"{path}.env[{k}].value",
                    f"{fmt_value(name)} looks like a secret written in plain text",
                    "read it from a Secret (valueFrom.secretKeyRef or a volume)")


_PROBE_KINDS = ("livenessProbe", "readinessProbe", "startupProbe")
_PORT_HANDLERS = ("httpGet", "tcpSocket", "grpc")


def _probes(path: str, container: Mapping[str, Any], out: _Out) -> None:
    get = container.get
    liveness = get("livenessProbe")
    readiness = get("readinessProbe")
    if liveness is None:
        out.add_at("missing-liveness-probe", path, "", "has no liveness probe",
                   "add a livenessProbe so a hung process gets restarted")
    if readiness is None:
        out.add_at("missing-readiness-probe", path, "", "has no readiness probe",
                   "add a readinessProbe so traffic waits until it is ready")
    if isinstance(liveness, dict) and isinstance(readiness, dict):
        # More than one handler is an API error, so the first one decides.
        for handler in _HANDLERS:
            action = liveness.get(handler)
            if action:
                if action == readiness.get(handler):
                    out.add(
                        "identical-probes", f"{path}.livenessProbe",
                        "liveness and readiness probes are identical: an overloaded container "
                        "gets restarted instead of taken out of rotation",
                        "make the liveness check cheaper or more lenient")
                break
    declared: set[object] | None = None
    for probe_name in _PROBE_KINDS:
        probe = get(probe_name)
        if probe is None or not isinstance(probe, dict):
            continue
        for handler in _PORT_HANDLERS:
            action = probe.get(handler)
            if action is None or not isinstance(action, dict):
                continue
            # Named ports are the API layer's (A.7); a numeric one is fine but worth a note.
            port = action.get("port")
            if port.__class__ is not int:
                if port.__class__ is str:
                    continue
                port = _int(port)
                if port is None:
                    continue
            if declared is None:
                declared = set()
                ports = get("ports")
                if isinstance(ports, list):
                    for p in ports:
                        # (Not an object: read as {}, so a TCP port None, which no port equals.)
                        if isinstance(p, dict) and p.get("protocol") in (None, "", "TCP"):
                            number = p.get("containerPort")
                            if isinstance(number, (int, float, str)):  # garbage is no port
                                declared.add(number)
            if port not in declared:
                out.add("probe-port-not-declared", f"{path}.{probe_name}.{handler}.port",
                        f"probes port {port}, which the container does not declare",
                        "declare it in ports[] (and the probe can use its name)")


