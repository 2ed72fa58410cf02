"""Read YAML or JSON manifest streams safely: hostile input is refused before anything is built.

The guards run in bounded time and memory, in this order: size cap, character check, then a walk of
the YAML event stream (no composing) that refuses aliases, unsupported tags, deep nesting and too
many values. Only then are the documents loaded, with a loader that keeps everything JSON can carry
(strings, numbers, booleans, null, string-keyed mappings, lists) and refuses the rest.

Typing follows PyYAML's YAML 1.1, as kubectl's go-yaml v2 does (``yes``/``on`` are booleans), except
that unquoted dates stay strings. Duplicate keys keep the last value (PyYAML's behaviour); inline
merge keys (``<<: {...}``) merge. JSON objects and arrays go through json's parser behind the same
limits, so that ``1e3`` stays a number as JSON means it.
"""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol, cast

import yaml
from yaml.constructor import BaseConstructor, ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode

from designer.domain.errors import ManifestError
from designer.domain.yamlio.json_reader import load_json

try:
    from yaml import CSafeLoader as _FastBase
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _FastBase  # type: ignore[assignment]

_CORE = "tag:yaml.org,2002:"
_STR, _NULL, _TIMESTAMP, _VALUE = (_CORE + t for t in ("str", "null", "timestamp", "value"))
# Explicit tags a manifest may carry: the JSON-compatible core types (and timestamp, read as text).
_ALLOWED_TAGS = frozenset(
    [None, "!"]
    + [_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq")]
    + [_TIMESTAMP]
)
_KEY_KINDS = {
    _CORE + "int": "a number",
    _CORE + "float": "a number",
    _CORE + "bool": "a boolean (YAML 1.1 reads yes/no/on/off/true/false as booleans)",
    _NULL: "null",
    _CORE + "map": "a mapping",
    _CORE + "seq": "a list",
}

# YAML's printable set (YAML 1.1 §5.1); tab, LF and CR are the only C0 controls allowed.
_BAD_CHAR = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_WS = " \t\r\n"


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """One document of a stream: its JSON-like value and the 1-based line where it starts."""

    data: Any
    line: int


def load_documents(
    text: str | bytes,
    *,
    max_bytes: int = 2_000_000,
    max_depth: int = 64,
    max_nodes: int = 200_000,
) -> list[LoadedDocument]:
    """Parse a YAML or JSON stream into its non-empty documents, or raise ManifestError."""
    return _load(text, _FastLoader, max_bytes=max_bytes, max_depth=max_depth, max_nodes=max_nodes)


def _load(
    text: str | bytes,
    loader: type[_AnyLoader],
    *,
    max_bytes: int,
    max_depth: int,
    max_nodes: int,
) -> list[LoadedDocument]:
    text = _as_text(text, max_bytes)
    bad = _BAD_CHAR.search(text)
    if bad is not None:
        raise _bad_char_error(text, bad.start())
    if text.startswith("\ufeff"):
        text = text[1:]
    if text.lstrip(_WS)[:1] in ("{", "["):
        found = load_json(text, max_depth, max_nodes)
        if found is not None:
            return [LoadedDocument(data, line) for data, line in found]
    _check_events(text, loader, max_depth, max_nodes)
    return _load_yaml(text, loader)


def _as_text(text: str | bytes, max_bytes: int) -> str:
    if isinstance(text, str):
        size = len(text)
        if size * 4 > max_bytes and (
            size > max_bytes or len(text.encode("utf-8", "surrogatepass")) > max_bytes
        ):
            raise _too_large(max_bytes)
        return text
    if not isinstance(text, bytes | bytearray | memoryview):
        raise TypeError(f"load_documents() takes str or bytes, not {type(text).__name__}")
    data = bytes(text)
    if len(data) > max_bytes:
        raise _too_large(max_bytes)
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode(encoding, "replace")
        line, column = _position(before, len(before))
        name = "UTF-8" if encoding == "utf-8-sig" else encoding.upper()
        raise ManifestError(
            f"the file is not valid {name} text (byte 0x{data[exc.start]:02x} cannot be decoded);"
            " save it as UTF-8",
            line=line,
            column=column,
        ) from None


def _too_large(max_bytes: int) -> ManifestError:
    return ManifestError(f"the manifest is too large: the limit is {max_bytes:,} bytes")


def _position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _bad_char_error(text: str, index: int) -> ManifestError:
    line, column = _position(text, index)
    code = ord(text[index])
    if code == 0:
        message = (
            "the text contains a NUL character (U+0000), which YAML does not allow"
            " (is it a binary file, or UTF-16 without a byte order mark?)"
        )
    elif 0xD800 <= code <= 0xDFFF:
        message = f"the text contains a lone surrogate (U+{code:04X}), which is not valid Unicode"
    else:
        message = f"the text contains the control character U+{code:04X}, which YAML does not allow"
    return ManifestError(message, line=line, column=column)


class _Mark(Protocol):
    line: int
    column: int


def _mark_error(message: str, mark: _Mark | None) -> ManifestError:
    if mark is None:
        return ManifestError(message)
    return ManifestError(message, line=mark.line + 1, column=mark.column + 1)


def _check_events(text: str, loader: type[_AnyLoader], max_depth: int, max_nodes: int) -> None:
    depth = nodes = 0
    scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    try:
        events = cast(Iterator[Any], yaml.parse(text, Loader=loader))
        for event in events:
            kind = event.__class__
            if kind is scalar:
                nodes += 1
            elif kind in starts:
                depth += 1
                nodes += 1
                if depth > max_depth:
                    raise _mark_error(
                        f"the document is nested too deeply (more than {max_depth} levels)",
                        event.start_mark,
                    )
            elif kind in ends:
                depth -= 1
                continue
            elif kind is alias:
                raise _mark_error(
                    f"YAML aliases (*{event.anchor}) are not supported: write the value out in"
                    " full instead of referring to an anchor",
                    event.start_mark,
                )
            else:
                continue
            if nodes > max_nodes:
                raise _mark_error(
                    f"the document has too many values (more than {max_nodes:,})",
                    event.start_mark,
                )
            tag = event.tag
            if tag not in _ALLOWED_TAGS:
                raise _mark_error(
                    f"the YAML tag {_short_tag(tag)} is not supported: Kubernetes manifests hold"
                    " only strings, numbers, booleans, null, mappings and lists",
                    event.start_mark,
                )
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.YAMLError as exc:
        raise ManifestError(f"YAML error: {exc}") from None


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> ManifestError:
    problem = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        problem = f"{problem} ({exc.context})"
    mark = exc.problem_mark or exc.context_mark
    message = f"YAML syntax error: {problem}"
    if mark is not None and "\t" in text[mark.index : mark.index + 1]:
        message += "; tabs cannot indent YAML, use spaces"
    return _mark_error(message, mark)


class _PureLoader(yaml.SafeLoader):
    """Pure-Python SafeLoader that keeps only what JSON can carry."""


class _FastLoader(_FastBase):
    """libyaml SafeLoader that keeps only what JSON can carry."""


_AnyLoader = _PureLoader | _FastLoader


def _construct_map(loader: _AnyLoader, node: MappingNode) -> Iterator[dict[str, Any]]:
    data: dict[str, Any] = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, _ in node.value:
        if key_node.tag != _STR:
            raise _key_error(key_node)
    data.update(cast(dict[str, Any], BaseConstructor.construct_mapping(loader, node)))


def _key_error(node: Node) -> ConstructorError:
    kind = _KEY_KINDS.get(node.tag, f"a {_short_tag(node.tag)} value")
    if isinstance(node, ScalarNode):
        shown = node.value if node.value else "(empty)"
        problem = f"mapping keys must be strings: the key {shown!r} is read as {kind}; quote it"
    else:
        problem = f"mapping keys must be strings, not {kind}"
    return ConstructorError(None, None, problem, node.start_mark)


def _construct_float(loader: _AnyLoader, node: ScalarNode) -> float:
    try:
        value = loader.construct_yaml_float(node)
    except ValueError:
        raise _value_error(node, "is not a valid number") from None
    if not math.isfinite(value):
        raise _value_error(
            node,
            "is not a finite number (JSON, and so Kubernetes, has no inf or nan);"
            " quote it if it is meant as text",
        )
    return value


def _construct_int(loader: _AnyLoader, node: ScalarNode) -> int:
    try:
        return loader.construct_yaml_int(node)
    except ValueError:
        raise _value_error(node, "is not a valid integer") from None


def _construct_bool(loader: _AnyLoader, node: ScalarNode) -> bool:
    try:
        return loader.construct_yaml_bool(node)
    except KeyError:
        raise _value_error(node, "is not a valid boolean") from None


def _construct_text(loader: _AnyLoader, node: ScalarNode) -> str:
    return loader.construct_scalar(node)


def _value_error(node: ScalarNode, problem: str) -> ConstructorError:
    return ConstructorError(None, None, f"{node.value[:80]!r} {problem}", node.start_mark)


def _configure(loader: type[_AnyLoader]) -> None:
    # Dates stay text (the API is JSON); "=" is text as in kubectl, not a constructor error.
    loader.yaml_implicit_resolvers = {
        first: kept
        for first, resolvers in loader.yaml_implicit_resolvers.items()
        if (kept := [(tag, rx) for tag, rx in resolvers if tag not in (_TIMESTAMP, _VALUE)])
    }
    loader.add_constructor(_CORE + "map", _construct_map)
    loader.add_constructor(_CORE + "float", _construct_float)
    loader.add_constructor(_CORE + "int", _construct_int)
    loader.add_constructor(_CORE + "bool", _construct_bool)
    loader.add_constructor(_TIMESTAMP, _construct_text)


_configure(_PureLoader)
_configure(_FastLoader)


def _is_empty(node: Node) -> bool:
    return (
        isinstance(node, ScalarNode) and node.tag == _NULL and node.value == "" and not node.style
    )


def _load_yaml(text: str, loader_class: type[_AnyLoader]) -> list[LoadedDocument]:
    loader = loader_class(text)
    try:
        return list(_documents(loader))
    except ConstructorError as exc:
        raise _mark_error(exc.problem or "unsupported YAML value", exc.problem_mark) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.YAMLError as exc:
        raise ManifestError(f"YAML error: {exc}") from None
    finally:
        loader.dispose()


def _documents(loader: _AnyLoader) -> Iterator[LoadedDocument]:
    while loader.check_node():
        node = loader.get_node()
        if node is None or _is_empty(node):
            continue
        yield LoadedDocument(loader.construct_document(node), node.start_mark.line + 1)
