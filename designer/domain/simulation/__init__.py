"""Startup and termination simulation of a Pod (pod-rules.md section B).

``simulate(pod, scenario)`` returns timestamped, ordered events with a plain-English message
each, for the animated preview. Pure: same input, same events.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from designer.domain.simulation.kubelet import Kubelet, backoff_delay
from designer.domain.simulation.model import (
    CONTAINER_STATES,
    EVENT_KINDS,
    SCENARIO_KINDS,
    Event,
    Scenario,
    ScenarioInfo,
    ScenarioKind,
    Simulation,
    Timings,
)
from designer.domain.simulation.pod import read_pod
from designer.domain.simulation.scenarios import pick_target, scenarios_for

__all__ = [
    "CONTAINER_STATES",
    "EVENT_KINDS",
    "SCENARIO_KINDS",
    "Event",
    "Scenario",
    "ScenarioInfo",
    "ScenarioKind",
    "Simulation",
    "Timings",
    "backoff_delay",
    "scenarios_for",
    "simulate",
    "timings_from_dict",
]


def timings_from_dict(data: Any) -> dict[str, Timings]:
    """Parse {container name: {timing: seconds}} from JSON; ValueError on bad input."""
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ValueError(f"timings must be an object keyed by container name, got {data!r}")
    out: dict[str, Timings] = {}
    for name, value in data.items():
        try:
            out[str(name)] = Timings.from_dict(value)
        except ValueError as error:
            raise ValueError(f"timings for {name}: {error}") from None
    return out


def simulate(
    pod: Mapping[str, Any],
    scenario: Scenario,
    *,
    timings: Mapping[str, Timings] | None = None,
    version: tuple[int, int] = (1, 33),
) -> Simulation:
    """Simulate how the kubelet starts (and maybe stops) the Pod under the scenario.

    Malformed manifests are tolerated (defaults apply). Raises ValueError only when the scenario
    does not fit the Pod (e.g. init-failure for a Pod without init containers).
    """
    view = read_pod(pod, version)
    target = pick_target(view, scenario)
    engine = Kubelet(view, scenario, timings or {}, version)
    engine.boot()
    if target is not None:
        engine.target = next(b for b in engine.boxes if b.spec.name == target)
    engine.run()
    events = engine.events
    end = events[-1].t if events else 0.0
    duration = scenario.horizon if engine.truncated else end
    return Simulation(
        events=events,
        phase=engine.phase,
        duration=duration,
        truncated=engine.truncated,
        conditions=dict(engine.conditions),
    )
