"""Simulation API: scenario parsing, scenarios_for, event invariants, garbage input."""

from __future__ import annotations

import json
from typing import Any

import pytest

from designer.domain.simulation import (
    CONTAINER_STATES,
    EVENT_KINDS,
    SCENARIO_KINDS,
    Scenario,
    Simulation,
    Timings,
    scenarios_for,
    simulate,
    timings_from_dict,
)

PROBE = {"httpGet": {"path": "/", "port": 8080}, "periodSeconds": 2}
HOOKS = {"postStart": {"exec": {"command": ["a"]}}, "preStop": {"sleep": {"seconds": 3}}}


def rich_pod(policy: str = "Always") -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "shop"},
        "spec": {
            "restartPolicy": policy,
            "volumes": [{"name": "v", "emptyDir": {}}],
            "initContainers": [
                {"name": "fetch", "image": "busybox"},
                {
                    "name": "proxy",
                    "image": "envoy",
                    "restartPolicy": "Always",
                    "startupProbe": PROBE,
                    "readinessProbe": PROBE,
                    "lifecycle": HOOKS,
                },
                {"name": "migrate", "image": "flyway"},
            ],
            "containers": [
                {"name": "api", "image": "api", "readinessProbe": PROBE, "lifecycle": HOOKS},
                {"name": "worker", "image": "worker", "livenessProbe": PROBE},
            ],
        },
    }


def all_runs() -> list[Simulation]:
    runs = [simulate(rich_pod(), Scenario(kind=k)) for k in ("normal", "deletion")]
    runs += [simulate(rich_pod(p), Scenario(kind="init-failure")) for p in ("Never", "OnFailure")]
    runs.append(simulate(rich_pod("Never"), Scenario(kind="sidecar-startup-failure")))
    runs.append(simulate(rich_pod("Never"), Scenario(kind="job-completion")))
    return runs


def test_events_are_strictly_sorted_by_time_then_sequence() -> None:
    for sim in all_runs():
        keys = [(e.t, e.seq) for e in sim.events]
        assert keys == sorted(keys)
        assert [e.seq for e in sim.events] == list(range(len(sim.events)))


def test_every_event_has_a_one_line_message_a_known_kind_and_state() -> None:
    for sim in all_runs():
        for event in sim.events:
            assert event.message.strip() and "\n" not in event.message
            assert event.kind in EVENT_KINDS
            assert (event.state is None) == (event.container is None)
            assert event.state is None or event.state in CONTAINER_STATES


def test_same_input_gives_the_same_events() -> None:
    first = [s.as_dict() for s in all_runs()]
    second = [s.as_dict() for s in all_runs()]
    assert first == second


def test_simulation_as_dict_is_json() -> None:
    sim = simulate(rich_pod(), Scenario(kind="deletion"))
    data = json.loads(json.dumps(sim.as_dict()))
    assert data["phase"] == "Succeeded"
    assert data["events"][0] == {
        "t": 0.0,
        "seq": 0,
        "kind": "phase",
        "container": None,
        "state": None,
        "message": sim.events[0].message,
        "data": {"phase": "Pending"},
    }
    assert isinstance(data["duration"], float)


def test_horizon_bounds_the_simulated_time() -> None:
    sim = simulate(rich_pod(), Scenario(kind="sidecar-startup-failure", horizon=50))
    assert sim.truncated and sim.duration == 50
    assert all(e.t <= 50 for e in sim.events)


@pytest.mark.parametrize(
    "garbage",
    [
        None,
        "pod",
        42,
        [],
        {},
        {"spec": None},
        {"spec": {"containers": "nginx", "initContainers": {"a": 1}}},
        {"spec": {"containers": [None, 3, "x", {"name": 7}, {}]}},
        {"spec": {"containers": [{"name": "a"}, {"name": "a"}]}},
        {
            "spec": {
                "restartPolicy": 5,
                "terminationGracePeriodSeconds": "30",
                "activeDeadlineSeconds": -4,
                "schedulingGates": "gate",
                "readinessGates": [None, {"conditionType": 3}],
                "volumes": {"a": 1},
                "containers": [
                    {
                        "name": "a",
                        "image": ["x"],
                        "lifecycle": "hook",
                        "readinessProbe": {"periodSeconds": "10", "successThreshold": -1},
                        "startupProbe": [1],
                        "livenessProbe": {"initialDelaySeconds": float("nan")},
                    }
                ],
                "initContainers": [{"name": "s", "restartPolicy": "Always", "lifecycle": None}],
            }
        },
    ],
)
@pytest.mark.parametrize("kind", ["normal", "deletion", "job-completion"])
def test_garbage_pods_never_crash(garbage: Any, kind: str) -> None:
    sim = simulate(garbage, Scenario(kind=kind))  # type: ignore[arg-type]
    assert sim.events and sim.events[0].kind == "phase"


def test_duplicate_container_names_are_kept_apart() -> None:
    sim = simulate({"spec": {"containers": [{"name": "a"}, {"name": "a"}]}}, Scenario())
    assert {e.container for e in sim.events if e.kind == "container-started"} == {"a", "a#2"}


def test_scenario_from_dict_round_trips() -> None:
    scenario = Scenario(
        kind="init-failure", container="fetch", attempts_until_success=2, horizon=90
    )
    assert Scenario.from_dict(json.loads(json.dumps(scenario.as_dict()))) == scenario
    assert (
        Scenario.from_dict({"kind": "deletion", "delete_at": 12, "grace_period": 0}).delete_at == 12
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("normal", "must be an object"),
        ({}, "needs a kind"),
        ({"kind": "explode"}, "unknown scenario kind"),
        ({"kind": "normal", "speed": 2}, "unknown scenario field"),
        ({"kind": "normal", "horizon": 0}, "greater than 0"),
        ({"kind": "normal", "horizon": "600"}, "horizon must be a number"),
        ({"kind": "normal", "horizon": 1e9}, "between 0 and"),
        ({"kind": "deletion", "delete_at": -1}, "delete_at"),
        ({"kind": "deletion", "grace_period": True}, "grace_period"),
        ({"kind": "init-failure", "attempts_until_success": 0}, "attempts_until_success"),
        ({"kind": "init-failure", "attempts_until_success": 1.5}, "attempts_until_success"),
        ({"kind": "init-failure", "container": ""}, "container"),
        ({"kind": "init-failure", "container": 3}, "container"),
    ],
)
def test_scenario_from_dict_rejects_bad_input_with_a_clear_message(data: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Scenario.from_dict(data)


def test_timings_from_dict_parses_and_rejects() -> None:
    parsed = timings_from_dict({"api": {"pull": 0, "ready_after": 4, "exit_code": 1}})
    assert parsed == {"api": Timings(pull=0, ready_after=4, exit_code=1)}
    assert timings_from_dict(None) == {}
    for bad, message in [
        ([], "keyed by container name"),
        ({"api": 3}, "timings for api: timings must be an object"),
        ({"api": {"pull": -1}}, "pull must be between"),
        ({"api": {"exit_code": 256}}, "exit_code"),
        ({"api": {"warp": 1}}, "unknown timings field"),
    ]:
        with pytest.raises(ValueError, match=message):
            timings_from_dict(bad)


def test_timings_as_dict_round_trips() -> None:
    timings = Timings(run=5, pre_stop=1)
    assert Timings.from_dict(timings.as_dict()) == timings


def test_scenarios_for_lists_what_makes_sense() -> None:
    infos = scenarios_for(rich_pod("Never"))
    kinds = [(i.kind, i.container) for i in infos]
    assert kinds == [
        ("normal", None),
        ("init-failure", "fetch"),
        ("init-failure", "migrate"),
        ("sidecar-startup-failure", "proxy"),
        ("job-completion", None),
        ("deletion", None),
    ]
    assert all(i.title and i.description for i in infos)
    assert "Pod fails" in infos[1].description
    for info in infos:
        assert info.kind in SCENARIO_KINDS
        simulate(rich_pod("Never"), info.scenario())  # each listed scenario runs
        assert json.dumps(info.as_dict())


def test_scenarios_for_a_plain_always_pod() -> None:
    infos = scenarios_for({"spec": {"containers": [{"name": "a"}]}})
    assert [i.kind for i in infos] == ["normal", "deletion"]
    assert "backoff" not in infos[0].description.lower()


def test_scenarios_for_old_versions_offers_no_sidecar_startup_failure() -> None:
    infos = scenarios_for(rich_pod(), version=(1, 28))
    assert "sidecar-startup-failure" not in [i.kind for i in infos]


def test_scenarios_for_garbage_never_crashes() -> None:
    assert [i.kind for i in scenarios_for(None)] == ["normal"]  # type: ignore[arg-type]


def test_pod_with_40_containers_simulates_every_scenario() -> None:
    spec = {
        "spec": {
            "restartPolicy": "Never",
            "initContainers": [{"name": f"i{i}"} for i in range(5)]
            + [
                {"name": f"s{i}", "restartPolicy": "Always", "startupProbe": PROBE}
                for i in range(5)
            ],
            "containers": [
                {"name": f"c{i}", "readinessProbe": PROBE, "lifecycle": HOOKS} for i in range(30)
            ],
        }
    }
    for kind in ("normal", "deletion", "job-completion"):
        sim = simulate(spec, Scenario(kind=kind))
        assert len({e.container for e in sim.events if e.kind == "container-started"}) == 40
