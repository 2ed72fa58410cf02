"""dump_yaml / dump_json: layout, scalar quoting that survives every loader, errors on non-JSON."""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest
import yaml

from designer.domain.yamlio import dump_json, dump_yaml, load_documents, scalars
from designer.domain.yamlio.scalars import inline, literal, resolves_to_string

# Strings that trip up YAML writers: YAML 1.1 and 1.2 types, indicators, blanks, breaks, controls.
TRICKY = [
    "", " ", "  a", "a ", "yes", "Yes", "YES", "yEs", "no", "No", "on", "ON", "off", "Off",
    "y", "Y", "n", "N", "true", "True", "TRUE", "false", "False", "null", "Null", "NULL", "nUll",
    "~", "0x1F", "0X1f", "0o17", "0O17", "012", "08", "0b101", "0B1", "0b_", "1_000", "1__",
    "_1", "1e3", "1E3", "1e+3", "1.", "1.0", ".5", "+.5", "+1", "-1", "+0", "-0", "1:20",
    "190:20:30", "1:20.5", ".inf", "-.inf", "+.Inf", ".NaN", ".nan", "-.nan", ".Infinity", "0",
    "00", "9" * 40, "1.2.3", "10Gi", "500m", "1Gi", "100Mi", "2024-01-01", "2024-1-1",
    "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "12:30:45", "<<", "=", "<<a",
    "=a", "-", "--", "---", "--- a", "...", "... a", "- a", "-a", "--port=8080", "-Xmx512m",
    "?", "? a", "?a", ":", ": a", ":a", "a:", "a :", "a: b", "a:b", "http://x:80/p", ",", ",a",
    "a,b", "[", "]", "[a]", "{", "}", "{a: 1}", "#", "# c", "#c", "a #b", "a#b", "&a", "*a",
    "!a", "!!str", "|", ">", "|-", "'", "''", '"', '""', "a'b", 'a"b', "%", "%YAML", "@a", "`a",
    "\\", "\\n", "a\\b", "\n", "\n\n", "a\n", "a\nb", "a\n\n", "a\n\n\n", "\na", "\n\na\n",
    " a\nb", "  lead\n  both\n", "\ta\nb", "a\n\tb", "\n\ta", "x\n \ty", "a\tb", "\t", "a\t",
    "a\n ", "a \nb", "a\n\t\nb",
    "a\r\nb", "a\rb", "#!/bin/sh\nset -e\necho \"$HOME\" # comment\n", "\x00", "\x07", "\x1b",
    "\x7f", "\x85", "a\x85b", "\x9f", "\xa0", "\xa0a\xa0", "\u2028", "\u2029", "\ufeff",
    "a\ufeff", "\ufffe", "\uffff", "é", "naïve café", "日本語", "😀", "a😀b", "x" * 300,
    "line1\nline2\n" * 20, "key: value\nother: x\n", "- item\n- item\n", "  \n",
]  # fmt: skip


def _loaders() -> list[Any]:
    return [yaml.CSafeLoader, yaml.SafeLoader]


def _assert_round_trip(value: Any) -> str:
    text = dump_yaml([value])
    for loader in _loaders():
        back = yaml.load(text, Loader=loader)
        assert back == value, f"{loader.__name__} read back {back!r}\n{text}"
        assert type(back) is type(value)
    assert [doc.data for doc in load_documents(text)] == [value] or value is None
    return text


@pytest.mark.parametrize("text", TRICKY, ids=[repr(t)[:40] for t in TRICKY])
def test_every_tricky_string_reads_back_identically_with_libyaml_and_pure_pyyaml(text: str) -> None:
    for value in (text, {"k": text}, [text], {text: 1}, [[text]], {"a": [text, {text: text}]}):
        _assert_round_trip(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("app", "app"), ("500m", "500m"), ("10Gi", "10Gi"), ("--port=80", "--port=80"),
        ("http://x:80/p", "http://x:80/p"), ("naïve café", "naïve café"), ("😀", "😀"),
        ("a#b", "a#b"), ("_1", "_1"), ("yes", '"yes"'), ("y", '"y"'), ("NULL", '"NULL"'),
        ("~", '"~"'), ("", '""'), ("80", '"80"'), ("0x1F", '"0x1F"'), ("1e3", '"1e3"'),
        ("1_000", '"1_000"'), ("1:20", '"1:20"'), (".inf", '".inf"'), ("2024-1-1", '"2024-1-1"'),
        ("<<", '"<<"'), ("=", '"="'), ("- a", '"- a"'), ("-", '"-"'), ("a: b", '"a: b"'),
        ("a #b", '"a #b"'), ("a:", '"a:"'), (" a", '" a"'), ("a ", '"a "'), ("*a", '"*a"'),
        ('say "hi"', 'say "hi"'), ('"q"', '"\\"q\\""'), ("a\\b", "a\\b"), ("\\", "\\"),
        ("a\tb", '"a\\tb"'), ("\x00", '"\\0"'), ("\x1b", '"\\e"'), ("\x85", '"\\N"'),
        ("\u2028", '"\\L"'), ("\x7f", '"\\x7f"'), ("\ufeff", '"\\ufeff"'), ("a\rb", '"a\\rb"'),
    ],
)  # fmt: skip
def test_strings_are_plain_only_when_safe_and_quoted_with_escapes_otherwise(
    text: str, expected: str
) -> None:
    assert inline(text) == expected


@pytest.mark.parametrize(
    ("text", "header", "lines"),
    [
        ("a\nb", "|-", ["a", "b"]),
        ("a\nb\n", "|", ["a", "b"]),
        ("a\nb\n\n", "|+", ["a", "b", ""]),
        (" a\nb", "|2-", [" a", "b"]),
        ("\n\ta\nb\n", "|2", ["", "\ta", "b"]),
        ("a\n\tb", "|-", ["a", "\tb"]),
        ("\na", "|2-", ["", "a"]),
        ("a\n\nb", "|-", ["a", "", "b"]),
    ],
)
def test_multi_line_strings_use_the_literal_block_with_the_right_chomping(
    text: str, header: str, lines: list[str]
) -> None:
    assert literal(text) == (header, lines)


@pytest.mark.parametrize(
    "text", ["one line", "\n", "\n\n", "\ta\nb", "a \nb", "a\t\nb", "a\n ", "a\r\nb", "a\x00\nb",
             "a\u2028\nb"],
)  # fmt: skip
def test_literal_blocks_are_not_used_when_they_cannot_carry_the_text(text: str) -> None:
    assert literal(text) is None


def test_a_literal_block_sits_under_its_key_and_empty_lines_carry_no_indentation() -> None:
    text = dump_yaml([{"spec": {"args": ["set -e\n\necho hi\n"], "script": "a\nb"}}])
    assert text == "spec:\n  args:\n  - |\n    set -e\n\n    echo hi\n  script: |-\n    a\n    b\n"


def test_resolves_to_string_knows_yaml_1_1_and_1_2_types() -> None:
    assert not any(map(resolves_to_string, ["", "yes", "y", "0o17", "1e3", "1_0", "2024-1-1"]))
    assert all(map(resolves_to_string, ["app", "10Gi", "1.2.3", "0x", "_1", "+", "."]))


def test_lone_surrogates_become_replacement_characters_that_libyaml_accepts() -> None:
    text = dump_yaml([{"a": "x\ud800y"}])
    assert text == 'a: "x\ufffdy"\n'
    assert yaml.load(text, Loader=yaml.CSafeLoader) == {"a": "x\ufffdy"}


# Numbers and other scalars -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1.0, "1.0"), (-0.0, "-0.0"), (0.1, "0.1"), (1e16, "1.0e+16"), (1.5e-07, "1.5e-07"),
     (5e-324, "5.0e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"), (3, "3"),
     (-(10**30), "-" + "1" + "0" * 30), (True, "true"), (False, "false"), (None, "null")],
)  # fmt: skip
def test_numbers_booleans_and_null_round_trip_with_their_type(value: Any, expected: str) -> None:
    assert dump_yaml([{"v": value}]) == f"v: {expected}\n"
    _assert_round_trip({"v": value})
    _assert_round_trip([value])


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_non_finite_floats_are_refused_as_json_refuses_them(value: float) -> None:
    with pytest.raises(ValueError):
        dump_yaml([{"v": value}])
    with pytest.raises(ValueError):
        dump_json([{"v": value}])


def test_values_json_cannot_hold_are_a_type_error() -> None:
    for bad in ({"v": {1, 2}}, {"v": b"x"}, {"v": object()}, {(1, 2): 1}):
        with pytest.raises(TypeError):
            dump_yaml([bad])


def test_enum_members_and_tuples_are_written_as_their_json_values() -> None:
    class Policy(enum.StrEnum):
        ALWAYS = "Always"

    class Port(enum.IntEnum):
        HTTP = 80

    value = {
        "restartPolicy": Policy.ALWAYS,
        "ports": (Port.HTTP, "yes"),
        Policy.ALWAYS: [Port.HTTP],
    }
    assert dump_yaml([value]) == 'restartPolicy: Always\nports:\n- 80\n- "yes"\nAlways:\n- 80\n'
    assert json.loads(dump_json([value])) == {"restartPolicy": "Always", "ports": [80, "yes"],
                                              "Always": [80]}  # fmt: skip


def test_non_string_keys_are_written_as_json_writes_them() -> None:
    value = {1: "a", None: "b", False: "c", 2.5: "d"}
    assert dump_yaml([value]) == '"1": a\n"null": b\n"false": c\n"2.5": d\n'
    assert json.loads(dump_json([value])) == json.loads(json.dumps(value))


# Layout ------------------------------------------------------------------------------------------


def test_empty_collections_are_written_in_flow_style_everywhere() -> None:
    value = {"a": {}, "b": [], "c": [{}, [], {"d": {}}]}
    assert dump_yaml([value]) == "a: {}\nb: []\nc:\n- {}\n- []\n- d: {}\n"
    assert dump_yaml([{}, [], ""]) == '{}\n---\n[]\n---\n""\n'


def test_nested_lists_and_list_items_that_are_mappings_use_compact_dashes() -> None:
    value = {"m": [[1, [2, 3]], {"a": 1, "b": [4]}, {"c": {"d": 5}}]}
    assert dump_yaml([value]) == (
        "m:\n- - 1\n  - - 2\n    - 3\n- a: 1\n  b:\n  - 4\n- c:\n    d: 5\n"
    )
    _assert_round_trip(value)


def test_top_level_scalars_and_literals_are_documents_of_their_own() -> None:
    assert dump_yaml(["text", 1, None, "a\nb\n"]) == "text\n---\n1\n---\nnull\n---\n|\n  a\n  b\n"
    assert [doc.data for doc in load_documents(dump_yaml(["text", 1, "a\nb\n"]))] == [
        "text", 1, "a\nb\n"
    ]  # fmt: skip


def test_keys_too_long_for_an_implicit_key_use_the_explicit_form() -> None:
    long_key = "k" * 1500
    value = {long_key: {"x": [1]}, "b": long_key, "c": {long_key: "v", "d": [long_key]}}
    text = _assert_round_trip(value)
    assert text.startswith(f"? {long_key}\n:\n  x:\n  - 1\nb: {long_key}\n")
    _assert_round_trip([{long_key: "v", "z": 1}])
    _assert_round_trip({"k" * 999 + "\x00": "a\nb"})


def test_the_comment_block_comes_first_and_cannot_break_the_yaml() -> None:
    text = dump_yaml([{"a": 1}], comment="Generated by Pod Designer\n\nline\x00 two \u2028three")
    assert text == "# Generated by Pod Designer\n#\n# line\ufffd two\n# three\na: 1\n"
    assert dump_yaml([], comment="") == "#\n"
    assert dump_yaml([]) == ""


def test_documents_are_separated_by_three_dashes() -> None:
    text = dump_yaml([{"kind": "Pod"}, {"kind": "Service"}])
    assert text == "kind: Pod\n---\nkind: Service\n"
    assert [doc.data for doc in load_documents(text)] == [{"kind": "Pod"}, {"kind": "Service"}]


def test_the_quoting_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scalars, "_CACHE_LIMIT", 10)
    monkeypatch.setattr(scalars, "_inline", {})
    monkeypatch.setattr(scalars, "_literal", {})
    dump_yaml([{f"key{i}": f"value {i}\n{i}" for i in range(100)}])
    assert len(scalars._inline) <= 10 and len(scalars._literal) <= 10
    dump_yaml([{"long": "x" * 600, "script": "y\n" * 300}])
    assert "x" * 600 not in scalars._inline and "y\n" * 300 not in scalars._literal
    assert inline("yes") == '"yes"' and inline("yes") == '"yes"'


# JSON --------------------------------------------------------------------------------------------


def test_dump_json_writes_one_document_as_an_object_and_several_as_an_array() -> None:
    assert dump_json([{"b": 1, "a": [1.0, None, True, "é"]}]) == (
        '{\n  "b": 1,\n  "a": [\n    1.0,\n    null,\n    true,\n    "é"\n  ]\n}\n'
    )
    assert dump_json([{"a": {}}, [], "x"]) == '[\n  {\n    "a": {}\n  },\n  [],\n  "x"\n]\n'
    assert dump_json([]) == "[]\n"


def test_dump_json_matches_json_dumps_byte_for_byte() -> None:
    value = {"z": [1e16, -0.0, 5e-324, 10**20, '\x00\n"\\é😀\u2028'], "a": {"": [[]]}}
    assert dump_json([value]) == json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def test_dump_json_escapes_lone_surrogates_so_the_text_stays_encodable() -> None:
    text = dump_json([{"a": "x\ud800"}])
    assert text.encode("utf-8") and "\\ud800" in text
