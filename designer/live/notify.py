"""Tell everyone viewing a library design that a new revision was saved."""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from designer.live.consumers import design_group

log = logging.getLogger(__name__)
SEND_TIMEOUT_S = 5.0


def design_saved(*, design_id: str, revision: int, author: str | None, message: str) -> None:
    """Broadcast a ``design.saved`` event; a failing channel layer never fails the save."""
    layer = get_channel_layer()
    if layer is None:
        return
    event = {"type": "design.saved", "revision": revision, "author": author, "message": message}
    group = design_group(design_id)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        _send(layer, group, event)
        return
    # Sync code called from a thread that runs an event loop (a sync library call inside async
    # code): async_to_sync refuses that, so the send runs on a short-lived thread of its own.
    worker = threading.Thread(target=_send, args=(layer, group, event), daemon=True)
    worker.start()
    worker.join(SEND_TIMEOUT_S)


def _send(layer: Any, group: str, event: dict[str, Any]) -> None:
    try:
        async_to_sync(layer.group_send)(group, event)
    except Exception:  # noqa: BLE001 - the save already committed; a missed notice is only a notice
        log.exception("could not notify viewers of %s", group)
