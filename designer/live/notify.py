"""Tell everyone viewing a library design that a new revision was saved."""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from designer.live.consumers import design_group

log = logging.getLogger(__name__)


def design_saved(*, design_id: str, revision: int, author: str | None, message: str) -> None:
    """Broadcast a ``design.saved`` event; a failing channel layer never fails the save."""
    layer = get_channel_layer()
    if layer is None:
        return
    event = {"type": "design.saved", "revision": revision, "author": author, "message": message}
    try:
        async_to_sync(layer.group_send)(design_group(design_id), event)
    except Exception:  # noqa: BLE001 - the save already committed; a missed notice is only a notice
        log.exception("could not notify viewers of design %s", design_id)
