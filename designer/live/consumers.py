"""Websocket consumers: thin shells that parse a frame, call the core or a service, reply."""

from __future__ import annotations

import json
from typing import Any

from channels.generic.websocket import AsyncWebsocketConsumer

MAX_FRAME_BYTES = 64 * 1024


class HealthConsumer(AsyncWebsocketConsumer):
    """Echoes ``{"type": "ping", ...}`` as ``{"type": "pong", ...}``: proof that websockets work."""

    async def connect(self) -> None:
        await self.accept()
        await self.send_json({"type": "hello", "server": "pod-designer"})

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if text_data is None or len(text_data) > MAX_FRAME_BYTES:
            await self.send_json({"type": "error", "message": "send JSON text frames of at most 64 KiB"})
            return
        try:
            message = json.loads(text_data)
        except ValueError:
            await self.send_json({"type": "error", "message": "frame is not valid JSON"})
            return
        if not isinstance(message, dict) or message.get("type") != "ping":
            await self.send_json({"type": "error", "message": 'expected {"type": "ping"}'})
            return
        await self.send_json({"type": "pong", "echo": message.get("payload")})

    async def send_json(self, content: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps(content))
