"""A.12 scheduling: nodeSelector labels, tolerations, affinity and topology spread constraints."""

from __future__ import annotations

from typing import Any

import pytest

from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.apiserver.scheduling import validate_scheduling
from designer.domain.validation.findings import Finding

NA = "spec.affinity.nodeAffinity"
REQ = "requiredDuringSchedulingIgnoredDuringExecution"
PREF = "preferredDuringSchedulingIgnoredDuringExecution"
SELECTOR = {"matchLabels": {"app": "web"}}


def check(version: tuple[int, int] = (1, 33), **spec: Any) -> list[Finding]:
    ctx = Context(version=version, template=False, spec=spec)
    validate_scheduling(ctx)
    return ctx.out


def rules(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.path) for f in findings]


# --- nodeSelector (ValidateLabels) ----------------------------------------------------------


def test_ValidateLabels_node_selector_accepts_labels() -> None:
    assert check(nodeSelector={"kubernetes.io/os": "linux", "disk": ""}) == []


def test_ValidateLabels_node_selector_reports_on_the_map_path() -> None:
    findings = check(nodeSelector={"bad key": "ok", "zone": "not ok!"})
    assert rules(findings) == [("api.ValidateLabelName.invalid", "spec.nodeSelector"),
                               ("api.ValidateLabels.value", "spec.nodeSelector")]


def test_warningsForPodSpecAndMeta_deprecated_node_label_in_node_selector() -> None:
    findings = check(nodeSelector={"beta.kubernetes.io/os": "linux"})
    assert [(f.severity, f.path, f.message) for f in findings] == [
        ("warning", "spec.nodeSelector[beta.kubernetes.io/os]",
         'deprecated since v1.14; use "kubernetes.io/os" instead')]


# --- ValidateTolerations --------------------------------------------------------------------


def test_ValidateTolerations_accepts_usual_tolerations() -> None:
    assert check(tolerations=[
        {"key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"},
        {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
         "tolerationSeconds": 300},
        {"operator": "Exists"},
        {"key": "k", "value": "v"},
    ]) == []


def test_ValidateTolerations_rules() -> None:
    findings = check(tolerations=[
        {"key": "bad key", "operator": "Exists"},
        {"operator": "Equal", "value": "x"},
        {"key": "k", "operator": "Exists", "effect": "NoSchedule", "tolerationSeconds": 5},
        {"key": "k", "operator": "Exists", "value": "v"},
        {"key": "k", "operator": "In"},
        {"key": "k", "value": "not valid!", "effect": "Never"},
    ])
    assert rules(findings) == [
        ("api.ValidateLabelName.invalid", "spec.tolerations[0].key"),
        ("api.ValidateTolerations.empty-key", "spec.tolerations[1].operator"),
        ("api.ValidateTolerations.toleration-seconds", "spec.tolerations[2].effect"),
        ("api.ValidateTolerations.exists-value", "spec.tolerations[3].operator"),
        ("api.ValidateTolerations.operator", "spec.tolerations[4].operator"),
        ("api.ValidateTolerations.value", "spec.tolerations[5].operator"),
        ("api.validateTaintEffect.not-supported", "spec.tolerations[5].effect"),
    ]
    assert findings[2].message == (
        "Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set")


# --- node affinity --------------------------------------------------------------------------


def node_affinity(required: Any = None, preferred: Any = None) -> dict[str, Any]:
    na: dict[str, Any] = {}
    if required is not None:
        na[REQ] = {"nodeSelectorTerms": required}
    if preferred is not None:
        na[PREF] = preferred
    return {"nodeAffinity": na}


def test_ValidateNodeSelector_accepts_valid_terms() -> None:
    terms = [{"matchExpressions": [
        {"key": "kubernetes.io/arch", "operator": "In", "values": ["amd64"]},
        {"key": "gpu", "operator": "Exists"},
        {"key": "cores", "operator": "Gt", "values": ["4"]}],
        "matchFields": [{"key": "metadata.name", "operator": "In", "values": ["node-1"]}]}]
    assert check(affinity=node_affinity(terms)) == []


def test_ValidateNodeSelector_needs_at_least_one_term() -> None:
    assert rules(check(affinity=node_affinity([]))) == [
        ("api.ValidateNodeSelector.terms-required", f"{NA}.{REQ}.nodeSelectorTerms")]


def test_ValidateNodeSelectorRequirement_operator_and_values() -> None:
    terms = [{"matchExpressions": [
        {"key": "a", "operator": "In"},
        {"key": "b", "operator": "Exists", "values": ["x"]},
        {"key": "c", "operator": "Lt", "values": ["1", "2"]},
        {"key": "d", "operator": "Near"},
        {"key": "e", "operator": "In", "values": ["bad value!"]},
    ]}]
    base = f"{NA}.{REQ}.nodeSelectorTerms[0].matchExpressions"
    assert rules(check(affinity=node_affinity(terms))) == [
        ("api.ValidateNodeSelectorRequirement.values-required", f"{base}[0].values"),
        ("api.ValidateNodeSelectorRequirement.values-forbidden", f"{base}[1].values"),
        ("api.ValidateNodeSelectorRequirement.single-value", f"{base}[2].values"),
        ("api.ValidateNodeSelectorRequirement.operator", f"{base}[3].operator"),
        ("api.ValidateLabels.value", f"{base}[4].values[0]"),
    ]


def test_ValidateNodeFieldSelectorRequirement_only_metadata_name() -> None:
    terms = [{"matchFields": [
        {"key": "metadata.labels", "operator": "In", "values": ["x"]},
        {"key": "metadata.name", "operator": "Exists"},
        {"key": "metadata.name", "operator": "In", "values": ["a", "b"]},
        {"key": "metadata.name", "operator": "NotIn", "values": ["Bad_Node"]},
    ]}]
    base = f"{NA}.{REQ}.nodeSelectorTerms[0].matchFields"
    assert rules(check(affinity=node_affinity(terms))) == [
        ("api.ValidateNodeFieldSelectorRequirement.key", f"{base}[0].key"),
        ("api.ValidateNodeFieldSelectorRequirement.operator", f"{base}[1].operator"),
        ("api.ValidateNodeFieldSelectorRequirement.single-value", f"{base}[2].values"),
        ("api.ValidateNodeFieldSelectorRequirement.value", f"{base}[3].values[0]"),
    ]


def test_ValidatePreferredSchedulingTerms_weight_and_lenient_values() -> None:
    preferred = [
        {"weight": 0, "preference": {"matchExpressions": [
            {"key": "zone", "operator": "In", "values": ["not valid!"]}]}},
        {"weight": 100, "preference": {}},
    ]
    findings = check(affinity=node_affinity(preferred=preferred))
    assert rules(findings) == [("api.ValidatePreferredSchedulingTerms.weight",
                                f"{NA}.{PREF}[0].weight")]
    assert findings[0].message == "Invalid value: 0: must be in the range 1-100"


def test_warningsForPodSpecAndMeta_deprecated_node_label_in_affinity() -> None:
    terms = [{"matchExpressions": [{"key": "failure-domain.beta.kubernetes.io/zone",
                                    "operator": "Exists"}]}]
    findings = check(affinity=node_affinity(terms))
    assert [f.severity for f in findings] == ["warning"]


# --- pod affinity ---------------------------------------------------------------------------


def pod_term(**fields: Any) -> dict[str, Any]:
    return {"labelSelector": SELECTOR, "topologyKey": "kubernetes.io/hostname", **fields}


def test_validatePodAffinityTerm_accepts_usual_terms() -> None:
    affinity = {"podAffinity": {REQ: [pod_term(namespaces=["default"])]},
                "podAntiAffinity": {PREF: [{"weight": 50, "podAffinityTerm": pod_term(
                    matchLabelKeys=["pod-template-hash"])}]}}
    assert check(affinity=affinity) == []


def test_validatePodAffinityTerm_rules() -> None:
    term = {"labelSelector": {"matchExpressions": [{"key": "app", "operator": "In"}]},
            "namespaceSelector": {"matchLabels": {"team": "a b"}},
            "namespaces": ["Bad_NS"], "topologyKey": ""}
    base = f"spec.affinity.podAffinity.{REQ}[0]"
    assert rules(check(affinity={"podAffinity": {REQ: [term]}})) == [
        ("api.ValidateLabelSelectorRequirement.values-required",
         f"{base}.labelSelector.matchExpressions[0].values"),
        ("api.ValidateLabels.value", f"{base}.namespaceSelector.matchLabels"),
        ("api.validatePodAffinityTerm.namespace", f"{base}.namespace"),
        ("api.validatePodAffinityTerm.topology-key", f"{base}.topologyKey"),
        ("api.ValidateLabelName.invalid", f"{base}.topologyKey"),
    ]


def test_validateWeightedPodAffinityTerms_weight_range() -> None:
    affinity = {"podAntiAffinity": {PREF: [{"weight": 101, "podAffinityTerm": pod_term()}]}}
    assert rules(check(affinity=affinity)) == [
        ("api.validateWeightedPodAffinityTerms.weight",
         f"spec.affinity.podAntiAffinity.{PREF}[0].weight")]


def test_warningsForPodSpecAndMeta_null_label_selector_in_pod_affinity() -> None:
    term = {"topologyKey": "kubernetes.io/hostname"}
    findings = check(affinity={"podAntiAffinity": {REQ: [term]}})
    assert [(f.severity, f.message) for f in findings] == [
        ("warning", "a null labelSelector results in matching no pod")]


def test_validateMatchLabelKeysAndMismatchLabelKeys() -> None:
    term = pod_term(matchLabelKeys=["version", "bad key"], mismatchLabelKeys=["version"])
    base = f"spec.affinity.podAffinity.{REQ}[0]"
    assert rules(check(affinity={"podAffinity": {REQ: [term]}})) == [
        ("api.ValidateLabelName.invalid", f"{base}.matchLabelKeys[1]"),
        ("api.validateMatchLabelKeysAndMismatchLabelKeys.both", f"{base}.matchLabelKeys[0]"),
    ]
    no_selector = {"topologyKey": "zone", "labelSelector": None, "matchLabelKeys": ["v"]}
    findings = check(affinity={"podAffinity": {REQ: [no_selector]}})
    assert [f.rule for f in findings if f.severity == "error"] == [
        "api.validateLabelKeys.no-selector"]


def test_validateMatchLabelKeys_in_pod_affinity_are_dropped_before_1_31() -> None:
    term = pod_term(matchLabelKeys=["bad key"])
    findings = check((1, 30), affinity={"podAffinity": {REQ: [term]}})
    assert [(f.severity, f.rule) for f in findings] == [
        ("warning", "api.dropDisabledFields.feature-gate")]


# --- validateTopologySpreadConstraints ------------------------------------------------------


def spread(**fields: Any) -> dict[str, Any]:
    return {"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone",
            "whenUnsatisfiable": "DoNotSchedule", "labelSelector": SELECTOR, **fields}


def test_validateTopologySpreadConstraints_accepts_usual_constraints() -> None:
    assert check(topologySpreadConstraints=[
        spread(minDomains=2, nodeAffinityPolicy="Honor", nodeTaintsPolicy="Ignore",
               matchLabelKeys=["pod-template-hash"]),
        spread(topologyKey="kubernetes.io/hostname", whenUnsatisfiable="ScheduleAnyway"),
    ]) == []


def test_validateTopologySpreadConstraints_field_rules() -> None:
    findings = check(topologySpreadConstraints=[
        spread(maxSkew=0, topologyKey="", whenUnsatisfiable="Maybe"),
        spread(whenUnsatisfiable="ScheduleAnyway", minDomains=0, nodeTaintsPolicy="Always"),
    ])
    base = "spec.topologySpreadConstraints"
    assert rules(findings) == [
        ("api.ValidateMaxSkew.not-positive", f"{base}[0].maxSkew"),
        ("api.ValidateTopologyKey.required", f"{base}[0].topologyKey"),
        ("api.ValidateWhenUnsatisfiable.not-supported", f"{base}[0].whenUnsatisfiable"),
        ("api.validateMinDomains.not-positive", f"{base}[1].minDomains"),
        ("api.validateMinDomains.schedule-anyway", f"{base}[1].minDomains"),
        ("api.validateNodeInclusionPolicy.not-supported", f"{base}[1].nodeTaintsPolicy"),
    ]
    assert findings[4].message == (
        "Invalid value: 0: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not "
        "ScheduleAnyway")


def test_ValidateSpreadConstraintNotRepeat_same_key_and_action_twice() -> None:
    findings = check(topologySpreadConstraints=[spread(), spread(maxSkew=2)])
    assert [(f.rule, f.path, f.message) for f in findings] == [
        ("api.ValidateSpreadConstraintNotRepeat.duplicate",
         "spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}",
         'Duplicate value: "{topology.kubernetes.io/zone, DoNotSchedule}"')]


def test_validateMatchLabelKeysInTopologySpread() -> None:
    findings = check(topologySpreadConstraints=[spread(matchLabelKeys=["app", "bad key"])])
    base = "spec.topologySpreadConstraints[0].matchLabelKeys"
    assert rules(findings) == [
        ("api.validateMatchLabelKeysInTopologySpread.both", f"{base}[0]"),
        ("api.ValidateLabelName.invalid", f"{base}[1]"),
    ]
    findings = check(topologySpreadConstraints=[spread(labelSelector=None, matchLabelKeys=["x"])])
    assert [f.rule for f in findings] == [
        "api.validateMatchLabelKeysInTopologySpread.no-selector",
        "api.warningsForPodSpecAndMeta.null-label-selector"]


def test_ValidateLabelSelector_in_topology_spread() -> None:
    selector = {"matchExpressions": [{"key": "app", "operator": "Exists", "values": ["x"]},
                                     {"key": "app", "operator": "Has"}]}
    base = "spec.topologySpreadConstraints[0].labelSelector.matchExpressions"
    assert rules(check(topologySpreadConstraints=[spread(labelSelector=selector)])) == [
        ("api.ValidateLabelSelectorRequirement.values-forbidden", f"{base}[0].values"),
        ("api.ValidateLabelSelectorRequirement.operator", f"{base}[1].operator"),
    ]


def test_warningsForPodSpecAndMeta_deprecated_topology_key() -> None:
    findings = check(topologySpreadConstraints=[
        spread(topologyKey="failure-domain.beta.kubernetes.io/zone")])
    assert [(f.severity, f.message) for f in findings] == [
        ("warning", "failure-domain.beta.kubernetes.io/zone is deprecated since v1.17; use "
                    '"topology.kubernetes.io/zone" instead')]


# --- garbage --------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", [
    {"nodeSelector": ["a"], "tolerations": "all", "affinity": [], "topologySpreadConstraints": 1},
    {"nodeSelector": {1: 2, "a": None}, "tolerations": [None, 1, {"key": 5, "value": 7}]},
    {"affinity": {"nodeAffinity": {REQ: {"nodeSelectorTerms": "x"},
                                   PREF: [None, {"weight": "1"}]}}},
    {"affinity": {"nodeAffinity": {REQ: {"nodeSelectorTerms": [None, {"matchExpressions": [
        None, {"key": 1, "operator": None, "values": "v"}], "matchFields": [{"values": [1]}]}]}}}},
    {"affinity": {"podAffinity": {REQ: "x", PREF: [1, {"podAffinityTerm": "t"}]},
                  "podAntiAffinity": {REQ: [None, {"labelSelector": "s", "namespaces": "n",
                                                   "topologyKey": 5, "matchLabelKeys": "k"}]}}},
    {"topologySpreadConstraints": [None, {"maxSkew": "1", "minDomains": True,
                                          "labelSelector": {"matchLabels": "x",
                                                            "matchExpressions": [1]},
                                          "matchLabelKeys": [1, None]}]},
])
def test_validate_scheduling_tolerates_garbage(spec: dict[str, Any]) -> None:
    check(**spec)
