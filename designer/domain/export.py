"""Design → Kubernetes manifests: Pods, workload wrappers, Lists, YAML and JSON.

Manifests share the verbatim nested objects of the design (nothing is deep-copied, for speed):
treat them as read-only. Key order is stable: ``apiVersion, kind, metadata, spec``; in a Pod spec
``initContainers, containers``, the Pod's own spec keys in their order, then ``volumes``; in a
container ``name``, then its spec keys in their order (a native sidecar's ``restartPolicy`` right
after ``image``), then ``volumeMounts``; in a mount ``name`` first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from designer.domain.document import Container, Design, Pod
from designer.domain.validation.findings import pin_path
from designer.domain.versions import parse_version
from designer.domain.yamlio import dump_json, dump_yaml

ROLES_ANNOTATION = "pod-designer.dev/roles"
NATIVE_SIDECARS_SINCE = (1, 29)
EXPORT_KINDS = ("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob")
DEFAULT_CRON_SCHEDULE = "0 * * * *"
_API_VERSIONS = {
    "Pod": "v1",
    "Deployment": "apps/v1",
    "StatefulSet": "apps/v1",
    "DaemonSet": "apps/v1",
    "ReplicaSet": "apps/v1",
    "Job": "batch/v1",
    "CronJob": "batch/v1",
}
_UNSAFE_NAME = frozenset(",= \t\n")


@dataclass(frozen=True, slots=True)
class ExportedPod:
    """One Pod manifest plus the map from manifest paths to the design elements they came from."""

    manifest: dict[str, Any]
    elements: dict[str, str]

    def pin(self, path: str) -> str:
        """The id of the design element behind ``path``: its longest mapped prefix, or the Pod."""
        return pin_path(self.elements, path)


def is_native(container: Container, version: tuple[int, int]) -> bool:
    """Whether the container is exported as a native sidecar at this version."""
    if container.native is not None:
        return container.native
    return container.role == "sidecar" and version >= NATIVE_SIDECARS_SINCE


def in_init_containers(container: Container, version: tuple[int, int]) -> bool:
    """Whether the container is exported into ``spec.initContainers``."""
    return container.role == "init" or (container.role != "main" and is_native(container, version))


def roles_annotation(pod: Pod, version: tuple[int, int]) -> str:
    """The ``pod-designer.dev/roles`` value: roles the spec cannot express, sorted by name."""
    entries = []
    for c in pod.containers:
        role = c.role
        if role == "main" or role == "init" or (role == "sidecar" and is_native(c, version)):
            continue
        name = c.name
        if name and not _UNSAFE_NAME.intersection(name):
            entries.append((name, role))
    entries.sort()
    return ",".join(f"{name}={role}" for name, role in entries)


def _container(c: Container, native: bool, mounts: list[dict[str, Any]] | None) -> dict[str, Any]:
    spec = c.spec
    if not native:
        # The name first, then the other keys in their order (a dict display keeps the first
        # position of a repeated key): the loop below, at C speed.
        out: dict[str, Any] = {"name": spec["name"], **spec} if "name" in spec else dict(spec)
        if mounts:
            out["volumeMounts"] = mounts
        return out
    out = {"name": spec["name"]} if "name" in spec else {}
    if "image" not in spec:
        out["restartPolicy"] = "Always"
    for key, value in spec.items():
        if key != "name":
            out[key] = value
            if key == "image":
                out["restartPolicy"] = "Always"
    if mounts:
        out["volumeMounts"] = mounts
    return out


def _metadata(pod: Pod, version: tuple[int, int]) -> dict[str, Any]:
    roles = roles_annotation(pod, version)
    metadata = pod.metadata
    # No roles to record: the metadata stays as it is (an unreadable annotation survives).
    if not roles:
        return metadata
    annotations = metadata.get("annotations")
    if annotations is None:
        return {**metadata, "annotations": {ROLES_ANNOTATION: roles}}
    if isinstance(annotations, dict):
        return {**metadata, "annotations": {**annotations, ROLES_ANNOTATION: roles}}
    return metadata


def _pod_spec(
    pod: Pod, version: tuple[int, int], elements: dict[str, str] | None
) -> dict[str, Any]:
    # Container id -> (mount ids, mount objects), in design order.
    mounts_of: dict[str, tuple[list[str], list[dict[str, Any]]]] = {}
    if pod.mounts:
        names = {v.id: v.spec["name"] for v in pod.volumes if "name" in v.spec}
        for m in pod.mounts:
            mount = m.spec
            if m.volume is not None and m.volume in names:
                mount = {"name": names[m.volume], **mount}
            entry = mounts_of.get(m.container)
            if entry is None:
                entry = mounts_of[m.container] = ([], [])
            entry[0].append(m.id)
            entry[1].append(mount)
    init: list[dict[str, Any]] = []
    regular: list[dict[str, Any]] = []
    if elements is not None:
        count = len(pod.containers)
        init_paths = _item_paths("spec.initContainers", count)
        regular_paths = _item_paths("spec.containers", count)
    for c in pod.containers:
        native = c.role != "main" and c.role != "init" and is_native(c, version)
        if c.role == "init" or native:
            target = init
            if elements is not None:
                paths = init_paths
        else:
            target = regular
            if elements is not None:
                paths = regular_paths
        entry = mounts_of.get(c.id)
        if elements is not None:
            at = paths[len(target)]
            elements[at] = c.id
            if entry:
                ids = entry[0]
                mount_paths = _MOUNT_PATHS.get(at)
                if mount_paths is None or len(mount_paths) < len(ids):
                    mount_paths = _MOUNT_PATHS[at] = _item_paths(at + ".volumeMounts", len(ids))
                for j, mount_id in enumerate(ids):
                    elements[mount_paths[j]] = mount_id
        target.append(_container(c, native, entry[1] if entry else None))
    spec = pod.spec
    out: dict[str, Any] = {}
    if init or "initContainers" in spec:
        out["initContainers"] = init or spec["initContainers"]
    if regular or "containers" in spec:
        out["containers"] = regular or spec["containers"]
    for key, value in spec.items():
        if key not in out and key != "volumes":
            out[key] = value
    if pod.volumes:
        out["volumes"] = [v.spec for v in pod.volumes]
        if elements is not None:
            volume_paths = _item_paths("spec.volumes", len(pod.volumes))
            for i, v in enumerate(pod.volumes):
                elements[volume_paths[i]] = v.id
    elif "volumes" in spec:
        out["volumes"] = spec["volumes"]
    return out


# Element paths ("spec.containers[3]", "spec.containers[3].volumeMounts[1]" ...) by list path:
# the same few hundred strings on every export, formatted once.
_PATH_TABLES: dict[str, list[str]] = {}
_MOUNT_PATHS: dict[str, list[str]] = {}  # container path -> its mount paths


def _item_paths(base: str, count: int) -> list[str]:
    """``f"{base}[{i}]"`` for every i < count (and maybe more)."""
    paths = _PATH_TABLES.get(base)
    if paths is None or len(paths) < count:
        if len(_PATH_TABLES) >= 4096:
            _PATH_TABLES.clear()
            _MOUNT_PATHS.clear()
        paths = _PATH_TABLES[base] = [f"{base}[{i}]" for i in range(max(count, 8))]
    return paths


def _pod_manifest(metadata: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    manifest: dict[str, Any] = {"apiVersion": "v1", "kind": "Pod"}
    if metadata:
        manifest["metadata"] = metadata
    manifest["spec"] = spec
    return manifest


def export_pod(design: Design, pod_id: str, *, version: str | None = None) -> ExportedPod:
    """The Pod manifest of one Pod of the design (its template, for a workload) and its elements."""
    target = parse_version(version or design.kubernetes_version)
    pod = design.pod(pod_id)
    elements = {"": pod.id}
    spec = _pod_spec(pod, target, elements)
    return ExportedPod(_pod_manifest(_metadata(pod, target), spec), elements)


def _workload_meta(pod: Pod) -> dict[str, Any]:
    meta = pod.workload.get("metadata") if pod.workload else None
    return meta if isinstance(meta, dict) else {}


def _named_metadata(pod: Pod, metadata: dict[str, Any]) -> dict[str, Any]:
    """Pod metadata with the workload's name/namespace when it has none (template → Pod)."""
    wmeta = _workload_meta(pod)
    missing: dict[str, Any] = {
        k: wmeta[k] for k in ("name", "namespace") if k not in metadata and k in wmeta
    }
    return {**missing, **metadata} if missing else metadata


def _stored(pod: Pod, kind: str, metadata: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """Wrap the Pod in its own stored workload, verbatim."""
    workload = pod.workload or {}
    template: dict[str, Any] = {"metadata": metadata} if metadata else {}
    template["spec"] = spec
    wspec = workload.get("spec")
    wspec = dict(wspec) if isinstance(wspec, dict) else {}
    if kind == "CronJob":
        job = wspec.get("jobTemplate")
        job = dict(job) if isinstance(job, dict) else {}
        job_spec = job.get("spec")
        job["spec"] = (
            {**job_spec, "template": template}
            if isinstance(job_spec, dict)
            else {"template": template}
        )
        wspec["jobTemplate"] = job
    else:
        wspec["template"] = template
    return {**workload, "spec": wspec}


def _generated(
    pod: Pod, kind: str, metadata: dict[str, Any], spec: dict[str, Any]
) -> dict[str, Any]:
    """Wrap the Pod in a new workload of ``kind`` with sensible defaults."""
    wmeta = _workload_meta(pod)
    name = pod.name or pod.id
    namespace = metadata.get("namespace", wmeta.get("namespace"))
    header: dict[str, Any] = {"name": name}
    if namespace is not None:
        header["namespace"] = namespace
    tmeta = {k: v for k, v in metadata.items() if k != "name" and k != "namespace"}
    labels = tmeta.get("labels")
    if labels is None or labels == {}:
        labels = {"app": name}
        tmeta = {**tmeta, "labels": labels}
    selector = {"matchLabels": dict(labels) if isinstance(labels, dict) else {"app": name}}
    if kind in ("Job", "CronJob") and spec.get("restartPolicy", "Always") == "Always":
        spec = {**spec, "restartPolicy": "OnFailure"}
    template = {"metadata": tmeta, "spec": spec}
    wspec: dict[str, Any]
    if kind in ("Deployment", "ReplicaSet"):
        wspec = {"replicas": 1, "selector": selector, "template": template}
    elif kind == "StatefulSet":
        wspec = {"replicas": 1, "serviceName": name, "selector": selector, "template": template}
    elif kind == "DaemonSet":
        wspec = {"selector": selector, "template": template}
    elif kind == "Job":
        wspec = {"template": template}
    else:
        wspec = {"schedule": DEFAULT_CRON_SCHEDULE, "jobTemplate": {"spec": {"template": template}}}
    return {"apiVersion": _API_VERSIONS[kind], "kind": kind, "metadata": header, "spec": wspec}


def _wrap(pod: Pod, kind: str | None, version: tuple[int, int]) -> dict[str, Any]:
    metadata = _metadata(pod, version)
    spec = _pod_spec(pod, version, None)
    stored_kind = pod.workload.get("kind") if pod.workload else None
    target = kind or stored_kind or "Pod"
    if target == "Pod":
        return _pod_manifest(_named_metadata(pod, metadata), spec)
    if target == stored_kind:
        return _stored(pod, target, metadata, spec)
    return _generated(pod, target, metadata, spec)


def export_manifests(
    design: Design, *, kind: str | None = None, version: str | None = None
) -> list[dict[str, Any]]:
    """Every Pod as ``kind`` (None: its workload or Pod), extra documents in place, re-Listed."""
    if kind is not None and kind not in EXPORT_KINDS:
        raise ValueError(f"cannot export as {kind!r}: choose one of {', '.join(EXPORT_KINDS)}")
    target = parse_version(version or design.kubernetes_version)
    out = [_wrap(pod, kind, target) for pod in design.pods]
    for extra in sorted(design.extra_documents, key=lambda e: e.position):
        out.insert(min(extra.position, len(out)), extra.manifest)
    if design.list is not None:
        return [{**design.list, "items": out}]
    return out


def export_yaml(
    design: Design,
    *,
    kind: str | None = None,
    version: str | None = None,
    draft_comment: str | None = None,
) -> str:
    """The design's manifests as a YAML stream (with ``draft_comment`` on top when given)."""
    return dump_yaml(export_manifests(design, kind=kind, version=version), comment=draft_comment)


def export_json(design: Design, *, kind: str | None = None, version: str | None = None) -> str:
    """The design's manifests as JSON (see ``yamlio.dump_json`` for several documents)."""
    return dump_json(export_manifests(design, kind=kind, version=version))
