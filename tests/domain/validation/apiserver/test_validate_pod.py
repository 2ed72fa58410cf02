"""validate_pod: the server's order (A.0 item 3), accumulation, templates, garbage input."""

from __future__ import annotations

import copy
import random
from collections import OrderedDict
from types import MappingProxyType

import pytest

import designer.domain.validation.apiserver as apiserver
import designer.domain.validation.apiserver.containers as containers_module
from tests.domain.validation.apiserver.builders import check, container, errors, pod


def full_pod():
    """A realistic, valid Pod: app + sidecar + init container, probes, volumes, ports."""
    return pod(
        container("web", "nginx:1.27", ports=[{"name": "http", "containerPort": 8080}],
                  readinessProbe={"httpGet": {"path": "/ready", "port": "http"}},
                  livenessProbe={"tcpSocket": {"port": 8080}, "periodSeconds": 5},
                  lifecycle={"preStop": {"sleep": {"seconds": 5}}},
                  resources={"requests": {"cpu": "100m", "memory": "64Mi"},
                             "limits": {"memory": "128Mi"}},
                  volumeMounts=[{"name": "config", "mountPath": "/etc/web", "readOnly": True},
                                {"name": "cache", "mountPath": "/cache"}]),
        initContainers=[
            container("migrate", "busybox:1.36", command=["sh", "-c", "true"]),
            container("proxy", "envoyproxy/envoy:v1.31", restartPolicy="Always",
                      ports=[{"name": "admin", "containerPort": 9901}],
                      startupProbe={"httpGet": {"path": "/ready", "port": "admin"}},
                      volumeMounts=[{"name": "token", "mountPath": "/var/run/token"}])],
        volumes=[{"name": "config", "configMap": {"name": "web-config"}},
                 {"name": "cache", "emptyDir": {"sizeLimit": "1Gi"}},
                 {"name": "token", "projected": {"sources": [
                     {"serviceAccountToken": {"path": "token", "expirationSeconds": 3600}}]}}],
        serviceAccountName="web", metadata={"labels": {"app": "web"}, "namespace": "shop"})


def test_a_realistic_valid_pod_has_no_findings():
    assert check(full_pod()) == []
    assert check(full_pod(), version=(1, 30)) == []


def test_validate_pod_never_modifies_its_input():
    manifest = full_pod()
    manifest["spec"]["hostNetwork"] = True
    before = copy.deepcopy(manifest)
    check(manifest, version=(1, 28))
    check(manifest)
    assert manifest == before


def test_findings_accumulate_in_the_server_order():
    manifest = pod(
        container("App", "", ports=[{"containerPort": 0}], restartPolicy="Always",
                  volumeMounts=[{"name": "ghost", "mountPath": "/g"}],
                  livenessProbe={}),
        name="Bad_Name",
        initContainers=[container("init", "busybox ", readinessProbe={"exec": {}})],
        ephemeralContainers=[container("debug", "busybox")],
        volumes=[{"name": "v", "secret": {}}],
        hostNetwork=True, dnsPolicy="ClusterFirstWithHostNet")
    manifest["spec"]["containers"][0]["ports"][0]["hostPort"] = 1
    found = errors(check(manifest))
    assert [f.path for f in found] == [
        "metadata.name",                                   # ValidateObjectMeta
        "spec.volumes[0].secret.secretName",               # ValidateVolumes
        "spec.containers[0].name",                         # validateContainers ...
        "spec.containers[0].image",
        "spec.containers[0].ports[0].containerPort",
        "spec.containers[0].volumeMounts[0].name",
        "spec.containers[0].livenessProbe",
        "spec.containers[0].restartPolicy",
        "spec.initContainers[0].readinessProbe",           # validateInitContainers
        "spec.containers[0].ports[0].hostPort",            # validatePodHostNetworkDeps
        "spec.initContainers[0].image",                    # validateContainersOnlyForPod
        "spec.ephemeralContainers",                        # ValidatePodCreate
    ]


def test_part2_blocks_run_after_the_containers_in_a_fixed_order(monkeypatch):
    calls = []

    def recorder(name):
        return lambda ctx, *rest: calls.append(name if not rest else f"{name} {rest[1]}")

    for name in ("validate_pod_resources", "validate_pod_fields", "validate_scheduling",
                 "validate_pod_security_context"):
        monkeypatch.setattr(apiserver, name, recorder(name))
    monkeypatch.setattr(containers_module, "validate_env", recorder("env"))
    check(pod(container("a"), initContainers=[container("i")],
              ephemeralContainers=[container("e")]))
    assert calls == ["env spec.containers[0]", "env spec.initContainers[0]",
                     "env spec.ephemeralContainers[0]", "validate_pod_resources",
                     "validate_pod_fields", "validate_scheduling",
                     "validate_pod_security_context"]


def test_part2_hooks_see_the_defaulted_spec_and_the_registered_volumes(monkeypatch):
    seen = {}

    def grab(ctx):
        seen.update(spec=ctx.spec, volumes=dict(ctx.volumes), version=ctx.version)

    monkeypatch.setattr(apiserver, "validate_pod_fields", grab)
    check(pod(volumes=[{"name": "ok", "emptyDir": {}}, {"name": "Bad", "emptyDir": {}}]),
          version=(1, 31))
    assert seen["spec"]["restartPolicy"] == "Always"
    assert list(seen["volumes"]) == ["ok"]
    assert seen["version"] == (1, 31)


def test_template_mode_skips_pod_only_checks_and_pod_defaults():
    manifest = pod(container(image=" nginx", resources={"limits": {"cpu": "1"}}),
                   volumes=[{"name": "t", "projected": {"sources": [
                       {"serviceAccountToken": {"path": "t"}}]}}])
    manifest["metadata"] = {"labels": {"app": "web"}}
    found = check(manifest)
    assert {f.path for f in errors(found)} == {
        "metadata.name", "spec.containers[0].image",
        "spec.volumes[0].projected.sources[0].serviceAccountToken"}
    assert errors(check(manifest, template=True)) == []


def test_the_target_version_changes_the_verdict():
    sidecar = pod(initContainers=[container("proxy", restartPolicy="Always",
                                            readinessProbe={"tcpSocket": {"port": 15021}})])
    assert errors(check(sidecar, version=(1, 29))) == []
    assert errors(check(sidecar, version=(1, 28)))


def test_any_mapping_is_accepted():
    manifest = full_pod()
    assert check(MappingProxyType(manifest)) == []
    assert check(OrderedDict(manifest)) == []


@pytest.mark.parametrize("manifest", [None, 1, "pod", [], {}, {"spec": None}, {"spec": "x"},
                                      {"metadata": "x", "spec": {"containers": "x"}},
                                      {"spec": {"containers": [[]], "volumes": {}}}])
def test_garbage_manifests_never_raise(manifest):
    check(manifest)
    check(manifest, version=(1, 27), template=True)


GARBAGE = [None, True, 0, -1, 70000, 1.5, "", "x", "/..", [], [None], {}, {"x": None},
           ["a", 1], {"name": 1}]


def scramble(value, rng, depth=0):
    """Replace random parts of a manifest with garbage values (deterministic seed)."""
    if depth > 6:
        return value
    if isinstance(value, dict):
        return {k: (rng.choice(GARBAGE) if rng.random() < 0.15 else scramble(v, rng, depth + 1))
                for k, v in value.items()}
    if isinstance(value, list):
        return [rng.choice(GARBAGE) if rng.random() < 0.15 else scramble(v, rng, depth + 1)
                for v in value]
    return value


@pytest.mark.parametrize("seed", range(60))
def test_scrambled_manifests_never_raise(seed):
    rng = random.Random(seed)
    manifest = scramble(full_pod(), rng)
    for version in ((1, 27), (1, 28), (1, 30), (1, 33), (1, 35)):
        check(manifest, version=version)
        check(manifest, version=version, template=True)
