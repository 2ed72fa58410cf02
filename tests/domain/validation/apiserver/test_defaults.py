"""A.0: what the API server does to a Pod before validating it (defaulting, dropped fields)."""

from __future__ import annotations

import copy

import pytest

from designer.domain.validation.apiserver.defaults import (
    apply_defaults,
    effective_probe_value,
    effective_pull_policy,
    pulls_latest,
    volume_sources,
)
from tests.domain.validation.apiserver.builders import container, pod


def defaulted(manifest, version=(1, 35), template=False):
    return apply_defaults(manifest, version=version, template=template)


def test_SetDefaults_PodSpec_fills_pod_level_defaults():
    spec = defaulted(pod()).spec
    assert spec["dnsPolicy"] == "ClusterFirst"
    assert spec["restartPolicy"] == "Always"
    assert spec["securityContext"] == {}
    assert spec["terminationGracePeriodSeconds"] == 30
    assert spec["schedulerName"] == "default-scheduler"


def test_SetDefaults_PodSpec_keeps_explicit_values_including_a_negative_grace_period():
    spec = defaulted(pod(dnsPolicy="None", restartPolicy="Never",
                         terminationGracePeriodSeconds=-5)).spec
    assert (spec["dnsPolicy"], spec["restartPolicy"]) == ("None", "Never")
    assert spec["terminationGracePeriodSeconds"] == -5  # part 2 warns about it


def test_SetDefaults_Pod_enableServiceLinks_only_for_pods_not_templates():
    assert defaulted(pod()).spec["enableServiceLinks"] is True
    assert "enableServiceLinks" not in defaulted(pod(), template=True).spec


def test_SetDefaults_Pod_requests_default_to_limits_for_containers_and_init_containers():
    limited = container(resources={"limits": {"cpu": "1", "memory": "1Gi"},
                                   "requests": {"cpu": "500m"}})
    spec = defaulted(pod(limited, initContainers=[dict(limited, name="init")])).spec
    for c in (spec["containers"][0], spec["initContainers"][0]):
        assert c["resources"]["requests"] == {"cpu": "500m", "memory": "1Gi"}


def test_SetDefaults_Pod_requests_are_not_defaulted_in_a_template():
    limited = container(resources={"limits": {"cpu": "1"}})
    spec = defaulted(pod(limited), template=True).spec
    assert "requests" not in spec["containers"][0]["resources"]


def test_SetDefaults_Pod_host_network_defaults_host_port_to_container_port():
    c = container(ports=[{"containerPort": 8080}, {"containerPort": 9090, "hostPort": 9091}])
    spec = defaulted(pod(c, hostNetwork=True)).spec
    assert [p["hostPort"] for p in spec["containers"][0]["ports"]] == [8080, 9091]
    template_spec = defaulted(pod(c, hostNetwork=True), template=True).spec
    assert "hostPort" not in template_spec["containers"][0]["ports"][0]


def test_SetDefaults_Volume_a_volume_without_source_becomes_empty_dir():
    result = defaulted(pod(volumes=[{"name": "a", "secret": {"secretName": "s"}}, {"name": "b"}]))
    assert result.spec["volumes"][1] == {"name": "b", "emptyDir": {}}
    assert result.sourceless == frozenset({1})
    assert "emptyDir" not in result.spec["volumes"][0]


def test_volume_sources_are_listed_in_validateVolumeSource_order():
    assert volume_sources({"name": "x", "configMap": {}, "emptyDir": {}, "secret": None}) == [
        "emptyDir", "configMap"]


@pytest.mark.parametrize(("image", "latest"), [
    ("nginx", True), ("nginx:latest", True), ("nginx:1.27", False),
    ("registry:5000/team/app", True), ("registry:5000/team/app:2", False),
    ("nginx@sha256:" + "a" * 64, False), ("nginx:latest@sha256:" + "a" * 64, True),
    ("", False), ("Nginx", False), (" nginx", False),
])
def test_SetDefaults_Container_pull_policy_follows_the_tag(image, latest):
    assert pulls_latest(image) is latest
    expected = "Always" if latest else "IfNotPresent"
    assert effective_pull_policy({"image": image}) == expected


def test_SetDefaults_Container_explicit_pull_policy_is_kept():
    assert effective_pull_policy({"image": "nginx", "imagePullPolicy": "Never"}) == "Never"


def test_SetDefaults_Probe_zero_and_unset_values_read_as_defaults():
    probe = {"timeoutSeconds": 0, "periodSeconds": 7}
    assert effective_probe_value(probe, "timeoutSeconds") == 1
    assert effective_probe_value(probe, "periodSeconds") == 7
    assert effective_probe_value(probe, "failureThreshold") == 3
    assert effective_probe_value(probe, "successThreshold") == 1


def test_dropDisabledFields_sidecar_restart_policy_is_dropped_before_1_29():
    sidecar = container("proxy", restartPolicy="Always")
    assert "restartPolicy" not in defaulted(pod(initContainers=[sidecar]), (1, 28)).spec[
        "initContainers"][0]
    assert defaulted(pod(initContainers=[sidecar]), (1, 29)).spec["initContainers"][0][
        "restartPolicy"] == "Always"


def test_dropPodLifecycleSleepAction_drops_sleep_and_empty_hook_in_1_29():
    c = container(lifecycle={"preStop": {"sleep": {"seconds": 5}},
                             "postStart": {"exec": {"command": ["x"]}}})
    result = defaulted(pod(c), (1, 29))
    assert result.spec["containers"][0]["lifecycle"] == {"postStart": {"exec": {"command": ["x"]}}}
    assert [n.rule for n in result.notes] == ["api.dropPodLifecycleSleepAction.gate-off"]
    assert result.notes[0].path == "spec.containers[0].lifecycle.preStop.sleep"


def test_dropPodLifecycleSleepAction_removes_a_lifecycle_left_empty():
    c = container(lifecycle={"preStop": {"sleep": {"seconds": 5}}})
    assert "lifecycle" not in defaulted(pod(c), (1, 29)).spec["containers"][0]


def test_sleep_is_an_unknown_field_before_1_29_and_leaves_an_empty_hook():
    c = container(lifecycle={"preStop": {"sleep": {"seconds": 5}}})
    assert defaulted(pod(c), (1, 28)).spec["containers"][0]["lifecycle"] == {"preStop": {}}


def test_sleep_is_kept_from_1_30():
    c = container(lifecycle={"preStop": {"sleep": {"seconds": 5}}})
    result = defaulted(pod(c), (1, 30))
    assert result.spec["containers"][0]["lifecycle"]["preStop"] == {"sleep": {"seconds": 5}}
    assert result.notes == []


def test_dropDisabledFields_recursive_read_only_is_dropped_before_1_31():
    mount = {"name": "v", "mountPath": "/v", "readOnly": True, "recursiveReadOnly": "Enabled"}
    manifest = pod(container(volumeMounts=[mount]), volumes=[{"name": "v", "emptyDir": {}}])
    old = defaulted(manifest, (1, 30))
    assert "recursiveReadOnly" not in old.spec["containers"][0]["volumeMounts"][0]
    assert old.notes[0].path == "spec.containers[0].volumeMounts[0].recursiveReadOnly"
    assert defaulted(manifest, (1, 31)).spec["containers"][0]["volumeMounts"][0] == mount


def test_dropImageVolumes_removes_the_volume_and_its_mounts_while_the_gate_is_off():
    manifest = pod(container(volumeMounts=[{"name": "img", "mountPath": "/i"},
                                           {"name": "data", "mountPath": "/d"}]),
                   volumes=[{"name": "img", "image": {"reference": "quay.io/a/b:1"}},
                            {"name": "data"}])
    gated = defaulted(manifest, (1, 33))
    assert [v["name"] for v in gated.spec["volumes"]] == ["data"]
    assert gated.sourceless == frozenset({0})  # indices follow the server's shortened list
    assert gated.spec["containers"][0]["volumeMounts"] == [{"name": "data", "mountPath": "/d"}]
    assert gated.notes[0].path == "spec.volumes[0].image"
    assert defaulted(manifest, (1, 35)).spec["volumes"][0]["image"]["reference"]


def test_image_volume_is_an_unknown_field_before_1_31_and_becomes_empty_dir():
    manifest = pod(volumes=[{"name": "img", "image": {"reference": "quay.io/a/b:1"}}])
    result = defaulted(manifest, (1, 30))
    assert result.spec["volumes"] == [{"name": "img", "emptyDir": {}}]
    assert result.notes[0].rule == "api.dropDisabledFields.image-volume"


def test_defaulting_never_modifies_the_input():
    manifest = pod(container(resources={"limits": {"cpu": "1"}},
                             ports=[{"containerPort": 80}],
                             lifecycle={"preStop": {"sleep": {"seconds": 1}}}),
                   hostNetwork=True, volumes=[{"name": "a"}],
                   initContainers=[container("s", restartPolicy="Always")])
    before = copy.deepcopy(manifest)
    defaulted(manifest, (1, 28))
    defaulted(manifest, (1, 35))
    assert manifest == before


def test_untouched_containers_are_shared_not_copied():
    manifest = pod(container(ports=[{"containerPort": 80}]))
    assert defaulted(manifest).spec["containers"][0] is manifest["spec"]["containers"][0]


@pytest.mark.parametrize("spec", [None, [], "x", 3, {"containers": "x", "volumes": 5},
                                  {"containers": [None, 1, "a"], "volumes": [None, "v"],
                                   "initContainers": [{"restartPolicy": 1, "lifecycle": []}]}])
def test_defaulting_tolerates_garbage(spec):
    result = apply_defaults({"spec": spec}, version=(1, 28), template=False)
    assert result.spec["restartPolicy"] == "Always"
