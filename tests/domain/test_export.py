"""Design → manifests: role mapping, key order, element pins, workload wrappers, YAML/JSON."""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

import pytest
import yaml

from designer.domain.document import Design, parse_document
from designer.domain.export import (
    ROLES_ANNOTATION,
    export_json,
    export_manifests,
    export_pod,
    export_yaml,
)


def container(cid: str, role: str, native: bool | None = None, **spec: Any) -> dict[str, Any]:
    name = cid.removeprefix("c-")
    return {
        "id": cid,
        "role": role,
        "native": native,
        "spec": {"name": name, "image": f"example/{name}:1.0", **spec},
    }


def design(
    containers: list[dict[str, Any]] | None = None,
    *,
    version: str = "1.33",
    metadata: dict[str, Any] | None = None,
    spec: dict[str, Any] | None = None,
    volumes: list[dict[str, Any]] | None = None,
    mounts: list[dict[str, Any]] | None = None,
    workload: dict[str, Any] | None = None,
    **extra: Any,
) -> Design:
    pod = {
        "id": "pod-1",
        "metadata": {"name": "shop"} if metadata is None else metadata,
        "spec": spec or {},
        "containers": containers if containers is not None else [container("c-app", "main")],
        "volumes": volumes or [],
        "mounts": mounts or [],
        "workload": workload,
    }
    return parse_document(
        {"schema_version": 1, "kubernetes_version": version, "pods": [pod], **extra}
    )


def every_role() -> Design:
    return design(
        [
            container("c-app", "main"),
            container("c-envoy", "ambassador"),
            container("c-fetch", "init"),
            container("c-logs", "sidecar"),
            container("c-exporter", "adapter"),
        ],
        volumes=[
            {"id": "v-war", "spec": {"name": "war", "emptyDir": {}}},
            {"id": "v-conf", "spec": {"name": "conf", "configMap": {"name": "c"}}},
        ],
        mounts=[
            {"id": "m-1", "container": "c-fetch", "volume": "v-war", "spec": {"mountPath": "/o"}},
            {
                "id": "m-2",
                "container": "c-app",
                "volume": "v-war",
                "spec": {"mountPath": "/w", "readOnly": True},
            },
            {"id": "m-3", "container": "c-logs", "volume": "v-war", "spec": {"mountPath": "/l"}},
            {"id": "m-4", "container": "c-app", "volume": "v-conf", "spec": {"mountPath": "/c"}},
        ],
    )


def names(items: list[dict[str, Any]]) -> list[str]:
    return [item["name"] for item in items]


def test_role_mapping_follows_the_table_at_1_29_and_later() -> None:
    """A.4 validateInitContainers: a sidecar becomes initContainers + restartPolicy Always."""
    manifest = export_pod(every_role(), "pod-1", version="1.33").manifest
    spec = manifest["spec"]
    assert names(spec["initContainers"]) == ["fetch", "logs"]
    assert "restartPolicy" not in spec["initContainers"][0]
    assert spec["initContainers"][1]["restartPolicy"] == "Always"
    assert names(spec["containers"]) == ["app", "envoy", "exporter"]
    assert manifest["metadata"]["annotations"] == {
        ROLES_ANNOTATION: "envoy=ambassador,exporter=adapter"
    }


def test_automatic_sidecar_is_a_regular_container_below_1_29() -> None:
    """B.7 version matrix: no native sidecars before 1.29, the role goes to the annotation."""
    spec = export_pod(every_role(), "pod-1", version="1.28").manifest
    assert names(spec["spec"]["initContainers"]) == ["fetch"]
    assert names(spec["spec"]["containers"]) == ["app", "envoy", "logs", "exporter"]
    assert "restartPolicy" not in spec["spec"]["containers"][2]
    assert spec["metadata"]["annotations"][ROLES_ANNOTATION] == (
        "envoy=ambassador,exporter=adapter,logs=sidecar"
    )


@pytest.mark.parametrize("version", ["1.27", "1.28", "1.29", "1.33"])
def test_native_true_and_false_do_not_depend_on_the_version(version: str) -> None:
    d = design(
        [
            container("c-app", "main"),
            container("c-on", "sidecar", True),
            container("c-off", "sidecar", False),
            container("c-amb", "ambassador", True),
        ]
    )
    manifest = export_pod(d, "pod-1", version=version).manifest
    init = manifest["spec"]["initContainers"]
    assert names(init) == ["on", "amb"]
    assert all(c["restartPolicy"] == "Always" for c in init)
    assert names(manifest["spec"]["containers"]) == ["app", "off"]
    assert manifest["metadata"]["annotations"][ROLES_ANNOTATION] == "amb=ambassador,off=sidecar"


def test_version_defaults_to_the_design_target() -> None:
    d = design([container("c-app", "main"), container("c-s", "sidecar")], version="1.28")
    assert "initContainers" not in export_pod(d, "pod-1").manifest["spec"]


def test_manifest_keys_follow_the_documented_order() -> None:
    d = design(
        [
            container("c-app", "main", ports=[{"containerPort": 80}]),
            {
                "id": "c-side",
                "role": "sidecar",
                "native": True,
                "spec": {"image": "x:1", "name": "side", "args": ["-v"]},
            },
        ],
        spec={"restartPolicy": "Always", "dnsPolicy": "ClusterFirst"},
        volumes=[{"id": "v", "spec": {"name": "data", "emptyDir": {}}}],
        mounts=[
            {
                "id": "m",
                "container": "c-app",
                "volume": "v",
                "spec": {"mountPath": "/d", "readOnly": True},
            }
        ],
    )
    manifest = export_pod(d, "pod-1").manifest
    assert list(manifest) == ["apiVersion", "kind", "metadata", "spec"]
    assert list(manifest["spec"]) == [
        "initContainers",
        "containers",
        "restartPolicy",
        "dnsPolicy",
        "volumes",
    ]
    assert list(manifest["spec"]["initContainers"][0]) == ["name", "image", "restartPolicy", "args"]
    app = manifest["spec"]["containers"][0]
    assert list(app) == ["name", "image", "ports", "volumeMounts"]
    assert list(app["volumeMounts"][0]) == ["name", "mountPath", "readOnly"]


def test_elements_map_manifest_paths_to_design_ids() -> None:
    exported = export_pod(every_role(), "pod-1", version="1.33")
    assert exported.elements == {
        "": "pod-1",
        "spec.initContainers[0]": "c-fetch",
        "spec.initContainers[0].volumeMounts[0]": "m-1",
        "spec.initContainers[1]": "c-logs",
        "spec.initContainers[1].volumeMounts[0]": "m-3",
        "spec.containers[0]": "c-app",
        "spec.containers[0].volumeMounts[0]": "m-2",
        "spec.containers[0].volumeMounts[1]": "m-4",
        "spec.containers[1]": "c-envoy",
        "spec.containers[2]": "c-exporter",
        "spec.volumes[0]": "v-war",
        "spec.volumes[1]": "v-conf",
    }


@pytest.mark.parametrize(
    ("path", "element"),
    [
        ("spec.containers[0].name", "c-app"),
        ("spec.containers[0]", "c-app"),
        ("spec.containers[0].volumeMounts[1].mountPath", "m-4"),
        ("spec.initContainers[1].volumeMounts[0].name", "m-3"),
        ("spec.volumes[1].configMap.name", "v-conf"),
        ("spec.containers[2].ports[0].containerPort", "c-exporter"),
        ("spec.containers[20].image", "pod-1"),
        ("spec.containers", "pod-1"),
        ("metadata.name", "pod-1"),
        ("metadata.annotations[pod-designer.dev/roles]", "pod-1"),
        ("", "pod-1"),
    ],
)
def test_pin_finds_the_element_of_the_longest_matching_prefix(path: str, element: str) -> None:
    assert export_pod(every_role(), "pod-1", version="1.33").pin(path) == element


def test_pin_does_not_confuse_index_1_with_index_10() -> None:
    many = [container(f"c-n{i}", "main") for i in range(12)]
    exported = export_pod(design(many), "pod-1")
    assert exported.pin("spec.containers[10].name") == "c-n10"
    assert exported.pin("spec.containers[1].name") == "c-n1"


def test_dangling_mount_keeps_its_literal_name() -> None:
    d = design(
        mounts=[
            {
                "id": "m",
                "container": "c-app",
                "volume": None,
                "spec": {"name": "config", "mountPath": "/etc/c"},
            }
        ]
    )
    app = export_pod(d, "pod-1").manifest["spec"]["containers"][0]
    assert app["volumeMounts"] == [{"name": "config", "mountPath": "/etc/c"}]


def test_existing_annotations_are_kept_beside_the_roles() -> None:
    d = design(
        [container("c-app", "main"), container("c-x", "adapter")],
        metadata={"name": "a", "annotations": {"team": "blue"}},
    )
    assert export_pod(d, "pod-1").manifest["metadata"]["annotations"] == {
        "team": "blue",
        ROLES_ANNOTATION: "x=adapter",
    }
    assert d.pods[0].metadata == {"name": "a", "annotations": {"team": "blue"}}


def test_metadata_is_left_as_it_is_without_roles_to_record() -> None:
    metadata = {"name": "a", "annotations": {ROLES_ANNOTATION: "garbage"}}
    d = design(metadata=metadata)
    assert export_pod(d, "pod-1").manifest["metadata"] is d.pods[0].metadata


def test_unreadable_annotations_are_not_overwritten() -> None:
    d = design(
        [container("c-app", "main"), container("c-x", "adapter")],
        metadata={"name": "a", "annotations": "oops"},
    )
    assert export_pod(d, "pod-1").manifest["metadata"]["annotations"] == "oops"


def test_empty_metadata_is_left_out() -> None:
    assert "metadata" not in export_pod(design(metadata={}), "pod-1").manifest


def test_verbatim_malformed_lists_are_re_emitted_until_replaced() -> None:
    d = design([], spec={"containers": "oops", "volumes": []})
    assert export_pod(d, "pod-1").manifest["spec"] == {"containers": "oops", "volumes": []}
    d = design(spec={"containers": "oops", "volumes": []})
    assert names(export_pod(d, "pod-1").manifest["spec"]["containers"]) == ["app"]


def test_export_does_not_modify_the_design() -> None:
    d = every_role()
    before = json.dumps(d.to_dict())
    for kind in (None, "Pod", "Deployment", "Job", "CronJob"):
        export_manifests(d, kind=kind, version="1.28")
        export_manifests(d, kind=kind, version="1.33")
    assert json.dumps(d.to_dict()) == before


def test_generated_deployment_gets_selector_replicas_and_the_pod_name() -> None:
    d = design(
        metadata={"name": "shop", "namespace": "prod", "labels": {"app": "shop", "tier": "web"}}
    )
    (deployment,) = export_manifests(d, kind="Deployment")
    assert deployment["apiVersion"] == "apps/v1"
    assert deployment["metadata"] == {"name": "shop", "namespace": "prod"}
    spec = deployment["spec"]
    assert spec["replicas"] == 1
    assert spec["selector"] == {"matchLabels": {"app": "shop", "tier": "web"}}
    assert spec["template"]["metadata"] == {"labels": {"app": "shop", "tier": "web"}}
    assert names(spec["template"]["spec"]["containers"]) == ["app"]


def test_generated_wrapper_adds_an_app_label_when_the_pod_has_none() -> None:
    (rs,) = export_manifests(design(), kind="ReplicaSet")
    assert rs["spec"]["selector"] == {"matchLabels": {"app": "shop"}}
    assert rs["spec"]["template"]["metadata"]["labels"] == {"app": "shop"}


def test_generated_statefulset_daemonset_job_and_cronjob() -> None:
    d = design(spec={"restartPolicy": "Always"})
    (sts,) = export_manifests(d, kind="StatefulSet")
    assert sts["spec"]["serviceName"] == "shop" and sts["spec"]["replicas"] == 1
    (ds,) = export_manifests(d, kind="DaemonSet")
    assert "replicas" not in ds["spec"] and ds["spec"]["selector"]
    (job,) = export_manifests(d, kind="Job")
    assert job["apiVersion"] == "batch/v1"
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "OnFailure"
    (cron,) = export_manifests(d, kind="CronJob")
    assert cron["spec"]["schedule"] == "0 * * * *"
    template = cron["spec"]["jobTemplate"]["spec"]["template"]
    assert template["spec"]["restartPolicy"] == "OnFailure"
    assert d.pods[0].spec == {"restartPolicy": "Always"}


def test_job_keeps_a_never_restart_policy_and_fixes_an_unset_one() -> None:
    (job,) = export_manifests(design(spec={"restartPolicy": "Never"}), kind="Job")
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"
    (job,) = export_manifests(design(), kind="Job")
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "OnFailure"


STORED = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "front", "namespace": "web", "labels": {"app": "front"}},
    "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "front"}}},
}


def test_stored_workload_of_the_same_kind_is_used_verbatim() -> None:
    d = design(metadata={"labels": {"app": "front"}}, workload=STORED)
    for kind in (None, "Deployment"):
        (out,) = export_manifests(d, kind=kind)
        assert out == {
            **STORED,
            "spec": {
                **STORED["spec"],
                "template": {
                    "metadata": {"labels": {"app": "front"}},
                    "spec": {"containers": [{"name": "app", "image": "example/app:1.0"}]},
                },
            },
        }


def test_workload_pod_exported_as_pod_takes_the_workload_name() -> None:
    d = design(metadata={"labels": {"app": "front"}}, workload=STORED)
    (pod,) = export_manifests(d, kind="Pod")
    assert pod["kind"] == "Pod"
    assert pod["metadata"] == {"name": "front", "namespace": "web", "labels": {"app": "front"}}
    assert "name" not in export_pod(d, "pod-1").manifest["metadata"]


def test_workload_pod_exported_as_another_kind_gets_a_generated_wrapper() -> None:
    d = design(metadata={"labels": {"app": "front"}}, workload=STORED)
    (sts,) = export_manifests(d, kind="StatefulSet")
    assert sts["metadata"] == {"name": "front", "namespace": "web"}
    assert sts["spec"]["serviceName"] == "front"


def test_stored_cronjob_gets_its_template_back_in_place() -> None:
    cron = {
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {"name": "b"},
        "spec": {"schedule": "5 4 * * *", "jobTemplate": {"spec": {"backoffLimit": 1}}},
    }
    d = design(metadata={}, spec={"restartPolicy": "Never"}, workload=cron)
    (out,) = export_manifests(d)
    job_spec = out["spec"]["jobTemplate"]["spec"]
    assert job_spec["backoffLimit"] == 1
    assert job_spec["template"] == {
        "spec": {
            "containers": [{"name": "app", "image": "example/app:1.0"}],
            "restartPolicy": "Never",
        }
    }
    assert "template" not in cron["spec"]["jobTemplate"]["spec"]


def test_unknown_export_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="choose one of"):
        export_manifests(design(), kind="Rollout")


def test_extra_documents_come_back_at_their_positions_inside_the_list() -> None:
    service = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}}
    config = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}
    d = design(
        extra_documents=[{"position": 2, "manifest": config}, {"position": 0, "manifest": service}],
        list={"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}},
    )
    (wrapper,) = export_manifests(d)
    assert wrapper["kind"] == "List" and wrapper["metadata"] == {"resourceVersion": ""}
    assert [i["kind"] for i in wrapper["items"]] == ["Service", "Pod", "ConfigMap"]


def test_export_yaml_puts_the_draft_comment_on_top() -> None:
    text = export_yaml(every_role(), kind="Deployment", draft_comment="DRAFT: 2 errors")
    assert text.startswith("# DRAFT: 2 errors\n")
    assert list(yaml.safe_load_all(text)) == export_manifests(every_role(), kind="Deployment")


def test_export_json_writes_the_same_manifests() -> None:
    d = design(
        extra_documents=[{"position": 1, "manifest": {"apiVersion": "v1", "kind": "Service"}}]
    )
    assert json.loads(export_json(d)) == export_manifests(d)
    assert json.loads(export_json(design())) == export_manifests(design())[0]


def test_export_pod_of_a_big_pod_stays_well_under_a_millisecond() -> None:
    roles = ["main", "init", "sidecar", "adapter"]
    big = design(
        [container(f"c-{i}", roles[i % 4], ports=[{"containerPort": 1000 + i}]) for i in range(40)],
        volumes=[{"id": f"v-{i}", "spec": {"name": f"v{i}", "emptyDir": {}}} for i in range(30)],
        mounts=[
            {
                "id": f"m-{i}",
                "container": f"c-{i % 40}",
                "volume": f"v-{i % 30}",
                "spec": {"mountPath": f"/m/{i}"},
            }
            for i in range(60)
        ],
    )
    times = []
    for _ in range(50):
        start = time.perf_counter()
        export_pod(big, "pod-1", version="1.33")
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.0005
