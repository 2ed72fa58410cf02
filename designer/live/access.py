"""What a websocket user may read: the library's permission rules, called from consumers."""

from __future__ import annotations

from typing import Any


def readable_document(user: Any, design_id: str, revision: int | None) -> dict[str, Any] | None:
    """The design document of a library design the user may read (latest or given revision)."""
    from designer.library import selectors

    return selectors.readable_document(user=user, design_id=design_id, revision=revision)


def can_read_design(user: Any, design_id: str) -> bool:
    from designer.library import selectors

    return selectors.can_read_design(user=user, design_id=design_id)
