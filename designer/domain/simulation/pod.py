"""Read what the simulation needs from a Pod manifest, tolerating any garbage."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Role = Literal["init", "sidecar", "app"]

DEFAULT_GRACE = 30.0  # terminationGracePeriodSeconds default (pkg/apis/core/v1/defaults.go)


def number(value: Any, default: float, minimum: float = 0.0) -> float:
    """A finite number >= minimum from a manifest value, else the default."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    result = float(value)
    if not math.isfinite(result) or result < minimum:
        return default
    return result


def mapping(value: Any) -> Mapping[str, Any]:
    """The value if it is a mapping, else an empty one."""
    return value if isinstance(value, Mapping) else {}


def sequence(value: Any) -> list[Any]:
    """The value if it is a list, else an empty list."""
    return value if isinstance(value, list) else []


@dataclass(frozen=True, slots=True)
class Probe:
    """Probe timing with Kubernetes defaults (initialDelay 0, period 10, success 1, failure 3)."""

    initial_delay: float
    period: float
    success_threshold: int
    failure_threshold: int
    grace: float | None

    @classmethod
    def read(cls, raw: Any) -> Probe | None:
        """The probe's timings, or None when no probe is defined."""
        if not isinstance(raw, Mapping) or not raw:
            return None
        grace = raw.get("terminationGracePeriodSeconds")
        return cls(
            initial_delay=number(raw.get("initialDelaySeconds"), 0.0),
            period=number(raw.get("periodSeconds"), 10.0, 1.0),
            success_threshold=int(number(raw.get("successThreshold"), 1.0, 1.0)),
            failure_threshold=int(number(raw.get("failureThreshold"), 3.0, 1.0)),
            grace=number(grace, 0.0) if number(grace, 0.0) > 0 else None,
        )


@dataclass(frozen=True, slots=True)
class ContainerSpec:
    """One container as the kubelet sees it."""

    name: str
    role: Role
    index: int
    image: str
    post_start: bool
    pre_stop: bool
    pre_stop_sleep: float | None
    startup: Probe | None
    readiness: Probe | None
    liveness: Probe | None
    downgraded: bool  # restartPolicy: Always dropped by a server older than 1.29

    @property
    def label(self) -> str:
        """How messages name it: 'init container x', 'sidecar x' or 'container x'."""
        if self.role == "app":
            return f"container {self.name}"
        return f"{'sidecar' if self.role == 'sidecar' else 'init container'} {self.name}"


@dataclass(frozen=True, slots=True)
class PodView:
    """The parts of a Pod manifest that drive startup and termination."""

    name: str
    restart_policy: str
    grace: float
    scheduling_gates: list[str]
    readiness_gates: list[str]
    active_deadline: float | None
    host_network: bool
    volumes: int
    inits: list[ContainerSpec]
    apps: list[ContainerSpec]


def _hook(lifecycle: Mapping[str, Any], key: str) -> Mapping[str, Any] | None:
    hook = lifecycle.get(key)
    return hook if isinstance(hook, Mapping) and hook else None


def _container(
    raw: Mapping[str, Any], role: Role, index: int, name: str, downgraded: bool
) -> ContainerSpec:
    probes = role != "init"  # the API forbids probes/hooks on regular init containers (A.4)
    lifecycle = mapping(raw.get("lifecycle")) if probes else {}
    pre_stop = _hook(lifecycle, "preStop")
    sleep = mapping(pre_stop.get("sleep")) if pre_stop else {}
    seconds = sleep.get("seconds")
    image = raw.get("image")
    return ContainerSpec(
        name=name,
        role=role,
        index=index,
        image=image if isinstance(image, str) and image else "(no image)",
        post_start=_hook(lifecycle, "postStart") is not None,
        pre_stop=pre_stop is not None,
        pre_stop_sleep=number(seconds, 0.0) if "seconds" in sleep else None,
        startup=Probe.read(raw.get("startupProbe")) if probes else None,
        readiness=Probe.read(raw.get("readinessProbe")) if probes else None,
        liveness=Probe.read(raw.get("livenessProbe")) if probes else None,
        downgraded=downgraded,
    )


def _containers(
    raw: Any, *, init: bool, sidecars: bool, taken: set[str], field_name: str
) -> list[ContainerSpec]:
    out: list[ContainerSpec] = []
    for i, item in enumerate(sequence(raw)):
        if not isinstance(item, Mapping):
            continue
        name = item.get("name")
        if not isinstance(name, str) or not name:
            name = f"{field_name}[{i}]"
        base, n = name, 2
        while name in taken:  # duplicates are an API error; keep them apart so events stay clear
            name, n = f"{base}#{n}", n + 1
        taken.add(name)
        restartable = init and item.get("restartPolicy") == "Always"
        role: Role = "app" if not init else ("sidecar" if restartable and sidecars else "init")
        out.append(_container(item, role, len(out), name, restartable and not sidecars))
    return out


def read_pod(pod: Any, version: tuple[int, int]) -> PodView:
    """Extract a PodView; anything malformed falls back to Kubernetes defaults."""
    pod = mapping(pod)
    meta = mapping(pod.get("metadata"))
    spec = mapping(pod.get("spec"))
    policy = spec.get("restartPolicy")
    gates = [
        str(g.get("name")) for g in sequence(spec.get("schedulingGates")) if isinstance(g, Mapping)
    ]
    readiness = [
        str(g.get("conditionType"))
        for g in sequence(spec.get("readinessGates"))
        if isinstance(g, Mapping)
    ]
    deadline = number(spec.get("activeDeadlineSeconds"), 0.0)
    taken: set[str] = set()
    sidecars = version >= (1, 29)  # SidecarContainers on by default since 1.29 (B.7)
    name = meta.get("name")
    return PodView(
        name=name if isinstance(name, str) and name else "pod",
        restart_policy=policy if policy in ("Always", "OnFailure", "Never") else "Always",
        grace=number(spec.get("terminationGracePeriodSeconds"), DEFAULT_GRACE),
        scheduling_gates=gates,
        readiness_gates=readiness,
        active_deadline=deadline if deadline > 0 else None,
        host_network=spec.get("hostNetwork") is True,
        volumes=sum(1 for v in sequence(spec.get("volumes")) if isinstance(v, Mapping)),
        inits=_containers(
            spec.get("initContainers"),
            init=True,
            sidecars=sidecars,
            taken=taken,
            field_name="initContainers",
        ),
        apps=_containers(
            spec.get("containers"),
            init=False,
            sidecars=sidecars,
            taken=taken,
            field_name="containers",
        ),
    )
