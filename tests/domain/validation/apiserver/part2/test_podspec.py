"""A.10 pod-level fields: ValidatePodSpec names and limits, DNS, gates, OS rules, warnings."""

from __future__ import annotations

from typing import Any

import pytest

from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.apiserver.podspec import validate_pod_fields
from designer.domain.validation.findings import Finding

BASE = {"restartPolicy": "Always", "dnsPolicy": "ClusterFirst",
        "terminationGracePeriodSeconds": 30, "securityContext": {}}


def check(version: tuple[int, int] = (1, 33), template: bool = False,
          **fields: Any) -> list[Finding]:
    """Run validate_pod_fields on the defaulted base spec updated with ``fields``."""
    ctx = Context(version=version, template=template, spec={**BASE, **fields})
    validate_pod_fields(ctx)
    return ctx.out


def rules(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.path) for f in findings]


def test_validate_pod_fields_accepts_a_defaulted_spec() -> None:
    assert check() == []


def test_validate_pod_fields_accepts_a_spec_without_defaults() -> None:
    ctx = Context(version=(1, 33), template=False, spec={})
    validate_pod_fields(ctx)
    assert ctx.out == []


# --- grace period, restartPolicy, dnsPolicy -------------------------------------------------


def test_ValidatePodSpec_negative_grace_period_is_only_a_warning() -> None:
    findings = check(terminationGracePeriodSeconds=-5)
    assert [(f.severity, f.path, f.message) for f in findings] == [
        ("warning", "spec.terminationGracePeriodSeconds",
         "must be >= 0; negative values are invalid and will be treated as 1")]
    assert check(terminationGracePeriodSeconds=0) == []


def test_ValidatePodSpec_null_grace_period_is_required() -> None:
    assert [f.rule for f in check(terminationGracePeriodSeconds=None)] == [
        "api.ValidatePodSpec.grace-period-required"]


def test_validateRestartPolicy_rejects_unknown_and_empty_values() -> None:
    findings = check(restartPolicy="Sometimes")
    assert findings[0].message == (
        'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"')
    assert [f.rule for f in check(restartPolicy="")] == ["api.validateRestartPolicy.required"]
    assert check(restartPolicy="OnFailure") == []


def test_validateDNSPolicy_rejects_unknown_values() -> None:
    assert rules(check(dnsPolicy="Cluster")) == [
        ("api.validateDNSPolicy.not-supported", "spec.dnsPolicy")]
    assert check(dnsPolicy="Default") == []


def test_validateDNSPolicy_host_network_with_cluster_first_is_a_warning() -> None:
    findings = check(hostNetwork=True)
    assert [(f.severity, f.rule) for f in findings] == [
        ("warning", "api.validateDNSPolicy.host-network-cluster-first")]
    assert check(hostNetwork=True, dnsPolicy="ClusterFirstWithHostNet") == []


# --- validatePodDNSConfig -------------------------------------------------------------------


def test_validatePodDNSConfig_none_policy_needs_config_and_a_nameserver() -> None:
    assert rules(check(dnsPolicy="None")) == [
        ("api.validatePodDNSConfig.config-required", "spec.dnsConfig")]
    assert rules(check(dnsPolicy="None", dnsConfig={"searches": ["a.b"]})) == [
        ("api.validatePodDNSConfig.nameserver-required", "spec.dnsConfig.nameservers")]
    assert check(dnsPolicy="None", dnsConfig={"nameservers": ["1.1.1.1"]}) == []


def test_validatePodDNSConfig_nameserver_rules() -> None:
    findings = check(dnsConfig={"nameservers": ["1.1.1.1", "2001:db8::1", "010.0.0.1", "dns"]})
    assert rules(findings) == [
        ("api.validatePodDNSConfig.nameservers", "spec.dnsConfig.nameservers"),
        ("api.validatePodDNSConfig.ip", "spec.dnsConfig.nameservers[3]"),
    ]
    assert findings[1].message == (
        'Invalid value: "dns": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')


def test_validatePodDNSConfig_search_rules() -> None:
    findings = check(dnsConfig={"searches": ["svc.cluster.local.", "Bad_Domain"] + ["a"] * 31})
    assert rules(findings) == [
        ("api.validatePodDNSConfig.searches", "spec.dnsConfig.searches"),
        ("api.validatePodDNSConfig.search", "spec.dnsConfig.searches[1]"),
    ]
    long_search = ["x" * 63 + "." + "y" * 63] * 17
    assert "2048 characters" in check(dnsConfig={"searches": long_search})[0].message


def test_validatePodDNSConfig_relaxed_search_from_1_33() -> None:
    config = {"searches": [".", "_sip._tcp.example.com"]}
    assert check(dnsConfig=config) == []
    assert [f.path for f in check((1, 32), dnsConfig=config)] == [
        "spec.dnsConfig.searches[0]", "spec.dnsConfig.searches[1]"]


def test_validatePodDNSConfig_options_need_a_name() -> None:
    findings = check(dnsConfig={"options": [{"name": "ndots", "value": "2"}, {"value": "1"}]})
    assert rules(findings) == [("api.validatePodDNSConfig.option-name",
                                "spec.dnsConfig.options[1]")]


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["serviceAccountName", "nodeName", "priorityClassName",
                                   "runtimeClassName"])
def test_ValidatePodSpec_subdomain_names(field: str) -> None:
    good: dict[str, Any] = {field: "good.name-1"}
    bad: dict[str, Any] = {field: "Bad_Name"}
    assert check(**good) == []
    findings = check(**bad)
    assert [f.path for f in findings] == [f"spec.{field}"]
    assert findings[0].message.startswith('Invalid value: "Bad_Name": a lowercase RFC 1123')


def test_ValidateRuntimeClassName_empty_string_is_invalid() -> None:
    assert [f.path for f in check(runtimeClassName="")] == ["spec.runtimeClassName"]


@pytest.mark.parametrize("field", ["hostname", "subdomain"])
def test_ValidatePodSpec_hostname_and_subdomain_are_labels(field: str) -> None:
    good: dict[str, Any] = {field: "web-0"}
    bad: dict[str, Any] = {field: "web.0"}
    assert check(**good) == []
    assert check(**bad)[0].message == 'Invalid value: "web.0": must not contain dots'


def test_ValidatePodSpec_active_deadline_range() -> None:
    assert check(activeDeadlineSeconds=3600) == []
    for bad in (0, -1, 2**31):
        findings = check(activeDeadlineSeconds=bad)
        assert findings[0].message.endswith("must be between 1 and 2147483647, inclusive")


def test_ValidatePreemptionPolicy() -> None:
    assert check(preemptionPolicy="Never") == []
    assert [f.rule for f in check(preemptionPolicy="Always")] == [
        "api.ValidatePreemptionPolicy.not-supported"]
    assert [f.rule for f in check(preemptionPolicy="")] == ["api.ValidatePreemptionPolicy.required"]


# --- gates, aliases, pull secrets -----------------------------------------------------------


def test_validateReadinessGates_condition_types_are_qualified_names() -> None:
    assert check(readinessGates=[{"conditionType": "example.com/ready"}]) == []
    assert rules(check(readinessGates=[{"conditionType": "not ok"}])) == [
        ("api.validateReadinessGates.name", "spec.readinessGates[0].conditionType")]


def test_validateSchedulingGates_names_and_duplicates() -> None:
    findings = check(schedulingGates=[{"name": "example.com/quota"}, {"name": "bad name"},
                                      {"name": "example.com/quota"}])
    assert rules(findings) == [
        ("api.validateSchedulingGates.name", "spec.schedulingGates[1]"),
        ("api.validateSchedulingGates.duplicate", "spec.schedulingGates[2]"),
    ]


def test_ValidatePodCreate_node_name_with_scheduling_gates() -> None:
    gates = [{"name": "example.com/wait"}]
    assert rules(check(nodeName="node-1", schedulingGates=gates)) == [
        ("api.ValidatePodCreate.node-name-with-scheduling-gates", "spec.nodeName")]
    assert check(template=True, nodeName="node-1", schedulingGates=gates) == []
    assert check(nodeName="node-1") == []


def test_ValidateHostAliases_ip_and_hostnames() -> None:
    assert check(hostAliases=[{"ip": "127.0.0.1", "hostnames": ["foo.local"]}]) == []
    findings = check(hostAliases=[{"ip": "1.2.3", "hostnames": ["Foo"]}, {"hostnames": ["a"]}])
    assert rules(findings) == [
        ("api.ValidateHostAliases.ip", "spec.hostAliases[0].ip"),
        ("api.ValidateHostAliases.name", "spec.hostAliases[0].hostnames[0]"),
        ("api.ValidateHostAliases.ip", "spec.hostAliases[1].ip"),
    ]


def test_warningsForPodSpecAndMeta_duplicate_host_alias_ip() -> None:
    findings = check(hostAliases=[{"ip": "10.0.0.1", "hostnames": ["a"]},
                                  {"ip": "10.0.0.1", "hostnames": ["b"]}])
    assert [(f.severity, f.path) for f in findings] == [("warning", "spec.hostAliases[1].ip")]


def test_warningsForPodSpecAndMeta_pull_secret_names() -> None:
    findings = check(imagePullSecrets=[{"name": "reg"}, {"name": "reg"}, {}])
    assert [(f.severity, f.path, f.message) for f in findings] == [
        ("warning", "spec.imagePullSecrets[1].name", 'duplicate name "reg"'),
        ("warning", "spec.imagePullSecrets[2].name", 'invalid empty name ""'),
    ]
    assert check(imagePullSecrets=[{"name": "a"}, {"name": "b"}]) == []


# --- validateOS, validateLinux, validateWindows ---------------------------------------------


def test_validateOS_name_rules() -> None:
    assert check(os={"name": "linux"}) == []
    assert rules(check(os={})) == [("api.validateOS.name-required", "spec.os.name")]
    assert rules(check(os={"name": "plan9"})) == [("api.validateOS.not-supported", "spec.os")]


def test_validateLinux_forbids_windows_options() -> None:
    findings = check(os={"name": "linux"},
                     securityContext={"windowsOptions": {"runAsUserName": "x"}},
                     containers=[{"name": "a", "securityContext": {"windowsOptions": {}}}])
    assert rules(findings) == [
        ("api.validateLinux.windows-options", "spec.securityContext.windowsOptions"),
        ("api.validateLinux.windows-options", "spec.containers[0].securityContext.windowsOptions"),
    ]


def test_validateWindows_forbids_linux_only_fields() -> None:
    findings = check(os={"name": "windows"}, hostPID=True, shareProcessNamespace=False,
                     hostUsers=True,
                     securityContext={"runAsUser": 1000, "sysctls": [{"name": "a.b"}]},
                     initContainers=[{"name": "i", "securityContext": {"privileged": False}}],
                     containers=[{"name": "a", "securityContext": {
                         "windowsOptions": {"runAsUserName": "x"}, "capabilities": {}}}])
    assert [f.path for f in findings] == [
        "spec.hostUsers", "spec.hostPID", "spec.securityContext.sysctls",
        "spec.shareProcessNamespace", "spec.securityContext.runAsUser",
        "spec.initContainers[0].securityContext.privileged",
        "spec.containers[0].securityContext.capabilities",
    ]
    assert findings[0].message == "Forbidden: cannot be set for a windows pod"


def test_validateWindows_accepts_windows_options() -> None:
    assert check(os={"name": "windows"},
                 securityContext={"windowsOptions": {"runAsUserName": "ContainerUser"}}) == []


def test_validateWindows_ignores_fields_dropped_before_1_33() -> None:
    assert check((1, 32), os={"name": "windows"}, hostUsers=False) == []


# --- garbage --------------------------------------------------------------------------------


@pytest.mark.parametrize("fields", [
    {"restartPolicy": 3, "dnsPolicy": None, "terminationGracePeriodSeconds": "30"},
    {"dnsPolicy": "None", "dnsConfig": "1.1.1.1"},
    {"dnsConfig": {"nameservers": "x", "searches": [1, None], "options": [None, "a"]}},
    {"dnsConfig": {"nameservers": [1, None]}},
    {"readinessGates": "r", "schedulingGates": [None, {"name": 1}], "hostAliases": {"ip": 1}},
    {"hostAliases": [None, {"ip": 5, "hostnames": "h"}], "imagePullSecrets": [None, {"name": 2}]},
    {"activeDeadlineSeconds": True, "preemptionPolicy": 1, "runtimeClassName": 5,
     "hostname": 1, "nodeName": ["n"], "schedulingGates": "g"},
    {"os": "linux", "securityContext": None},
    {"os": {"name": "windows"}, "securityContext": "x",
     "containers": [None, {"securityContext": 3}]},
    {"os": {"name": ["linux"]}},
])
def test_validate_pod_fields_tolerates_garbage(fields: dict[str, Any]) -> None:
    check(**fields)
