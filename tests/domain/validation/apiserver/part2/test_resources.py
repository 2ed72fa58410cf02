"""A.8 resources: validateResourceRequirements and friends, resize policy, claims, pod resources."""

from __future__ import annotations

from typing import Any

import pytest

from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.apiserver.resources import (
    validate_container_resources,
    validate_pod_resources,
)
from designer.domain.validation.findings import Finding

PATH = "spec.containers[0]"


def check(container: dict[str, Any], spec: dict[str, Any] | None = None,
          version: tuple[int, int] = (1, 33)) -> list[Finding]:
    ctx = Context(version=version, template=False, spec=spec or {"restartPolicy": "Always"})
    validate_container_resources(ctx, container, PATH)
    return ctx.out


def res(limits: dict[str, Any] | None = None, requests: dict[str, Any] | None = None,
        **more: Any) -> dict[str, Any]:
    resources: dict[str, Any] = dict(more)
    if limits is not None:
        resources["limits"] = limits
    if requests is not None:
        resources["requests"] = requests
    return {"name": "app", "resources": resources}


def errors(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.path) for f in findings if f.severity == "error"]


def pod(spec: dict[str, Any], version: tuple[int, int] = (1, 34)) -> list[Finding]:
    ctx = Context(version=version, template=False, spec=spec)
    validate_pod_resources(ctx)
    return ctx.out


# --- validateContainerResourceName ----------------------------------------------------------


@pytest.mark.parametrize("name", ["cpu", "memory", "ephemeral-storage", "hugepages-2Mi",
                                  "example.com/gpu", "nvidia.com/gpu", "kubernetes.io/foo"])
def test_validateContainerResourceName_accepts_standard_and_extended_names(name: str) -> None:
    limit = "2Mi" if name == "hugepages-2Mi" else "1"
    findings = check(res(limits={name: limit, "cpu": "1"}, requests={name: limit, "cpu": "1"}))
    assert errors(findings) == []


def test_validateContainerResourceName_rejects_an_unknown_unprefixed_name() -> None:
    findings = check(res(requests={"gpu": "1"}))
    assert [f.message for f in findings] == [
        'Invalid value: "gpu": must be a standard resource type or fully qualified',
        'Invalid value: "gpu": must be a standard resource for containers',
    ]
    assert findings[0].path == "spec.containers[0].resources.requests[gpu]"
    assert findings[1].rule == "api.validateContainerResourceName.invalid"


def test_validateContainerResourceName_rejects_quota_names_in_containers() -> None:
    findings = check(res(limits={"pods": "1"}))
    assert [f.message for f in findings] == [
        'Invalid value: "pods": must be a standard resource for containers']


def test_validateContainerResourceName_rejects_a_bad_extended_name() -> None:
    findings = check(res(limits={"requests.example.com/gpu": "1"},
                         requests={"requests.example.com/gpu": "1"}))
    assert "doesn't follow extended resource name standard" in findings[0].message


def test_validateResourceName_rejects_a_name_that_is_not_qualified() -> None:
    findings = check(res(limits={"a/b/c": "1"}))
    assert findings[0].rule == "api.validateResourceName.invalid"


# --- quantities -----------------------------------------------------------------------------


def test_ParseQuantity_bad_string_is_reported_and_skipped() -> None:
    findings = check(res(limits={"cpu": "1.5.2"}, requests={"cpu": "2"}))
    assert [(f.rule, f.path) for f in findings] == [
        ("api.ParseQuantity.invalid", "spec.containers[0].resources.limits[cpu]")]
    assert "quantities must match the regular expression" in findings[0].message


def test_ParseQuantity_accepts_yaml_numbers() -> None:
    assert check(res(limits={"cpu": 2, "memory": 1e9}, requests={"cpu": 0.5})) == []


def test_ValidateResourceQuantityValue_rejects_negative_quantities() -> None:
    findings = check(res(requests={"cpu": "-500m"}))
    assert findings[0].message == 'Invalid value: "-500m": must be greater than or equal to 0'
    assert check(res(requests={"cpu": "0"})) == []


def test_ValidateResourceQuantityValue_requires_integers_for_extended_resources() -> None:
    findings = check(res(limits={"example.com/gpu": "500m"}, requests={"example.com/gpu": "500m"}))
    assert [f.rule for f in findings] == ["api.ValidateResourceQuantityValue.not-integer"] * 2
    assert findings[0].message == 'Invalid value: "500m": must be an integer'
    assert check(res(limits={"example.com/gpu": "2"}, requests={"example.com/gpu": "2"})) == []


def test_warningsForPodSpecAndMeta_flags_fractional_memory_bytes() -> None:
    findings = check(res(requests={"memory": "0.5"}))
    assert [(f.severity, f.rule) for f in findings] == [
        ("warning", "api.warningsForPodSpecAndMeta.fractional-byte-value")]
    assert findings[0].message == 'fractional byte value "500m" is invalid, must be an integer'
    assert check(res(requests={"memory": "128Mi", "ephemeral-storage": "1G"})) == []


def test_validateResourceRequirements_memo_keeps_each_container_path() -> None:
    container = res(limits={"cpu": "1"}, requests={"cpu": "2"})
    ctx = Context(version=(1, 33), template=False, spec={})
    validate_container_resources(ctx, container, "spec.containers[0]")
    validate_container_resources(ctx, container, "spec.initContainers[3]")
    assert [f.path for f in ctx.out] == ["spec.containers[0].resources.requests",
                                         "spec.initContainers[3].resources.requests"]


def test_ParseQuantity_memo_distinguishes_true_from_one() -> None:
    assert check(res(limits={"cpu": 1})) == []
    assert [f.rule for f in check(res(limits={"cpu": True}))] == ["api.ParseQuantity.invalid"]


# --- validateResourceRequirements -----------------------------------------------------------


def test_validateResourceRequirements_request_above_limit() -> None:
    findings = check(res(limits={"cpu": "500m"}, requests={"cpu": "1"}))
    assert errors(findings) == [("api.validateResourceRequirements.request-exceeds-limit",
                                 "spec.containers[0].resources.requests")]
    assert findings[0].message == (
        'Invalid value: "1": must be less than or equal to cpu limit of 500m')


def test_validateResourceRequirements_request_equal_to_limit_passes() -> None:
    assert check(res(limits={"cpu": "1", "memory": "1Gi"},
                     requests={"cpu": "1000m", "memory": "1024Mi"})) == []


def test_validateResourceRequirements_compares_exact_values_across_suffixes() -> None:
    findings = check(res(limits={"memory": "1G"}, requests={"memory": "1Gi"}))
    assert findings[0].message == (
        'Invalid value: "1Gi": must be less than or equal to memory limit of 1G')


def test_validateResourceRequirements_extended_request_must_equal_limit() -> None:
    findings = check(res(limits={"example.com/gpu": "2"}, requests={"example.com/gpu": "1"}))
    assert findings[0].rule == "api.validateResourceRequirements.request-not-equal-limit"
    assert findings[0].message == 'Invalid value: "1": must be equal to example.com/gpu limit of 2'


def test_validateResourceRequirements_extended_request_needs_a_limit() -> None:
    findings = check(res(requests={"example.com/gpu": "1"}))
    assert [(f.rule, f.path, f.message) for f in findings] == [
        ("api.validateResourceRequirements.limit-required",
         "spec.containers[0].resources.limits",
         "Required value: Limit must be set for non overcommitable resources")]


def test_validateResourceQuantityHugePageValue_requires_whole_pages() -> None:
    findings = check(res(limits={"hugepages-2Mi": "3Mi", "memory": "1Gi"},
                         requests={"hugepages-2Mi": "3Mi", "memory": "1Gi"}))
    assert [f.rule for f in findings] == [
        "api.validateResourceQuantityHugePageValue.not-multiple"] * 2
    assert findings[0].message == (
        'Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi')
    assert check(res(limits={"hugepages-2Mi": "4Mi", "memory": "1Gi"},
                     requests={"hugepages-2Mi": "4Mi", "memory": "1Gi"})) == []


def test_validateResourceQuantityHugePageValue_rejects_an_unparsable_page_size() -> None:
    findings = check(res(limits={"hugepages-big": "2", "cpu": "1"},
                         requests={"hugepages-big": "2", "cpu": "1"}))
    assert {f.rule for f in findings} == {"api.validateResourceQuantityHugePageValue.not-multiple"}


def test_validateResourceRequirements_hugepages_need_cpu_or_memory() -> None:
    findings = check(res(limits={"hugepages-1Gi": "1Gi"}, requests={"hugepages-1Gi": "1Gi"}))
    assert [(f.rule, f.path, f.message) for f in findings] == [
        ("api.validateResourceRequirements.hugepages-need-cpu-or-memory",
         "spec.containers[0].resources", "Forbidden: HugePages require cpu or memory")]


# --- validateResourceClaimNames -------------------------------------------------------------


CLAIMS_SPEC = {"resourceClaims": [{"name": "gpu", "resourceClaimTemplateName": "gpu-tpl"},
                                  {"name": "fpga", "resourceClaimName": "fpga-1"}]}


def test_validateResourceClaimNames_accepts_claims_of_the_pod() -> None:
    container = res(claims=[{"name": "gpu"}, {"name": "fpga", "request": "one"}])
    assert check(container, CLAIMS_SPEC, (1, 34)) == []


def test_validateResourceClaimNames_unknown_claim_is_not_found_with_the_choices() -> None:
    findings = check(res(claims=[{"name": "tpu"}]), CLAIMS_SPEC, (1, 34))
    assert [(f.rule, f.path) for f in findings] == [
        ("api.validateResourceClaimNames.not-found", "spec.containers[0].resources.claims[0]")]
    assert findings[0].message == (
        'Not found: "tpu": must be one of the names in pod.spec.resourceClaims: fpga, gpu')


def test_validateResourceClaimNames_without_pod_claims_says_the_list_is_empty() -> None:
    findings = check(res(claims=[{"name": "tpu"}]), {}, (1, 34))
    assert findings[0].message.endswith("pod.spec.resourceClaims which is empty")


def test_validateResourceClaimNames_duplicate_and_missing_name() -> None:
    findings = check(res(claims=[{"name": "gpu"}, {"name": "gpu"}, {}]), CLAIMS_SPEC, (1, 34))
    assert [(f.rule, f.path) for f in findings] == [
        ("api.validateResourceClaimNames.duplicate", "spec.containers[0].resources.claims[1]"),
        ("api.validateResourceClaimNames.required", "spec.containers[0].resources.claims[2]"),
    ]


def test_validateResourceClaimNames_whole_claim_after_one_of_its_requests_is_duplicate() -> None:
    findings = check(res(claims=[{"name": "gpu", "request": "a"}, {"name": "gpu"}]),
                     CLAIMS_SPEC, (1, 34))
    assert [f.rule for f in findings] == ["api.validateResourceClaimNames.duplicate"]


def test_validateResourceClaimNames_claims_are_dropped_before_1_34() -> None:
    findings = check(res(claims=[{"name": "nope"}]), {}, (1, 33))
    assert [(f.severity, f.rule) for f in findings] == [
        ("warning", "api.dropDisabledFields.feature-gate")]


# --- validateResizePolicy -------------------------------------------------------------------


def resize(*policies: Any, spec: dict[str, Any] | None = None,
           version: tuple[int, int] = (1, 33)) -> list[Finding]:
    return check({"name": "app", "resizePolicy": list(policies)}, spec, version)


def test_validateResizePolicy_accepts_cpu_and_memory_policies() -> None:
    assert resize({"resourceName": "cpu", "restartPolicy": "NotRequired"},
                  {"resourceName": "memory", "restartPolicy": "RestartContainer"}) == []


def test_validateResizePolicy_rejects_duplicates_and_unknown_values() -> None:
    findings = resize({"resourceName": "cpu", "restartPolicy": "NotRequired"},
                      {"resourceName": "cpu", "restartPolicy": "Sometimes"},
                      {"resourceName": "gpu", "restartPolicy": "NotRequired"})
    assert [(f.rule, f.path) for f in findings] == [
        ("api.validateResizePolicy.duplicate", "spec.containers[0].resizePolicy[1]"),
        ("api.validateResizePolicy.policy", "spec.containers[0].resizePolicy"),
        ("api.validateResizePolicy.resource", "spec.containers[0].resizePolicy"),
    ]


def test_validateResizePolicy_requires_not_required_when_the_pod_never_restarts() -> None:
    findings = resize({"resourceName": "cpu", "restartPolicy": "RestartContainer"},
                      spec={"restartPolicy": "Never"})
    assert findings[0].message == (
        "Invalid value: \"RestartContainer\": must be 'NotRequired' when `restartPolicy` is "
        "'Never'")
    assert resize({"resourceName": "cpu", "restartPolicy": "NotRequired"},
                  spec={"restartPolicy": "Never"}) == []


def test_validateResizePolicy_empty_fields_are_required() -> None:
    findings = resize({})
    assert [f.rule for f in findings] == ["api.validateResizePolicy.resource-required",
                                          "api.validateResizePolicy.policy-required"]


def test_validateResizePolicy_is_dropped_before_1_33() -> None:
    findings = resize({"resourceName": "gpu"}, version=(1, 32))
    assert [f.severity for f in findings] == ["warning"]


# --- validatePodResourceClaims --------------------------------------------------------------


def test_validatePodResourceClaims_accepts_named_claims_with_one_source() -> None:
    assert pod(CLAIMS_SPEC) == []


def test_validatePodResourceClaims_name_and_source_rules() -> None:
    findings = pod({"resourceClaims": [
        {"resourceClaimName": "a"},
        {"name": "Bad_Name", "resourceClaimName": "a"},
        {"name": "x", "resourceClaimName": "a", "resourceClaimTemplateName": "b"},
        {"name": "x"},
    ]})
    assert [(f.rule, f.path) for f in findings] == [
        ("api.validatePodResourceClaim.name-required", "spec.resourceClaims[0].name"),
        ("api.validatePodResourceClaim.name", "spec.resourceClaims[1].name"),
        ("api.validatePodResourceClaim.source", "spec.resourceClaims[2]"),
        ("api.validatePodResourceClaim.duplicate", "spec.resourceClaims[3].name"),
        ("api.validatePodResourceClaim.source", "spec.resourceClaims[3]"),
    ]


def test_validatePodResourceClaims_are_dropped_before_1_34() -> None:
    findings = pod({"resourceClaims": [{}]}, (1, 33))
    assert [f.rule for f in findings] == ["api.dropDisabledFields.feature-gate"]


# --- validatePodResources -------------------------------------------------------------------


def app(requests: dict[str, Any] | None = None, limits: dict[str, Any] | None = None,
        **more: Any) -> dict[str, Any]:
    return {"name": "c", **more, "resources": {"requests": requests or {}, "limits": limits or {}}}


def test_validatePodResources_accepts_a_budget_that_covers_the_containers() -> None:
    spec = {"resources": {"requests": {"cpu": "2", "memory": "1Gi"}, "limits": {"cpu": "4"}},
            "containers": [app({"cpu": "1"}, {"cpu": "2"}), app({"cpu": "500m"})]}
    assert pod(spec) == []


def test_validatePodResourceConsistency_requests_below_the_aggregate() -> None:
    spec = {"resources": {"requests": {"cpu": "1"}},
            "containers": [app({"cpu": "1"}), app({"cpu": "500m"})]}
    findings = pod(spec)
    assert [(f.rule, f.path, f.message) for f in findings] == [
        ("api.validatePodResourceConsistency.requests", "spec.resources.requests[cpu]",
         'Invalid value: "1": must be greater than or equal to aggregate container requests '
         "of 1500m")]


def test_validatePodResourceConsistency_counts_sidecars_and_the_largest_init_step() -> None:
    spec = {"resources": {"requests": {"cpu": "2"}},
            "initContainers": [app({"cpu": "500m"}, restartPolicy="Always"), app({"cpu": "3"})],
            "containers": [app({"cpu": "1"})]}
    findings = pod(spec)
    assert "aggregate container requests of 3500m" in findings[0].message


def test_validatePodResourceConsistency_container_limit_above_the_pod_limit() -> None:
    spec = {"resources": {"limits": {"memory": "1Gi"}},
            "containers": [app(limits={"memory": "2Gi"})]}
    findings = pod(spec)
    assert [(f.path, f.message) for f in findings] == [
        ("spec.resources.containers[0][memory].limits",
         'Invalid value: "2Gi": must be less than or equal to pod limits of 1Gi')]


def test_validatePodResourceName_supports_cpu_memory_and_hugepages_only() -> None:
    findings = pod({"resources": {"requests": {"ephemeral-storage": "1Gi"}}})
    assert [(f.rule, f.error_type) for f in findings] == [
        ("api.validatePodResourceName.not-supported", "Unsupported value")]
    assert pod({"resources": {"limits": {"hugepages-2Mi": "2Mi", "memory": "1Gi"}}}) == []


def test_validatePodResources_forbids_claims_at_pod_level() -> None:
    findings = pod({"resources": {"claims": [], "requests": {"cpu": "1"}}})
    assert [f.rule for f in findings] == ["api.validatePodResources.claims"]


def test_validatePodResources_request_above_pod_limit() -> None:
    findings = pod({"resources": {"requests": {"cpu": "2"}, "limits": {"cpu": "1"}}})
    assert [(f.rule, f.path) for f in findings] == [
        ("api.validateResourceRequirements.request-exceeds-limit", "spec.resources.requests")]


def test_validatePodResources_is_dropped_before_1_34() -> None:
    findings = pod({"resources": {"requests": {"bogus": "x"}}}, (1, 33))
    assert [(f.severity, f.path) for f in findings] == [("warning", "spec.resources")]


# --- garbage --------------------------------------------------------------------------------


@pytest.mark.parametrize("container", [
    {"resources": "lots"},
    {"resources": None},
    {"resources": {"limits": ["cpu"], "requests": "1"}},
    {"resources": {"limits": {1: "1", "cpu": {"x": 1}, "memory": None}}},
    {"resources": {"claims": "gpu"}},
    {"resources": {"claims": [None, 3, {"name": 5}, {"name": "x", "request": 7}]}},
    {"resizePolicy": "cpu"},
    {"resizePolicy": [None, 1, {"resourceName": ["cpu"], "restartPolicy": {}}]},
])
def test_container_resources_tolerate_garbage(container: dict[str, Any]) -> None:
    check(container, {"restartPolicy": "Never", "resourceClaims": "x"}, (1, 34))


@pytest.mark.parametrize("spec", [
    {"resources": "x", "resourceClaims": {"a": 1}},
    {"resources": {"requests": {"cpu": "1"}}, "containers": "c", "initContainers": [None, 1]},
    {"resources": {"requests": {"cpu": "1"}, "limits": {"cpu": "x"}},
     "containers": [{"resources": {"requests": {"cpu": "zz"}, "limits": "?"}}]},
    {"resourceClaims": [None, "a", {"name": 1, "resourceClaimName": 2}]},
])
def test_pod_resources_tolerate_garbage(spec: dict[str, Any]) -> None:
    pod(spec)
