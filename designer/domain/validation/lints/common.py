"""What every lint module shares: the findings collector and tolerant readers of raw manifests."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from designer.domain.validation.findings import Finding, pin_path
from designer.domain.validation.lints.catalogue import lint_finding

EMPTY: Mapping[str, Any] = {}


class Out:
    """The findings of one ``lint_pod`` call. Given the design ``elements`` of the manifest's
    paths, each is pinned (``pin_path``) as it is made, which spares the caller re-creating every
    finding to pin it."""

    __slots__ = ("findings", "elements", "bases")

    def __init__(self, elements: Mapping[str, str] | None) -> None:
        self.findings: list[Finding] = []
        self.elements = elements
        self.bases: dict[str, str] = {}  # container path -> its element

    def add(self, name: str, path: str, message: str, advice: str) -> None:
        elements = self.elements
        element = None if elements is None else pin_path(elements, path)
        self.findings.append(lint_finding(name, path, message, advice, element))

    def add_at(self, name: str, base: str, field: str, message: str, advice: str) -> None:
        """``add`` for the path ``base + field``, where ``field`` is "" or one ``.name``
        segment: its element is that path's own, else the base's (looked up once per base)."""
        path = base + field if field else base
        elements = self.elements
        element = None
        if elements is not None:
            if field:
                element = elements.get(path)
            if element is None:
                element = self.bases.get(base)
                if element is None:
                    element = self.bases[base] = pin_path(elements, base)
        self.findings.append(lint_finding(name, path, message, advice, element))


def as_map(value: object) -> Mapping[str, Any]:
    # dict, not Mapping: manifests come from JSON/YAML, and the ABC check costs several times more.
    return value if isinstance(value, dict) else EMPTY


def as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def as_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def confined(sc: Mapping[str, Any], key: str) -> bool | None:
    kind = as_map(sc.get(key)).get("type")
    return None if not kind else bool(kind != "Unconfined")


class PodFacts(NamedTuple):
    """What the container rules read from the Pod, looked up once per ``lint_pod`` call."""

    pod_set: set[str]             # resources set at pod level (PodLevelResources)
    host_paths: set[str]          # names of hostPath volumes
    annotations: Mapping[str, Any]
    user_namespace: bool          # hostUsers: false
    run_as_user: object
    run_as_group: object
    run_as_non_root: object
    seccomp: bool | None          # confined() of the pod securityContext
    apparmor: bool | None
    selinux: bool
