"""Websocket consumers: thin shells that parse a frame, call the core or a service, reply."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from designer.domain import operations
from designer.domain.errors import DomainError
from designer.live import access
from designer.live.messages import (
    Control,
    Load,
    MessageError,
    Seek,
    Speed,
    Validate,
    load_json,
    parse_frame,
)
from designer.live.player import SPEEDS, Player
from designer.live.ratelimit import TokenBucket

SMALL_FRAME_BYTES = 64 * 1024
# Close codes (RFC 6455 §7.4.1 and the private 4000-4999 range).
CLOSE_POLICY = 1008
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_RATE = 4429
# More refused messages than this in one connection is abuse, not a burst: the socket is closed.
ABUSE_LIMIT = 200


class JsonConsumer(AsyncWebsocketConsumer):
    async def dispatch(self, message: dict[str, Any]) -> None:
        # Channels' dispatch hops to a worker thread to close stale DB connections before every
        # message. These consumers reach the database only through database_sync_to_async, which
        # closes them itself, so the hop is pure overhead: a thousand preview sessions pay it on
        # every control frame and every group message.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def send_json(self, content: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps(content, ensure_ascii=False))

    async def send_error(self, message: str, **extra: Any) -> None:
        await self.send_json({"type": "error", "message": message, **extra})

    async def decode(self, text_data: str | None) -> Any:
        """A small JSON text frame, decoded; None (after an error frame) for anything else."""
        if text_data is None or len(text_data) > SMALL_FRAME_BYTES:
            await self.send_error("send JSON text frames of at most 64 KiB")
            return None
        try:
            return load_json(text_data)
        except MessageError as exc:
            await self.send_error(str(exc))
            return None


class HealthConsumer(JsonConsumer):
    """Echoes ``{"type": "ping", ...}`` as ``{"type": "pong", ...}``: proof that websockets work."""

    async def connect(self) -> None:
        await self.accept()
        await self.send_json({"type": "hello", "server": "pod-designer"})

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        message = await self.decode(text_data)
        if message is None:
            return
        if not isinstance(message, dict) or message.get("type") != "ping":
            await self.send_error('expected {"type": "ping"}')
            return
        await self.send_json({"type": "pong", "echo": message.get("payload")})


class PreviewConsumer(JsonConsumer):
    """Streams a Pod's simulated startup/termination in scaled real time.

    The client sends ``load`` (a design document, or a library design it may read) with a scenario,
    then controls playback: play, pause, step, restart, speed, seek. A new ``load`` replaces the
    running preview. ``validate`` pushes findings without touching playback.

    Server frames: ``ready``, ``findings``, ``timeline`` (every event up front, for the Gantt
    chart), ``clock`` (after each control), ``event`` (one event with the wall time it was due),
    ``events`` (several due at once, with their ``dues``), ``finished``, ``error``.
    """

    player: Player | None
    speed: float | None
    encoded: dict[int, str]

    async def connect(self) -> None:
        self.player = None
        self.encoded = {}
        self.speed = 4.0
        self.bucket = TokenBucket(rate=20.0, burst=40.0)
        self.wake = asyncio.Event()
        self.runner: asyncio.Task[None] | None = None
        await self.accept()
        await self.send_json({"type": "ready", "speeds": list(SPEEDS)})

    async def disconnect(self, code: int) -> None:
        if self.runner is not None:
            self.runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.runner

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if not self.bucket.allow(time.monotonic()):
            if self.bucket.refused > ABUSE_LIMIT:
                await self.close(code=CLOSE_RATE)
                return
            await self.send_error("too many messages: slow down (at most 20 per second)")
            return
        try:
            command = parse_frame(text_data)
        except MessageError as exc:
            await self.send_error(str(exc))
            return
        now = time.time()
        match command:
            case Load():
                await self._load(command)
            case Validate(document=document, kubernetes_version=version):
                await self._validate(document, version)
            case Speed(value=value):
                self.speed = value
                if self.player:
                    self.player.set_speed(value, now)
                await self._clock()
            case Seek(t=t):
                if self.player is None:
                    await self.send_error("nothing to seek: send a 'load' frame first")
                else:
                    self.player.seek(t, now)
                    await self._clock()
            case Control(action=action):
                await self._control(action, now)
        self.wake.set()

    async def _control(self, action: str, now: float) -> None:
        if self.player is None:
            await self.send_error(f"nothing to {action}: send a 'load' frame first")
            return
        if action == "play":
            self.player.play(now)
        elif action == "pause":
            self.player.pause(now)
        elif action == "restart":
            self.player.seek(0.0, now)
            self.player.play(now)
        elif action == "step":
            event = self.player.step(now)
            if event is not None:
                await self._send_event(event, time.time())
        await self._clock()

    async def _load(self, command: Load) -> None:
        document = command.document
        if command.design_id is not None:
            user = self.scope.get("user")
            document = await database_sync_to_async(access.readable_document)(
                user, command.design_id, command.revision
            )
            if document is None:
                await self.send_error("no such design, or you may not read it", code="not-found")
                return
        assert document is not None
        try:
            design = operations.as_design(document)
            report = operations.validate(design)
            result = operations.simulate(design, command.scenario, pod_id=command.pod)
        except (DomainError, ValueError, KeyError) as exc:
            await self.send_error(f"cannot preview this design: {exc}", code="bad-design")
            return
        pod = design.pod(command.pod) if command.pod else design.pods[0]
        events = [e.as_dict() for e in result.events]
        self.player = Player(events, speed=self.speed)
        # Each event is encoded once: streaming then only splices text, which keeps frame
        # delivery cheap when a thousand sessions share one process.
        self.encoded = {e["seq"]: json.dumps(e, ensure_ascii=False) for e in events}
        await self.send_json({"type": "findings", **report.as_dict()})
        head = json.dumps(
            {
                "type": "timeline",
                "pod": pod.id,
                "scenario": command.scenario,
                "scenarios": [s.as_dict() for s in operations.scenarios(design, pod.id)],
                "phase": result.phase,
                "truncated": result.truncated,
                "duration": self.player.duration,
            },
            ensure_ascii=False,
        )
        await self.send(text_data=f'{head[:-1]},"events":[{",".join(self.encoded.values())}]}}')
        if command.autoplay:
            self.player.play(time.time())
        await self._clock()
        if self.runner is None:
            self.runner = asyncio.create_task(self._run())

    async def _validate(self, document: dict[str, Any], version: str | None) -> None:
        try:
            report = operations.validate(document, version)
        except (DomainError, ValueError) as exc:
            await self.send_error(f"cannot validate this design: {exc}", code="bad-design")
            return
        await self.send_json({"type": "findings", **report.as_dict()})

    async def _clock(self) -> None:
        if self.player is not None:
            await self.send_json({"type": "clock", **self.player.clock(time.time())})

    async def _send_event(self, event: dict[str, Any], due: float) -> None:
        await self.send(text_data=_event_frame(self.encoded[event["seq"]], due))

    async def _run(self) -> None:
        """Deliver due events until the connection closes; control frames wake it early."""
        while True:
            player, encoded = self.player, self.encoded
            deadline = player.next_deadline() if player else None
            self.wake.clear()
            if deadline is None:
                await self.wake.wait()
                continue
            delay = deadline - time.time()
            if delay > 0:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(delay):
                        await self.wake.wait()
                    continue  # woken by a control frame: recompute
            if player is None or player is not self.player:
                continue  # a new load replaced the timeline while this one slept
            batch = player.due(time.time())
            if len(batch) == 1:
                event, due = batch[0]
                await self.send(text_data=_event_frame(encoded[event["seq"]], due))
            elif batch:
                # Events due together travel in one frame: far fewer frames when many sessions
                # start at once, and the client applies them in one render.
                events = ",".join(encoded[e["seq"]] for e, _ in batch)
                dues = ",".join(repr(due) for _, due in batch)
                await self.send(text_data=f'{{"type":"events","events":[{events}],"dues":[{dues}]}}')
            if player.finished:
                await self.send_json({"type": "finished", **player.clock(time.time())})


def _event_frame(encoded_event: str, due: float) -> str:
    return f'{{"type":"event","due":{due!r},"event":{encoded_event}}}'


def design_group(design_id: str) -> str:
    """Channel-layer group of everyone viewing one library design."""
    return f"design.{design_id}"


class DesignConsumer(JsonConsumer):
    """Presence and save notifications for one library design (``/ws/designs/<id>/``).

    Presence needs no shared storage, so it works across processes with the Redis layer: a newcomer
    announces itself to the group, and everyone already there answers it directly.
    """

    async def connect(self) -> None:
        self.design_id = str(self.scope["url_route"]["kwargs"]["design_id"])
        user = self.scope.get("user")
        self.bucket = TokenBucket(rate=5.0, burst=20.0)
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        allowed = await database_sync_to_async(access.can_read_design)(user, self.design_id)
        if not allowed:
            # The same answer whether the design is private or absent: nothing leaks.
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.group = design_group(self.design_id)
        self.me = {"id": user.pk, "username": user.get_username(), "channel": self.channel_name}
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json({"type": "subscribed", "design": self.design_id, "me": self.me})
        await self.channel_layer.group_send(self.group, {"type": "presence.join", "user": self.me})

    async def disconnect(self, code: int) -> None:
        group = getattr(self, "group", None)
        if group:
            await self.channel_layer.group_send(group, {"type": "presence.leave", "user": self.me})
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if not self.bucket.allow(time.monotonic()):
            if self.bucket.refused > ABUSE_LIMIT:
                await self.close(code=CLOSE_RATE)
            else:
                await self.send_error("too many messages: slow down")
            return
        message = await self.decode(text_data)
        if message is None:
            return
        if isinstance(message, dict) and message.get("type") == "ping":
            await self.send_json({"type": "pong"})
            return
        await self.send_error("this socket only sends notifications; the only frame it takes is ping")

    async def presence_join(self, event: dict[str, Any]) -> None:
        other = event["user"]
        if other["channel"] == self.channel_name:
            return
        await self.send_json({"type": "presence", "event": "join", "user": _public_user(other)})
        await self.channel_layer.send(other["channel"], {"type": "presence.here", "user": self.me})

    async def presence_here(self, event: dict[str, Any]) -> None:
        user = _public_user(event["user"])
        await self.send_json({"type": "presence", "event": "here", "user": user})

    async def presence_leave(self, event: dict[str, Any]) -> None:
        if event["user"]["channel"] != self.channel_name:
            await self.send_json({"type": "presence", "event": "leave", "user": _public_user(event["user"])})

    async def design_saved(self, event: dict[str, Any]) -> None:
        await self.send_json(
            {
                "type": "revision",
                "design": self.design_id,
                "revision": event["revision"],
                "author": event.get("author"),
                "message": event.get("message", ""),
            }
        )


def _public_user(user: dict[str, Any]) -> dict[str, Any]:
    # The channel name identifies one tab, so two tabs of one user count as two viewers.
    return {"id": user["id"], "username": user["username"], "session": user["channel"][-12:]}
