"""Values of the startup/termination simulation: timings, scenarios, events, results."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

ScenarioKind = Literal[
    "normal", "init-failure", "sidecar-startup-failure", "job-completion", "deletion"
]
SCENARIO_KINDS: tuple[ScenarioKind, ...] = (
    "normal",
    "init-failure",
    "sidecar-startup-failure",
    "job-completion",
    "deletion",
)

# Every event kind the engine emits (the browser switches on these).
EVENT_KINDS: tuple[str, ...] = (
    "phase",
    "condition",
    "scheduling-gated",
    "pod-scheduled",
    "volumes-mounted",
    "sandbox-created",
    "container-waiting",
    "image-pulling",
    "image-pulled",
    "container-created",
    "container-started",
    "post-start-done",
    "probe-succeeded",
    "probe-failed",
    "container-ready",
    "container-exited",
    "container-restarting",
    "deadline-exceeded",
    "deletion-requested",
    "termination-started",
    "pre-stop",
    "pre-stop-done",
    "sigterm",
    "sigkill",
    "sandbox-removed",
    "pod-deleted",
)

# Container states carried by events (the state *after* the event).
CONTAINER_STATES: tuple[str, ...] = (
    "waiting",
    "pulling",
    "created",
    "starting",
    "running",
    "ready",
    "crash-loop",
    "terminating",
    "completed",
    "terminated",
)

MAX_SECONDS = 3600.0  # upper bound for every duration: keeps each run small and bounded


def _number(key: str, value: Any, *, allow_none: bool, upper: float = MAX_SECONDS) -> float | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key} must be a number of seconds, got {value!r}")
    number = float(value)
    if not math.isfinite(number) or number < 0 or number > upper:
        raise ValueError(f"{key} must be between 0 and {upper:g} seconds, got {value!r}")
    return number


def _check_keys(data: Mapping[str, Any], allowed: tuple[str, ...], what: str) -> None:
    unknown = sorted(str(key) for key in data if key not in allowed)
    if unknown:
        raise ValueError(
            f"unknown {what} field(s) {', '.join(unknown)}; allowed: {', '.join(allowed)}"
        )


@dataclass(frozen=True, slots=True)
class Timings:
    """How long each step of one container takes, in seconds.

    ``run``: time from start until the process exits (None: the role's default: 3 s for init
    containers, 10 s for app containers in the job-completion scenario, otherwise forever).
    ``post_start``/``pre_stop`` only apply when the container defines that hook (``pre_stop``
    None: the hook's ``sleep.seconds``, else 2 s). ``stop``: time to exit after SIGTERM.
    ``ready_after``: time after start from which startup/readiness probes pass.
    ``exit_code``: code of a normal exit (also of a graceful exit after SIGTERM).
    """

    pull: float = 2.0
    start: float = 0.5
    run: float | None = None
    post_start: float = 1.0
    pre_stop: float | None = None
    stop: float = 1.0
    ready_after: float = 0.0
    exit_code: int = 0

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.name != "exit_code":
                _number(f.name, getattr(self, f.name), allow_none=f.name in ("run", "pre_stop"))
        code = self.exit_code
        if isinstance(code, bool) or not isinstance(code, int) or not 0 <= code <= 255:
            raise ValueError(f"exit_code must be an integer from 0 to 255, got {code!r}")

    @classmethod
    def from_dict(cls, data: Any) -> Timings:
        """Build Timings from a JSON object; raise ValueError with a clear message on bad input."""
        if not isinstance(data, Mapping):
            raise ValueError(f"timings must be an object, got {type(data).__name__}")
        _check_keys(data, tuple(f.name for f in fields(cls)), "timings")
        return cls(**{str(k): v for k, v in data.items()})

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Scenario:
    """What to simulate.

    ``container``: the init container that fails (init-failure) or the sidecar whose startupProbe
    never passes (sidecar-startup-failure); None picks the first that fits.
    ``attempts_until_success``: for init-failure, how many attempts fail before one succeeds
    (None: it never succeeds). ``horizon`` bounds the simulated time. ``delete_at``: delete the
    Pod at this time (any kind; for ``deletion`` None means 2 s after the containers are ready).
    ``grace_period``: the delete request's grace override (None: the Pod's
    terminationGracePeriodSeconds).
    """

    kind: ScenarioKind = "normal"
    container: str | None = None
    attempts_until_success: int | None = None
    horizon: float = 600.0
    delete_at: float | None = None
    grace_period: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in SCENARIO_KINDS:
            raise ValueError(
                f"unknown scenario kind {self.kind!r}; expected one of {', '.join(SCENARIO_KINDS)}"
            )
        if self.container is not None and (
            not isinstance(self.container, str) or not self.container
        ):
            raise ValueError(f"container must be a non-empty string, got {self.container!r}")
        attempts = self.attempts_until_success
        if attempts is not None and (
            isinstance(attempts, bool) or not isinstance(attempts, int) or not 1 <= attempts <= 100
        ):
            raise ValueError(
                f"attempts_until_success must be an integer from 1 to 100 or null, got {attempts!r}"
            )
        horizon = _number("horizon", self.horizon, allow_none=False)
        if not horizon:
            raise ValueError("horizon must be greater than 0")
        _number("delete_at", self.delete_at, allow_none=True)
        _number("grace_period", self.grace_period, allow_none=True)

    @classmethod
    def from_dict(cls, data: Any) -> Scenario:
        """Build a Scenario from a JSON object; ValueError with a clear message on bad input."""
        if not isinstance(data, Mapping):
            raise ValueError(f"scenario must be an object, got {type(data).__name__}")
        _check_keys(data, tuple(f.name for f in fields(cls)), "scenario")
        if "kind" not in data:
            raise ValueError(f"scenario needs a kind: one of {', '.join(SCENARIO_KINDS)}")
        return cls(**{str(k): v for k, v in data.items()})

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON (round-trips through from_dict)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class ScenarioInfo:
    """A scenario that makes sense for a given Pod, with a title and description for the UI."""

    kind: ScenarioKind
    title: str
    description: str
    container: str | None = None

    def scenario(self) -> Scenario:
        """The Scenario to run for this entry (default horizon)."""
        return Scenario(kind=self.kind, container=self.container)

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {
            "kind": self.kind,
            "title": self.title,
            "description": self.description,
            "container": self.container,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One step of the animation: at ``t`` seconds, ``kind`` happened (to ``container``)."""

    t: float
    seq: int
    kind: str
    container: str | None
    state: str | None
    message: str
    data: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {
            "t": self.t,
            "seq": self.seq,
            "kind": self.kind,
            "container": self.container,
            "state": self.state,
            "message": self.message,
            "data": dict(self.data),
        }


@dataclass(frozen=True, slots=True)
class Simulation:
    """The result: events sorted by (t, seq), final phase and conditions, simulated duration.

    ``truncated`` is True when the horizon (or the event budget) cut the run short, e.g. a
    crash loop that never ends.
    """

    events: list[Event]
    phase: str
    duration: float
    truncated: bool = False
    conditions: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {
            "events": [event.as_dict() for event in self.events],
            "phase": self.phase,
            "duration": self.duration,
            "truncated": self.truncated,
            "conditions": dict(self.conditions),
        }
