"""Write JSON-like documents as deterministic block YAML (kubectl's layout) or as JSON.

Keys keep the order they have in each dict (callers decide the order), indentation is two spaces,
lists sit at their key's indentation (``containers:\\n- name: app``), empty collections are
``{}``/``[]``, multi-line strings are literal blocks. See :mod:`.scalars` for the quoting rules.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from designer.domain.yamlio.scalars import inline, literal

# Past 1024 characters a key can no longer be an implicit key (PyYAML and libyaml).
_MAX_IMPLICIT_KEY = 1000
_COMMENT_UNSAFE = re.compile(
    "[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_json_string: Callable[[str], str] = json.encoder.encode_basestring  # the C encoder when built


def dump_yaml(documents: Sequence[Any], *, comment: str | None = None) -> str:
    """Write documents as one YAML stream, ``---`` between them, optional leading ``# comment``."""
    out: list[str] = []
    if comment is not None:
        for line in comment.splitlines() or [""]:
            line = _COMMENT_UNSAFE.sub("\ufffd", line).rstrip()
            out.append(f"# {line}\n" if line else "#\n")
    for index, document in enumerate(documents):
        if index:
            out.append("---\n")
        _document(document, out)
    return "".join(out)


def dump_json(documents: Sequence[Any]) -> str:
    """Write one document as a JSON value, several as a JSON array (indent 2, key order kept)."""
    value = documents[0] if len(documents) == 1 else list(documents)
    out: list[str] = []
    _json(value, "\n", out)
    text = "".join(out)
    if _SURROGATE.search(text):
        # A lone surrogate cannot be encoded as UTF-8: escape everything non-ASCII instead.
        text = json.dumps(value, indent=2, ensure_ascii=True, allow_nan=False)
    return text + "\n"


def _json(value: Any, newline: str, out: list[str]) -> None:
    """Append ``value`` as json.dumps(indent=2, ensure_ascii=False) writes it, only faster."""
    kind = type(value)
    if kind is str:
        out.append(_json_string(value))
    elif kind is dict or (kind is not str and isinstance(value, Mapping)):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            text = key if type(key) is str else _key_text(key)
            out.append(f"{separator}{_json_string(text)}: ")
            _json(item, inner, out)
            separator = "," + inner
        out.append(newline + "}")
    elif kind is list or (kind is not str and _is_sequence(value)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _json(item, inner, out)
            separator = "," + inner
        out.append(newline + "]")
    elif isinstance(value, str):
        out.append(_json_string(str.__str__(value)))
    elif isinstance(value, float):
        out.append(_json_float(value))
    else:
        out.append(_flow(value))


def _document(value: Any, out: list[str]) -> None:
    if value and isinstance(value, Mapping):
        _mapping(value, "", None, out)
    elif value and _is_sequence(value):
        _sequence(value, "", None, out)
    elif isinstance(value, str) and (block := literal(value)) is not None:
        out.append(block[0] + "\n")
        _literal_lines(block[1], "  ", out)
    else:
        out.append(_flow(value) + "\n")


def _is_sequence(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, str | bytes | bytearray)


def _is_nested(value: Any) -> bool:
    return isinstance(value, Mapping | str) or _is_sequence(value)


def _literal_lines(lines: list[str], indent: str, out: list[str]) -> None:
    for line in lines:
        out.append(f"{indent}{line}\n" if line else "\n")


def _key(key: Any) -> str:
    return inline(_key_text(key))


def _key_text(key: Any) -> str:
    # The keys json.dumps accepts, written as json.dumps writes them.
    if isinstance(key, str):
        return str.__str__(key)
    if isinstance(key, float):
        return _json_float(key)
    if key is None or isinstance(key, bool | int):
        return _flow(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _mapping(value: Mapping[Any, Any], indent: str, first: str | None, out: list[str]) -> None:
    """Block mapping at ``indent``; ``first`` replaces the first line's indent (``- `` items)."""
    child = indent + "  "
    append = out.append
    for key, item in value.items():
        prefix = indent if first is None else first
        first = None
        rendered = inline(key) if type(key) is str else _key(key)
        if len(rendered) > _MAX_IMPLICIT_KEY:
            append(f"{prefix}? {rendered}\n")
            _value_after(f"{indent}:", item, child, child, out)
            continue
        _value_after(f"{prefix}{rendered}:", item, indent, child, out)


def _value_after(head: str, item: Any, seq_indent: str, child: str, out: list[str]) -> None:
    """Write ``head`` (a key and its colon) followed by the value, inline or on the next lines."""
    kind = type(item)
    if kind is str:
        if "\n" not in item:
            out.append(f"{head} {inline(item)}\n")
            return
    elif (
        kind is int
        or kind is bool
        or kind is float
        or item is None
        or (kind is not dict and kind is not list and not _is_nested(item))
    ):
        out.append(f"{head} {_flow(item)}\n")
        return
    if isinstance(item, str):
        block = literal(item)
        if block is None:
            out.append(f"{head} {inline(str.__str__(item))}\n")
        else:
            out.append(f"{head} {block[0]}\n")
            _literal_lines(block[1], child, out)
    elif not item:
        out.append(f"{head} {{}}\n" if isinstance(item, Mapping) else f"{head} []\n")
    elif isinstance(item, Mapping):
        out.append(head + "\n")
        _mapping(item, child, None, out)
    else:
        out.append(head + "\n")
        _sequence(item, seq_indent, None, out)


def _sequence(value: Sequence[Any], indent: str, first: str | None, out: list[str]) -> None:
    """Block sequence at ``indent``; ``first`` replaces the first line's indent (``- - `` items)."""
    child = indent + "  "
    dash = indent + "- "
    append = out.append
    for item in value:
        prefix = dash if first is None else first + "- "
        first = None
        kind = type(item)
        if kind is str and "\n" not in item:
            append(f"{prefix}{inline(item)}\n")
        elif kind is dict or (kind is not str and isinstance(item, Mapping)):
            if item:
                _mapping(item, child, prefix, out)
            else:
                append(f"{prefix}{{}}\n")
        elif kind is list or (kind is not str and _is_sequence(item)):
            if item:
                _sequence(item, child, prefix, out)
            else:
                append(f"{prefix}[]\n")
        elif isinstance(item, str):
            block = literal(item)
            if block is None:
                append(f"{prefix}{inline(str.__str__(item))}\n")
            else:
                append(f"{prefix}{block[0]}\n")
                _literal_lines(block[1], child, out)
        else:
            append(f"{prefix}{_flow(item)}\n")


def _flow(value: Any) -> str:
    """A scalar (or empty collection) on one line."""
    if isinstance(value, str):
        return inline(str.__str__(value))
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, Mapping):
        if value:
            raise TypeError("a non-empty mapping cannot be written on one line")
        return "{}"
    if _is_sequence(value):
        if value:
            raise TypeError("a non-empty list cannot be written on one line")
        return "[]"
    raise TypeError(f"cannot write a {type(value).__name__} value as YAML")


def _json_float(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError(f"out of range float values are not JSON compliant: {value!r}")
    return float.__repr__(value)


def _float(value: float) -> str:
    text = _json_float(value)
    # PyYAML (YAML 1.1) reads a float only with a dot: 1e+16 would come back as a string.
    if "e" in text and "." not in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return text
