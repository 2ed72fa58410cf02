"""The lint rule catalogue: each rule's severity (pod-rules.md section C) and the kube-linter,
Polaris and kube-score checks it stands for, and the cached constructor of its findings."""

from __future__ import annotations

from functools import lru_cache

from designer.domain.validation.findings import Finding, Severity

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
# kube-score's per-resource checks behind requests-not-equal-limits.
EQUAL_LIMITS = {
    "cpu": "container-cpu-requests-equal-limits",
    "memory": "container-memory-requests-equal-limits",
    "ephemeral-storage": "container-ephemeral-storage-request-equals-limit",
}


@lru_cache(maxsize=8192)  # findings are immutable, and an edited design re-lints mostly the same
def lint_finding(name: str, path: str, message: str, advice: str, element: str | None) -> Finding:
    rule = f"lint.{name}"
    severity, tools = LINT_RULES[rule]
    return Finding(severity, rule, path, message, f"{advice}. {tools}", "", element)
