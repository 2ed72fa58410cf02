"""The discrete-event core: a time-ordered queue, container records, events, conditions, phase.

Subclasses (termination.Termination, then kubelet.Kubelet) add the behaviour. Every scheduled
callback carries the container's ``epoch`` at scheduling time; a kill, exit or restart bumps the
epoch so stale callbacks (a probe tick of a dead process) are dropped.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from designer.domain.simulation.model import Event, Scenario, Timings
from designer.domain.simulation.pod import ContainerSpec, PodView

MAX_EVENTS = 20_000  # safety net on top of the horizon
DEFAULT_TIMINGS = Timings()
DEFAULT_INIT_RUN = 3.0
DEFAULT_JOB_RUN = 10.0
DEFAULT_PRE_STOP = 2.0


@dataclass(slots=True, eq=False)
class Box:
    """Runtime record of one container during the simulation."""

    spec: ContainerSpec
    pull: float
    start: float
    run: float | None
    post_start: float | None  # None: no postStart hook
    pre_stop: float | None  # None: no preStop hook
    stop: float
    ready_after: float
    exit_code: int
    state: str = "waiting"
    epoch: int = 0
    running: bool = False  # the process is alive
    started: bool = False  # the kubelet's `started` (postStart done + startupProbe passed)
    ready: bool = False
    pulled: bool = False
    ever_ran: bool = False
    stopping: bool = False
    awaiting_turn: bool = False
    done: bool = False  # will never run again (init exited 0, app not restarted)
    unblocked: bool = False  # sidecar let the init sequence move on
    restarts: int = 0
    backoff_step: int = 0
    failures: int = 0
    probe_count: int = 0
    started_at: float = 0.0
    stop_deadline: float = 0.0
    last_exit: int | None = None
    term_code: int = 0

    @property
    def name(self) -> str:
        return self.spec.name


def make_box(spec: ContainerSpec, timings: Timings, scenario: Scenario) -> Box:
    """Resolve the container's timings against its role and hooks."""
    run = timings.run
    if run is None:
        if spec.role == "init" and not spec.downgraded:
            run = DEFAULT_INIT_RUN
        elif spec.role == "app" and scenario.kind == "job-completion":
            run = DEFAULT_JOB_RUN
    pre_stop: float | None = None
    if spec.pre_stop:
        pre_stop = timings.pre_stop
        if pre_stop is None:
            pre_stop = spec.pre_stop_sleep if spec.pre_stop_sleep is not None else DEFAULT_PRE_STOP
    return Box(
        spec=spec,
        pull=timings.pull,
        start=timings.start,
        run=run,
        post_start=timings.post_start if spec.post_start else None,
        pre_stop=pre_stop,
        stop=timings.stop,
        ready_after=timings.ready_after,
        exit_code=timings.exit_code,
    )


Callback = Callable[..., None]


class Core:
    """Queue, records and the Pod-level bookkeeping shared by startup and termination."""

    def __init__(
        self,
        view: PodView,
        scenario: Scenario,
        timings: Mapping[str, Timings],
        version: tuple[int, int],
    ) -> None:
        self.view = view
        self.scenario = scenario
        self.version = version
        self.events: list[Event] = []
        self.queue: list[tuple[float, int, Callback, tuple[Any, ...]]] = []
        self.ticks = 0
        self.now = 0.0
        self.truncated = False
        self.phase = ""
        self.conditions: dict[str, str] = {}

        def box(spec: ContainerSpec) -> Box:
            return make_box(spec, timings.get(spec.name, DEFAULT_TIMINGS), scenario)

        self.inits = [box(spec) for spec in view.inits]
        self.apps = [box(spec) for spec in view.apps]
        self.sidecars = [b for b in self.inits if b.spec.role == "sidecar"]
        self.regular_inits = [b for b in self.inits if b.spec.role == "init"]
        self.boxes = self.inits + self.apps
        self.not_ready = len(self.apps) + len(self.sidecars)
        self.apps_never_started = len(self.apps)
        self.bound = False  # the Pod reached a node (a kubelet owns it)
        self.terminating = False
        self.deleting = False
        self.completed = False  # every container stopped for good: terminal
        self.finished = False  # nothing more will happen
        self.shutdown_reason = ""
        self.init_index = 0  # SyncPod step 6 cursor
        self.app_index = 0  # SyncPod step 7 cursor
        self.delete_scheduled = False
        self.target: Box | None = None  # the container the scenario breaks

    # -- queue -------------------------------------------------------------------------------

    def at(self, t: float, fn: Callback, *args: Any) -> None:
        """Run fn(*args) at time t (FIFO among equal times)."""
        self.ticks += 1
        heapq.heappush(self.queue, (t, self.ticks, fn, args))

    def run(self) -> None:
        """Process the queue until it is empty, the horizon or the event budget is reached."""
        horizon = self.scenario.horizon
        queue = self.queue
        while True:
            while queue and not self.finished:
                t, _, fn, args = heapq.heappop(queue)
                if t > horizon + 1e-9 or len(self.events) >= MAX_EVENTS:
                    self.truncated = True
                    return
                self.now = t
                fn(*args)
            if self.finished or not self.on_idle():
                return

    def on_idle(self) -> bool:
        """Nothing is queued: return True after queueing more work (overridden)."""
        return False

    # -- output ------------------------------------------------------------------------------

    def emit(
        self, kind: str, box: Box | None, message: str, state: str | None = None, **data: Any
    ) -> None:
        """Record an event at the current time; ``state`` updates the container's state."""
        if box is not None and state is not None:
            box.state = state
        self.events.append(
            Event(
                t=round(float(self.now), 3),
                seq=len(self.events),
                kind=kind,
                container=box.spec.name if box is not None else None,
                state=box.state if box is not None else None,
                message=message,
                data=data,
            )
        )

    def set_condition(self, kind: str, status: str, message: str, reason: str = "") -> None:
        """Emit a condition event when its status changes."""
        if self.conditions.get(kind) == status:
            return
        self.conditions[kind] = status
        data: dict[str, Any] = {"type": kind, "status": status}
        if reason:
            data["reason"] = reason
        self.emit("condition", None, message, **data)

    def set_phase(self, phase: str, message: str, reason: str = "") -> None:
        """Emit a phase event when the phase changes."""
        if self.phase == phase:
            return
        self.phase = phase
        data: dict[str, Any] = {"phase": phase}
        if reason:
            data["reason"] = reason
        self.emit("phase", None, message, **data)

    # -- readiness ---------------------------------------------------------------------------

    def mark_ready(self, box: Box, message: str) -> None:
        """The container became ready: maybe ContainersReady and Ready follow."""
        if box.ready:
            return
        box.ready = True
        self.emit("container-ready", box, message, "ready")
        if box.spec.role != "init":
            self.not_ready -= 1
            self.refresh_ready()

    def mark_unready(self, box: Box) -> None:
        """The container stopped being ready (it exited or is being stopped)."""
        if not box.ready:
            return
        box.ready = False
        if box.spec.role != "init":
            self.not_ready += 1
            self.refresh_ready()

    def refresh_ready(self) -> None:
        """Recompute ContainersReady and Ready (B.1 step 5)."""
        if self.completed or not self.apps:
            return
        if self.not_ready == 0:
            self.set_condition(
                "ContainersReady",
                "True",
                "Every app container and sidecar is ready: ContainersReady is True",
            )
            gates = self.view.readiness_gates
            if gates:
                self.set_condition(
                    "Ready",
                    "False",
                    f"Ready stays False: readiness gate {', '.join(gates)} is a condition an "
                    "external controller must set to True",
                    "ReadinessGatesNotReady",
                )
            else:
                self.set_condition(
                    "Ready", "True", "The Pod is Ready: Services now send it traffic"
                )
            self.on_containers_ready()
        elif self.conditions.get("ContainersReady") == "True":
            self.set_condition(
                "ContainersReady",
                "False",
                "A container is no longer ready: ContainersReady is False",
                "ContainersNotReady",
            )
            self.set_condition(
                "Ready",
                "False",
                "Ready is False: Services stop sending traffic to this Pod",
                "ContainersNotReady",
            )

    def on_containers_ready(self) -> None:
        """Hook for the deletion scenario (overridden)."""
