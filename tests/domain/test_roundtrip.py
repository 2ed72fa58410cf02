"""Round trips: manifests → design → manifests gives the same data, in YAML and JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from designer.domain.document import parse_document
from designer.domain.export import export_json, export_manifests, export_pod, export_yaml
from designer.domain.importer import import_manifests
from designer.domain.yamlio import load_documents

MANIFESTS = sorted((Path(__file__).parent / "manifests").glob("*.yaml"))
VERSIONS = ["1.28", "1.29", "1.33"]


def load(text: str) -> list[Any]:
    return [doc.data for doc in load_documents(text)]


def test_the_manifest_folder_covers_the_seed_patterns() -> None:
    kinds = set()
    for path in MANIFESTS:
        for doc in load(path.read_text()):
            kinds.add(doc["kind"])
            kinds.update(item["kind"] for item in doc.get("items", []))
    assert {
        "Pod",
        "Deployment",
        "StatefulSet",
        "DaemonSet",
        "ReplicaSet",
        "Job",
        "CronJob",
        "List",
        "Service",
        "ConfigMap",
    } <= kinds
    assert len(MANIFESTS) >= 15


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.stem)
def test_yaml_import_then_export_gives_the_same_documents(path: Path, version: str) -> None:
    text = path.read_text()
    design = import_manifests(text, kubernetes_version=version).design
    assert load(export_yaml(design, kind=None)) == load(text)


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.stem)
def test_json_export_of_an_import_gives_the_same_documents(path: Path) -> None:
    text = path.read_text()
    exported = export_json(import_manifests(text).design)
    (value,) = load(exported)
    documents = value if isinstance(value, list) else [value]
    assert documents == load(text)
    again = import_manifests(exported).design
    assert export_manifests(again) == export_manifests(import_manifests(text).design)


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.stem)
def test_design_dict_survives_parse_and_to_dict(path: Path) -> None:
    as_dict = import_manifests(path.read_text()).design.to_dict()
    assert parse_document(as_dict).to_dict() == as_dict


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.stem)
def test_import_of_an_export_gives_the_same_design(path: Path, version: str) -> None:
    design = import_manifests(path.read_text(), kubernetes_version=version).design
    again = import_manifests(export_yaml(design), kubernetes_version=version).design
    assert again == design


def sidecar_design(native: bool | None, version: str) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "kubernetes_version": version,
        "pods": [
            {
                "id": "pod-1",
                "metadata": {"name": "app"},
                "spec": {},
                "containers": [
                    {
                        "id": "c-app",
                        "role": "main",
                        "native": None,
                        "spec": {"name": "app", "image": "nginx:1.27"},
                        "notes": "",
                        "timings": {},
                    },
                    {
                        "id": "c-logs",
                        "role": "sidecar",
                        "native": native,
                        "spec": {"name": "logs", "image": "fluent/fluent-bit:3.1"},
                        "notes": "",
                        "timings": {},
                    },
                ],
                "volumes": [],
                "mounts": [],
                "workload": None,
                "notes": "",
            }
        ],
        "extra_documents": [],
        "list": None,
        "layout": {},
    }


@pytest.mark.parametrize(
    ("native", "version", "in_init"),
    [
        (None, "1.27", False),
        (None, "1.28", False),
        (None, "1.29", True),
        (None, "1.33", True),
        (True, "1.28", True),
        (True, "1.33", True),
        (False, "1.28", False),
        (False, "1.33", False),
    ],
)
def test_sidecar_export_depends_on_version_only_when_native_is_null(
    native: bool | None, version: str, in_init: bool
) -> None:
    """B.7: native sidecars from 1.29; A.4 validateInitContainerRestartPolicy (only Always)."""
    doc = sidecar_design(native, version)
    manifest = export_pod(parse_document(doc), "pod-1").manifest
    init = manifest["spec"].get("initContainers", [])
    if in_init:
        assert init == [
            {"name": "logs", "image": "fluent/fluent-bit:3.1", "restartPolicy": "Always"}
        ]
        assert "annotations" not in manifest["metadata"]
    else:
        assert init == []
        assert [c["name"] for c in manifest["spec"]["containers"]] == ["app", "logs"]
        assert manifest["metadata"]["annotations"] == {"pod-designer.dev/roles": "logs=sidecar"}
    # The role survives import at the same version, and so does the design.
    back = import_manifests(export_yaml(parse_document(doc)), kubernetes_version=version)
    roles = {c.id: c.role for c in back.design.pods[0].containers}
    assert roles == {"c-app": "main", "c-logs": "sidecar"}
    assert export_manifests(back.design) == export_manifests(parse_document(doc))
