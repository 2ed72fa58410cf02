"""The design document: parse, normalize, and refuse malformed documents with a pointer."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from designer.domain import errors
from designer.domain.document import (
    Design,
    DocumentError,
    is_modelled_list,
    new_design,
    parse_document,
)


def full_document() -> dict[str, Any]:
    """A canonical document using every member: to_dict(parse(d)) must give it back."""
    return {
        "schema_version": 1,
        "kubernetes_version": "1.33",
        "pods": [
            {
                "id": "pod-1",
                "metadata": {"name": "web", "labels": {"app": "web"}},
                "spec": {"restartPolicy": "Always", "shareProcessNamespace": True},
                "containers": [
                    {
                        "id": "c-fetch",
                        "role": "init",
                        "native": None,
                        "spec": {"name": "fetch", "image": "busybox:1.36"},
                        "notes": "copies the WAR",
                        "timings": {"pull": 1.5, "run": 3, "exit_code": 0},
                    },
                    {
                        "id": "c-app",
                        "role": "main",
                        "native": None,
                        "spec": {"name": "app", "image": "tomcat:10.1"},
                        "notes": "",
                        "timings": {},
                    },
                    {
                        "id": "c-proxy",
                        "role": "ambassador",
                        "native": True,
                        "spec": {"name": "proxy", "image": "envoyproxy/envoy:v1.31.2"},
                        "notes": "",
                        "timings": {"ready_after": 2.0},
                    },
                ],
                "volumes": [{"id": "v-war", "spec": {"name": "war", "emptyDir": {}}}],
                "mounts": [
                    {
                        "id": "m-1",
                        "container": "c-fetch",
                        "volume": "v-war",
                        "spec": {"mountPath": "/out"},
                    },
                    {
                        "id": "m-2",
                        "container": "c-app",
                        "volume": "v-war",
                        "spec": {"mountPath": "/usr/local/tomcat/webapps", "readOnly": True},
                    },
                    {
                        "id": "m-3",
                        "container": "c-app",
                        "volume": None,
                        "spec": {"name": "missing", "mountPath": "/x"},
                    },
                ],
                "workload": {
                    "apiVersion": "apps/v1",
                    "kind": "Deployment",
                    "metadata": {"name": "web"},
                    "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}}},
                },
                "notes": "the shop front",
            }
        ],
        "extra_documents": [
            {
                "position": 1,
                "manifest": {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}},
            }
        ],
        "list": {"apiVersion": "v1", "kind": "List", "metadata": {}},
        "layout": {
            "pod-1": {"x": 0, "y": 0, "width": 640, "height": 400},
            "c-app": {"x": 20.5, "y": 40},
        },
    }


def test_parse_document_then_to_dict_gives_the_canonical_document_back() -> None:
    doc = full_document()
    design = parse_document(doc)
    assert isinstance(design, Design)
    assert design.to_dict() == doc
    assert doc == full_document()  # the input is not modified


def test_parsed_document_has_typed_elements() -> None:
    design = parse_document(full_document())
    pod = design.pod("pod-1")
    assert [c.role for c in pod.containers] == ["init", "main", "ambassador"]
    assert pod.containers[2].native is True
    assert pod.containers[0].timings == {"pull": 1.5, "run": 3, "exit_code": 0}
    assert pod.mounts[2].volume is None
    assert pod.name == "web"
    assert design.version == (1, 33)
    assert design.extra_documents[0].position == 1
    with pytest.raises(KeyError):
        design.pod("nope")


def test_missing_optional_members_read_as_empty_values() -> None:
    design = parse_document(
        {
            "schema_version": 1,
            "kubernetes_version": "1.30",
            "pods": [{"id": "p", "containers": [{"id": "c", "role": "main"}]}],
        }
    )
    out = design.to_dict()
    assert out["extra_documents"] == [] and out["list"] is None and out["layout"] == {}
    pod = out["pods"][0]
    assert pod["metadata"] == {} and pod["spec"] == {} and pod["workload"] is None
    assert pod["containers"][0] == {
        "id": "c",
        "role": "main",
        "native": None,
        "spec": {},
        "notes": "",
        "timings": {},
    }
    assert parse_document(out).to_dict() == out


def test_run_and_pre_stop_timings_may_be_null_for_the_simulation_default() -> None:
    doc = _set("pods/0/containers/0/timings", {"run": None, "pre_stop": None, "stop": 3600})
    assert parse_document(doc).to_dict() == doc
    for bad in ({"pull": None}, {"stop": 3600.5}, {"run": float("nan")}):
        with pytest.raises(DocumentError):
            parse_document(_set("pods/0/containers/0/timings", bad))


def test_kubernetes_version_is_normalized_to_major_minor() -> None:
    doc = full_document()
    doc["kubernetes_version"] = "v1.30.4"
    assert parse_document(doc).kubernetes_version == "1.30"


def test_new_design_has_one_pod_and_parses_back() -> None:
    design = new_design("1.29")
    assert design.kubernetes_version == "1.29"
    assert [p.id for p in design.pods] == ["pod-1"]
    assert parse_document(design.to_dict()) == design


def test_new_design_refuses_an_unsupported_version() -> None:
    with pytest.raises(ValueError):
        new_design("1.12")


def test_layout_drops_boxes_of_elements_that_no_longer_exist() -> None:
    doc = full_document()
    doc["layout"]["c-gone"] = {"x": 1, "y": 2}
    assert "c-gone" not in parse_document(doc).layout


def test_document_error_is_a_domain_document_error_with_a_pointer() -> None:
    doc = full_document()
    doc["pods"][0]["containers"][1]["role"] = "helper"
    with pytest.raises(errors.DocumentError) as caught:
        parse_document(doc)
    error = caught.value
    assert isinstance(error, DocumentError)
    assert error.pointer == "/pods/0/containers/1/role"
    assert "unknown role 'helper'" in error.message
    assert str(error).startswith("/pods/0/containers/1/role: ")


def _set(path: str, value: Any) -> dict[str, Any]:
    """The full document with the value at a slash path replaced (``-`` appends)."""
    doc = full_document()
    *parents, last = path.strip("/").split("/")
    target: Any = doc
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if isinstance(target, list):
        if last == "-":
            target.append(value)
        else:
            target[int(last)] = value
    else:
        target[last] = value
    return doc


def _many(kind: str, n: int) -> list[dict[str, Any]]:
    if kind == "pods":
        return [{"id": f"p{i}"} for i in range(n)]
    if kind == "containers":
        return [{"id": f"x{i}", "role": "main"} for i in range(n)]
    return [{"id": f"x{i}"} for i in range(n)]


BAD_DOCUMENTS = [
    ("root not an object", [], "", "expected an object"),
    ("unsupported schema_version", _set("schema_version", 2), "/schema_version", "unsupported"),
    ("boolean schema_version", _set("schema_version", True), "/schema_version", "unsupported"),
    (
        "unsupported kubernetes_version",
        _set("kubernetes_version", "1.20"),
        "/kubernetes_version",
        "not supported",
    ),
    (
        "kubernetes_version not a string",
        _set("kubernetes_version", 1.3),
        "/kubernetes_version",
        "string",
    ),
    ("pods not an array", _set("pods", {"id": "p"}), "/pods", "expected an array"),
    ("no pods", _set("pods", []), "/pods", "at least one pod"),
    ("too many pods", _set("pods", _many("pods", 101)), "/pods", "at most 100"),
    ("missing pod id", _set("pods/0/id", None), "/pods/0/id", "missing id"),
    ("id with a slash", _set("pods/0/id", "pod/1"), "/pods/0/id", "invalid id"),
    ("id of 65 characters", _set("pods/0/id", "p" * 65), "/pods/0/id", "invalid id"),
    ("id not a string", _set("pods/0/containers/0/id", 7), "/pods/0/containers/0/id", "string"),
    (
        "duplicate id across kinds",
        _set("pods/0/volumes/0/id", "c-app"),
        "/pods/0/volumes/0/id",
        "duplicate id 'c-app' (first used at /pods/0/containers/1)",
    ),
    ("metadata not an object", _set("pods/0/metadata", "web"), "/pods/0/metadata", "object"),
    (
        "containers in the spec",
        _set("pods/0/spec/containers", [{"name": "a"}]),
        "/pods/0/spec/containers",
        "belong in the pod's 'containers' list",
    ),
    (
        "volumes in the spec",
        _set("pods/0/spec/volumes", [{"name": "a"}]),
        "/pods/0/spec/volumes",
        "belong in the pod's 'volumes' list",
    ),
    ("containers not an array", _set("pods/0/containers", "app"), "/pods/0/containers", "array"),
    (
        "too many containers",
        _set("pods/0/containers", _many("containers", 201)),
        "/pods/0/containers",
        "at most 200",
    ),
    (
        "too many volumes",
        _set("pods/0/volumes", _many("volumes", 201)),
        "/pods/0/volumes",
        "at most 200",
    ),
    (
        "container not an object",
        _set("pods/0/containers/0", "app"),
        "/pods/0/containers/0",
        "expected an object, got string",
    ),
    (
        "unknown role",
        _set("pods/0/containers/0/role", "Main"),
        "/pods/0/containers/0/role",
        "unknown role",
    ),
    (
        "native on a main container",
        _set("pods/0/containers/1/native", False),
        "/pods/0/containers/1/native",
        "only applies",
    ),
    (
        "native not a boolean",
        _set("pods/0/containers/2/native", "yes"),
        "/pods/0/containers/2/native",
        "true, false or null",
    ),
    (
        "volumeMounts in a container spec",
        _set("pods/0/containers/1/spec/volumeMounts", [{"name": "war", "mountPath": "/w"}]),
        "/pods/0/containers/1/spec",
        "belong in the pod's 'mounts' list",
    ),
    (
        "restartPolicy Always on an init container",
        _set("pods/0/containers/0/spec/restartPolicy", "Always"),
        "/pods/0/containers/0/spec/restartPolicy",
        "role sidecar",
    ),
    (
        "unknown timing",
        _set("pods/0/containers/0/timings/boot", 1),
        "/pods/0/containers/0/timings",
        "unknown timing 'boot'",
    ),
    (
        "negative timing",
        _set("pods/0/containers/0/timings/pull", -1),
        "/pods/0/containers/0/timings/pull",
        "number of seconds",
    ),
    (
        "boolean timing",
        _set("pods/0/containers/0/timings/run", True),
        "/pods/0/containers/0/timings/run",
        "number of seconds",
    ),
    (
        "exit code not an integer",
        _set("pods/0/containers/0/timings/exit_code", 1.5),
        "/pods/0/containers/0/timings/exit_code",
        "integer",
    ),
    (
        "notes not a string",
        _set("pods/0/containers/0/notes", 3),
        "/pods/0/containers/0/notes",
        "string",
    ),
    ("notes too long", _set("pods/0/notes", "x" * 20_001), "/pods/0/notes", "longer"),
    (
        "mount of an unknown container",
        _set("pods/0/mounts/0/container", "c-nope"),
        "/pods/0/mounts/0/container",
        "unknown container 'c-nope'",
    ),
    (
        "mount without container",
        _set("pods/0/mounts/0/container", None),
        "/pods/0/mounts/0/container",
        "needs the id",
    ),
    (
        "mount of an unknown volume",
        _set("pods/0/mounts/0/volume", "v-nope"),
        "/pods/0/mounts/0/volume",
        "unknown volume 'v-nope'",
    ),
    (
        "mount volume not a string",
        _set("pods/0/mounts/0/volume", 3),
        "/pods/0/mounts/0/volume",
        "volume id or null",
    ),
    (
        "mount naming its volume twice",
        _set("pods/0/mounts/0/spec/name", "war"),
        "/pods/0/mounts/0/spec/name",
        "comes from its volume",
    ),
    (
        "workload of an unknown kind",
        _set("pods/0/workload/kind", "Rollout"),
        "/pods/0/workload/kind",
        "unsupported workload kind",
    ),
    (
        "workload with the wrong apiVersion",
        _set("pods/0/workload/apiVersion", "extensions/v1"),
        "/pods/0/workload/apiVersion",
        "apps/v1",
    ),
    (
        "workload keeping its template",
        _set("pods/0/workload/spec/template", {}),
        "/pods/0/workload/spec/template",
        "the pod itself",
    ),
    (
        "negative extra position",
        _set("extra_documents/0/position", -1),
        "/extra_documents/0/position",
        "integer",
    ),
    (
        "extra manifest not an object",
        _set("extra_documents/0/manifest", "x"),
        "/extra_documents/0/manifest",
        "object",
    ),
    ("list header of another kind", _set("list/kind", "PodList"), "/list/kind", "kind List"),
    ("list header with items", _set("list/items", []), "/list/items", "pods and extra"),
    ("layout with a string", _set("layout/c-app/x", "10px"), "/layout/c-app", "numbers"),
    ("layout with an unknown key", _set("layout/c-app/z", 1), "/layout/c-app", "numbers"),
]


@pytest.mark.parametrize(
    ("data", "pointer", "message"),
    [case[1:] for case in BAD_DOCUMENTS],
    ids=[case[0] for case in BAD_DOCUMENTS],
)
def test_malformed_documents_raise_document_error_at_the_place(
    data: Any, pointer: str, message: str
) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_document(data)
    assert caught.value.pointer == pointer
    assert message in caught.value.message


def test_mount_of_another_pods_container_or_volume_is_refused() -> None:
    doc = full_document()
    second = {
        "id": "pod-2",
        "containers": [{"id": "c-other", "role": "main"}],
        "volumes": [{"id": "v-other"}],
        "mounts": [{"id": "m-9", "container": "c-other", "volume": "v-war"}],
    }
    doc["pods"].append(second)
    with pytest.raises(DocumentError, match="belongs to another pod") as caught:
        parse_document(doc)
    assert caught.value.pointer == "/pods/1/mounts/0/volume"
    second["mounts"] = [{"id": "m-9", "container": "c-app", "volume": "v-other"}]
    with pytest.raises(DocumentError, match="belongs to another pod") as caught:
        parse_document(doc)
    assert caught.value.pointer == "/pods/1/mounts/0/container"


def test_cronjob_workload_may_not_keep_its_pod_template() -> None:
    doc = _set(
        "pods/0/workload",
        {
            "apiVersion": "batch/v1",
            "kind": "CronJob",
            "spec": {"schedule": "* * * * *", "jobTemplate": {"spec": {"template": {}}}},
        },
    )
    with pytest.raises(DocumentError) as caught:
        parse_document(doc)
    assert caught.value.pointer == "/pods/0/workload/spec/jobTemplate/spec/template"


def test_malformed_kubernetes_lists_are_kept_verbatim_in_the_spec() -> None:
    doc = _set("pods/0/spec/initContainers", "oops")
    doc["pods"][0]["spec"]["volumes"] = []
    doc["pods"][0]["spec"]["containers"] = [{"name": "ok"}, "not an object"]
    doc["pods"][0]["containers"][1]["spec"]["volumeMounts"] = None
    doc["pods"][0]["mounts"] = doc["pods"][0]["mounts"][:1]
    design = parse_document(doc)
    assert design.pods[0].spec["initContainers"] == "oops"
    assert design.to_dict() == doc


def test_mount_on_a_container_with_verbatim_volume_mounts_is_refused() -> None:
    doc = _set("pods/0/containers/1/spec/volumeMounts", "oops")
    with pytest.raises(DocumentError, match="verbatim volumeMounts") as caught:
        parse_document(doc)
    assert caught.value.pointer == "/pods/0/mounts/1/container"


def test_main_container_may_keep_an_invalid_restart_policy_for_validation() -> None:
    doc = _set("pods/0/containers/1/spec/restartPolicy", "Always")
    assert parse_document(doc).pods[0].containers[1].spec["restartPolicy"] == "Always"


def test_is_modelled_list_only_accepts_non_empty_lists_of_objects() -> None:
    assert is_modelled_list([{"name": "a"}])
    assert not is_modelled_list([])
    assert not is_modelled_list([{"name": "a"}, None])
    assert not is_modelled_list({"name": "a"})
    assert not is_modelled_list(None)


GARBAGE = [None, 0, 1.5, True, "x", [], [None], {}, {"a": None}, [[]], {"": {}}]


@pytest.mark.parametrize("junk", GARBAGE, ids=repr)
@pytest.mark.parametrize(
    "path",
    [
        "pods",
        "pods/0",
        "pods/0/containers",
        "pods/0/containers/0",
        "pods/0/containers/0/spec",
        "pods/0/containers/0/timings",
        "pods/0/volumes/0",
        "pods/0/mounts",
        "pods/0/mounts/0",
        "pods/0/mounts/0/spec",
        "pods/0/workload",
        "pods/0/workload/spec",
        "extra_documents",
        "extra_documents/0",
        "list",
        "layout",
        "layout/pod-1",
        "pods/0/containers/-",
        "pods/0/mounts/-",
        "pods/0/notes",
    ],
)
def test_garbage_anywhere_gives_a_design_or_a_document_error(path: str, junk: Any) -> None:
    data = _set(path, copy.deepcopy(junk))
    try:
        design = parse_document(data)
    except DocumentError as error:
        assert error.pointer.startswith("/")
    else:
        assert isinstance(design, Design)
