"""Termination (pod-rules.md B.5) and Job-style completion (B.6)."""

from __future__ import annotations

from typing import Any, Literal

import pytest

from designer.domain.simulation import Event, Scenario, Simulation, Timings, simulate

PRE_STOP = {"preStop": {"exec": {"command": ["drain"]}}}


def pod(
    containers: list[dict[str, Any]], inits: list[dict[str, Any]] | None = None, **spec: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {"containers": containers, **spec}
    if inits is not None:
        body["initContainers"] = inits
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": body}


def sidecar(name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "restartPolicy": "Always", **extra}


def of(sim: Simulation, kind: str, container: str | None = None) -> list[Event]:
    return [
        e for e in sim.events if e.kind == kind and (container is None or e.container == container)
    ]


def one(sim: Simulation, kind: str, container: str | None = None) -> Event:
    found = of(sim, kind, container)
    assert len(found) == 1, (kind, container, found)
    return found[0]


# -- B.6 Job-style Pods ----------------------------------------------------------------------


def job_pod(policy: str = "Never") -> dict[str, Any]:
    inits = [sidecar("proxy-a"), {"name": "setup"}, sidecar("proxy-b"), sidecar("proxy-c")]
    return pod([{"name": "work"}, {"name": "report"}], inits, restartPolicy=policy)


def test_B6_getPhase_job_completion_terminates_sidecars_in_reverse_order_then_Succeeded() -> None:
    sim = simulate(job_pod(), Scenario(kind="job-completion"))
    last_app_exit = max(one(sim, "container-exited", n).seq for n in ("work", "report"))
    terms = [one(sim, "sigterm", n) for n in ("proxy-c", "proxy-b", "proxy-a")]
    exits = [one(sim, "container-exited", n) for n in ("proxy-c", "proxy-b", "proxy-a")]
    assert terms[0].seq > last_app_exit
    # each sidecar is signalled only after the later-defined one has exited
    assert exits[0].seq < terms[1].seq and exits[1].seq < terms[2].seq
    assert one(sim, "termination-started").seq > last_app_exit
    phase = of(sim, "phase")[-1]
    assert phase.data["phase"] == "Succeeded" and sim.phase == "Succeeded"
    assert phase.seq > exits[-1].seq  # terminal phase once every container stopped
    assert not sim.truncated and sim.duration == sim.events[-1].t


def test_B6_getPhase_job_fails_when_an_app_container_exits_non_zero() -> None:
    sim = simulate(
        job_pod(), Scenario(kind="job-completion"), timings={"report": Timings(exit_code=4)}
    )
    assert sim.phase == "Failed"


def test_B6_getPhase_sidecar_exit_codes_do_not_count() -> None:
    sim = simulate(
        job_pod(), Scenario(kind="job-completion"), timings={"proxy-a": Timings(stop=60)}
    )
    assert one(sim, "container-exited", "proxy-a").data["exit_code"] == 137
    assert sim.phase == "Succeeded"


def test_B6_OnFailure_job_retries_failed_app_container_and_never_completes() -> None:
    sim = simulate(
        job_pod("OnFailure"),
        Scenario(kind="job-completion", horizon=300),
        timings={"work": Timings(exit_code=1)},
    )
    assert of(sim, "container-restarting", "work")
    assert not of(sim, "sigterm", "proxy-a")
    assert sim.phase == "Running" and sim.truncated


def test_B6_job_without_sidecars_completes_at_the_last_app_exit() -> None:
    sim = simulate(pod([{"name": "work"}], restartPolicy="Never"), Scenario(kind="job-completion"))
    assert sim.phase == "Succeeded"
    assert of(sim, "phase")[-1].t == one(sim, "container-exited", "work").t


def test_B6_restartPolicy_Always_never_completes_on_its_own() -> None:
    sim = simulate(
        pod([{"name": "work"}], [sidecar("proxy")]), Scenario(kind="job-completion", horizon=120)
    )
    assert of(sim, "container-restarting", "work")
    assert not of(sim, "sigterm") and sim.phase == "Running"


# -- B.5 deletion ----------------------------------------------------------------------------


def deletion_pod(grace: int = 30) -> dict[str, Any]:
    inits = [sidecar("log", lifecycle=PRE_STOP), sidecar("mesh")]
    apps: list[dict[str, Any]] = [{"name": "web", "lifecycle": PRE_STOP}, {"name": "worker"}]
    return pod(apps, inits, terminationGracePeriodSeconds=grace)


def test_B5_deletion_happens_after_Ready_by_default() -> None:
    sim = simulate(deletion_pod(), Scenario(kind="deletion"))
    ready = [
        e
        for e in sim.events
        if e.kind == "condition" and e.data == {"type": "Ready", "status": "True"}
    ]
    deleted = one(sim, "deletion-requested")
    assert deleted.t == ready[0].t + 2
    assert deleted.data["grace"] == 30
    assert of(sim, "pod-deleted")[-1] is sim.events[-1]


def test_B5_deletion_order_preStop_then_TERM_apps_together_then_sidecars_reverse() -> None:
    sim = simulate(deletion_pod(), Scenario(kind="deletion"), timings={"web": Timings(pre_stop=3)})
    t0 = one(sim, "deletion-requested").t
    # app containers concurrently: web's preStop and worker's TERM both at t0
    assert one(sim, "pre-stop", "web").t == t0
    assert one(sim, "sigterm", "worker").t == t0
    assert one(sim, "sigterm", "web").t == t0 + 3
    # KEP-753: sidecar preStop runs at the start, its TERM waits for the apps
    assert one(sim, "pre-stop", "log").t == t0
    last_app = max(one(sim, "container-exited", n).seq for n in ("web", "worker"))
    mesh_term, log_term = one(sim, "sigterm", "mesh"), one(sim, "sigterm", "log")
    assert mesh_term.seq > last_app
    assert log_term.seq > one(sim, "container-exited", "mesh").seq
    assert one(sim, "sandbox-removed").seq > one(sim, "container-exited", "log").seq
    assert sim.phase == "Succeeded"  # terminal phase before deletion since 1.27
    assert sim.events[-1].kind == "pod-deleted"


def test_B5_grace_deadline_sends_SIGKILL() -> None:
    sim = simulate(
        deletion_pod(grace=10), Scenario(kind="deletion"), timings={"worker": Timings(stop=60)}
    )
    t0 = one(sim, "deletion-requested").t
    kill = one(sim, "sigkill", "worker")
    assert kill.t == t0 + 10
    assert one(sim, "container-exited", "worker").data["exit_code"] == 137
    assert sim.phase == "Failed"


def test_B5_preStop_overrunning_the_grace_period_gets_a_one_off_2s_then_SIGKILL() -> None:
    sim = simulate(
        deletion_pod(grace=5),
        Scenario(kind="deletion"),
        timings={"web": Timings(pre_stop=60, stop=30)},
    )
    t0 = one(sim, "deletion-requested").t
    assert one(sim, "pre-stop-done", "web").data["overran"] is True
    term = one(sim, "sigterm", "web")
    assert term.t == t0 + 5 and term.data["grace_left"] == 2
    assert one(sim, "sigkill", "web").t == t0 + 7


def test_B5_sidecars_still_waiting_at_the_deadline_are_signalled_together() -> None:
    sim = simulate(
        deletion_pod(grace=5),
        Scenario(kind="deletion"),
        timings={"worker": Timings(stop=30), "mesh": Timings(stop=30), "log": Timings(stop=30)},
    )
    t0 = one(sim, "deletion-requested").t
    mesh, log = one(sim, "sigterm", "mesh"), one(sim, "sigterm", "log")
    assert mesh.t == log.t == t0 + 5
    assert one(sim, "sigkill", "mesh").t == one(sim, "sigkill", "log").t == t0 + 7


def test_B5_delete_request_grace_override_is_used() -> None:
    sim = simulate(
        deletion_pod(),
        Scenario(kind="deletion", grace_period=3),
        timings={"worker": Timings(stop=10)},
    )
    t0 = one(sim, "deletion-requested").t
    assert one(sim, "sigkill", "worker").t == t0 + 3


def test_B5_grace_zero_skips_preStop() -> None:
    sim = simulate(deletion_pod(), Scenario(kind="deletion", grace_period=0))
    assert not of(sim, "pre-stop")
    assert one(sim, "sigterm", "web").data["grace_left"] == 2


def test_B5_no_sidecar_restart_during_termination_KEP4438() -> None:
    sim = simulate(
        deletion_pod(), Scenario(kind="deletion"), timings={"mesh": Timings(exit_code=1)}
    )
    assert one(sim, "container-exited", "mesh").data["exit_code"] == 1
    assert not of(sim, "container-restarting")


def test_B5_deletion_during_init_cancels_pending_starts_and_ends_Failed() -> None:
    spec = pod([{"name": "app"}], [sidecar("proxy"), {"name": "setup"}])
    sim = simulate(spec, Scenario(kind="deletion", delete_at=6.0))
    assert not of(sim, "container-started", "app")
    assert not of(sim, "container-started", "setup")
    assert one(sim, "sigterm", "proxy")
    assert sim.phase == "Failed"  # deleted while pending (kubernetes#115331)
    assert sim.events[-1].kind == "pod-deleted"


def test_B7_before_1_27_no_terminal_phase_before_deletion() -> None:
    sim = simulate(pod([{"name": "app"}]), Scenario(kind="deletion"), version=(1, 26))
    assert sim.phase == "Running"
    assert sim.events[-1].kind == "pod-deleted"


def test_B5_deleting_a_pod_that_never_got_a_node_removes_it_at_once() -> None:
    spec = pod([{"name": "app"}], schedulingGates=[{"name": "quota"}])
    sim = simulate(spec, Scenario(kind="deletion", delete_at=5))
    assert [e.kind for e in sim.events[-2:]] == ["deletion-requested", "pod-deleted"]
    assert sim.events[-1].t == 5.0


def test_B5_deletion_of_a_pod_that_never_gets_ready_happens_once_it_settles() -> None:
    spec = pod([{"name": "app"}], [sidecar("proxy"), {"name": "next"}])
    sim = simulate(spec, Scenario(kind="deletion"), version=(1, 28))  # the sidecar blocks forever
    assert one(sim, "deletion-requested")
    assert sim.events[-1].kind == "pod-deleted"


def test_B2_activeDeadlineSeconds_fails_the_pod_and_stops_its_containers() -> None:
    spec = pod([{"name": "app"}], activeDeadlineSeconds=20)
    sim = simulate(spec, Scenario())
    exceeded = one(sim, "deadline-exceeded")
    assert exceeded.t == 20.5  # counted from when the kubelet got the Pod
    assert one(sim, "sigterm", "app").t == exceeded.t
    assert of(sim, "phase")[-1].data == {"phase": "Failed", "reason": "DeadlineExceeded"}


@pytest.mark.parametrize("kind", ["deletion", "job-completion"])
def test_B5_every_container_that_ran_ends_stopped(
    kind: Literal["deletion", "job-completion"],
) -> None:
    sim = simulate(job_pod(), Scenario(kind=kind))
    states: dict[str, str | None] = {}
    for event in sim.events:
        if event.container is not None:
            states[event.container] = event.state
    assert {states[n] for n in ("work", "report", "proxy-a", "proxy-b", "proxy-c")} <= {
        "completed",
        "terminated",
    }
