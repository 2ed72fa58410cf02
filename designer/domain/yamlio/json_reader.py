"""The fast path for JSON manifests: json's own parser, behind the same depth and size limits."""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate
from typing import Any

from designer.domain.errors import ManifestError

# Possessive, and the closing quote optional, so an unterminated string cannot cost O(n²).
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.?)*+"?', re.S)
_JSON_NON_BRACKET = re.compile(r"[^\[\]{}]+")
_JSON_SCALAR = re.compile(r"[-0-9][-+0-9.eE]*|true|false|null")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_WS = " \t\r\n"


def _within_limits(text: str, max_depth: int, max_nodes: int) -> bool:
    # A cheap upper bound in C-speed regex passes; anything over the limits takes the YAML path,
    # which reports the exact line and column.
    bare = _JSON_STRING.sub('"', text)
    brackets = _JSON_NON_BRACKET.sub("", bare)
    if len(brackets) > max_depth:
        steps = (1 if c in "[{" else -1 for c in brackets)
        if max(accumulate(steps)) > max_depth:
            return False
    opened = brackets.count("[") + brackets.count("{")
    return opened + bare.count('"') + len(_JSON_SCALAR.findall(bare)) <= max_nodes


def _reject_constant(name: str) -> Any:
    raise ManifestError(f"{name} is not a valid JSON number (JSON numbers are finite)")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ManifestError(f"the number {text[:80]} is out of range")
    return value


_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite_float)


def load_json(text: str, max_depth: int, max_nodes: int) -> list[tuple[Any, int]] | None:
    """The (value, start line) of each JSON document in ``text``; None when it is not plain JSON.

    None too when the text may exceed the limits: the YAML reader then reports exactly where.
    """
    if not _within_limits(text, max_depth, max_nodes):
        return None
    docs: list[tuple[Any, int]] = []
    index, end = 0, len(text)
    try:
        while True:
            while index < end and text[index] in _WS:
                index += 1
            if index >= end:
                return docs
            data, next_index = _DECODER.raw_decode(text, index)
            line = text.count("\n", 0, index) + 1
            if _SURROGATE_ESCAPE.search(text, index, next_index):
                _check_encodable(data, line)
            docs.append((data, line))
            index = next_index
    except (ValueError, RecursionError):
        # Not plain JSON: the YAML path reads it (flow YAML is a superset) or reports the error.
        return None


def _check_encodable(data: Any, line: int) -> None:
    # Escaped surrogate pairs (emoji) are fine; a lone one is text no UTF-8 consumer accepts.
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ManifestError(
            "the document contains a lone surrogate escape (\\ud800-\\udfff), which is not"
            " valid Unicode text",
            line=line,
            column=1,
        ) from None
