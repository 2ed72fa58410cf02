"""Startup order (pod-rules.md B.1-B.4): scheduling, sandbox, SyncPod steps 6 and 7, probes."""

from __future__ import annotations

from typing import Any

from designer.domain.simulation import Event, Scenario, Simulation, Timings, simulate

PROBE = {"httpGet": {"path": "/", "port": 8080}}


def pod(
    containers: list[dict[str, Any]], inits: list[dict[str, Any]] | None = None, **spec: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {"containers": containers, **spec}
    if inits is not None:
        body["initContainers"] = inits
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": body}


def first(sim: Simulation, kind: str, container: str | None = None, **data: Any) -> Event:
    for event in sim.events:
        if (
            event.kind == kind
            and (container is None or event.container == container)
            and all(event.data.get(k) == v for k, v in data.items())
        ):
            return event
    raise AssertionError(f"no {kind} event for {container} {data}")


def has(sim: Simulation, kind: str, container: str | None = None, **data: Any) -> bool:
    try:
        first(sim, kind, container, **data)
    except AssertionError:
        return False
    return True


def condition(sim: Simulation, kind: str, status: str = "True") -> Event:
    return first(sim, "condition", type=kind, status=status)


def test_B1_scheduled_then_volumes_then_sandbox_then_containers() -> None:
    sim = simulate(pod([{"name": "app", "image": "nginx"}]), Scenario())
    order = [
        first(sim, "pod-scheduled"),
        first(sim, "volumes-mounted"),
        first(sim, "sandbox-created"),
        first(sim, "image-pulling", "app"),
        first(sim, "container-started", "app"),
    ]
    assert [e.seq for e in order] == sorted(e.seq for e in order)
    assert sim.phase == "Running"
    assert condition(sim, "Ready").t >= first(sim, "container-started", "app").t


def test_B1_step1_initialized_set_with_volumes_when_there_are_no_init_containers() -> None:
    sim = simulate(pod([{"name": "app"}]), Scenario())
    init = condition(sim, "Initialized")
    assert init.seq > first(sim, "volumes-mounted").seq
    assert init.seq < first(sim, "sandbox-created").seq


def test_B1_step1_initialized_waits_for_init_containers_when_there_are_some() -> None:
    sim = simulate(pod([{"name": "app"}], [{"name": "init"}]), Scenario())
    assert condition(sim, "Initialized").seq > first(sim, "container-exited", "init").seq


def test_B1_step0_scheduling_gates_block_scheduling() -> None:
    sim = simulate(pod([{"name": "app"}], schedulingGates=[{"name": "wait"}]), Scenario())
    assert has(sim, "scheduling-gated")
    assert condition(sim, "PodScheduled", "False").data["reason"] == "SchedulingGated"
    assert not has(sim, "pod-scheduled")
    assert not has(sim, "container-started")
    assert sim.phase == "Pending"


def test_B1_step0_empty_scheduling_gates_do_not_block() -> None:
    sim = simulate(pod([{"name": "app"}], schedulingGates=[]), Scenario())
    assert has(sim, "pod-scheduled")


def test_B7_PodReadyToStartContainers_only_from_1_29() -> None:
    spec = pod([{"name": "app"}])
    assert has(
        simulate(spec, Scenario(), version=(1, 29)), "condition", type="PodReadyToStartContainers"
    )
    old = simulate(spec, Scenario(), version=(1, 28))
    assert not has(old, "condition", type="PodReadyToStartContainers")
    assert has(old, "sandbox-created")


def test_SyncPod_step6_init_containers_run_strictly_one_at_a_time_in_order() -> None:
    inits = [{"name": f"init-{i}"} for i in range(3)]
    sim = simulate(pod([{"name": "app"}], inits), Scenario())
    for prev, nxt in zip(inits, inits[1:], strict=False):
        exited = first(sim, "container-exited", prev["name"])
        assert first(sim, "image-pulling", nxt["name"]).seq > exited.seq
    assert first(sim, "image-pulling", "app").seq > first(sim, "container-exited", "init-2").seq


def test_SyncPod_step6_waiting_messages_name_the_blocking_init_container() -> None:
    sim = simulate(pod([{"name": "tomcat"}], [{"name": "copy-war"}]), Scenario())
    waiting = first(sim, "container-waiting", "tomcat")
    assert waiting.message == "tomcat waits: init container copy-war has not completed"
    assert waiting.state == "waiting"


def test_SyncPod_step7_apps_start_after_every_init_completed_and_every_sidecar_started() -> None:
    inits = [{"name": "setup"}, {"name": "proxy", "restartPolicy": "Always"}, {"name": "migrate"}]
    sim = simulate(pod([{"name": "a"}, {"name": "b"}], inits), Scenario())
    started_proxy = first(sim, "container-started", "proxy")
    assert first(sim, "image-pulling", "migrate").seq > started_proxy.seq
    last_init = first(sim, "container-exited", "migrate")
    for app in ("a", "b"):
        assert first(sim, "image-pulling", app).seq > last_init.seq
    assert not has(sim, "container-exited", "proxy")  # the sidecar keeps running


def test_KEP753_sidecar_without_probes_unblocks_next_init_once_running() -> None:
    inits = [{"name": "proxy", "restartPolicy": "Always"}, {"name": "next"}]
    sim = simulate(pod([{"name": "app"}], inits), Scenario())
    assert first(sim, "image-pulling", "next").t == first(sim, "container-started", "proxy").t


def test_KEP753_sidecar_postStart_delays_the_next_init_container() -> None:
    proxy = {
        "name": "proxy",
        "restartPolicy": "Always",
        "lifecycle": {"postStart": {"exec": {"command": ["x"]}}},
    }
    sim = simulate(
        pod([{"name": "app"}], [proxy, {"name": "next"}]),
        Scenario(),
        timings={"proxy": Timings(post_start=4)},
    )
    done = first(sim, "post-start-done", "proxy")
    assert done.t == first(sim, "container-started", "proxy").t + 4
    assert first(sim, "image-pulling", "next").seq > done.seq


def test_KEP753_sidecar_startupProbe_blocks_next_init_until_it_passes() -> None:
    proxy = {
        "name": "proxy",
        "restartPolicy": "Always",
        "startupProbe": {**PROBE, "periodSeconds": 2},
    }
    sim = simulate(
        pod([{"name": "app"}], [proxy, {"name": "next"}]),
        Scenario(),
        timings={"proxy": Timings(ready_after=3)},
    )
    failures = [e for e in sim.events if e.kind == "probe-failed" and e.container == "proxy"]
    passed = first(sim, "probe-succeeded", "proxy", probe="startup")
    assert len(failures) == 2  # probes at +0 and +2 fail, +4 passes
    assert passed.t == first(sim, "container-started", "proxy").t + 4
    assert first(sim, "image-pulling", "next").seq > passed.seq


def test_KEP753_sidecar_need_not_be_ready_to_unblock_next_init() -> None:
    proxy = {
        "name": "proxy",
        "restartPolicy": "Always",
        "readinessProbe": {**PROBE, "periodSeconds": 5},
    }
    sim = simulate(
        pod([{"name": "app"}], [proxy, {"name": "next"}]),
        Scenario(),
        timings={"proxy": Timings(ready_after=20)},
    )
    assert first(sim, "image-pulling", "next").seq < first(sim, "container-ready", "proxy").seq


def test_startContainer_postStart_of_container_i_delays_container_i_plus_1() -> None:
    hook = {"postStart": {"exec": {"command": ["warm-up"]}}}
    sim = simulate(
        pod([{"name": "tomcat", "lifecycle": hook}, {"name": "web"}]),
        Scenario(),
        timings={"tomcat": Timings(post_start=5)},
    )
    started = first(sim, "container-started", "tomcat")
    assert started.state == "starting"
    done = first(sim, "post-start-done", "tomcat")
    assert done.t == started.t + 5
    assert first(sim, "image-pulling", "web").seq > done.seq
    waits = [e for e in sim.events if e.kind == "container-waiting" and e.container == "web"]
    assert waits[-1].t == started.t
    assert "tomcat's postStart hook is still running" in waits[-1].message


def test_startContainer_app_containers_start_sequentially_in_spec_order() -> None:
    names = [f"c{i}" for i in range(5)]
    sim = simulate(pod([{"name": n} for n in names]), Scenario())
    pulls = [first(sim, "image-pulling", n) for n in names]
    assert [e.seq for e in pulls] == sorted(e.seq for e in pulls)
    for prev, nxt in zip(names, names[1:], strict=False):
        assert first(sim, "image-pulling", nxt).t >= first(sim, "container-started", prev).t


def test_getPhase_running_only_once_every_app_container_started() -> None:
    sim = simulate(pod([{"name": "a"}, {"name": "b"}]), Scenario(), timings={"b": Timings(pull=30)})
    running = first(sim, "phase", phase="Running")
    assert running.t == first(sim, "container-started", "b").t
    assert running.seq > first(sim, "container-started", "b").seq


def test_B4_startupProbe_gates_readiness_and_liveness() -> None:
    container = {
        "name": "app",
        "startupProbe": {**PROBE, "periodSeconds": 5},
        "readinessProbe": PROBE,
        "livenessProbe": PROBE,
    }
    sim = simulate(pod([container]), Scenario(), timings={"app": Timings(ready_after=7)})
    startup = first(sim, "probe-succeeded", "app", probe="startup")
    assert first(sim, "probe-succeeded", "app", probe="readiness").seq > startup.seq
    assert first(sim, "probe-succeeded", "app", probe="liveness").seq > startup.seq
    assert not has(sim, "probe-failed", "app", probe="readiness")


def test_B4_readiness_failure_before_app_is_up_then_ready() -> None:
    container = {
        "name": "app",
        "readinessProbe": {**PROBE, "initialDelaySeconds": 2, "periodSeconds": 3},
    }
    sim = simulate(pod([container]), Scenario(), timings={"app": Timings(ready_after=4)})
    start = first(sim, "container-started", "app").t
    assert first(sim, "probe-failed", "app", probe="readiness").t == start + 2
    assert first(sim, "container-ready", "app").t == start + 5
    assert condition(sim, "ContainersReady").t == start + 5


def test_B4_successThreshold_needs_consecutive_successes() -> None:
    container = {
        "name": "app",
        "readinessProbe": {**PROBE, "successThreshold": 3, "periodSeconds": 2},
    }
    sim = simulate(pod([container]), Scenario())
    assert first(sim, "container-ready", "app").t == first(sim, "container-started", "app").t + 4


def test_B1_step5_ContainersReady_waits_for_sidecar_readiness() -> None:
    proxy = {
        "name": "proxy",
        "restartPolicy": "Always",
        "readinessProbe": {**PROBE, "periodSeconds": 10},
    }
    sim = simulate(
        pod([{"name": "app"}], [proxy]), Scenario(), timings={"proxy": Timings(ready_after=30)}
    )
    ready = condition(sim, "ContainersReady")
    assert ready.seq > first(sim, "container-ready", "proxy").seq
    assert ready.seq > first(sim, "container-ready", "app").seq
    assert condition(sim, "Ready").seq > ready.seq


def test_B1_step5_readiness_gates_keep_Ready_false() -> None:
    sim = simulate(
        pod([{"name": "app"}], readinessGates=[{"conditionType": "example.com/lb"}]), Scenario()
    )
    assert has(sim, "condition", type="ContainersReady", status="True")
    ready = condition(sim, "Ready", "False")
    assert "example.com/lb" in ready.message and "external controller" in ready.message
    assert not has(sim, "condition", type="Ready", status="True")
    assert sim.conditions["Ready"] == "False"


def test_B7_sidecar_on_1_28_becomes_a_blocking_init_container() -> None:
    inits = [{"name": "proxy", "restartPolicy": "Always"}, {"name": "next"}]
    sim = simulate(pod([{"name": "app"}], inits), Scenario(), version=(1, 28))
    assert "1.29" in first(sim, "container-started", "proxy").message
    assert not has(sim, "image-pulling", "next")
    assert not has(sim, "image-pulling", "app")
    assert sim.phase == "Pending"


def test_image_pull_skipped_when_pull_time_is_zero() -> None:
    sim = simulate(pod([{"name": "app"}]), Scenario(), timings={"app": Timings(pull=0)})
    assert not has(sim, "image-pulling", "app")
    assert has(sim, "container-created", "app")
