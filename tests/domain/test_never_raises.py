"""validate() never raises on user error: garbage planted anywhere in real manifests gives findings."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from designer.domain import operations
from designer.domain.errors import DomainError
from designer.domain.validation.lints import lint_pod

MANIFESTS = sorted((Path(__file__).parent / "manifests").glob("*.yaml"))
GARBAGE: list[Any] = [None, {}, [], {"x": 1}, [1, "a"], "", "garbage", -1, 0, 2**40, 1.5, True, "80"]
MUTATIONS_PER_FILE = 150


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(paths(item, (*prefix, index)))
    return found


def plant(document: dict[str, Any], path: tuple[Any, ...], garbage: Any) -> dict[str, Any]:
    mutated = copy.deepcopy(document)
    target = mutated
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = copy.deepcopy(garbage)
    return mutated


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda p: p.stem)
def test_garbage_anywhere_in_a_pod_is_reported_never_raised(manifest: Path) -> None:
    design = operations.import_text(manifest.read_text()).design.to_dict()
    rng = random.Random(manifest.stem)
    pods = [("pods", i) for i in range(len(design["pods"]))]
    candidates = [p for pod in pods for p in paths(design["pods"][pod[1]], pod)
                  if (len(p) > 3 and p[2] in ("spec", "metadata"))
                  or (len(p) > 4 and p[2] == "containers")]
    assert candidates
    for _ in range(MUTATIONS_PER_FILE):
        path = rng.choice(candidates)
        mutated = plant(design, path, rng.choice(GARBAGE))
        try:
            report = operations.validate(mutated)
        except DomainError:
            continue  # a malformed design document is refused with a clear DocumentError
        json.dumps(report.as_dict())


def test_a_probe_on_a_number_beside_a_container_port_that_is_an_object_does_not_crash() -> None:
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"containers": [
        {"name": "a", "image": "nginx:1.27", "ports": [{"containerPort": {"x": 1}}],
         "readinessProbe": {"tcpSocket": {"port": 80}}}]}}
    rules = {f.rule for f in lint_pod(pod, version=(1, 33))}
    assert "lint.probe-port-not-declared" in rules
