"""The preview socket through the real ASGI application (Channels' WebsocketCommunicator)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from channels.testing import WebsocketCommunicator

from designer.asgi import application

ORIGIN = [(b"origin", b"http://127.0.0.1:8000")]


async def connect() -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(application, "/ws/preview/", headers=ORIGIN)
    connected, _ = await communicator.connect()
    assert connected
    assert (await communicator.receive_json_from())["type"] == "ready"
    return communicator


async def receive_until(
    communicator: WebsocketCommunicator, kind: str, limit: int = 500
) -> list[dict[str, Any]]:
    """Frames up to the first of ``kind``; batched ``events`` frames are split into ``event``s."""
    frames = []
    for _ in range(limit):
        frame = await communicator.receive_json_from(timeout=5)
        if frame["type"] == "events":
            assert len(frame["events"]) == len(frame["dues"]) > 1
            frames.extend(
                {"type": "event", "event": e, "due": d}
                for e, d in zip(frame["events"], frame["dues"], strict=True)
            )
        else:
            frames.append(frame)
        if frame["type"] == kind:
            return frames
    raise AssertionError(f"no {kind} frame in {limit} frames")


def started_order(frames: list[dict[str, Any]]) -> list[str]:
    return [
        f["event"]["container"]
        for f in frames
        if f["type"] == "event" and f["event"]["kind"] == "container-started"
    ]


async def test_a_loaded_design_streams_its_events_in_order_init_before_app(
    war_tomcat: dict,
) -> None:
    """SyncPod step 6 before step 7: copy-war completes before tomcat starts."""
    communicator = await connect()
    await communicator.send_json_to({"type": "speed", "value": "instant"})
    await communicator.send_json_to({"type": "load", "document": war_tomcat})
    frames = await receive_until(communicator, "finished")
    kinds = [f["type"] for f in frames]
    assert kinds.index("findings") < kinds.index("timeline") < kinds.index("event")
    timeline = next(f for f in frames if f["type"] == "timeline")
    events = [f["event"] for f in frames if f["type"] == "event"]
    assert events == timeline["events"]
    assert [e["t"] for e in events] == sorted(e["t"] for e in events)
    assert started_order(frames) == ["copy-war", "tomcat"]
    exited = next(
        e for e in events if e["kind"] == "container-exited" and e["container"] == "copy-war"
    )
    started = next(
        e for e in events if e["kind"] == "container-started" and e["container"] == "tomcat"
    )
    assert exited["t"] <= started["t"] and exited["seq"] < started["seq"]
    assert all(e["message"] for e in events)
    await communicator.disconnect()


async def test_pause_stops_the_stream_and_step_delivers_one_event(war_tomcat: dict) -> None:
    communicator = await connect()
    await communicator.send_json_to({"type": "load", "document": war_tomcat, "autoplay": False})
    await receive_until(communicator, "clock")
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.send_json_to({"type": "step"})
    first = await communicator.receive_json_from()
    assert first["type"] == "event" and first["event"]["seq"] == 0
    clock = await communicator.receive_json_from()
    assert clock == {**clock, "type": "clock", "playing": False, "position": 1}
    await communicator.disconnect()


async def test_seek_jumps_and_the_clock_reports_the_new_position(war_tomcat: dict) -> None:
    communicator = await connect()
    await communicator.send_json_to({"type": "load", "document": war_tomcat, "autoplay": False})
    frames = await receive_until(communicator, "clock")
    timeline = next(f for f in frames if f["type"] == "timeline")
    middle = timeline["events"][len(timeline["events"]) // 2]["t"]
    await communicator.send_json_to({"type": "seek", "t": middle})
    clock = await communicator.receive_json_from()
    assert clock["type"] == "clock" and clock["t"] == middle
    assert clock["position"] == sum(1 for e in timeline["events"] if e["t"] <= middle)
    await communicator.send_json_to({"type": "speed", "value": "instant"})
    await communicator.receive_json_from()
    await communicator.send_json_to({"type": "play"})
    frames = await receive_until(communicator, "finished")
    delivered = [f["event"]["seq"] for f in frames if f["type"] == "event"]
    assert delivered == [e["seq"] for e in timeline["events"][clock["position"] :]]
    await communicator.disconnect()


async def test_a_new_load_mid_stream_replaces_the_running_preview(war_tomcat: dict) -> None:
    communicator = await connect()
    await communicator.send_json_to({"type": "speed", "value": 1})
    await communicator.send_json_to({"type": "load", "document": war_tomcat})
    await receive_until(communicator, "timeline")
    await communicator.send_json_to({"type": "speed", "value": "instant"})
    await communicator.send_json_to(
        {"type": "load", "document": war_tomcat, "scenario": "deletion"}
    )
    frames = await receive_until(communicator, "timeline")
    while frames[-1].get("scenario") != {"kind": "deletion"}:
        frames = await receive_until(communicator, "timeline")
    frames = await receive_until(communicator, "finished")
    delivered = [f["event"] for f in frames if f["type"] == "event"]
    assert "sigterm" in [e["kind"] for e in delivered]
    assert delivered[0]["seq"] == 0  # the replacement starts from its own beginning
    await communicator.disconnect()


async def test_every_scenario_of_the_pod_can_be_played(war_tomcat: dict) -> None:
    communicator = await connect()
    await communicator.send_json_to({"type": "speed", "value": "instant"})
    await communicator.send_json_to({"type": "load", "document": war_tomcat})
    frames = await receive_until(communicator, "finished")
    scenarios = next(f for f in frames if f["type"] == "timeline")["scenarios"]
    assert {s["kind"] for s in scenarios} >= {"normal", "init-failure", "deletion"}
    for info in scenarios:
        scenario = {k: v for k, v in info.items() if k in ("kind", "container")}
        await communicator.send_json_to(
            {"type": "load", "document": war_tomcat, "scenario": scenario}
        )
        frames = await receive_until(communicator, "finished")
        assert any(f["type"] == "event" for f in frames), scenario
        assert not [f for f in frames if f["type"] == "error"], scenario
    await communicator.disconnect()


async def test_validate_pushes_findings_without_touching_playback(war_tomcat: dict) -> None:
    communicator = await connect()
    broken = json.loads(json.dumps(war_tomcat))
    broken["pods"][0]["containers"][1]["spec"]["name"] = "copy-war"
    await communicator.send_json_to({"type": "validate", "document": broken})
    frame = await communicator.receive_json_from()
    assert frame["type"] == "findings" and frame["valid"] is False
    assert any(f["rule"] == "api.validateInitContainers.duplicate-name" for f in frame["findings"])
    await communicator.disconnect()


async def test_bad_frames_get_error_frames_and_the_socket_stays_usable(war_tomcat: dict) -> None:
    communicator = await connect()
    for frame in [
        "nope",
        "[]",
        '{"type": "seek", "t": 1}',
        '{"type": "pause"}',
        '{"type": "load", "document": {"schema_version": 99}}',
    ]:
        await communicator.send_to(text_data=frame)
        reply = await communicator.receive_json_from()
        assert reply["type"] == "error", frame
        assert reply["message"]
    await communicator.send_to(bytes_data=b"\x00")
    assert (await communicator.receive_json_from())["type"] == "error"
    await communicator.send_json_to({"type": "load", "document": war_tomcat, "autoplay": False})
    assert (await communicator.receive_json_from())["type"] == "findings"
    await communicator.disconnect()


async def test_too_frequent_messages_get_errors_and_abuse_closes_the_socket() -> None:
    communicator = await connect()
    errors = 0
    closed = False
    for _ in range(400):
        await communicator.send_json_to({"type": "pause"})
    for _ in range(400):
        output = await communicator.receive_output(timeout=5)
        if output["type"] == "websocket.close":
            closed = output.get("code") == 4429
            break
        frame = json.loads(output["text"])
        errors += "too many messages" in frame.get("message", "")
    assert errors > 0
    assert closed


@pytest.mark.django_db(transaction=True)
async def test_an_anonymous_user_cannot_load_a_library_design_by_id() -> None:
    communicator = await connect()
    await communicator.send_json_to({"type": "load", "design": "does-not-exist"})
    reply = await communicator.receive_json_from()
    assert reply["type"] == "error" and reply["code"] == "not-found"
    await communicator.disconnect()
