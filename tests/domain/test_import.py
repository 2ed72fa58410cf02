"""Manifests → design: kinds, ids, roles, notes, and clear refusals with the document's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from designer.domain.document import DocumentError, parse_document
from designer.domain.errors import ManifestError
from designer.domain.export import ROLES_ANNOTATION
from designer.domain.importer import ImportResult, import_manifests
from designer.domain.versions import DEFAULT_VERSION

MANIFESTS = Path(__file__).parent / "manifests"

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: fetch
      image: busybox:1.36
      volumeMounts:
        - name: war
          mountPath: /out
    - name: proxy
      image: envoyproxy/envoy:v1.31.2
      restartPolicy: Always
  containers:
    - name: app
      image: tomcat:10.1
      volumeMounts:
        - name: war
          mountPath: /usr/local/tomcat/webapps
        - name: logs
          mountPath: /logs
  volumes:
    - name: war
      emptyDir: {}
"""


def imported(text: str | bytes, version: str | None = "1.33") -> ImportResult:
    result = import_manifests(text, kubernetes_version=version)
    # Whatever import builds is a well-formed design document.
    as_dict = result.design.to_dict()
    assert parse_document(as_dict).to_dict() == as_dict
    return result


def test_pod_becomes_containers_volumes_and_mounts_with_derived_ids() -> None:
    result = imported(POD)
    pod = result.design.pods[0]
    assert pod.id == "pod-1"
    assert pod.metadata == {"name": "web"}
    assert pod.spec == {}
    assert [(c.id, c.role, c.native) for c in pod.containers] == [
        ("c-fetch", "init", None),
        ("c-proxy", "sidecar", None),
        ("c-app", "main", None),
    ]
    assert "restartPolicy" not in pod.containers[1].spec
    assert "volumeMounts" not in pod.containers[0].spec
    assert [v.id for v in pod.volumes] == ["v-war"]
    assert [(m.id, m.container, m.volume, m.spec) for m in pod.mounts] == [
        ("m-1", "c-fetch", "v-war", {"mountPath": "/out"}),
        ("m-2", "c-app", "v-war", {"mountPath": "/usr/local/tomcat/webapps"}),
        ("m-3", "c-app", None, {"name": "logs", "mountPath": "/logs"}),
    ]
    assert result.notes == ["imported Pod/web as pod-1"]


def test_native_sidecar_is_automatic_from_1_29_and_explicit_below() -> None:
    """A.4 isRestartableInitContainer: restartPolicy Always marks a sidecar."""
    assert imported(POD, "1.29").design.pods[0].containers[1].native is None
    assert imported(POD, "1.28").design.pods[0].containers[1].native is True


def test_default_version_is_the_newest_supported() -> None:
    assert import_manifests(POD).design.kubernetes_version == DEFAULT_VERSION


def test_ids_stay_unique_with_duplicate_and_odd_names() -> None:
    text = """\
apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  containers:
    - {name: app, image: x}
    - {name: app, image: y}
    - {name: "we!rd/name", image: z}
    - {image: nameless}
    - {name: app-2, image: w}
  volumes:
    - {name: data, emptyDir: {}}
    - {name: data, emptyDir: {}}
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec:
  containers:
    - {name: app, image: x}
"""
    pods = imported(text).design.pods
    assert [c.id for c in pods[0].containers] == [
        "c-app",
        "c-app-2",
        "c-we-rd-name",
        "c-4",
        "c-app-2-2",
    ]
    assert [v.id for v in pods[0].volumes] == ["v-data", "v-data-2"]
    assert [p.id for p in pods] == ["pod-1", "pod-2"]
    assert [c.id for c in pods[1].containers] == ["c-app-3"]


def test_long_names_give_ids_of_at_most_64_characters() -> None:
    name = "x" * 63
    text = (
        f"apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - {{name: {name}}}\n"
        f"    - {{name: {name}}}\n"
    )
    ids = [c.id for c in imported(text).design.pods[0].containers]
    assert len(set(ids)) == 2 and all(len(i) <= 64 for i in ids)


def test_roles_annotation_restores_roles_and_goes_away() -> None:
    text = f"""\
apiVersion: v1
kind: Pod
metadata:
  name: cart
  annotations:
    {ROLES_ANNOTATION}: proxy=ambassador,exporter=adapter,shipper=sidecar
spec:
  initContainers:
    - {{name: proxy, image: envoy, restartPolicy: Always}}
  containers:
    - {{name: cart, image: cart}}
    - {{name: exporter, image: exp}}
    - {{name: shipper, image: fluent-bit}}
"""
    pod = imported(text).design.pods[0]
    assert [(c.role, c.native) for c in pod.containers] == [
        ("ambassador", True),
        ("main", None),
        ("adapter", None),
        ("sidecar", False),
    ]
    assert pod.metadata == {"name": "cart"}
    below = imported(text, "1.28").design.pods[0]
    assert below.containers[3].native is None


def test_roles_annotation_removal_keeps_other_annotations() -> None:
    text = (MANIFESTS / "ambassador-redis-proxy.yaml").read_text()
    pod = imported(text).design.pods[0]
    assert pod.metadata["annotations"] == {"owner": "team-checkout"}
    assert pod.containers[1].role == "ambassador"


def test_roles_annotation_that_does_not_fit_is_kept_with_a_note() -> None:
    text = f"""\
apiVersion: v1
kind: Pod
metadata:
  name: odd
  annotations: {{{ROLES_ANNOTATION}: "fetch=adapter,ghost=sidecar,app=boss,app=adapter"}}
spec:
  initContainers: [{{name: fetch, image: busybox}}]
  containers: [{{name: app, image: nginx}}]
"""
    result = imported(text)
    pod = result.design.pods[0]
    assert [c.role for c in pod.containers] == ["init", "adapter"]
    assert pod.metadata["annotations"][ROLES_ANNOTATION].startswith("fetch=adapter")
    assert (
        f"kept the {ROLES_ANNOTATION} annotation of Pod/odd as written "
        "(ignored: app=boss, fetch=adapter, ghost=sidecar)"
    ) in result.notes


def test_empty_or_unreadable_roles_annotation_is_kept() -> None:
    for value in ('""', "42", "'a=b'"):
        text = (
            f"apiVersion: v1\nkind: Pod\nmetadata:\n  annotations: {{{ROLES_ANNOTATION}: "
            f"{value}}}\nspec:\n  containers: [{{name: a, image: b}}]\n"
        )
        pod = imported(text).design.pods[0]
        assert ROLES_ANNOTATION in pod.metadata["annotations"]


def test_role_annotation_on_a_main_container_with_restart_policy_is_ignored() -> None:
    text = f"""\
apiVersion: v1
kind: Pod
metadata: {{annotations: {{{ROLES_ANNOTATION}: a=adapter}}}}
spec:
  containers: [{{name: a, image: b, restartPolicy: Always}}]
"""
    assert imported(text).design.pods[0].containers[0].role == "main"


def test_deployment_keeps_its_wrapper_without_the_template() -> None:
    result = imported((MANIFESTS / "deployment.yaml").read_text())
    pod = result.design.pods[0]
    assert pod.workload is not None
    assert pod.workload["kind"] == "Deployment"
    assert "template" not in pod.workload["spec"]
    assert pod.workload["spec"]["replicas"] == 3
    assert pod.metadata == {"labels": {"app": "frontend", "version": "v1.4.2"}}
    assert pod.name == "frontend"
    assert result.notes == ["imported Deployment/frontend as pod-1 (its pod template)"]


def test_cronjob_keeps_its_job_template_without_the_pod_template() -> None:
    pod = imported((MANIFESTS / "cronjob.yaml").read_text()).design.pods[0]
    assert pod.workload is not None
    job = pod.workload["spec"]["jobTemplate"]
    assert job["metadata"] == {"labels": {"job": "nightly-backup"}}
    assert job["spec"] == {"activeDeadlineSeconds": 3600}
    assert pod.spec["restartPolicy"] == "OnFailure"


def test_other_kinds_are_kept_at_their_positions_with_a_note() -> None:
    result = imported((MANIFESTS / "multi-document.yaml").read_text())
    design = result.design
    assert [p.workload["kind"] for p in design.pods if p.workload] == ["Deployment", "StatefulSet"]
    assert [(e.position, e.manifest["kind"]) for e in design.extra_documents] == [
        (1, "Service"),
        (2, "ConfigMap"),
    ]
    assert "kept Service/api unchanged" in result.notes
    assert "kept ConfigMap/api-config unchanged" in result.notes


def test_a_list_is_unwrapped_and_remembered() -> None:
    design = imported((MANIFESTS / "list.yaml").read_text()).design
    assert design.list == {"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}}
    assert len(design.pods) == 2
    assert [(e.position, e.manifest["kind"]) for e in design.extra_documents] == [(1, "Service")]


def test_a_list_among_other_documents_is_kept_unchanged() -> None:
    text = POD + "---\napiVersion: v1\nkind: List\nitems: []\n"
    result = imported(text)
    assert result.design.list is None
    assert result.design.extra_documents[0].manifest["kind"] == "List"
    assert "only a file that is a single List" in result.notes[-1]


def test_supported_kinds_with_another_api_version_are_kept_unchanged() -> None:
    text = POD + "---\napiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\n"
    result = imported(text)
    assert result.notes[-1] == (
        "kept Deployment/d unchanged (extensions/v1beta1 is not supported, only apps/v1)"
    )


def test_status_and_unknown_top_level_fields_are_dropped_with_a_note() -> None:
    text = POD + "status:\n  phase: Running\nspecs: {}\n"
    result = imported(text)
    assert "dropped the status of Pod/web: a manifest does not carry one" in result.notes
    assert "dropped the unknown field 'specs' of Pod/web" in result.notes


def test_a_json_array_of_manifests_is_read() -> None:
    text = (
        '[{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"name": "a"}]}},'
        ' {"apiVersion": "v1", "kind": "Service"}]'
    )
    design = imported(text).design
    assert design.list is None
    assert [c.id for c in design.pods[0].containers] == ["c-a"]
    assert design.extra_documents[0].position == 1


def test_bytes_are_read_as_utf8() -> None:
    assert imported(("\ufeff" + POD).encode()).design.pods[0].metadata == {"name": "web"}


def test_malformed_lists_stay_verbatim_in_the_spec() -> None:
    text = """\
apiVersion: v1
kind: Pod
spec:
  initContainers: []
  containers:
    - name: a
      volumeMounts: ~
    - name: b
      volumeMounts: [oops]
  volumes: nope
"""
    pod = imported(text).design.pods[0]
    assert pod.spec == {"initContainers": [], "volumes": "nope"}
    assert pod.containers[0].spec == {"name": "a", "volumeMounts": None}
    assert pod.containers[1].spec == {"name": "b", "volumeMounts": ["oops"]}
    text = "apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a}, 3]\n"
    assert imported(text).design.pods[0].spec == {"containers": [{"name": "a"}, 3]}


BAD = [
    ("not a mapping", POD + "---\n- just\n- a list\n", 27, "document 2 is not a mapping"),
    ("a scalar", "hello\n", 1, "document 1 is not a mapping"),
    ("no kind", "apiVersion: v1\nmetadata: {name: x}\n", 1, "document 1 has no kind"),
    ("kind not a string", "apiVersion: v1\nkind: 3\n", 1, "document 1 has no kind"),
    ("no apiVersion", POD + "---\nkind: Service\n", 27, "document 2 (Service) has no apiVersion"),
    (
        "deployment without template",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 1}\n",
        1,
        "Deployment/d has no pod template (spec.template)",
    ),
    (
        "deployment without spec",
        "apiVersion: apps/v1\nkind: Deployment\n",
        1,
        "Deployment/(unnamed) has no pod template",
    ),
    (
        "cronjob without job template",
        "apiVersion: batch/v1\nkind: CronJob\nspec:\n  schedule: '* * * * *'\n",
        1,
        "spec.jobTemplate.spec.template",
    ),
    (
        "template not a mapping",
        "apiVersion: batch/v1\nkind: Job\nspec: {template: []}\n",
        1,
        "Job/(unnamed) has no pod template",
    ),
    (
        "pod metadata not a mapping",
        "apiVersion: v1\nkind: Pod\nmetadata: web\n",
        1,
        "Pod/(unnamed): metadata must be a mapping",
    ),
    (
        "pod spec not a mapping",
        "apiVersion: v1\nkind: Pod\nspec: [1]\n",
        1,
        "spec must be a mapping",
    ),
    (
        "template spec not a mapping",
        "apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec: 3\n",
        1,
        "spec.template.spec must be a mapping",
    ),
    (
        "list items not a list",
        "apiVersion: v1\nkind: List\nitems: {}\n",
        1,
        "the items of the List must be a list",
    ),
    (
        "list item not a mapping",
        "apiVersion: v1\nkind: List\nitems: [3]\n",
        1,
        "item 1 of the List is not a mapping",
    ),
]


@pytest.mark.parametrize(("text", "line", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_unusable_documents_raise_manifest_error_with_their_line(
    text: str, line: int, message: str
) -> None:
    with pytest.raises(ManifestError) as caught:
        import_manifests(text)
    assert caught.value.line == line
    assert message in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "---\n---\n",
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n",
        "apiVersion: v1\nkind: List\nitems: []\n",
    ],
)
def test_a_file_without_any_pod_is_refused_clearly(text: str) -> None:
    with pytest.raises(ManifestError, match="no Pod found"):
        import_manifests(text)


def test_malformed_yaml_is_refused_by_yamlio() -> None:
    with pytest.raises(ManifestError):
        import_manifests("apiVersion: v1\nkind: Pod\nspec: {containers: [\n")


def test_too_many_pods_are_refused() -> None:
    text = "---\n".join("apiVersion: v1\nkind: Pod\n" for _ in range(101))
    with pytest.raises(ManifestError, match="at most 100"):
        import_manifests(text)


def test_too_many_containers_are_refused() -> None:
    items = "".join(f"    - {{name: c{i}}}\n" for i in range(201))
    with pytest.raises(ManifestError, match="more than 200 containers"):
        import_manifests(f"apiVersion: v1\nkind: Pod\nspec:\n  containers:\n{items}")


def test_an_unsupported_target_version_is_a_document_error() -> None:
    with pytest.raises(DocumentError) as caught:
        import_manifests(POD, kubernetes_version="1.2")
    assert caught.value.pointer == "/kubernetes_version"


@pytest.mark.parametrize(
    "text",
    [
        "apiVersion: v1\nkind: Pod\nspec: {containers: {a: 1}, volumes: 7}\n",
        "apiVersion: v1\nkind: Pod\nspec: {containers: [{name: [1], volumeMounts: [{name: 5}]}]}\n",
        "apiVersion: v1\nkind: Pod\nspec: {containers: [{volumeMounts: [{}]}], volumes: [{}]}\n",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: 5, annotations: [1]}\n",
        f"apiVersion: v1\nkind: Pod\nmetadata: {{annotations: {{{ROLES_ANNOTATION}: ',,=,'}}}}\n",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: 5}\nspec: {template: {}}\n",
        "apiVersion: batch/v1\nkind: CronJob\nspec: {jobTemplate: {spec: {template: {}}}}\n",
        "apiVersion: v1\nkind: Pod\nspec: null\n",
        "[]\n",
    ],
)
def test_garbage_inside_manifests_never_crashes(text: str) -> None:
    try:
        result = imported(text)
    except ManifestError:
        return
    assert result.design.pods
