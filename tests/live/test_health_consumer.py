"""The websocket health endpoint, through the real ASGI application."""

from __future__ import annotations

from channels.testing import WebsocketCommunicator

from designer.asgi import application

ORIGIN = [(b"origin", b"http://127.0.0.1:8000")]


async def test_it_greets_and_answers_a_ping_with_a_pong() -> None:
    communicator = WebsocketCommunicator(application, "/ws/health/", headers=ORIGIN)
    connected, _ = await communicator.connect()
    assert connected
    assert await communicator.receive_json_from() == {"type": "hello", "server": "pod-designer"}
    await communicator.send_json_to({"type": "ping", "payload": {"n": 1}})
    assert await communicator.receive_json_from() == {"type": "pong", "echo": {"n": 1}}
    await communicator.disconnect()


async def test_it_answers_bad_frames_with_an_error_frame_and_stays_open() -> None:
    communicator = WebsocketCommunicator(application, "/ws/health/", headers=ORIGIN)
    await communicator.connect()
    await communicator.receive_json_from()
    for frame in ["not json", "[1]", '{"type": "surprise"}', "x" * 70_000]:
        await communicator.send_to(text_data=frame)
        reply = await communicator.receive_json_from()
        assert reply["type"] == "error"
    await communicator.send_to(bytes_data=b"\x00\x01")
    assert (await communicator.receive_json_from())["type"] == "error"
    await communicator.send_json_to({"type": "ping"})
    assert (await communicator.receive_json_from())["type"] == "pong"
    await communicator.disconnect()


async def test_it_refuses_a_foreign_origin() -> None:
    communicator = WebsocketCommunicator(
        application, "/ws/health/", headers=[(b"origin", b"http://evil.example")]
    )
    connected, _ = await communicator.connect()
    assert not connected


async def test_a_frame_nested_past_the_recursion_limit_gets_an_error_frame() -> None:
    communicator = WebsocketCommunicator(application, "/ws/health/", headers=ORIGIN)
    await communicator.connect()
    await communicator.receive_json_from()
    await communicator.send_to(text_data="[" * 30_000 + "]" * 30_000)
    assert (await communicator.receive_json_from())["type"] == "error"
    await communicator.send_json_to({"type": "ping"})
    assert (await communicator.receive_json_from())["type"] == "pong"
    await communicator.disconnect()
