"""``parse_document``: check the shape of a raw design document and build its ``Design``."""

from __future__ import annotations

import re
from typing import Any

from designer.domain.document.model import (
    HELPER_ROLES,
    LAYOUT_KEYS,
    MAX_CONTAINERS,
    MAX_EXTRA_DOCUMENTS,
    MAX_ID_LENGTH,
    MAX_MOUNTS,
    MAX_NOTES_LENGTH,
    MAX_PODS,
    MAX_TIMING_SECONDS,
    MAX_VOLUMES,
    POD_LIST_KEYS,
    ROLES,
    SCHEMA_VERSION,
    TIMING_KEYS,
    WORKLOAD_API_VERSIONS,
    Container,
    Design,
    DocumentError,
    ExtraDocument,
    Mount,
    Pod,
    Volume,
    is_modelled_list,
)
from designer.domain.versions import format_version, parse_version

_ROLE_SET = frozenset(ROLES)
# null: the simulation's default (run: the role's; pre_stop: the hook's sleep).
_NULLABLE_TIMINGS = frozenset({"run", "pre_stop"})
_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _obj(value: object, at: str, key: str = "", *, optional: bool = False) -> dict[str, Any]:
    # Pointers are only built on failure: parsing runs on every edit.
    if isinstance(value, dict):
        return value
    if value is None and optional:
        return {}
    where = f"{at}/{key}" if key else at
    raise DocumentError(f"expected an object, got {_type_name(value)}", where)


def _arr(value: object, pointer: str, limit: int, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DocumentError(f"expected an array, got {_type_name(value)}", pointer)
    if len(value) > limit:
        raise DocumentError(f"too many {what}: {len(value)}, at most {limit}", pointer)
    return value


def _notes(value: object, at: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DocumentError(f"expected a string, got {_type_name(value)}", f"{at}/notes")
    if len(value) > MAX_NOTES_LENGTH:
        raise DocumentError(f"notes longer than {MAX_NOTES_LENGTH} characters", f"{at}/notes")
    return value


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Parser:
    """One parse: the ids seen so far and where each one lives."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        # container / volume id -> index of the Pod that owns it
        self.container_pod: dict[str, int] = {}
        self.volume_pod: dict[str, int] = {}

    def id(self, value: object, at: str) -> str:
        if isinstance(value, str) and value not in self.ids and _ID.fullmatch(value):
            self.ids[value] = at
            return value
        pointer = f"{at}/id"
        if not isinstance(value, str):
            if value is None:
                raise DocumentError("missing id", pointer)
            raise DocumentError(f"id must be a string, got {_type_name(value)}", pointer)
        if not _ID.fullmatch(value):
            raise DocumentError(
                f"invalid id {value!r}: 1 to {MAX_ID_LENGTH} characters of A-Z a-z 0-9 _ . : -",
                pointer,
            )
        raise DocumentError(f"duplicate id {value!r} (first used at {self.ids[value]})", pointer)

    def design(self, data: Any) -> Design:
        doc = _obj(data, "")
        schema = doc.get("schema_version")
        if schema != SCHEMA_VERSION or isinstance(schema, bool):
            raise DocumentError(
                f"unsupported schema_version {schema!r}; this version reads {SCHEMA_VERSION}",
                "/schema_version",
            )
        try:
            version = format_version(parse_version(doc.get("kubernetes_version")))
        except ValueError as exc:
            raise DocumentError(str(exc), "/kubernetes_version") from None
        raw_pods = _arr(doc.get("pods"), "/pods", MAX_PODS, "pods")
        if not raw_pods:
            raise DocumentError("a design needs at least one pod", "/pods")
        pods = tuple(self.pod(p, i) for i, p in enumerate(raw_pods))
        for i, pod in enumerate(pods):
            self.check_mounts(pod, i)
        extras = tuple(
            self.extra(e, f"/extra_documents/{i}")
            for i, e in enumerate(
                _arr(
                    doc.get("extra_documents"),
                    "/extra_documents",
                    MAX_EXTRA_DOCUMENTS,
                    "extra documents",
                )
            )
        )
        return Design(
            kubernetes_version=version,
            pods=pods,
            extra_documents=extras,
            list=self.list_header(doc.get("list")),
            layout=self.layout(doc.get("layout")),
        )

    def pod(self, data: object, index: int) -> Pod:
        at = f"/pods/{index}"
        raw = _obj(data, at)
        pod_id = self.id(raw.get("id"), at)
        metadata = _obj(raw.get("metadata"), at, "metadata", optional=True)
        spec = _obj(raw.get("spec"), at, "spec", optional=True)
        for key in POD_LIST_KEYS:
            if is_modelled_list(spec.get(key)):
                place = "volumes" if key == "volumes" else "containers"
                raise DocumentError(f"{key} belong in the pod's {place!r} list", f"{at}/spec/{key}")
        containers = tuple(
            self.container(c, index, f"{at}/containers/{i}")
            for i, c in enumerate(
                _arr(raw.get("containers"), f"{at}/containers", MAX_CONTAINERS, "containers")
            )
        )
        volumes = tuple(
            self.volume(v, index, f"{at}/volumes/{i}")
            for i, v in enumerate(_arr(raw.get("volumes"), f"{at}/volumes", MAX_VOLUMES, "volumes"))
        )
        mounts = tuple(
            self.mount(m, f"{at}/mounts/{i}")
            for i, m in enumerate(_arr(raw.get("mounts"), f"{at}/mounts", MAX_MOUNTS, "mounts"))
        )
        return Pod(
            id=pod_id,
            metadata=metadata,
            spec=spec,
            containers=containers,
            volumes=volumes,
            mounts=mounts,
            workload=self.workload(raw.get("workload"), f"{at}/workload"),
            notes=_notes(raw.get("notes"), at),
        )

    def container(self, data: object, pod_index: int, at: str) -> Container:
        raw = _obj(data, at)
        cid = self.id(raw.get("id"), at)
        self.container_pod[cid] = pod_index
        role = raw.get("role")
        if not isinstance(role, str) or role not in _ROLE_SET:
            raise DocumentError(
                f"unknown role {role!r}; expected one of {', '.join(ROLES)}", f"{at}/role"
            )
        native = raw.get("native")
        if native is not None and not isinstance(native, bool):
            raise DocumentError(
                f"native must be true, false or null, got {_type_name(native)}", f"{at}/native"
            )
        if native is not None and role not in HELPER_ROLES:
            raise DocumentError(
                f"native only applies to sidecar, ambassador and adapter, not {role}",
                f"{at}/native",
            )
        spec = _obj(raw.get("spec"), at, "spec", optional=True)
        if "volumeMounts" in spec and is_modelled_list(spec["volumeMounts"]):
            raise DocumentError("volumeMounts belong in the pod's 'mounts' list", f"{at}/spec")
        if role != "main" and spec.get("restartPolicy") == "Always":
            raise DocumentError(
                "restartPolicy Always is expressed by role sidecar with native true",
                f"{at}/spec/restartPolicy",
            )
        # Positional arguments: a frozen dataclass is markedly slower to build with keywords.
        return Container(
            cid,
            role,
            spec,
            native,
            _notes(raw.get("notes"), at),
            self.timings(raw.get("timings"), at),
        )

    def timings(self, data: object, at: str) -> dict[str, float]:
        if not data and isinstance(data, dict | None):
            return {}
        at = f"{at}/timings"
        raw = _obj(data, at, optional=True)
        for key, value in raw.items():
            if key not in TIMING_KEYS:
                raise DocumentError(
                    f"unknown timing {key!r}; expected {', '.join(sorted(TIMING_KEYS))}", at
                )
            if key == "exit_code":
                ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 255
                if not ok:
                    raise DocumentError("exit_code must be an integer 0 … 255", f"{at}/{key}")
            elif value is None and key in _NULLABLE_TIMINGS:
                continue
            elif not _number(value) or not 0 <= value <= MAX_TIMING_SECONDS:
                raise DocumentError(
                    f"{key} must be a number of seconds 0 … {MAX_TIMING_SECONDS:g}", f"{at}/{key}"
                )
        return raw

    def volume(self, data: object, pod_index: int, at: str) -> Volume:
        raw = _obj(data, at)
        vid = self.id(raw.get("id"), at)
        self.volume_pod[vid] = pod_index
        return Volume(vid, _obj(raw.get("spec"), at, "spec", optional=True))

    def mount(self, data: object, at: str) -> Mount:
        raw = _obj(data, at)
        mid = self.id(raw.get("id"), at)
        container = raw.get("container")
        if not isinstance(container, str):
            raise DocumentError("a mount needs the id of its container", f"{at}/container")
        volume = raw.get("volume")
        if volume is not None and not isinstance(volume, str):
            raise DocumentError(
                f"volume must be a volume id or null, got {_type_name(volume)}", f"{at}/volume"
            )
        spec = _obj(raw.get("spec"), at, "spec", optional=True)
        if volume is not None and "name" in spec:
            raise DocumentError(
                "a mount's name comes from its volume; only a dangling mount keeps one",
                f"{at}/spec/name",
            )
        return Mount(mid, container, volume, spec)

    def check_mounts(self, pod: Pod, index: int) -> None:
        at = f"/pods/{index}/mounts"
        verbatim = {c.id for c in pod.containers if "volumeMounts" in c.spec}
        for i, mount in enumerate(pod.mounts):
            owner = self.container_pod.get(mount.container)
            if owner is None:
                raise DocumentError(f"unknown container {mount.container!r}", f"{at}/{i}/container")
            if owner != index:
                raise DocumentError(
                    f"container {mount.container!r} belongs to another pod", f"{at}/{i}/container"
                )
            if mount.container in verbatim:
                raise DocumentError(
                    f"container {mount.container!r} keeps verbatim volumeMounts in its spec",
                    f"{at}/{i}/container",
                )
            if mount.volume is None:
                continue
            owner = self.volume_pod.get(mount.volume)
            if owner is None:
                raise DocumentError(f"unknown volume {mount.volume!r}", f"{at}/{i}/volume")
            if owner != index:
                raise DocumentError(
                    f"volume {mount.volume!r} belongs to another pod", f"{at}/{i}/volume"
                )

    def workload(self, data: object, at: str) -> dict[str, Any] | None:
        if data is None:
            return None
        raw = _obj(data, at)
        kind = raw.get("kind")
        expected = WORKLOAD_API_VERSIONS.get(kind) if isinstance(kind, str) else None
        if expected is None:
            raise DocumentError(
                f"unsupported workload kind {kind!r}; expected one of "
                + ", ".join(WORKLOAD_API_VERSIONS),
                f"{at}/kind",
            )
        if raw.get("apiVersion") != expected:
            raise DocumentError(f"a {kind} must have apiVersion {expected}", f"{at}/apiVersion")
        _obj(raw.get("metadata"), at, "metadata", optional=True)
        spec = _obj(raw.get("spec"), at, "spec", optional=True)
        if kind == "CronJob":
            job = spec.get("jobTemplate")
            job_spec = job.get("spec") if isinstance(job, dict) else None
            if isinstance(job_spec, dict) and "template" in job_spec:
                raise DocumentError(
                    "the pod template is the pod itself", f"{at}/spec/jobTemplate/spec/template"
                )
        elif "template" in spec:
            raise DocumentError("the pod template is the pod itself", f"{at}/spec/template")
        return raw

    def extra(self, data: object, at: str) -> ExtraDocument:
        raw = _obj(data, at)
        position = raw.get("position")
        if not isinstance(position, int) or isinstance(position, bool) or position < 0:
            raise DocumentError("position must be an integer ≥ 0", f"{at}/position")
        manifest = _obj(raw.get("manifest"), at, "manifest")
        return ExtraDocument(position=position, manifest=manifest)

    def list_header(self, data: object) -> dict[str, Any] | None:
        if data is None:
            return None
        raw = _obj(data, "/list")
        if raw.get("kind") != "List":
            raise DocumentError("the list header must have kind List", "/list/kind")
        if "items" in raw:
            raise DocumentError("list items are the pods and extra documents", "/list/items")
        return raw

    def layout(self, data: object) -> dict[str, dict[str, float]]:
        raw = _obj(data, "/layout", optional=True)
        layout: dict[str, dict[str, float]] = {}
        for key, box in raw.items():
            if not isinstance(key, str):
                raise DocumentError("layout keys are element ids", "/layout")
            at = f"/layout/{key.replace('~', '~0').replace('/', '~1')}"
            entry = _obj(box, at)
            for name, value in entry.items():
                if name not in LAYOUT_KEYS or not _number(value):
                    raise DocumentError(
                        f"layout entries hold numbers x, y, width, height; got {name!r}", at
                    )
            # Boxes of elements that no longer exist are dropped: the editor need not clean up.
            if key in self.ids:
                layout[key] = entry
        return layout


def parse_document(data: Any) -> Design:
    """Check a design-document dict (parsed JSON) and turn it into a ``Design``."""
    return _Parser().design(data)
