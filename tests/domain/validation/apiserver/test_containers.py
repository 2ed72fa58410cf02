"""A.3-A.5: container lists and names, init containers and sidecars, ephemeral containers, ports."""

from __future__ import annotations

import pytest

import designer.domain.validation.apiserver.containers as containers_module
from designer.domain.validation.findings import (
    DUPLICATE,
    FORBIDDEN,
    INVALID,
    NOT_FOUND,
    NOT_SUPPORTED,
    REQUIRED,
)
from tests.domain.validation.apiserver.builders import at, check, container, errors, pod, rules

PROBE = {"exec": {"command": ["true"]}}


def test_validateContainers_at_least_one_container_is_required():
    for spec_containers in (None, []):
        manifest = pod()
        manifest["spec"]["containers"] = spec_containers
        found = at(check(manifest), "spec.containers")
        assert [(f.error_type, f.rule) for f in found] == [
            (REQUIRED, "api.validateContainers.required")]
    assert at(check(pod()), "spec.containers") == []


def test_validateContainers_duplicate_name():
    found = check(pod(container("app"), container("app"), container("side")))
    assert [(f.path, f.error_type) for f in found] == [("spec.containers[1].name", DUPLICATE)]
    assert check(pod(container("app"), container("side"))) == []


def test_validateContainers_restart_policy_is_forbidden_on_app_containers_since_1_28():
    manifest = pod(container(restartPolicy="Always"))
    found = check(manifest)
    assert [(f.path, f.message) for f in found] == [
        ("spec.containers[0].restartPolicy", "Forbidden: may not be set for non-init containers")]
    assert check(manifest, version=(1, 27)) == []  # an unknown field there: the schema's business


def test_validateContainerCommon_name_required_and_dns_label():
    found = check(pod(container("")))
    assert [(f.path, f.error_type) for f in found] == [("spec.containers[0].name", REQUIRED)]
    found = check(pod(container("App_1")))
    assert [(f.path, f.error_type) for f in found] == [("spec.containers[0].name", INVALID)]
    assert check(pod(container("a" * 63))) == []
    assert at(check(pod(container("a" * 64))), "spec.containers[0].name")


def test_validateContainerCommon_image_is_required():
    found = check(pod(container(image="")))
    assert [(f.path, f.rule) for f in found] == [
        ("spec.containers[0].image", "api.validateContainerCommon.image-required")]


def test_validateContainerCommon_termination_message_policy():
    assert check(pod(container(terminationMessagePolicy="FallbackToLogsOnError"))) == []
    found = check(pod(container(terminationMessagePolicy="Always")))
    assert found[0].message == ('Unsupported value: "Always": supported values: "File", '
                                '"FallbackToLogsOnError"')


def test_validatePullPolicy_unsupported_value():
    assert check(pod(container(imagePullPolicy="Never"))) == []
    found = check(pod(container(imagePullPolicy="always")))
    assert [(f.path, f.error_type) for f in found] == [
        ("spec.containers[0].imagePullPolicy", NOT_SUPPORTED)]


def test_validateContainerOnlyForPod_image_whitespace_only_for_pods():
    manifest = pod(container(image="nginx "), initContainers=[container("i", image=" busybox")])
    assert [f.path for f in check(manifest)] == ["spec.containers[0].image",
                                                 "spec.initContainers[0].image"]
    assert check(manifest, template=True) == []


def test_validateInitContainers_names_must_not_repeat_app_or_earlier_init_containers():
    manifest = pod(container("app"), initContainers=[container("app"), container("init"),
                                                     container("init")])
    found = check(manifest)
    assert [(f.path, f.error_type) for f in found] == [
        ("spec.initContainers[0].name", DUPLICATE), ("spec.initContainers[2].name", DUPLICATE)]


def test_validateInitContainers_probes_and_lifecycle_need_restart_policy_always():
    init = container("init", livenessProbe=PROBE, readinessProbe=PROBE, startupProbe=PROBE,
                     lifecycle={"preStop": PROBE})
    found = check(pod(initContainers=[init]))
    assert [f.path for f in found] == [f"spec.initContainers[0].{k}" for k in (
        "lifecycle", "livenessProbe", "readinessProbe", "startupProbe")]
    assert {f.message for f in found} == {
        "Forbidden: may not be set for init containers without restartPolicy=Always"}
    assert check(pod(initContainers=[dict(init, restartPolicy="Always")])) == []


def test_validateInitContainers_1_27_message_has_no_sidecar_mention():
    found = check(pod(initContainers=[container("init", livenessProbe=PROBE)]), version=(1, 27))
    assert found[0].message == "Forbidden: may not be set for init containers"


def test_validateInitContainers_sidecar_probes_are_validated_like_app_containers():
    sidecar = container("proxy", restartPolicy="Always", livenessProbe={"exec": {}})
    found = check(pod(initContainers=[sidecar]))
    assert [f.path for f in found] == ["spec.initContainers[0].livenessProbe.exec.command"]


def test_validateInitContainers_a_sidecar_on_1_28_is_a_plain_init_container():
    sidecar = container("proxy", restartPolicy="Always", readinessProbe=PROBE)
    assert check(pod(initContainers=[sidecar]), version=(1, 29)) == []
    found = check(pod(initContainers=[sidecar]), version=(1, 28))
    assert [(f.path, f.error_type) for f in found] == [
        ("spec.initContainers[0].readinessProbe", FORBIDDEN)]


def test_validateInitContainerRestartPolicy_only_always():
    found = check(pod(initContainers=[container("init", restartPolicy="OnFailure")]))
    assert [(f.path, f.message) for f in found] == [
        ("spec.initContainers[0].restartPolicy",
         'Unsupported value: "OnFailure": supported values: "Always"')]


def test_validateEphemeralContainers_names_targets_and_forbidden_fields():
    manifest = pod(container("app"), ephemeralContainers=[
        container("app", targetContainerName="ghost", ports=[{"containerPort": 80}],
                  resources={"limits": {"cpu": "1"}}, lifecycle={"preStop": PROBE},
                  volumeMounts=[{"name": "v", "mountPath": "/v", "subPath": "x"}])],
        volumes=[{"name": "v", "emptyDir": {}}])
    found = [f for f in check(manifest) if f.path.startswith("spec.ephemeralContainers[")]
    assert [(f.path, f.error_type) for f in found] == [
        ("spec.ephemeralContainers[0].name", DUPLICATE),
        ("spec.ephemeralContainers[0].targetContainerName", NOT_FOUND),
        ("spec.ephemeralContainers[0].ports", FORBIDDEN),
        ("spec.ephemeralContainers[0].resources", FORBIDDEN),
        ("spec.ephemeralContainers[0].lifecycle", FORBIDDEN),
        ("spec.ephemeralContainers[0].volumeMounts[0].subPath", FORBIDDEN)]


def test_ValidatePodCreate_and_ValidatePodTemplateSpec_reject_ephemeral_containers():
    manifest = pod(container("app"), ephemeralContainers=[
        container("debug", image="busybox", targetContainerName="app", resources={})])
    found = check(manifest)
    assert [(f.path, f.message) for f in found] == [
        ("spec.ephemeralContainers", "Forbidden: cannot be set on create")]
    assert [f.message for f in check(manifest, template=True)] == [
        "Forbidden: ephemeral containers not allowed in pod template"]


def test_validateContainerPorts_names_numbers_and_protocols():
    c = container(ports=[{"name": "-web", "containerPort": 80},
                         {"name": "web", "containerPort": 0},
                         {"name": "web", "containerPort": 70000, "hostPort": -1},
                         {"containerPort": 53, "protocol": "ICMP"}])
    found = check(pod(c))
    assert [(f.path, f.error_type) for f in found] == [
        ("spec.containers[0].ports[0].name", INVALID),
        ("spec.containers[0].ports[1].containerPort", REQUIRED),
        ("spec.containers[0].ports[2].name", DUPLICATE),
        ("spec.containers[0].ports[2].containerPort", INVALID),
        ("spec.containers[0].ports[2].hostPort", INVALID),
        ("spec.containers[0].ports[3].protocol", NOT_SUPPORTED)]
    assert found[3].message == "Invalid value: 70000: must be between 1 and 65535, inclusive"


def test_validateContainerPorts_the_same_name_in_two_containers_is_fine():
    manifest = pod(container("a", ports=[{"name": "http", "containerPort": 80}]),
                   container("b", ports=[{"name": "http", "containerPort": 81}]))
    assert check(manifest) == []


def test_AccumulateUniqueHostPorts_host_port_clash_between_app_containers():
    manifest = pod(container("a", ports=[{"containerPort": 80, "hostPort": 8080}]),
                   container("b", ports=[{"containerPort": 81, "hostPort": 8080}]))
    found = errors(check(manifest))
    assert [(f.path, f.message) for f in found] == [
        ("spec.containers[1].ports[0].hostPort", 'Duplicate value: "TCP//8080"')]


@pytest.mark.parametrize("second", [{"containerPort": 81, "hostPort": 8080, "protocol": "UDP"},
                                    {"containerPort": 81, "hostPort": 8080, "hostIP": "10.0.0.1"}])
def test_AccumulateUniqueHostPorts_protocol_and_host_ip_are_part_of_the_key(second):
    manifest = pod(container("a", ports=[{"containerPort": 80, "hostPort": 8080}]),
                   container("b", ports=[second]))
    assert errors(check(manifest)) == []


def test_checkHostPortConflicts_init_containers_report_index_zero_and_only_clash_with_themselves():
    init = [container("one", ports=[{"containerPort": 1, "hostPort": 9000}]),
            container("two", ports=[{"containerPort": 1, "hostPort": 9000},
                                    {"containerPort": 2, "hostPort": 9000}])]
    found = check(pod(container(ports=[{"containerPort": 1, "hostPort": 9000}]),
                      initContainers=init))
    assert [f.path for f in errors(found)] == ["spec.initContainers[0].ports[1].hostPort"]


def test_validatePodHostNetworkDeps_host_port_must_match_container_port():
    c = container(ports=[{"containerPort": 80}, {"containerPort": 81, "hostPort": 9000}])
    found = check(pod(c, hostNetwork=True, dnsPolicy="ClusterFirstWithHostNet"))
    assert [(f.path, f.message) for f in found] == [
        ("spec.containers[0].ports[1].hostPort",
         "Invalid value: 9000: must match `containerPort` when `hostNetwork` is true")]
    template = check(pod(c, hostNetwork=True, dnsPolicy="ClusterFirstWithHostNet"),
                     template=True)
    assert [f.path for f in template] == ["spec.containers[0].ports[1].hostPort"]


def test_host_network_defaulted_host_ports_clash_between_containers():
    manifest = pod(container("a", ports=[{"containerPort": 80}]),
                   container("b", ports=[{"containerPort": 80}]),
                   hostNetwork=True, dnsPolicy="ClusterFirstWithHostNet")
    assert "api.AccumulateUniqueHostPorts.duplicate" in rules(check(manifest))
    assert "api.AccumulateUniqueHostPorts.duplicate" not in rules(check(manifest, template=True))


def test_container_port_conflict_warning_for_containers_sharing_the_network_namespace():
    manifest = pod(container("a", ports=[{"containerPort": 8080}]),
                   container("b", ports=[{"containerPort": 8080}]),
                   initContainers=[container("proxy", restartPolicy="Always",
                                             ports=[{"containerPort": 8080}]),
                                   container("setup", ports=[{"containerPort": 8080}])])
    found = [f for f in check(manifest) if f.rule.endswith("container-port-conflict")]
    assert [(f.severity, f.path) for f in found] == [
        ("warning", "spec.containers[1].ports[0].containerPort"),
        ("warning", "spec.initContainers[0].ports[0].containerPort")]
    assert "spec.containers[0].ports[0]" in found[0].message


def test_container_port_conflict_warning_ignores_other_protocols():
    manifest = pod(container("a", ports=[{"containerPort": 53}]),
                   container("b", ports=[{"containerPort": 53, "protocol": "UDP"}]))
    assert check(manifest) == []


def test_part2_hooks_run_per_container_with_the_server_path(monkeypatch):
    calls = []
    for hook in ("validate_env", "validate_container_resources",
                 "validate_container_security_context"):
        monkeypatch.setattr(containers_module, hook,
                            lambda ctx, c, path, hook=hook: calls.append((hook, path)))
    check(pod(container("a"), container("b"), initContainers=[container("i")]))
    assert calls == [(hook, path) for path in (
        "spec.containers[0]", "spec.containers[1]", "spec.initContainers[0]") for hook in (
        "validate_env", "validate_container_resources", "validate_container_security_context")]


@pytest.mark.parametrize("entry", [None, 1, "x", [], {"name": 5, "image": 7, "ports": "x"},
                                   {"name": "a", "ports": [None, 1, {"containerPort": "80"},
                                                           {"name": 5, "hostPort": "x"}]},
                                   {"name": "a", "restartPolicy": 5, "livenessProbe": "x"}])
def test_garbage_containers_never_raise(entry):
    check(pod(entry, initContainers=[entry], ephemeralContainers=[entry]))
    check(pod(entry), version=(1, 27), template=True)
