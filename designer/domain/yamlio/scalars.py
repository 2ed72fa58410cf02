"""How a string must be written in YAML so every loader reads it back as the same string.

A string is written plain only when it reads back as that string under YAML 1.1 (PyYAML,
go-yaml v2 as used by kubectl) *and* YAML 1.2 (go-yaml v3, the core schema). Multi-line text
becomes a literal block (``|``, ``|-``, ``|+``); anything else is double-quoted with escapes.
Decisions are cached: manifests repeat the same strings over and over.
"""

from __future__ import annotations

import re

from yaml.resolver import Resolver

_PLAIN_RESOLVERS = Resolver.yaml_implicit_resolvers
_STR_TAG = "tag:yaml.org,2002:str"

# Anything a plain scalar cannot hold: line breaks, tabs, controls, YAML 1.1 special breaks
# (NEL, LS, PS), the BOM, non-characters and lone surrogates.
_SPECIAL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
# What a literal block cannot hold (tab and LF are fine there).
_NOT_LITERAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
)
_TRAILING_BLANK = re.compile(r"[ \t]\n|[ \t]\Z")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NUMBER_START = frozenset("0123456789+-.")
_WORDS = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "<<", "="))
# YAML 1.2 core and go-yaml numbers (go-yaml drops underscores before parsing).
_GO_NUMBER = re.compile(
    r"[-+]?(?:0[bB][01]+|0[oO][0-7]+|0[xX][0-9a-fA-F]+"
    r"|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
    r"|\.(?:inf|nan))\Z",
    re.IGNORECASE,
)
# go-yaml v2 reads 2006-1-2 (one-digit month/day) as a timestamp; PyYAML needs two digits.
_DATE_PREFIX = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")

_ESCAPES = {
    "\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
    "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N", "\u2028": "\\L",
    "\u2029": "\\P",
}  # fmt: skip
_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]')
_SURROGATE = re.compile("[\ud800-\udfff]")

# Bounded memory in a long-running server: at most this many entries, each of a short string.
_CACHE_LIMIT = 20_000
_CACHE_MAX_LENGTH = 512
_inline: dict[str, str] = {}
_literal: dict[str, tuple[str, list[str]] | None] = {}


def resolves_to_string(text: str) -> bool:
    """Whether ``text`` written plain reads back as a string in YAML 1.1 and 1.2 loaders."""
    if not text:
        return False
    first = text[0]
    if text.lower() in _WORDS:
        return False
    for tag, regexp in _PLAIN_RESOLVERS.get(first, ()):
        if tag != _STR_TAG and regexp.match(text):
            return False
    if first in _NUMBER_START:
        if _GO_NUMBER.match(text.replace("_", "")):
            return False
        if _DATE_PREFIX.match(text):
            return False
    return True


def _plain_allowed(text: str) -> bool:
    first = text[0]
    # "-x" is plain in every loader (think "--port=80"); "- x", "-" and "---" are not.
    if first in _INDICATORS and (
        first != "-" or len(text) < 2 or text[1] == " " or text.startswith("---")
    ):
        return False
    return not (
        first == " "
        or text[-1] in " :"
        or ": " in text
        or " #" in text
        or text.startswith("...")
        or _SPECIAL.search(text)
        or not resolves_to_string(text)
    )


def double_quoted(text: str) -> str:
    """``text`` as a one-line double-quoted YAML scalar."""
    if _SURROGATE.search(text):
        # libyaml (and so kubectl) refuses lone surrogates even escaped: keep the text loadable.
        text = _SURROGATE.sub("\ufffd", text)
    if _NEEDS_ESCAPE.search(text):
        text = _NEEDS_ESCAPE.sub(_escape, text)
    return f'"{text}"'


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    short = _ESCAPES.get(char)
    if short is not None:
        return short
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inline(text: str) -> str:
    """``text`` as a one-line scalar (plain when safe, else double-quoted): keys and flow use."""
    found = _inline.get(text)
    if found is None:
        found = text if text and _plain_allowed(text) else double_quoted(text)
        if len(text) <= _CACHE_MAX_LENGTH:
            if len(_inline) >= _CACHE_LIMIT:
                _inline.clear()
            _inline[text] = found
    return found


def literal(text: str) -> tuple[str, list[str]] | None:
    """The block header (``|``, ``|-``, ``|2+``...) and content lines for multi-line ``text``.

    None when a literal block cannot carry ``text`` exactly (no line break, no content, trailing
    blanks on a line, control characters): write it with :func:`inline` instead.
    """
    if text in _literal:
        return _literal[text]
    found: tuple[str, list[str]] | None = None
    # go-yaml v3 (kustomize) refuses a tab right at the start of a block, indicator or not.
    if (
        "\n" in text
        and text[0] != "\t"
        and text.strip("\n")
        and not _NOT_LITERAL.search(text)
        and not _TRAILING_BLANK.search(text)
    ):
        if not text.endswith("\n"):
            chomp, body = "-", text
        elif text.endswith("\n\n"):
            chomp, body = "+", text[:-1]
        else:
            chomp, body = "", text[:-1]
        lines = body.split("\n")
        # An explicit indentation indicator when auto-detection would misread the first line.
        first = body.lstrip("\n")[:1]
        indent = "2" if first in (" ", "\t") or body[0] == "\n" else ""
        found = (f"|{indent}{chomp}", lines)
    if len(text) <= _CACHE_MAX_LENGTH:
        if len(_literal) >= _CACHE_LIMIT:
            _literal.clear()
        _literal[text] = found
    return found
