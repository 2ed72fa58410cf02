"""Kubernetes manifests → design, losslessly: exporting the result gives the same data back.

Pods and the six workload kinds become Pods of the design (a workload keeps its wrapper in
``workload``); every other document is kept verbatim in ``extra_documents``. Ids are derived
from names (``pod-1``, ``c-<name>``, ``v-<name>``, ``m-<n>``) and made unique.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, cast

from designer.domain.document import (
    HELPER_ROLES,
    MAX_CONTAINERS,
    MAX_EXTRA_DOCUMENTS,
    MAX_MOUNTS,
    MAX_PODS,
    MAX_VOLUMES,
    POD_LIST_KEYS,
    WORKLOAD_API_VERSIONS,
    Container,
    Design,
    DocumentError,
    ExtraDocument,
    Mount,
    Pod,
    Role,
    Volume,
    is_modelled_list,
)
from designer.domain.errors import ManifestError
from designer.domain.export import NATIVE_SIDECARS_SINCE, ROLES_ANNOTATION, roles_annotation
from designer.domain.versions import DEFAULT_VERSION, format_version, parse_version
from designer.domain.yamlio import load_documents

_NOT_ID_CHARS = re.compile(r"[^A-Za-z0-9_.:-]+")
_POD_KEYS = frozenset({"apiVersion", "kind", "metadata", "spec"})
_TEMPLATE_KEYS = frozenset({"metadata", "spec"})


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The imported design and what the import has to say about it."""

    design: Design
    notes: list[str] = field(default_factory=list)


class _Ids:
    """Deterministic, document-wide unique ids."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.mounts = 0

    def unique(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate

    def named(self, prefix: str, name: object, index: int) -> str:
        clean = _NOT_ID_CHARS.sub("-", name)[:52].strip("-") if isinstance(name, str) else ""
        return self.unique(f"{prefix}-{clean or index + 1}")

    def mount(self) -> str:
        while True:
            self.mounts += 1
            candidate = f"m-{self.mounts}"
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate


def _title(doc: dict[str, Any]) -> str:
    meta = doc.get("metadata")
    name = meta.get("name") if isinstance(meta, dict) else None
    return f"{doc.get('kind')}/{name if isinstance(name, str) and name else '(unnamed)'}"


def _mapping(value: object, what: str, line: int | None) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ManifestError(f"{what} must be a mapping", line=line)
    return value


class _Importer:
    def __init__(self, version: tuple[int, int]) -> None:
        self.version = version
        self.ids = _Ids()
        self.notes: list[str] = []
        self.pods: list[Pod] = []
        self.extras: list[ExtraDocument] = []

    def document(self, data: object, position: int, label: str, line: int | None) -> None:
        if not isinstance(data, dict):
            raise ManifestError(f"{label} is not a mapping", line=line)
        kind, api = data.get("kind"), data.get("apiVersion")
        if not isinstance(kind, str) or not kind:
            raise ManifestError(f"{label} has no kind", line=line)
        if not isinstance(api, str) or not api:
            raise ManifestError(f"{label} ({kind}) has no apiVersion", line=line)
        title = _title(data)
        if kind == "Pod" and api == "v1":
            self.pod_document(data, title, line)
        elif WORKLOAD_API_VERSIONS.get(kind) == api:
            self.workload_document(data, kind, title, line)
        else:
            if len(self.extras) >= MAX_EXTRA_DOCUMENTS:
                raise ManifestError(
                    f"too many other documents: at most {MAX_EXTRA_DOCUMENTS}", line=line
                )
            self.extras.append(ExtraDocument(position, data))
            why = ""
            if kind == "Pod" or kind in WORKLOAD_API_VERSIONS:
                expected = "v1" if kind == "Pod" else WORKLOAD_API_VERSIONS[kind]
                why = f" ({api} is not supported, only {expected})"
            elif kind == "List":
                why = " (only a file that is a single List is opened as a List)"
            self.notes.append(f"kept {title} unchanged{why}")

    def pod_document(self, data: dict[str, Any], title: str, line: int | None) -> None:
        self.dropped(data, _POD_KEYS, title)
        metadata = _mapping(data.get("metadata"), f"{title}: metadata", line)
        spec = _mapping(data.get("spec"), f"{title}: spec", line)
        pod = self.pod(metadata, spec, None, title, line)
        self.notes.append(f"imported {title} as {pod.id}")

    def workload_document(
        self, data: dict[str, Any], kind: str, title: str, line: int | None
    ) -> None:
        self.dropped(data, None, title)
        _mapping(data.get("metadata"), f"{title}: metadata", line)
        spec = data.get("spec")
        where = "spec.jobTemplate.spec.template" if kind == "CronJob" else "spec.template"
        missing = ManifestError(f"{title} has no pod template ({where})", line=line)
        if not isinstance(spec, dict):
            raise missing
        if kind == "CronJob":
            job = spec.get("jobTemplate")
            job_spec = job.get("spec") if isinstance(job, dict) else None
            if not isinstance(job, dict) or not isinstance(job_spec, dict):
                raise missing
            template = job_spec.get("template")
            rest = {k: v for k, v in job_spec.items() if k != "template"}
            wspec = {**spec, "jobTemplate": {**job, "spec": rest}}
        else:
            template = spec.get("template")
            wspec = {k: v for k, v in spec.items() if k != "template"}
        if not isinstance(template, dict):
            raise missing
        self.dropped(template, _TEMPLATE_KEYS, f"the pod template of {title}")
        workload = {k: v for k, v in data.items() if k != "status"}
        workload["spec"] = wspec
        metadata = _mapping(template.get("metadata"), f"{title}: {where}.metadata", line)
        pod_spec = _mapping(template.get("spec"), f"{title}: {where}.spec", line)
        pod = self.pod(metadata, pod_spec, workload, title, line)
        self.notes.append(f"imported {title} as {pod.id} (its pod template)")

    def dropped(self, data: dict[str, Any], allowed: frozenset[str] | None, title: str) -> None:
        for key in data:
            if key == "status":
                self.notes.append(f"dropped the status of {title}: a manifest does not carry one")
            elif allowed is not None and key not in allowed:
                self.notes.append(f"dropped the unknown field {key!r} of {title}")

    def pod(
        self,
        metadata: dict[str, Any],
        spec: dict[str, Any],
        workload: dict[str, Any] | None,
        title: str,
        line: int | None,
    ) -> Pod:
        if len(self.pods) >= MAX_PODS:
            raise ManifestError(f"too many Pods and workloads: at most {MAX_PODS}", line=line)
        pod_id = self.ids.unique(f"pod-{len(self.pods) + 1}")
        modelled = {key: spec[key] for key in POD_LIST_KEYS if is_modelled_list(spec.get(key))}
        rest = {k: v for k, v in spec.items() if k not in modelled} if modelled else spec
        raw_volumes: list[dict[str, Any]] = modelled.get("volumes", [])
        raw_init: list[dict[str, Any]] = modelled.get("initContainers", [])
        raw_main: list[dict[str, Any]] = modelled.get("containers", [])
        if len(raw_volumes) > MAX_VOLUMES:
            raise ManifestError(f"{title} has more than {MAX_VOLUMES} volumes", line=line)
        if len(raw_init) + len(raw_main) > MAX_CONTAINERS:
            raise ManifestError(f"{title} has more than {MAX_CONTAINERS} containers", line=line)
        volumes = [
            Volume(self.ids.named("v", v.get("name"), i), v) for i, v in enumerate(raw_volumes)
        ]
        by_name: dict[str, str] = {}
        for volume in volumes:
            if volume.name is not None:
                by_name.setdefault(volume.name, volume.id)
        containers: list[Container] = []
        mounts: list[Mount] = []
        native_default = self.version >= NATIVE_SIDECARS_SINCE
        for index, raw in enumerate(raw_init + raw_main):
            is_init = index < len(raw_init)
            cid = self.ids.named("c", raw.get("name"), index)
            strip = set()
            if is_init and raw.get("restartPolicy") == "Always":
                role: Role = "sidecar"
                native: bool | None = None if native_default else True
                strip.add("restartPolicy")
            else:
                role, native = ("init" if is_init else "main"), None
            vms = raw.get("volumeMounts")
            if isinstance(vms, list) and is_modelled_list(vms):
                strip.add("volumeMounts")
                for vm in vms:
                    name = vm.get("name")
                    vid = by_name.get(name) if isinstance(name, str) else None
                    mspec = {k: v for k, v in vm.items() if k != "name"} if vid else vm
                    mounts.append(Mount(self.ids.mount(), cid, vid, mspec))
                if len(mounts) > MAX_MOUNTS:
                    raise ManifestError(
                        f"{title} has more than {MAX_MOUNTS} volume mounts", line=line
                    )
            cspec = {k: v for k, v in raw.items() if k not in strip} if strip else raw
            containers.append(Container(cid, role, cspec, native))
        pod = Pod(
            pod_id, metadata, rest, tuple(containers), tuple(volumes), tuple(mounts), workload
        )
        return self.restore_roles(pod, title)

    def restore_roles(self, pod: Pod, title: str) -> Pod:
        annotations = pod.metadata.get("annotations")
        value = annotations.get(ROLES_ANNOTATION) if isinstance(annotations, dict) else None
        if not isinstance(annotations, dict) or not isinstance(value, str) or not value:
            self.pods.append(pod)
            return pod
        wanted: dict[str, Role] = {}
        entries: list[tuple[str, str]] = []
        ignored: list[str] = []
        for part in value.split(","):
            name, _, role = (s.strip() for s in part.partition("="))
            if role in HELPER_ROLES and name:
                wanted[name] = cast(Role, role)
                entries.append((name, role))
            elif part.strip():
                ignored.append(part.strip())
        containers = tuple(self.restored(c, wanted, ignored) for c in pod.containers)
        ignored.extend(f"{name}={role}" for name, role in wanted.items())
        metadata = pod.metadata
        candidate = replace(pod, containers=containers)
        # Same entries in another order or spacing: export rewrites the value anyway.
        canonical = ",".join(f"{name}={role}" for name, role in sorted(entries))
        if not ignored and roles_annotation(candidate, self.version) == canonical:
            # The export writes the annotation again; an annotations map it leaves empty was
            # created by the export, so it goes too.
            others = {k: v for k, v in annotations.items() if k != ROLES_ANNOTATION}
            metadata = {k: v for k, v in metadata.items() if k != "annotations"}
            if others:
                metadata["annotations"] = others
        else:
            detail = f" (ignored: {', '.join(ignored)})" if ignored else ""
            self.notes.append(
                f"kept the {ROLES_ANNOTATION} annotation of {title} as written{detail}"
            )
        restored = replace(candidate, metadata=metadata)
        self.pods.append(restored)
        return restored

    def restored(self, c: Container, wanted: dict[str, Role], ignored: list[str]) -> Container:
        """The container with the role the annotation records for it, when that role fits."""
        role = wanted.pop(c.name, None) if c.name is not None else None
        if role is None:
            return c
        if c.role == "init" or (c.role == "main" and c.spec.get("restartPolicy") == "Always"):
            ignored.append(f"{c.name}={role}")
            return c
        if c.role == "sidecar":  # native: initContainers with restartPolicy Always
            return replace(c, role=role, native=c.native if role == "sidecar" else True)
        # A regular container: a sidecar there is a non-native one.
        automatic_native = self.version >= NATIVE_SIDECARS_SINCE
        native = (False if automatic_native else None) if role == "sidecar" else None
        return replace(c, role=role, native=native)


def import_manifests(text: str | bytes, *, kubernetes_version: str | None = None) -> ImportResult:
    """Read YAML/JSON manifests into a design (ManifestError when they cannot be opened)."""
    try:
        version = parse_version(kubernetes_version or DEFAULT_VERSION)
    except ValueError as exc:
        raise DocumentError(str(exc), "/kubernetes_version") from None
    documents = load_documents(text)
    importer = _Importer(version)
    header: dict[str, Any] | None = None
    first = documents[0].data if len(documents) == 1 else None
    if isinstance(first, dict) and first.get("kind") == "List":
        line = documents[0].line
        items = first.get("items")
        if items is not None and not isinstance(items, list):
            raise ManifestError("the items of the List must be a list", line=line)
        header = {k: v for k, v in first.items() if k != "items"}
        for i, item in enumerate(items or ()):
            importer.document(item, i, f"item {i + 1} of the List", line)
    elif isinstance(first, list):
        # A JSON array of manifests (what a JSON export of several documents is).
        for i, item in enumerate(first):
            importer.document(item, i, f"item {i + 1} of the array", documents[0].line)
    else:
        for i, doc in enumerate(documents):
            importer.document(doc.data, i, f"document {i + 1}", doc.line)
    if not importer.pods:
        raise ManifestError(
            "no Pod found: the file needs a v1 Pod or an apps/v1 Deployment, StatefulSet, "
            "DaemonSet, ReplicaSet or batch/v1 Job, CronJob"
        )
    design = Design(
        kubernetes_version=format_version(version),
        pods=tuple(importer.pods),
        extra_documents=tuple(importer.extras),
        list=header,
    )
    return ImportResult(design, importer.notes)
