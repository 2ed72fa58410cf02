"""Bounds on untrusted JSON-like values, shared by every entry point (REST, websockets, CLI)."""

from __future__ import annotations

from typing import Any

MAX_JSON_DEPTH = 64


def too_deep(value: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether dicts/lists nest deeper than ``limit`` levels."""
    # Iterative on purpose: a recursive walk is exactly what a deeply nested body attacks.
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return False
