"""The speed-ups of the validation core say exactly what the plain code paths say."""

from __future__ import annotations

import copy
import dataclasses
import itertools
import pickle
import re
from pathlib import Path
from typing import Any

import pytest

from designer.domain import operations
from designer.domain.export import export_pod
from designer.domain.validation import schema
from designer.domain.validation.apiserver import validate_pod
from designer.domain.validation.apiserver.containers import warn_container_port_conflicts
from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.apiserver.defaults import apply_defaults
from designer.domain.validation.apiserver.volumes import validate_volumes, warn_unused_volumes
from designer.domain.validation.findings import Finding, pin_path
from designer.domain.validation.lints import lint_pod

MANIFESTS = sorted((Path(__file__).parent.parent / "manifests").glob("*.yaml"))
V = (1, 33)


def test_finding_is_still_a_frozen_slotted_dataclass() -> None:
    f = Finding("error", "api.x", "spec.containers[0]", "Required value", "hint", "Required value")
    assert f == Finding("error", "api.x", "spec.containers[0]", "Required value", "hint",
                        "Required value")
    assert hash(f) == hash(dataclasses.replace(f))
    assert dataclasses.asdict(f)["element"] is None
    assert pickle.loads(pickle.dumps(f)) == f
    assert f.pinned("c-app") == dataclasses.replace(f, element="c-app")
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.path = "spec"  # type: ignore[misc]


def test_the_quantity_pattern_reads_like_the_lookahead_one() -> None:
    lookahead = re.compile(
        r"^\s*(?=\S)[+-]?[0-9]*(?:\.[0-9]*)?(?:[numkMGTPE]|[KMGTPE]i|[eE][+-]?[0-9]+)?\s*$")
    fast = re.compile(schema._QUANTITY_PATTERN)
    alphabet = ["", " ", "\t", "+", "-", "1", "0", ".", "e", "E", "5", "m", "K", "i", "Ki", "x"]
    for parts in itertools.product(alphabet, repeat=4):
        text = "".join(parts)
        assert bool(lookahead.match(text)) == bool(fast.match(text)), repr(text)


def _pod_with_conflicts() -> dict[str, Any]:
    def app(name: str, port: int, **more: Any) -> dict[str, Any]:
        return {"name": name, "image": "nginx:1.27", "ports": [{"containerPort": port}], **more}

    return {
        "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
        "spec": {
            "containers": [app("a", 8080), app("b", 8080, volumeMounts=[
                {"name": "used", "mountPath": "/u"}]), app("c", 9090)],
            "initContainers": [app("side", 9090, restartPolicy="Always"), app("init", 8080)],
            "volumes": [{"name": "used", "emptyDir": {}}, {"name": "idle", "emptyDir": {}}],
        },
    }


def test_pod_wide_warnings_noted_on_the_way_match_the_standalone_checks() -> None:
    manifest = _pod_with_conflicts()
    found = validate_pod(manifest, version=V)
    ctx = Context(version=V, template=False, spec=apply_defaults(
        manifest, version=V, template=False).spec)
    registered = validate_volumes(ctx, "web", frozenset())
    ctx.out.clear()
    warn_container_port_conflicts(ctx)
    warn_unused_volumes(ctx, registered)
    standalone = list(ctx.out)
    noted = [f for f in found if f.rule in {
        "api.validateContainerPorts.container-port-conflict", "api.ValidateVolumes.unused"}]
    assert [f.path for f in noted] == [
        "spec.containers[1].ports[0].containerPort",
        "spec.initContainers[0].ports[0].containerPort",
        "spec.volumes[1]",
    ]
    assert noted == standalone


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.stem)
def test_lints_pin_their_findings_as_the_glue_would(path: Path) -> None:
    design = operations.import_text(path.read_text()).design
    for pod in design.pods:
        exported = export_pod(design, pod.id, version="1.33")
        kind = pod.workload.get("kind") if pod.workload else None
        plain = lint_pod(exported.manifest, version=V, workload_kind=kind)
        pinned = lint_pod(exported.manifest, version=V, workload_kind=kind,
                          elements=exported.elements)
        assert pinned == [f.pinned(exported.pin(f.path)) for f in plain]


def test_pin_path_takes_the_longest_mapped_prefix() -> None:
    elements = {"": "pod", "spec.containers[0]": "c", "spec.containers[0].volumeMounts[1]": "m"}
    assert pin_path(elements, "spec.containers[0].volumeMounts[1].name") == "m"
    assert pin_path(elements, "spec.containers[0].volumeMounts[0]") == "c"
    assert pin_path(elements, "spec.containers[0].image") == "c"
    assert pin_path(elements, "spec.volumes[3]") == "pod"


def test_the_input_manifest_is_left_alone() -> None:
    manifest = _pod_with_conflicts()
    manifest["spec"]["containers"][0]["resources"] = {"limits": {"cpu": "1"}}
    before = copy.deepcopy(manifest)
    validate_pod(manifest, version=V)
    lint_pod(manifest, version=V)
    assert manifest == before
