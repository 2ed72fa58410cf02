"""A.11 security: ValidateSecurityContext, validatePodSpecSecurityContext, sysctls, hostUsers."""

from __future__ import annotations

from typing import Any

import pytest

from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.apiserver.security import (
    validate_container_security_context,
    validate_pod_security_context,
)
from designer.domain.validation.findings import Finding

PATH = "spec.containers[0]"


def container(sc: Any, spec: dict[str, Any] | None = None,
              version: tuple[int, int] = (1, 33)) -> list[Finding]:
    ctx = Context(version=version, template=False, spec=spec or {})
    validate_container_security_context(ctx, {"name": "app", "securityContext": sc}, PATH)
    return ctx.out


def pod(spec: dict[str, Any], version: tuple[int, int] = (1, 33)) -> list[Finding]:
    ctx = Context(version=version, template=False, spec=spec)
    validate_pod_security_context(ctx)
    return ctx.out


def rules(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.path) for f in findings]


# --- ValidateSecurityContext ----------------------------------------------------------------


def test_ValidateSecurityContext_accepts_a_hardened_context() -> None:
    sc = {"runAsUser": 1000, "runAsGroup": 1000, "runAsNonRoot": True,
          "allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
          "capabilities": {"drop": ["ALL"]}, "seccompProfile": {"type": "RuntimeDefault"},
          "appArmorProfile": {"type": "RuntimeDefault"}}
    assert container(sc) == []


def test_ValidateSecurityContext_privileged_is_allowed_since_cluster_policy_is_unknown() -> None:
    assert container({"privileged": True}) == []


def test_ValidateSecurityContext_user_and_group_ids_in_range() -> None:
    findings = container({"runAsUser": -1, "runAsGroup": 2**31})
    assert rules(findings) == [
        ("api.ValidateSecurityContext.id-range", "spec.containers[0].securityContext.runAsUser"),
        ("api.ValidateSecurityContext.id-range", "spec.containers[0].securityContext.runAsGroup"),
    ]
    assert findings[0].message == "Invalid value: -1: must be between 0 and 2147483647, inclusive"


def test_ValidateSecurityContext_no_escalation_conflicts_with_privileged() -> None:
    findings = container({"allowPrivilegeEscalation": False, "privileged": True})
    assert rules(findings) == [("api.ValidateSecurityContext.privileged-no-escalation",
                                "spec.containers[0].securityContext")]
    assert findings[0].message.endswith(
        "cannot set `allowPrivilegeEscalation` to false and `privileged` to true")


def test_ValidateSecurityContext_no_escalation_conflicts_with_literal_cap_sys_admin() -> None:
    findings = container({"allowPrivilegeEscalation": False,
                          "capabilities": {"add": ["CAP_SYS_ADMIN", "SYS_ADMIN"]}})
    assert [f.rule for f in findings] == ["api.ValidateSecurityContext.sys-admin-no-escalation"]


def test_ValidateProcMountType_rejects_unknown_values() -> None:
    findings = container({"procMount": "Masked"})
    assert [f.rule for f in findings] == ["api.ValidateProcMountType.not-supported"]
    assert container({"procMount": "Default"}) == []


def test_ValidateSecurityContext_unmasked_proc_needs_a_user_namespace() -> None:
    findings = container({"procMount": "Unmasked"})
    assert findings[0].message == (
        'Invalid value: "Unmasked": `hostUsers` must be false to use `Unmasked`')
    assert container({"procMount": "Unmasked"}, {"hostUsers": False}) == []


def test_ValidateSecurityContext_proc_mount_is_dropped_before_1_33() -> None:
    findings = container({"procMount": "Unmasked"}, version=(1, 32))
    assert [(f.severity, f.rule) for f in findings] == [
        ("warning", "api.dropDisabledFields.feature-gate")]


# --- seccomp / AppArmor ---------------------------------------------------------------------


def test_validateSeccompProfileField_type_rules() -> None:
    findings = container({"seccompProfile": {}})
    assert rules(findings) == [("api.validateSeccompProfileField.type-required",
                                "spec.containers[0].securityContext.seccompProfile.type")]
    findings = container({"seccompProfile": {"type": "Strict"}})
    assert [f.rule for f in findings] == ["api.validateSeccompProfileField.type"]


def test_validateSeccompProfileField_localhost_profile_rules() -> None:
    assert container({"seccompProfile": {"type": "Localhost",
                                         "localhostProfile": "profiles/audit.json"}}) == []
    assert [f.rule for f in container({"seccompProfile": {"type": "Localhost"}})] == [
        "api.validateSeccompProfileField.localhost-required"]
    findings = container({"seccompProfile": {"type": "Localhost",
                                             "localhostProfile": "/etc/../x.json"}})
    assert [f.rule for f in findings] == ["api.validateSeccompProfileField.absolute-path",
                                          "api.validateSeccompProfileField.backsteps"]
    findings = container({"seccompProfile": {"type": "RuntimeDefault", "localhostProfile": "x"}})
    assert [f.rule for f in findings] == ["api.validateSeccompProfileField.localhost-forbidden"]


def test_ValidateAppArmorProfileField_rules() -> None:
    assert container({"appArmorProfile": {"type": "Localhost",
                                          "localhostProfile": "k8s-nginx"}}) == []
    cases = [
        ({"type": "Localhost"}, "localhost-required"),
        ({"type": "Localhost", "localhostProfile": " x "}, "padded"),
        ({"type": "Localhost", "localhostProfile": "x" * 4096}, "too-long"),
        ({"type": "Unconfined", "localhostProfile": "x"}, "localhost-forbidden"),
        ({}, "type-required"),
        ({"type": "Complain"}, "type"),
    ]
    for profile, rule in cases:
        findings = container({"appArmorProfile": profile})
        assert [f.rule for f in findings] == [f"api.ValidateAppArmorProfileField.{rule}"]


# --- validateWindowsSecurityContextOptions --------------------------------------------------


@pytest.mark.parametrize(("user", "ok"), [
    ("ContainerUser", True), ("NT AUTHORITY\\NETWORK SERVICE", True), ("corp.example\\svc", True),
    ("", False), ("a\\b\\c", False), ("bad\x01", False), ("...", False), ("us:er", False),
    ("DOMAIN\\", False), (".dom\\user", False), ("u" * 105, False),
])
def test_validateWindowsSecurityContextOptions_run_as_user_name(user: str, ok: bool) -> None:
    findings = container({"windowsOptions": {"runAsUserName": user}})
    assert bool(findings) is not ok
    assert all(f.rule == "api.validateWindowsSecurityContextOptions.run-as-user-name"
               for f in findings)


def test_validateWindowsSecurityContextOptions_gmsa_fields() -> None:
    findings = container({"windowsOptions": {"gmsaCredentialSpecName": "Bad_Name",
                                             "gmsaCredentialSpec": ""}})
    assert [f.rule for f in findings] == ["api.validateWindowsSecurityContextOptions.gmsa-name",
                                          "api.validateWindowsSecurityContextOptions.gmsa-spec"]


# --- runAsNonRoot with UID 0 ----------------------------------------------------------------


def test_verifyRunAsNonRoot_container_runs_as_root_despite_run_as_non_root() -> None:
    findings = container({"runAsNonRoot": True, "runAsUser": 0})
    assert [(f.severity, f.rule, f.path) for f in findings] == [
        ("warning", "api.verifyRunAsNonRoot.uid-0",
         "spec.containers[0].securityContext.runAsUser")]


def test_verifyRunAsNonRoot_uses_pod_values_the_container_does_not_override() -> None:
    findings = container({}, {"securityContext": {"runAsNonRoot": True, "runAsUser": 0}})
    assert [f.path for f in findings] == ["spec.securityContext.runAsUser"]
    assert container(None, {"securityContext": {"runAsNonRoot": True, "runAsUser": 0}}) != []
    # The container overrides the pod's UID, or the pod's runAsNonRoot.
    assert container({"runAsUser": 1000},
                     {"securityContext": {"runAsNonRoot": True, "runAsUser": 0}}) == []
    assert container({"runAsNonRoot": False},
                     {"securityContext": {"runAsNonRoot": True, "runAsUser": 0}}) == []


def test_verifyRunAsNonRoot_is_silent_for_windows_pods() -> None:
    assert container({"runAsNonRoot": True, "runAsUser": 0}, {"os": {"name": "windows"}}) == []


# --- validatePodSpecSecurityContext ---------------------------------------------------------


def test_validatePodSpecSecurityContext_accepts_usual_settings() -> None:
    spec = {"securityContext": {"runAsUser": 1000, "fsGroup": 2000, "supplementalGroups": [3000],
                                "fsGroupChangePolicy": "OnRootMismatch",
                                "sysctls": [{"name": "kernel.shm_rmid_forced", "value": "1"}],
                                "supplementalGroupsPolicy": "Strict",
                                "seLinuxChangePolicy": "Recursive"}}
    assert pod(spec) == []


def test_validatePodSpecSecurityContext_ids_in_range() -> None:
    findings = pod({"securityContext": {"fsGroup": -5, "runAsUser": 2**32,
                                        "supplementalGroups": [1, -1]}})
    assert [f.path for f in findings] == ["spec.securityContext.fsGroup",
                                          "spec.securityContext.runAsUser",
                                          "spec.securityContext.supplementalGroups[1]"]


def test_validatePodSpecSecurityContext_share_process_namespace_and_host_pid() -> None:
    findings = pod({"shareProcessNamespace": True, "hostPID": True})
    assert [(f.path, f.message) for f in findings] == [
        ("spec.securityContext.shareProcessNamespace",
         "Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled")]
    assert pod({"shareProcessNamespace": True, "hostPID": False}) == []


def test_validateFSGroupChangePolicy_rejects_unknown_values() -> None:
    findings = pod({"securityContext": {"fsGroupChangePolicy": "Sometimes"}})
    assert [f.rule for f in findings] == ["api.validateFSGroupChangePolicy.not-supported"]


def test_validateSupplementalGroupsPolicy_and_SELinuxChangePolicy() -> None:
    findings = pod({"securityContext": {"supplementalGroupsPolicy": "Union",
                                        "seLinuxChangePolicy": "MountOption"}})
    assert [f.rule for f in findings] == [
        "api.validateSupplementalGroupsPolicy.not-supported",
        "api.validateSELinuxChangePolicy.not-supported"]


def test_gated_pod_security_fields_are_dropped_before_1_33() -> None:
    findings = pod({"securityContext": {"supplementalGroupsPolicy": "Union"}}, (1, 32))
    assert [f.severity for f in findings] == ["warning"]


# --- validateSysctls / ValidateHostSysctl ---------------------------------------------------


def test_validateSysctls_name_rules() -> None:
    findings = pod({"securityContext": {"sysctls": [
        {"name": ""}, {"name": "Kernel.Bad"}, {"name": "kernel.msgmax"}, {"name": "kernel.msgmax"},
        {"name": "net/ipv4/ip_forward"},
    ]}})
    assert rules(findings) == [
        ("api.validateSysctls.name-required", "spec.securityContext.sysctls[0].name"),
        ("api.validateSysctls.name", "spec.securityContext.sysctls[1].name"),
        ("api.validateSysctls.duplicate", "spec.securityContext.sysctls[3].name"),
    ]


def test_ValidateHostSysctl_net_sysctl_with_host_network() -> None:
    spec = {"hostNetwork": True, "securityContext": {"sysctls": [
        {"name": "net.core.somaxconn"}, {"name": "net/ipv4/tcp_syncookies"},
        {"name": "kernel.shm_rmid_forced"}]}}
    findings = pod(spec)
    assert [f.rule for f in findings] == ["api.ValidateHostSysctl.host-network"] * 2
    assert findings[0].message.endswith("may not be specified when 'hostNetwork' is true")


def test_ValidateHostSysctl_ipc_sysctl_with_host_ipc() -> None:
    spec = {"hostIPC": True, "securityContext": {"sysctls": [
        {"name": "kernel.sem"}, {"name": "fs.mqueue.msg_max"}, {"name": "net.core.somaxconn"}]}}
    assert [f.rule for f in pod(spec)] == ["api.ValidateHostSysctl.host-ipc"] * 2


# --- validateHostUsers ----------------------------------------------------------------------


def test_validateHostUsers_user_namespace_excludes_host_namespaces() -> None:
    findings = pod({"hostUsers": False, "hostNetwork": True, "hostPID": True, "hostIPC": True})
    assert rules(findings) == [
        ("api.validateHostUsers.hostNetwork", "spec.hostNetwork"),
        ("api.validateHostUsers.hostPID", "spec.HostPID"),
        ("api.validateHostUsers.hostIPC", "spec.HostIPC"),
    ]
    assert findings[0].message == "Forbidden: when `pod.Spec.HostUsers` is false"
    assert pod({"hostUsers": True, "hostNetwork": True}) == []
    assert pod({"hostUsers": False}) == []


def test_validateHostUsers_field_is_dropped_before_1_33() -> None:
    findings = pod({"hostUsers": False, "hostNetwork": True}, (1, 32))
    assert [(f.severity, f.path) for f in findings] == [("warning", "spec.hostUsers")]


# --- validateWindowsHostProcessPod ----------------------------------------------------------


def hp(value: bool) -> dict[str, Any]:
    return {"windowsOptions": {"hostProcess": value}}


def test_validateWindowsHostProcessPod_all_host_process_on_host_network_passes() -> None:
    spec = {"hostNetwork": True, "securityContext": hp(True),
            "containers": [{"name": "a"}, {"name": "b", "securityContext": hp(True)}]}
    assert pod(spec) == []


def test_validateWindowsHostProcessPod_rules() -> None:
    spec = {"securityContext": hp(True),
            "containers": [{"name": "a", "securityContext": hp(False)}, {"name": "b"}]}
    assert rules(pod(spec)) == [
        ("api.validateWindowsHostProcessPod.mismatch",
         "spec.containers[0].securityContext.windowsOptions.hostProcess"),
        ("api.validateWindowsHostProcessPod.mixed", "spec"),
        ("api.validateWindowsHostProcessPod.host-network", "spec.hostNetwork"),
    ]


# --- garbage --------------------------------------------------------------------------------


@pytest.mark.parametrize("sc", [
    "root", 5, [], {"runAsUser": "0", "runAsGroup": True, "procMount": 3},
    {"seccompProfile": "RuntimeDefault", "appArmorProfile": [], "windowsOptions": 1},
    {"seccompProfile": {"type": 5, "localhostProfile": 1}, "capabilities": {"add": "ALL"},
     "allowPrivilegeEscalation": False},
    {"windowsOptions": {"runAsUserName": 1, "gmsaCredentialSpec": None}},
    {"runAsNonRoot": True, "runAsUser": False},
])
def test_container_security_context_tolerates_garbage(sc: Any) -> None:
    container(sc, {"securityContext": "x", "os": "linux"})


@pytest.mark.parametrize("spec", [
    {"securityContext": "x", "hostUsers": "no"},
    {"securityContext": {"sysctls": "net.x", "supplementalGroups": {"a": 1}}},
    {"securityContext": {"sysctls": [None, 1, {"name": 5}], "fsGroup": 1.5}},
    {"securityContext": {"windowsOptions": {"hostProcess": "yes"}}, "containers": "c",
     "initContainers": [None, {"securityContext": 1}]},
])
def test_pod_security_context_tolerates_garbage(spec: dict[str, Any]) -> None:
    pod(spec)
