"""Strict JSON-schema validation per Kubernetes version (kubernetes-validate's strict schemas)."""

from __future__ import annotations

import copy
import datetime as dt
import statistics
import threading
import time
from typing import Any

import pytest

from designer.domain.validation import schema
from designer.domain.validation.schema import SUPPORTED_KINDS, preload, validate_schema
from designer.domain.versions import DEFAULT_VERSION, SUPPORTED_VERSIONS


def pod(**container: Any) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web", "labels": {"app": "web"}},
        "spec": {"containers": [{"name": "app", "image": "nginx:1.27", **container}]},
    }


def template() -> dict[str, Any]:
    return {"metadata": {"labels": {"app": "web"}}, "spec": pod()["spec"]}


def workload(kind: str) -> dict[str, Any]:
    selector = {"matchLabels": {"app": "web"}}
    specs: dict[str, dict[str, Any]] = {
        "Deployment": {"replicas": 2, "selector": selector, "template": template()},
        "StatefulSet": {"serviceName": "web", "selector": selector, "template": template()},
        "DaemonSet": {"selector": selector, "template": template()},
        "ReplicaSet": {"selector": selector, "template": template()},
        "Job": {"template": template()},
        "CronJob": {"schedule": "*/5 * * * *", "jobTemplate": {"spec": {"template": template()}}},
    }
    specs["Job"]["template"]["spec"]["restartPolicy"] = "Never"
    api = "batch/v1" if kind in ("Job", "CronJob") else "apps/v1"
    return {"apiVersion": api, "kind": kind, "metadata": {"name": "web"}, "spec": specs[kind]}


def big_pod(containers: int = 40, volumes: int = 30) -> dict[str, Any]:
    vols: list[dict[str, Any]] = []
    for i in range(volumes):
        source: dict[str, Any] = [
            {"configMap": {"name": f"cm{i}", "items": [{"key": "a", "path": "a"}]}},
            {"emptyDir": {"sizeLimit": "1Gi"}},
            {"secret": {"secretName": f"s{i}", "defaultMode": 420}},
        ][i % 3]
        vols.append({"name": f"v{i}", **source})
    items = []
    for i in range(containers):
        items.append({
            "name": f"c{i}", "image": f"registry.example.com/app{i}:1.2.{i}",
            "command": ["/bin/app"], "args": ["--port", "8080"],
            "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}],
            "env": [{"name": "A", "value": "1"},
                    {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}],
            "resources": {"requests": {"cpu": "100m", "memory": "128Mi"},
                          "limits": {"cpu": 1, "memory": "256Mi"}},
            "volumeMounts": [{"name": f"v{i % volumes}", "mountPath": "/data"}],
            "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http"}},
            "readinessProbe": {"tcpSocket": {"port": 8080}, "periodSeconds": 5},
            "securityContext": {"runAsNonRoot": True, "readOnlyRootFilesystem": True},
        })
    manifest = pod()
    manifest["spec"] = {"containers": items, "volumes": vols,
                        "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}}
    return manifest


def only(findings: list[Any]) -> Any:
    assert len(findings) == 1, [f.as_dict() for f in findings]
    return findings[0]


# --- valid manifests ------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.27", "1.29", "1.33", DEFAULT_VERSION])
def test_a_valid_pod_passes_in_several_versions(version):
    assert validate_schema(pod(ports=[{"containerPort": 80}]), version) == []


@pytest.mark.parametrize("kind", [k for k in SUPPORTED_KINDS if k != "Pod"])
def test_a_valid_workload_of_each_kind_passes(kind):
    assert validate_schema(workload(kind), DEFAULT_VERSION) == []


def test_the_big_pod_is_valid_in_every_supported_version():
    manifest = big_pod()
    for version in SUPPORTED_VERSIONS:
        assert validate_schema(manifest, version) == []


@pytest.mark.parametrize("value", ["500m", "1Gi", " 2 ", "1e3", "0.5", ".5", "1E", 1, 0.25])
def test_quantities_the_api_server_decodes_pass(value):
    assert validate_schema(pod(resources={"limits": {"cpu": value}}), DEFAULT_VERSION) == []


def test_a_yaml_timestamp_is_checked_as_its_rfc3339_string():
    manifest = pod()
    manifest["metadata"]["creationTimestamp"] = dt.datetime(2024, 1, 2, 3, 4, 5)
    assert validate_schema(manifest, DEFAULT_VERSION) == []


# --- unknown fields -------------------------------------------------------------------------


def test_unknown_field_in_a_container_has_kubectls_message_and_full_path():
    finding = only(validate_schema(pod(imagee="x"), DEFAULT_VERSION))
    assert finding.rule == "schema.unknown-field"
    assert finding.severity == "error"
    assert finding.path == "spec.containers[0].imagee"
    assert finding.message == 'unknown field "spec.containers[0].imagee"'
    assert 'did you mean "image"' in finding.hint
    assert "case-sensitive" in finding.hint


def test_unknown_field_with_the_wrong_case_suggests_the_right_spelling():
    finding = only(validate_schema(pod(ImagePullPolicy="Always"), DEFAULT_VERSION))
    assert finding.path == "spec.containers[0].ImagePullPolicy"
    assert 'did you mean "imagePullPolicy"' in finding.hint


def test_unknown_fields_at_top_level_and_in_metadata_get_their_own_paths():
    manifest = pod()
    manifest["status2"] = {}
    manifest["metadata"]["lables"] = {"a": "b"}
    paths = {f.path for f in validate_schema(manifest, DEFAULT_VERSION)}
    assert paths == {"status2", "metadata.lables"}


def test_every_unknown_key_of_one_object_is_reported():
    findings = validate_schema(pod(foo=1, bar=2), DEFAULT_VERSION)
    assert sorted(f.path for f in findings) == [
        "spec.containers[0].bar", "spec.containers[0].foo"]


def test_unknown_field_in_a_deployment_template_has_the_template_path():
    manifest = workload("Deployment")
    manifest["spec"]["template"]["spec"]["containers"][0]["imagee"] = "x"
    finding = only(validate_schema(manifest, DEFAULT_VERSION))
    assert finding.path == "spec.template.spec.containers[0].imagee"


def test_sidecar_restart_policy_is_an_unknown_field_in_1_27_with_a_version_hint():
    manifest = pod()
    manifest["spec"]["initContainers"] = [{"name": "proxy", "image": "envoy:1", "restartPolicy":
                                           "Always"}]
    finding = only(validate_schema(manifest, "1.27"))
    assert finding.rule == "schema.unknown-field"
    assert finding.path == "spec.initContainers[0].restartPolicy"
    assert "1.28" in finding.hint and "1.27" in finding.hint


def test_sidecar_restart_policy_is_known_from_1_29():
    manifest = pod()
    manifest["spec"]["initContainers"] = [{"name": "proxy", "image": "envoy:1", "restartPolicy":
                                           "Always"}]
    assert validate_schema(manifest, "1.29") == []


# --- types, required, enums -----------------------------------------------------------------


def test_a_quoted_port_number_is_a_type_error_with_the_exact_path():
    manifest = pod(ports=[{"containerPort": 80}, {"containerPort": "8080"}])
    finding = only(validate_schema(manifest, DEFAULT_VERSION))
    assert finding.rule == "schema.type"
    assert finding.path == "spec.containers[0].ports[1].containerPort"
    assert finding.message == 'must be an integer, not the string "8080"'
    assert finding.hint == "write 8080 without quotes"


def test_an_unquoted_label_value_is_a_type_error_on_the_map_key_path():
    manifest = pod()
    manifest["metadata"]["labels"]["enabled"] = True
    finding = only(validate_schema(manifest, DEFAULT_VERSION))
    assert finding.path == "metadata.labels[enabled]"
    assert finding.hint == 'put the value in quotes: "true"'


def test_a_string_command_is_a_type_error_asking_for_a_list():
    finding = only(validate_schema(pod(command="sleep 10"), DEFAULT_VERSION))
    assert finding.path == "spec.containers[0].command"
    assert finding.message == 'must be a list, not the string "sleep 10"'
    assert "list" in finding.hint


def test_a_missing_container_name_is_required():
    manifest = pod()
    del manifest["spec"]["containers"][0]["name"]
    finding = only(validate_schema(manifest, DEFAULT_VERSION))
    assert (finding.rule, finding.path, finding.error_type) == (
        "schema.required", "spec.containers[0].name", "Required value")


def test_a_deployment_without_selector_is_required_at_spec_selector():
    manifest = workload("Deployment")
    del manifest["spec"]["selector"]
    assert only(validate_schema(manifest, DEFAULT_VERSION)).path == "spec.selector"


def test_a_wrong_api_version_is_an_enum_error():
    manifest = pod()
    manifest["apiVersion"] = "apps/v1"
    finding = only(validate_schema(manifest, DEFAULT_VERSION))
    assert (finding.rule, finding.path) == ("schema.enum", "apiVersion")
    assert finding.message == 'Unsupported value: "apps/v1": supported values: "v1"'


# --- Quantity and IntOrString ---------------------------------------------------------------


def test_a_null_quantity_is_a_readable_warning_at_the_resource_key():
    finding = only(validate_schema(pod(resources={"limits": {"cpu": None}}), DEFAULT_VERSION))
    assert finding.rule == "schema.type"
    assert finding.severity == "warning"  # the server's decoder reads null as 0, it does not reject
    assert finding.path == "spec.containers[0].resources.limits[cpu]"
    assert "oneOf" not in finding.message and "0" in finding.message


def test_an_extended_resource_keeps_its_dotted_name_in_brackets():
    manifest = pod(resources={"limits": {"nvidia.com/gpu": [1]}})
    finding = only(validate_schema(manifest, DEFAULT_VERSION))
    assert finding.path == "spec.containers[0].resources.limits[nvidia.com/gpu]"
    assert finding.message == "must be a quantity, not a list"
    assert finding.severity == "error"


@pytest.mark.parametrize("value", ["1.5.2", "1e", "1K", "500 m", "", "ten"])
def test_a_malformed_quantity_string_is_invalid(value):
    finding = only(validate_schema(pod(resources={"requests": {"memory": value}}),
                                   DEFAULT_VERSION))
    assert finding.rule == "schema.invalid"
    assert finding.path == "spec.containers[0].resources.requests[memory]"
    assert "not a quantity" in finding.message


def test_a_null_probe_port_is_a_readable_warning():
    manifest = pod(livenessProbe={"tcpSocket": {"port": None}})
    finding = only(validate_schema(manifest, DEFAULT_VERSION))
    assert finding.path == "spec.containers[0].livenessProbe.tcpSocket.port"
    assert "port number" in finding.hint


def test_a_boolean_probe_port_is_a_type_error():
    manifest = pod(readinessProbe={"httpGet": {"port": True}})
    finding = only(validate_schema(manifest, DEFAULT_VERSION))
    assert finding.message == "must be an integer or a string, not the boolean true"


def test_numbers_beyond_int32_are_invalid_like_the_decoder_says():
    manifest = pod(ports=[{"containerPort": 2**31}], livenessProbe={"httpGet": {"port": 2**40}})
    findings = validate_schema(manifest, DEFAULT_VERSION)
    assert {f.path for f in findings} == {"spec.containers[0].ports[0].containerPort",
                                          "spec.containers[0].livenessProbe.httpGet.port"}
    assert all("32-bit" in f.message and f.rule == "schema.invalid" for f in findings)


def test_all_errors_are_reported_not_just_the_first():
    manifest = pod(imagee="x", ports=[{"containerPort": "80"}], resources={"limits": {"cpu": "x"}})
    manifest["apiVersion"] = "v2"
    rules = sorted(f.rule for f in validate_schema(manifest, DEFAULT_VERSION))
    assert rules == ["schema.enum", "schema.invalid", "schema.type", "schema.unknown-field"]


# --- kinds, versions, garbage ---------------------------------------------------------------


def test_an_unsupported_kind_is_one_clear_finding():
    finding = only(validate_schema({"apiVersion": "v1", "kind": "Service"}, DEFAULT_VERSION))
    assert (finding.rule, finding.path) == ("schema.unsupported-kind", "kind")
    assert "Deployment" in finding.hint


def test_a_kind_in_the_wrong_case_is_pointed_out():
    finding = only(validate_schema({"apiVersion": "v1", "kind": "pod"}, DEFAULT_VERSION))
    assert finding.hint == 'kinds are case-sensitive: write "Pod"'


def test_a_missing_kind_is_required():
    assert only(validate_schema({"apiVersion": "v1"}, DEFAULT_VERSION)).rule == "schema.required"


def test_a_non_string_kind_is_a_type_error():
    assert only(validate_schema({"kind": ["Pod"]}, DEFAULT_VERSION)).rule == "schema.type"


@pytest.mark.parametrize("manifest", [None, [], "kind: Pod", 42])
def test_a_manifest_that_is_not_a_mapping_is_a_finding(manifest):
    finding = only(validate_schema(manifest, DEFAULT_VERSION))
    assert finding.rule == "schema.type" and finding.path == ""


@pytest.mark.parametrize("version", ["1.26", "garbage", ""])
def test_an_unsupported_version_raises_value_error(version):
    with pytest.raises(ValueError):
        validate_schema(pod(), version)


@pytest.mark.parametrize("garbage", [
    {1: "x"}, {True: "x"}, {"a": {1, 2}}, {"a": b"\x00\x01"}, {"a": object()}, {"a": float("nan")},
    {"a": dt.date(2024, 1, 1)}, {"a": 10**40}, {"a": ("x", "y")},
])
def test_values_yaml_can_produce_never_raise(garbage):
    manifest = pod()
    manifest["metadata"]["annotations"] = garbage
    findings = validate_schema(manifest, DEFAULT_VERSION)
    assert all(f.path.startswith("metadata.annotations") for f in findings)


def test_deeply_nested_garbage_does_not_raise():
    deep: Any = "x"
    for _ in range(500):
        deep = {"k": deep}
    manifest = pod()
    manifest["metadata"]["annotations"] = deep
    manifest["spec"]["containers"][0]["env"] = [{"name": "A", "value": deep}]
    assert validate_schema(manifest, DEFAULT_VERSION)


def test_garbage_types_everywhere_yield_findings_not_exceptions():
    manifest = {"apiVersion": 1, "kind": "Pod", "metadata": "x", "spec": {
        "containers": {"name": "a"}, "volumes": "v", "initContainers": [None, 3, "x"],
        "securityContext": [], "restartPolicy": 7, "nodeSelector": {"a": None}}}
    findings = validate_schema(manifest, DEFAULT_VERSION)
    assert {f.rule for f in findings} <= {"schema.type", "schema.enum", "schema.invalid"}
    assert "spec.initContainers[1]" in {f.path for f in findings}


# --- compilation and speed ------------------------------------------------------------------


def test_each_version_and_kind_compiles_once():
    preload(DEFAULT_VERSION, ["Pod"])
    first = schema._get(schema.parse_version(DEFAULT_VERSION), "Pod")
    validate_schema(pod(), DEFAULT_VERSION)
    assert schema._get(schema.parse_version(DEFAULT_VERSION), "Pod") is first


def test_preload_reports_the_compile_time():
    seconds = preload("1.30")
    assert 0 <= seconds < 5
    print(f"compile 1.30, all kinds: {seconds * 1000:.1f} ms")


def test_concurrent_first_use_compiles_one_validator():
    results: list[Any] = []
    manifest = pod(imagee="x")

    def run() -> None:
        results.append(validate_schema(manifest, "1.28"))

    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8 and all(r == results[0] and len(r) == 1 for r in results)


def test_validation_does_not_modify_the_manifest():
    manifest = big_pod(3, 3)
    manifest["metadata"]["creationTimestamp"] = dt.datetime(2024, 1, 1)
    before = copy.deepcopy(manifest)
    validate_schema(manifest, DEFAULT_VERSION)
    assert manifest == before


def test_a_40_container_30_volume_pod_validates_in_under_0_2_ms():
    manifest = big_pod()
    start = time.perf_counter()
    preload(DEFAULT_VERSION, ["Pod"])
    compile_ms = (time.perf_counter() - start) * 1000
    best = float("inf")
    for _ in range(5):
        runs = []
        for _ in range(200):
            t0 = time.perf_counter()
            validate_schema(manifest, DEFAULT_VERSION)
            runs.append(time.perf_counter() - t0)
        best = min(best, statistics.median(runs) * 1000)
    print(f"schema: compile {compile_ms:.1f} ms, per call {best:.3f} ms")
    assert best <= 0.2


def test_a_non_string_api_version_is_one_type_error_not_also_an_enum_error():
    manifest = pod()
    manifest["apiVersion"] = 1
    finding = only(validate_schema(manifest, DEFAULT_VERSION))
    assert (finding.rule, finding.path, finding.hint) == (
        "schema.type", "apiVersion", 'put the value in quotes: "1"')


def test_a_string_where_a_mapping_belongs_gets_a_mapping_hint():
    manifest = pod()
    manifest["metadata"] = "web"
    finding = only(validate_schema(manifest, DEFAULT_VERSION))
    assert finding.message == 'must be a mapping, not the string "web"'
    assert "key: value" in finding.hint


def test_preload_rejects_an_unknown_kind():
    with pytest.raises(ValueError, match="Service"):
        preload(DEFAULT_VERSION, ["Service"])
