"""Which scenarios make sense for a Pod, and which container a scenario targets."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from designer.domain.simulation.model import Scenario, ScenarioInfo
from designer.domain.simulation.pod import ContainerSpec, PodView, read_pod


def failing_inits(view: PodView) -> list[ContainerSpec]:
    """Init containers the init-failure scenario can fail (regular ones that exit)."""
    return [c for c in view.inits if c.role == "init" and not c.downgraded]


def stuck_sidecars(view: PodView) -> list[ContainerSpec]:
    """Sidecars the sidecar-startup-failure scenario can break (those with a startupProbe)."""
    return [c for c in view.inits if c.role == "sidecar" and c.startup is not None]


def pick_target(view: PodView, scenario: Scenario) -> str | None:
    """Name of the container the scenario breaks; ValueError when the Pod has none that fits."""
    if scenario.kind == "init-failure":
        candidates, what = failing_inits(view), "a regular init container"
    elif scenario.kind == "sidecar-startup-failure":
        candidates, what = stuck_sidecars(view), "a native sidecar with a startupProbe"
    else:
        return None
    names = [c.name for c in candidates]
    if not names:
        raise ValueError(f"scenario {scenario.kind} needs {what}, and this Pod has none")
    if scenario.container is None:
        return names[0]
    if scenario.container not in names:
        raise ValueError(
            f"scenario {scenario.kind}: {scenario.container!r} is not {what} of this Pod; "
            f"choose one of {', '.join(names)}"
        )
    return scenario.container


def scenarios_for(
    pod: Mapping[str, Any], *, version: tuple[int, int] = (1, 33)
) -> list[ScenarioInfo]:
    """The scenarios worth animating for this Pod, with a title and a description each."""
    view = read_pod(pod, version)
    policy = view.restart_policy
    out = [
        ScenarioInfo(
            "normal",
            "Normal start",
            "Scheduling, volumes, sandbox, init containers one by one, then the app containers "
            "in order until the Pod is Ready.",
        )
    ]
    for c in failing_inits(view):
        if policy == "Never":
            outcome = "restartPolicy is Never, so the Pod fails and no app container starts."
        else:
            outcome = (
                "The kubelet restarts it with CrashLoopBackOff delays of 0, 10, 20, 40 s ... up "
                "to 300 s while the Pod stays in Init."
            )
        out.append(ScenarioInfo("init-failure", f"Init container {c.name} fails", outcome, c.name))
    for c in stuck_sidecars(view):
        out.append(
            ScenarioInfo(
                "sidecar-startup-failure",
                f"Sidecar {c.name} never starts",
                "Its startupProbe keeps failing: the kubelet kills and restarts it with backoff "
                "and the Pod stays in Init (the next init container never starts).",
                c.name,
            )
        )
    if policy in ("Never", "OnFailure") and view.apps:
        out.append(
            ScenarioInfo(
                "job-completion",
                "Job runs to completion",
                "The app containers run and exit; then the sidecars are stopped, last-defined "
                "first, and the phase follows the app exit codes.",
            )
        )
    if view.apps or view.inits:
        out.append(
            ScenarioInfo(
                "deletion",
                "Delete the Pod",
                f"Start until Ready, then delete: preStop hooks, SIGTERM, sidecars last in "
                f"reverse order, SIGKILL after the {view.grace:g}s grace period.",
            )
        )
    return out
