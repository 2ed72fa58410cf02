"""Comparing two revisions: a JSON-structure diff of documents and a unified diff of texts."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Change:
    """A value that differs at a path present in both documents."""

    path: str
    old: Any
    new: Any


@dataclass(slots=True)
class DocumentDiff:
    """JSON-pointer paths added, removed and changed between two documents."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)


def _pointer(path: str, key: str | int) -> str:
    return f"{path}/{str(key).replace('~', '~0').replace('/', '~1')}"


def diff_documents(old: Any, new: Any) -> DocumentDiff:
    """Where two JSON values differ: objects by key, arrays by index, anything else by value."""
    out = DocumentDiff()
    stack: list[tuple[str, Any, Any]] = [("", old, new)]
    while stack:
        path, a, b = stack.pop()
        if isinstance(a, dict) and isinstance(b, dict):
            for key in a.keys() - b.keys():
                out.removed.append(_pointer(path, key))
            for key in b.keys() - a.keys():
                out.added.append(_pointer(path, key))
            stack.extend((_pointer(path, k), a[k], b[k]) for k in a.keys() & b.keys())
        elif isinstance(a, list) and isinstance(b, list):
            common = min(len(a), len(b))
            out.removed.extend(_pointer(path, i) for i in range(common, len(a)))
            out.added.extend(_pointer(path, i) for i in range(common, len(b)))
            stack.extend((_pointer(path, i), a[i], b[i]) for i in range(common))
        elif a != b or type(a) is not type(b):
            out.changed.append(Change(path or "/", a, b))
    out.added.sort()
    out.removed.sort()
    out.changed.sort(key=lambda c: c.path)
    return out


def diff_text(old: str, new: str, *, old_name: str, new_name: str) -> str:
    """A unified diff of two texts (empty when they are equal)."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=old_name,
        tofile=new_name,
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
