"""Failures and restarts (pod-rules.md B.2, B.3, B.6): init failure, backoff, sidecars."""

from __future__ import annotations

from typing import Any

import pytest

from designer.domain.simulation import Event, Scenario, Simulation, Timings, backoff_delay, simulate

PROBE = {"httpGet": {"path": "/", "port": 8080}}


def pod(
    containers: list[dict[str, Any]], inits: list[dict[str, Any]] | None = None, **spec: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {"containers": containers, **spec}
    if inits is not None:
        body["initContainers"] = inits
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": body}


def of(sim: Simulation, kind: str, container: str | None = None) -> list[Event]:
    return [
        e for e in sim.events if e.kind == kind and (container is None or e.container == container)
    ]


def test_doBackOff_sequence_is_0_10_20_40_80_160_300_300() -> None:
    assert [backoff_delay(i) for i in range(9)] == [0, 10, 20, 40, 80, 160, 300, 300, 300]


def test_B2_init_failure_under_Never_fails_the_pod_and_no_app_container_starts() -> None:
    spec = pod([{"name": "app"}], [{"name": "setup"}], restartPolicy="Never")
    sim = simulate(spec, Scenario(kind="init-failure", container="setup"))
    assert sim.phase == "Failed"
    assert of(sim, "container-exited", "setup")[0].data["exit_code"] != 0
    assert not of(sim, "container-restarting")
    # The app container only ever gets its initial "waits" explanation.
    assert {e.kind for e in sim.events if e.container == "app"} == {"container-waiting"}
    assert of(sim, "phase")[-1].data == {"phase": "Failed", "reason": "InitContainerFailed"}


def test_B2_init_failure_under_Never_stops_running_sidecars_before_the_phase_turns_Failed() -> None:
    inits = [{"name": "proxy", "restartPolicy": "Always"}, {"name": "setup"}]
    spec = pod([{"name": "app"}], inits, restartPolicy="Never")
    sim = simulate(spec, Scenario(kind="init-failure"))
    proxy_exit = of(sim, "container-exited", "proxy")[0]
    assert of(sim, "phase")[-1].seq > proxy_exit.seq
    assert sim.phase == "Failed"
    assert not [e for e in sim.events if e.container == "app" and e.kind != "container-waiting"]


@pytest.mark.parametrize("policy", ["Always", "OnFailure"])
def test_B2_init_failure_restarts_that_init_container_with_backoff(policy: str) -> None:
    spec = pod([{"name": "app"}], [{"name": "setup"}, {"name": "later"}], restartPolicy=policy)
    sim = simulate(spec, Scenario(kind="init-failure", container="setup", horizon=1200))
    restarts = of(sim, "container-restarting", "setup")
    assert [e.data["backoff"] for e in restarts[:8]] == [0, 10, 20, 40, 80, 160, 300, 300]
    assert [e.data["restart_count"] for e in restarts[:3]] == [1, 2, 3]
    assert restarts[1].state == "crash-loop" and "Init:CrashLoopBackOff" in restarts[1].message
    assert restarts[1].data["restart_at"] == pytest.approx(restarts[1].t + 10)
    exits = of(sim, "container-exited", "setup")
    starts = of(sim, "container-started", "setup")
    # each restart happens exactly after its backoff (+ the container start time)
    for exited, restarted, nxt in zip(exits, restarts, starts[1:], strict=False):
        assert nxt.t == pytest.approx(exited.t + restarted.data["backoff"] + 0.5)
    assert not of(sim, "image-pulling", "later") and not of(sim, "image-pulling", "app")
    assert sim.truncated and sim.phase == "Pending" and sim.duration == 1200


def test_B2_init_failure_can_succeed_after_some_attempts() -> None:
    spec = pod([{"name": "app"}], [{"name": "setup"}])
    sim = simulate(spec, Scenario(kind="init-failure", attempts_until_success=2))
    codes = [e.data["exit_code"] for e in of(sim, "container-exited", "setup")]
    assert codes[0] != 0 and codes[1] != 0 and codes[2] == 0
    assert of(sim, "container-started", "app")
    assert sim.phase == "Running" and not sim.truncated


def test_B2_init_failure_uses_the_configured_exit_code() -> None:
    spec = pod([{"name": "app"}], [{"name": "setup"}], restartPolicy="Never")
    sim = simulate(spec, Scenario(kind="init-failure"), timings={"setup": Timings(exit_code=3)})
    assert of(sim, "container-exited", "setup")[0].data["exit_code"] == 3


def test_B3_sidecar_startup_failure_loops_until_the_horizon_and_pod_stays_in_init() -> None:
    proxy = {
        "name": "proxy",
        "restartPolicy": "Always",
        "startupProbe": {**PROBE, "periodSeconds": 2, "failureThreshold": 3},
    }
    spec = pod([{"name": "app"}], [proxy, {"name": "next"}], restartPolicy="Never")
    sim = simulate(spec, Scenario(kind="sidecar-startup-failure", horizon=400))
    assert sim.truncated and sim.duration == 400
    assert sim.phase == "Pending"
    assert not [
        e for e in sim.events if e.container in ("next", "app") and e.kind != "container-waiting"
    ]
    restarts = of(sim, "container-restarting", "proxy")
    assert [e.data["backoff"] for e in restarts[:5]] == [0, 10, 20, 40, 80]  # even under Never
    failures = of(sim, "probe-failed", "proxy")
    assert len(failures) >= 3 * len(restarts)
    assert all(e.data["probe"] == "startup" for e in failures)
    # every kill comes after the failureThreshold-th failure of its attempt
    kills = of(sim, "sigterm", "proxy")
    assert [f.data["failures"] for f in failures[:3]] == [1, 2, 3]
    assert kills[0].t == failures[2].t
    assert of(sim, "container-exited", "proxy")[0].data["exit_code"] == 143
    assert "Initialized" not in sim.conditions


def test_B3_sidecar_startup_failure_needs_a_sidecar_with_startup_probe() -> None:
    spec = pod([{"name": "app"}], [{"name": "proxy", "restartPolicy": "Always"}])
    with pytest.raises(ValueError, match="startupProbe"):
        simulate(spec, Scenario(kind="sidecar-startup-failure"))


def test_init_failure_for_unknown_container_is_a_clear_error() -> None:
    spec = pod([{"name": "app"}], [{"name": "setup"}])
    with pytest.raises(ValueError, match="choose one of setup"):
        simulate(spec, Scenario(kind="init-failure", container="nope"))
    with pytest.raises(ValueError, match="has none"):
        simulate(pod([{"name": "app"}]), Scenario(kind="init-failure"))


def test_B3_sidecar_that_exits_restarts_even_under_Never() -> None:
    inits = [{"name": "proxy", "restartPolicy": "Always"}]
    spec = pod([{"name": "app"}], inits, restartPolicy="Never")
    sim = simulate(spec, Scenario(horizon=60), timings={"proxy": Timings(run=5, exit_code=1)})
    assert [e.data["backoff"] for e in of(sim, "container-restarting", "proxy")][:3] == [0, 10, 20]
    assert sim.phase == "Running"


def test_restartPolicy_Always_restarts_an_app_container_that_exits() -> None:
    sim = simulate(pod([{"name": "app"}]), Scenario(horizon=100), timings={"app": Timings(run=5)})
    restarts = of(sim, "container-restarting", "app")
    assert [e.data["backoff"] for e in restarts[:3]] == [0, 10, 20]
    assert restarts[1].state == "crash-loop" and "CrashLoopBackOff" in restarts[1].message
    assert "Init:" not in restarts[1].message
    assert sim.phase == "Running"
    assert any(
        e.kind == "condition"
        and e.data == {"type": "Ready", "status": "False", "reason": "ContainersNotReady"}
        for e in sim.events
    )


def test_restartPolicy_OnFailure_restarts_only_non_zero_exits() -> None:
    spec = pod([{"name": "ok"}, {"name": "bad"}], restartPolicy="OnFailure")
    sim = simulate(
        spec,
        Scenario(horizon=100),
        timings={"ok": Timings(run=5), "bad": Timings(run=5, exit_code=2)},
    )
    assert not of(sim, "container-restarting", "ok")
    assert of(sim, "container-restarting", "bad")
    assert sim.phase == "Running"


def test_restartPolicy_Never_leaves_an_exited_app_container_terminated() -> None:
    spec = pod([{"name": "a"}, {"name": "b"}], restartPolicy="Never")
    sim = simulate(spec, Scenario(horizon=100), timings={"a": Timings(run=5, exit_code=1)})
    assert not of(sim, "container-restarting")
    assert of(sim, "container-exited", "a")[0].state == "terminated"
    assert sim.phase == "Running"  # b still runs


def test_B2_backoff_resets_after_ten_minutes_of_clean_running() -> None:
    spec = pod([{"name": "app"}])
    sim = simulate(spec, Scenario(horizon=2000), timings={"app": Timings(run=700)})
    assert [e.data["backoff"] for e in of(sim, "container-restarting", "app")][:2] == [0, 0]
