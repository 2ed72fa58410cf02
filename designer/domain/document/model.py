"""The design document's types (docs/design-document.md): frozen dataclasses, limits, constants.

``Design.to_dict`` turns a design back into document JSON; ``parser`` builds one from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, cast

from designer.domain import errors
from designer.domain.versions import DEFAULT_VERSION, format_version, parse_version

SCHEMA_VERSION = 1
MAX_PODS = 100
MAX_CONTAINERS = 200
MAX_VOLUMES = 200
MAX_MOUNTS = 2000
MAX_EXTRA_DOCUMENTS = 500
MAX_ID_LENGTH = 64
MAX_NOTES_LENGTH = 20_000
MAX_TIMING_SECONDS = 3_600.0  # the simulation's bound (simulation.model.MAX_SECONDS)

Role = Literal["main", "init", "sidecar", "ambassador", "adapter"]
ROLES: tuple[Role, ...] = ("main", "init", "sidecar", "ambassador", "adapter")
HELPER_ROLES = frozenset({"sidecar", "ambassador", "adapter"})
TIMING_KEYS = frozenset(
    {"pull", "start", "run", "post_start", "pre_stop", "stop", "ready_after", "exit_code"}
)
LAYOUT_KEYS = frozenset({"x", "y", "width", "height"})
# Workload kinds a Pod can be wrapped in, with the only apiVersion each is accepted with.
WORKLOAD_API_VERSIONS = {
    "Deployment": "apps/v1",
    "StatefulSet": "apps/v1",
    "DaemonSet": "apps/v1",
    "ReplicaSet": "apps/v1",
    "Job": "batch/v1",
    "CronJob": "batch/v1",
}
# Lists the document models itself; the verbatim spec only keeps them when they are not a
# non-empty list of objects (malformed input kept so validation can report it).
POD_LIST_KEYS = ("initContainers", "containers", "volumes")


class DocumentError(errors.DocumentError):
    """A malformed design document, with a JSON pointer to the offending place."""

    def __init__(self, message: str, pointer: str = "") -> None:
        self.message = message
        self.pointer = pointer
        super().__init__(f"{pointer or '/'}: {message}")


@dataclass(frozen=True, slots=True)
class Container:
    """A container of any role; ``spec`` is the Kubernetes Container minus volumeMounts."""

    id: str
    role: Role
    spec: dict[str, Any]
    native: bool | None = None
    notes: str = ""
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def name(self) -> str | None:
        """The Kubernetes container name, when it is a string."""
        name = self.spec.get("name")
        return name if isinstance(name, str) else None

    def to_dict(self) -> dict[str, Any]:
        """The container as design-document JSON."""
        return {
            "id": self.id,
            "role": self.role,
            "native": self.native,
            "spec": self.spec,
            "notes": self.notes,
            "timings": dict(self.timings),
        }


@dataclass(frozen=True, slots=True)
class Volume:
    """A Kubernetes Volume with a designer id."""

    id: str
    spec: dict[str, Any]

    @property
    def name(self) -> str | None:
        """The Kubernetes volume name, when it is a string."""
        name = self.spec.get("name")
        return name if isinstance(name, str) else None

    def to_dict(self) -> dict[str, Any]:
        """The volume as design-document JSON."""
        return {"id": self.id, "spec": self.spec}


@dataclass(frozen=True, slots=True)
class Mount:
    """A VolumeMount linking a container to a volume (``volume`` None: dangling, name in spec)."""

    id: str
    container: str
    volume: str | None
    spec: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The mount as design-document JSON."""
        return {
            "id": self.id,
            "container": self.container,
            "volume": self.volume,
            "spec": self.spec,
        }


@dataclass(frozen=True, slots=True)
class Pod:
    """One Pod: verbatim metadata/spec plus its modelled containers, volumes and mounts."""

    id: str
    metadata: dict[str, Any]
    spec: dict[str, Any]
    containers: tuple[Container, ...] = ()
    volumes: tuple[Volume, ...] = ()
    mounts: tuple[Mount, ...] = ()
    workload: dict[str, Any] | None = None
    notes: str = ""

    @property
    def name(self) -> str | None:
        """metadata.name, or the stored workload's name for a Pod template without one."""
        name = self.metadata.get("name")
        if isinstance(name, str) and name:
            return name
        if self.workload is not None:
            meta = self.workload.get("metadata")
            if isinstance(meta, dict) and isinstance(meta.get("name"), str):
                return cast(str, meta["name"])
        return None

    def to_dict(self) -> dict[str, Any]:
        """The Pod as design-document JSON."""
        return {
            "id": self.id,
            "metadata": self.metadata,
            "spec": self.spec,
            "containers": [c.to_dict() for c in self.containers],
            "volumes": [v.to_dict() for v in self.volumes],
            "mounts": [m.to_dict() for m in self.mounts],
            "workload": self.workload,
            "notes": self.notes,
        }


@dataclass(frozen=True, slots=True)
class ExtraDocument:
    """A non-Pod document of an imported file, re-emitted unchanged at ``position``."""

    position: int
    manifest: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The extra document as design-document JSON."""
        return {"position": self.position, "manifest": self.manifest}


@dataclass(frozen=True, slots=True)
class Design:
    """A whole design document."""

    kubernetes_version: str
    pods: tuple[Pod, ...]
    extra_documents: tuple[ExtraDocument, ...] = ()
    list: dict[str, Any] | None = None
    layout: dict[str, dict[str, float]] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION

    @property
    def version(self) -> tuple[int, int]:
        """The target Kubernetes version as (major, minor)."""
        return parse_version(self.kubernetes_version)

    def pod(self, pod_id: str) -> Pod:
        """The Pod with this id (KeyError when there is none)."""
        for pod in self.pods:
            if pod.id == pod_id:
                return pod
        raise KeyError(pod_id)

    def to_dict(self) -> dict[str, Any]:
        """The design as design-document JSON."""
        return {
            "schema_version": self.schema_version,
            "kubernetes_version": self.kubernetes_version,
            "pods": [p.to_dict() for p in self.pods],
            "extra_documents": [e.to_dict() for e in self.extra_documents],
            "list": self.list,
            "layout": {k: dict(v) for k, v in self.layout.items()},
        }


def new_design(kubernetes_version: str = DEFAULT_VERSION) -> Design:
    """A fresh design: one Pod called ``my-pod`` without containers (ValueError: bad version)."""
    version = format_version(parse_version(kubernetes_version))
    pod = Pod(id="pod-1", metadata={"name": "my-pod"}, spec={})
    return Design(kubernetes_version=version, pods=(pod,))


def is_modelled_list(value: object) -> bool:
    """True for a non-empty list of objects: what the document models outside the spec."""
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)
