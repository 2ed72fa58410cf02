"""A.9 environment: ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom, duplicate names."""

from __future__ import annotations

from typing import Any

import pytest

from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.apiserver.env import validate_env
from designer.domain.validation.findings import Finding

PATH = "spec.containers[0]"


def check(env: Any = None, env_from: Any = None,
          version: tuple[int, int] = (1, 33)) -> list[Finding]:
    container: dict[str, Any] = {"name": "app"}
    if env is not None:
        container["env"] = env
    if env_from is not None:
        container["envFrom"] = env_from
    ctx = Context(version=version, template=False, spec={})
    validate_env(ctx, container, PATH)
    return ctx.out


def rules(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.path) for f in findings]


def value_from(source: dict[str, Any], **more: Any) -> list[dict[str, Any]]:
    return [{"name": "X", "valueFrom": source, **more}]


# --- ValidateEnv names ----------------------------------------------------------------------


def test_ValidateEnv_accepts_plain_variables() -> None:
    assert check([{"name": "MY_VAR", "value": "1"}, {"name": "my.var-2"}]) == []


def test_ValidateEnv_requires_a_name() -> None:
    assert rules(check([{"value": "1"}, {"name": ""}])) == [
        ("api.ValidateEnv.name-required", "spec.containers[0].env[0].name"),
        ("api.ValidateEnv.name-required", "spec.containers[0].env[1].name"),
    ]


def test_ValidateEnv_strict_names_before_1_32() -> None:
    findings = check([{"name": "1ABC"}, {"name": "A B"}, {"name": "..X"}], version=(1, 31))
    assert [f.path for f in findings] == [
        "spec.containers[0].env[0].name", "spec.containers[0].env[1].name",
        "spec.containers[0].env[2].name"]
    assert findings[2].message == 'Invalid value: "..X": must not start with \'..\''


def test_ValidateEnv_relaxed_names_from_1_32() -> None:
    assert check([{"name": "1ABC"}, {"name": "A B"}, {"name": "..X"}], version=(1, 32)) == []
    findings = check([{"name": "A=B"}, {"name": "caf\u00e9"}], version=(1, 32))
    assert [f.rule for f in findings] == ["api.ValidateEnv.name"] * 2
    assert "printable ASCII characters other than '='" in findings[0].message


def test_ValidateEnv_duplicate_name_is_a_warning() -> None:
    findings = check([{"name": "A", "value": "1"}, {"name": "B"}, {"name": "A", "value": "2"}])
    assert [(f.severity, f.rule, f.path) for f in findings] == [
        ("warning", "api.ValidateEnv.duplicate-name", "spec.containers[0].env[2]")]
    assert findings[0].message == (
        'hides previous definition of "A", which may be dropped when using apply')


# --- validateEnvVarValueFrom ----------------------------------------------------------------


def test_validateEnvVarValueFrom_accepts_each_source() -> None:
    env = [
        {"name": "A", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
        {"name": "B", "valueFrom": {"fieldRef": {"apiVersion": "v1",
                                                 "fieldPath": "metadata.labels['app']"}}},
        {"name": "C", "valueFrom": {"resourceFieldRef": {"resource": "limits.memory",
                                                         "divisor": "1Mi"}}},
        {"name": "D", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "k"}}},
        {"name": "E", "valueFrom": {"secretKeyRef": {"name": "sec", "key": "k.txt"}}},
        {"name": "F", "valueFrom": {"fieldRef": {"fieldPath": "spec.host"}}},
    ]
    assert check(env) == []


def test_validateEnvVarValueFrom_needs_a_source() -> None:
    findings = check(value_from({}))
    assert rules(findings) == [("api.validateEnvVarValueFrom.no-source",
                                "spec.containers[0].env[0].valueFrom")]
    assert findings[0].message == (
        'Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, '
        "`configMapKeyRef` or `secretKeyRef`")


def test_validateEnvVarValueFrom_forbids_value_and_source_together() -> None:
    findings = check(value_from({"fieldRef": {"fieldPath": "metadata.name"}}, value="x"))
    assert [f.rule for f in findings] == ["api.validateEnvVarValueFrom.value-and-source"]


def test_validateEnvVarValueFrom_allows_only_one_source() -> None:
    findings = check(value_from({"fieldRef": {"fieldPath": "metadata.name"},
                                 "secretKeyRef": {"name": "s", "key": "k"}}))
    assert [f.rule for f in findings] == ["api.validateEnvVarValueFrom.many-sources"]


def test_validateEnvVarValueFrom_file_key_ref_counts_as_a_source_from_1_35() -> None:
    env = value_from({"fileKeyRef": {"volumeName": "cfg", "path": "env", "key": "A"}})
    assert check(env, version=(1, 35)) == []
    findings = check(env, version=(1, 34))
    assert [(f.severity, f.rule, f.path) for f in findings] == [
        ("warning", "api.dropDisabledFields.feature-gate",
         "spec.containers[0].env[0].valueFrom.fileKeyRef"),
        ("error", "api.validateEnvVarValueFrom.no-source", "spec.containers[0].env[0].valueFrom"),
    ]


def test_ValidateEnv_memoized_fast_path_reports_like_the_full_check() -> None:
    env = [{"name": "FAST_A", "value": "1"},
           {"name": "FAST_B", "valueFrom": {"fieldRef": {"fieldPath": "status.phase"}}},
           {"name": "FAST_C", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}},
            "value": "x"}]
    first = check(env)  # names not seen before: full loop
    second = check(env)  # names now known good: C-level fast path
    assert first == second
    assert [f.path for f in second] == ["spec.containers[0].env[1].valueFrom.fieldRef.fieldPath",
                                        "spec.containers[0].env[2].valueFrom"]


def test_validateEnvVarValueFrom_divisor_memo_distinguishes_true_from_one() -> None:
    ok = value_from({"resourceFieldRef": {"resource": "limits.cpu", "divisor": 1}})
    bad = value_from({"resourceFieldRef": {"resource": "limits.cpu", "divisor": True}})
    assert check(ok) == []
    assert [f.rule for f in check(bad)] == ["api.ParseQuantity.invalid"]


# --- validateObjectFieldSelector ------------------------------------------------------------


def test_validateObjectFieldSelector_field_not_usable_in_env() -> None:
    findings = check(value_from({"fieldRef": {"fieldPath": "metadata.labels"}}))
    assert rules(findings) == [("api.validateObjectFieldSelector.not-supported",
                                "spec.containers[0].env[0].valueFrom.fieldRef.fieldPath")]
    assert findings[0].message.startswith('Unsupported value: "metadata.labels": supported values:')


def test_validateObjectFieldSelector_unknown_field_fails_conversion() -> None:
    findings = check(value_from({"fieldRef": {"fieldPath": "spec.containers"}}))
    assert findings[0].message == ('Invalid value: "spec.containers": error converting fieldPath: '
                                   "field label not supported: spec.containers")


def test_validateObjectFieldSelector_wrong_api_version() -> None:
    findings = check(value_from({"fieldRef": {"apiVersion": "v2", "fieldPath": "metadata.name"}}))
    assert "unsupported pod version: v2" in findings[0].message


def test_validateObjectFieldSelector_subscript_only_on_labels_and_annotations() -> None:
    findings = check(value_from({"fieldRef": {"fieldPath": "metadata.name['x']"}}))
    assert "field label does not support subscript" in findings[0].message
    findings = check(value_from({"fieldRef": {"fieldPath": "metadata.labels['bad key']"}}))
    assert rules(findings) == [("api.validateObjectFieldSelector.subscript",
                                "spec.containers[0].env[0].valueFrom.fieldRef")]


def test_validateObjectFieldSelector_requires_a_field_path() -> None:
    findings = check(value_from({"fieldRef": {}}))
    assert [f.rule for f in findings] == ["api.validateObjectFieldSelector.field-path-required"]


# --- validateContainerResourceFieldSelector and divisor -------------------------------------


def test_validateContainerResourceFieldSelector_unknown_resource() -> None:
    findings = check(value_from({"resourceFieldRef": {"resource": "limits.gpu"}}))
    assert [f.rule for f in findings] == [
        "api.validateContainerResourceFieldSelector.not-supported"]
    assert check(value_from({"resourceFieldRef": {"resource": "requests.hugepages-2Mi"}})) == []


def test_validateContainerResourceFieldSelector_requires_a_resource() -> None:
    findings = check(value_from({"resourceFieldRef": {"containerName": "app"}}))
    assert [f.rule for f in findings] == [
        "api.validateContainerResourceFieldSelector.resource-required"]


@pytest.mark.parametrize(("resource", "divisor", "ok"), [
    ("limits.cpu", "1m", True), ("limits.cpu", "1000m", True), ("limits.cpu", "1Mi", False),
    ("requests.memory", "1Mi", True), ("requests.memory", "1024", False),
    ("limits.ephemeral-storage", "1G", True), ("limits.ephemeral-storage", "2", False),
    ("limits.hugepages-2Mi", "1Ki", True), ("limits.hugepages-2Mi", "3", False),
    ("limits.memory", "0", True),
])
def test_validateContainerResourceDivisor(resource: str, divisor: str, ok: bool) -> None:
    findings = check(value_from({"resourceFieldRef": {"resource": resource,
                                                      "divisor": divisor}}))
    assert [f.rule for f in findings] == (
        [] if ok else ["api.validateContainerResourceDivisor.invalid"])


def test_validateContainerResourceDivisor_bad_quantity_is_a_decode_error() -> None:
    findings = check(value_from({"resourceFieldRef": {"resource": "limits.cpu",
                                                      "divisor": "1.2.3"}}))
    assert rules(findings) == [("api.ParseQuantity.invalid",
                                "spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor")]


# --- validateConfigMapKeySelector / validateSecretKeySelector -------------------------------


def test_validateConfigMapKeySelector_name_and_key_rules() -> None:
    findings = check(value_from({"configMapKeyRef": {"key": ""}}))
    assert rules(findings) == [
        ("api.validateConfigMapKeySelector.name",
         "spec.containers[0].env[0].valueFrom.configMapKeyRef.name"),
        ("api.validateConfigMapKeySelector.key-required",
         "spec.containers[0].env[0].valueFrom.configMapKeyRef.key"),
    ]


def test_validateSecretKeySelector_rejects_a_bad_key() -> None:
    findings = check(value_from({"secretKeyRef": {"name": "Sec", "key": "a/b"}}))
    assert rules(findings) == [
        ("api.validateSecretKeySelector.name",
         "spec.containers[0].env[0].valueFrom.secretKeyRef.name"),
        ("api.validateSecretKeySelector.key",
         "spec.containers[0].env[0].valueFrom.secretKeyRef.key"),
    ]


# --- ValidateEnvFrom ------------------------------------------------------------------------


def test_ValidateEnvFrom_accepts_one_source_with_a_prefix() -> None:
    assert check(env_from=[{"configMapRef": {"name": "cfg"}, "prefix": "CFG_"},
                           {"secretRef": {"name": "sec-"}}]) == []


def test_ValidateEnvFrom_needs_exactly_one_source() -> None:
    findings = check(env_from=[{}, {"configMapRef": {"name": "a"}, "secretRef": {"name": "b"}}])
    assert rules(findings) == [
        ("api.ValidateEnvFrom.no-source", "spec.containers[0].envFrom"),
        ("api.ValidateEnvFrom.many-sources", "spec.containers[0].envFrom"),
    ]


def test_ValidateEnvFrom_source_names() -> None:
    findings = check(env_from=[{"configMapRef": {}}, {"secretRef": {"name": "Bad"}}])
    assert rules(findings) == [
        ("api.validateConfigMapEnvSource.name-required",
         "spec.containers[0].envFrom[0].configMapRef.name"),
        ("api.validateSecretEnvSource.name", "spec.containers[0].envFrom[1].secretRef.name"),
    ]


def test_ValidateEnvFrom_prefix_follows_the_env_name_rule_of_the_version() -> None:
    item = [{"configMapRef": {"name": "cfg"}, "prefix": "1_"}]
    assert [f.rule for f in check(env_from=item, version=(1, 31))] == ["api.ValidateEnvFrom.prefix"]
    assert check(env_from=item, version=(1, 34)) == []


# --- garbage --------------------------------------------------------------------------------


@pytest.mark.parametrize(("env", "env_from"), [
    ("A=1", "cfg"),
    ([None, 1, "A", {"name": 5}, {"name": None, "valueFrom": "x"}], [None, 1, {"prefix": 3}]),
    ([{"name": "A", "valueFrom": {"fieldRef": {"fieldPath": 7, "apiVersion": 1}}}], []),
    ([{"name": "A", "valueFrom": {"resourceFieldRef": {"resource": 1, "divisor": []}}}], []),
    ([{"name": "A", "valueFrom": {"configMapKeyRef": {"name": 1, "key": {}}}}], []),
    ([{"name": "A", "value": 3, "valueFrom": {"secretKeyRef": None}}],
     [{"configMapRef": {"name": 4}, "secretRef": "s"}]),
])
def test_validate_env_tolerates_garbage(env: Any, env_from: Any) -> None:
    check(env, env_from)
