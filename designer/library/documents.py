"""What the library derives from a design document: validation summary, images, search words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from designer.domain import operations

MAX_TOKENS = 200
MAX_TOKEN_LENGTH = 64
TAG_PREFIX = "tag:"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Summary:
    """A checked document, ready to be stored as a revision."""

    document: dict[str, Any]
    kubernetes_version: str
    valid: bool
    error_count: int
    warning_count: int
    info_count: int
    images: list[str]


def summarize(document: Mapping[str, Any]) -> Summary:
    """Parse (DocumentError when malformed), normalize and validate a design document."""
    design = operations.as_design(document)
    report = operations.validate(design)
    counts = report.counts
    return Summary(
        document=design.to_dict(),
        kubernetes_version=design.kubernetes_version,
        valid=report.valid,
        error_count=counts["error"],
        warning_count=counts["warning"],
        info_count=counts["info"],
        images=images_of(design.to_dict()),
    )


def images_of(document: Mapping[str, Any]) -> list[str]:
    """The distinct container images of a document, in order of appearance."""
    seen: dict[str, None] = {}
    for pod in document.get("pods") or []:
        for container in pod.get("containers") or []:
            image = (container.get("spec") or {}).get("image")
            if isinstance(image, str) and image:
                seen.setdefault(image[:300], None)
    return list(seen)


def words(text: str) -> list[str]:
    """Lower-case words of a text: what ``?q=`` matches by prefix."""
    return [w[:MAX_TOKEN_LENGTH] for w in _WORD.findall(text.lower())]


def search_text(*, name: str, description: str, tags: Iterable[str], images: Iterable[str]) -> str:
    """One lower-case text of everything search looks at."""
    return " ".join([name, description, *tags, *images]).lower()


def tokens(*, name: str, description: str, tags: Iterable[str], images: Iterable[str]) -> list[str]:
    """The distinct search tokens of a design: its words plus ``tag:<tag>`` for each tag."""
    tags = list(tags)
    out: dict[str, None] = {}
    for tag in tags:
        out.setdefault(f"{TAG_PREFIX}{tag}"[:MAX_TOKEN_LENGTH], None)
    for word in words(search_text(name=name, description=description, tags=tags, images=images)):
        if len(out) >= MAX_TOKENS:
            break
        out.setdefault(word, None)
    return list(out)


def prefix_range(word: str) -> tuple[str, str]:
    """Bounds of the tokens starting with ``word``, so the token index serves a prefix search."""
    return word, word[:-1] + chr(ord(word[-1]) + 1)
