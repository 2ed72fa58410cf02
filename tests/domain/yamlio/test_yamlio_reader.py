"""load_documents: hostile input is refused quickly and clearly; manifests load as JSON values."""

from __future__ import annotations

import codecs
import contextlib
import random
import time
from collections.abc import Callable
from typing import Any

import pytest

from designer.domain.errors import ManifestError
from designer.domain.yamlio import LoadedDocument, load_documents
from designer.domain.yamlio.reader import _FastLoader, _load, _PureLoader

Loader = Callable[..., list[LoadedDocument]]


def _pure(text: str | bytes, **limits: int) -> list[LoadedDocument]:
    bounds = {"max_bytes": 2_000_000, "max_depth": 64, "max_nodes": 200_000, **limits}
    return _load(text, _PureLoader, **bounds)


# Every behaviour must hold with libyaml and with the pure-Python fallback.
LOADERS = pytest.mark.parametrize("load", [load_documents, _pure], ids=["libyaml", "pure"])


def _error(load: Loader, text: str | bytes, **limits: int) -> ManifestError:
    started = time.perf_counter()
    with pytest.raises(ManifestError) as caught:
        load(text, **limits)
    assert time.perf_counter() - started < 2.0, "hostile input must be refused quickly"
    return caught.value


def _data(load: Loader, text: str | bytes) -> list[Any]:
    return [doc.data for doc in load(text)]


def test_libyaml_is_available_so_the_fast_loader_is_the_c_one() -> None:
    assert _FastLoader.__mro__[1].__name__ == "CSafeLoader"


# Hostile input -----------------------------------------------------------------------------------


@LOADERS
def test_an_alias_bomb_is_refused_before_anything_expands(load: Loader) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        prev = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    error = _error(load, "\n".join(lines))
    assert "aliases (*a) are not supported" in error.message
    assert (error.line, error.column) == (2, 8)


@LOADERS
def test_a_single_alias_is_refused_too(load: Loader) -> None:
    error = _error(load, "base: &b {x: 1}\nother: *b\n")
    assert "aliases" in error.message
    assert (error.line, error.column) == (2, 8)


@LOADERS
def test_an_anchor_without_alias_is_harmless_and_loads(load: Loader) -> None:
    assert _data(load, "a: &x 1\n") == [{"a": 1}]


@LOADERS
@pytest.mark.parametrize(
    "text",  # 100 000 levels would crash libyaml's composer (SIGSEGV) without the guard
    [
        "[" * 100_000,
        "{a: " * 100_000,
        "- " * 100_000 + "x",
        "".join(" " * level + "a:\n" for level in range(200)),
    ],
    ids=["flow-seq", "flow-map", "block-seq", "block-map"],
)
def test_deep_nesting_is_refused_without_crashing(load: Loader, text: str) -> None:
    error = _error(load, text)
    assert "nested too deeply (more than 64 levels)" in error.message
    assert error.line is not None and error.column is not None


@LOADERS
def test_nesting_exactly_at_the_depth_limit_loads(load: Loader) -> None:
    text = "[" * 64 + "]" * 64
    value = load(text)[0].data
    for _ in range(63):
        value = value[0]
    assert value == []
    assert "more than 3 levels" in _error(load, "a: {b: {c: {d: 1}}}", max_depth=3).message


@LOADERS
def test_too_many_values_are_refused_with_the_position_of_the_first_one_over(load: Loader) -> None:
    error = _error(load, "a: [1, 2, 3]\nb: [4, 5]\n", max_nodes=6)
    assert "too many values (more than 6)" in error.message
    assert (error.line, error.column) == (2, 1)


def test_too_many_values_in_json_are_refused_too() -> None:
    error = _error(load_documents, '{"a": [1, 2, 3], "b": [4, 5]}', max_nodes=6)
    assert "too many values" in error.message


@LOADERS
def test_input_over_the_size_cap_is_refused_before_parsing(load: Loader) -> None:
    big = "a: " + "x" * 2_000_000
    assert "too large" in _error(load, big).message
    assert "too large" in _error(load, big.encode()).message
    assert "limit is 10 bytes" in _error(load, "a: 12345678", max_bytes=10).message


@LOADERS
def test_the_size_cap_counts_utf8_bytes_not_characters(load: Loader) -> None:
    assert _data(load, "a: " + "é" * 10) == [{"a": "é" * 10}]
    assert "too large" in _error(load, "a: " + "é" * 10, max_bytes=20).message


@LOADERS
def test_bytes_that_are_not_utf8_are_refused_with_their_position(load: Loader) -> None:
    error = _error(load, b"a: 1\nb: caf\xe9\n")
    assert "not valid UTF-8" in error.message and "0xe9" in error.message
    assert (error.line, error.column) == (2, 7)


@LOADERS
def test_a_nul_character_is_refused_with_a_hint(load: Loader) -> None:
    error = _error(load, "a: 1\nb: x\x00y\n")
    assert "NUL character" in error.message
    assert (error.line, error.column) == (2, 5)
    assert "NUL" in _error(load, b"a: \x00").message


@LOADERS
def test_utf16_without_a_byte_order_mark_reads_as_nul_characters(load: Loader) -> None:
    assert "UTF-16 without a byte order mark" in _error(load, "a: 1".encode("utf-16-le")).message


@LOADERS
@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x7f", "\x9f", "\ufffe", "\ud800"])
def test_control_characters_and_invalid_code_points_are_refused(load: Loader, char: str) -> None:
    error = _error(load, f"a: b{char}c")
    assert f"U+{ord(char):04X}" in error.message
    assert (error.line, error.column) == (1, 5)


@LOADERS
def test_tab_indentation_is_a_syntax_error_that_says_so(load: Loader) -> None:
    error = _error(load, "spec:\n\tcontainers: []\n")
    assert error.message.startswith("YAML syntax error: found character")
    assert "tabs cannot indent YAML" in error.message
    assert (error.line, error.column) == (2, 1)


@LOADERS
def test_a_syntax_error_reads_like_a_sentence_with_its_position(load: Loader) -> None:
    error = _error(load, "kind: Pod\nmetadata: name: x\n")
    assert error.message.startswith("YAML syntax error: mapping values are not allowed")
    assert (error.line, error.column) == (2, 15)
    assert str(error).endswith("(line 2, column 15)")


@LOADERS
def test_an_unclosed_quote_is_a_syntax_error(load: Loader) -> None:
    error = _error(load, 'a: "open\nb: 2\n')
    assert "YAML syntax error" in error.message and "quoted scalar" in error.message
    assert error.line is not None


@LOADERS
@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("1: x", "'1' is read as a number"),
        ("1.5: x", "'1.5' is read as a number"),
        ("null: x", "'null' is read as null"),
        ("~: x", "'~' is read as null"),
        ("yes: x", "'yes' is read as a boolean"),
        ("true: x", "'true' is read as a boolean"),
        ("? [a]\n: x", "not a list"),
        ("? {a: 1}\n: x", "not a mapping"),
        ("a:\n  1: x", "'1' is read as a number"),
    ],
)
def test_keys_that_are_not_strings_are_refused(load: Loader, text: str, shown: str) -> None:
    error = _error(load, text)
    assert error.message.startswith("mapping keys must be strings")
    assert shown in error.message
    assert error.line is not None


@LOADERS
def test_quoted_keys_that_look_like_other_types_are_strings(load: Loader) -> None:
    assert _data(load, '"1": a\n"null": b\n\'yes\': c\n!!str 2: d\n') == [
        {"1": "a", "null": "b", "yes": "c", "2": "d"}
    ]


@LOADERS
@pytest.mark.parametrize(
    "text",
    ["a: !!binary aGVsbG8=", "a: !!set {x}", "a: !!omap [{x: 1}]", "a: !!pairs [{x: 1}]",
     "a: !custom x", "a: !!python/object:os.system x", "a: !<tag:example.com,2000:x> y"],
)  # fmt: skip
def test_tags_json_cannot_carry_are_refused(load: Loader, text: str) -> None:
    error = _error(load, text)
    assert "is not supported" in error.message
    assert (error.line, error.column) == (1, 4)


@LOADERS
@pytest.mark.parametrize("text", [".inf", "-.Inf", "+.INF", ".nan", ".NaN", "1.0e+400"])
def test_infinite_and_nan_numbers_are_refused(load: Loader, text: str) -> None:
    error = _error(load, f"a: {text}")
    assert "not a finite number" in error.message
    assert (error.line, error.column) == (1, 4)
    assert _data(load, f'a: "{text}"') == [{"a": text}]


@LOADERS
@pytest.mark.parametrize(
    ("text", "problem"),
    [("0b_", "not a valid integer"), ("!!int x", "not a valid integer"),
     ("!!float x", "not a valid number"), ("!!bool maybe", "not a valid boolean")],
)  # fmt: skip
def test_values_pyyaml_itself_would_crash_on_are_clear_errors(
    load: Loader, text: str, problem: str
) -> None:
    assert problem in _error(load, f"a: {text}").message


@LOADERS
def test_duplicate_keys_keep_the_last_value_as_pyyaml_does(load: Loader) -> None:
    # Documented behaviour: PyYAML keeps the last; validation downstream sees only that value.
    assert _data(load, "a: 1\nb: 2\na: 3\n") == [{"a": 3, "b": 2}]


@LOADERS
def test_garbage_never_raises_anything_but_manifest_error(load: Loader) -> None:
    rng = random.Random(20240601)
    alphabet = "ab:- \n\t[]{}&*!|>'\"%@`#?,.0123456789~\\\x00\x85é"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        with contextlib.suppress(ManifestError):
            load(text)
    for _ in range(100):
        with contextlib.suppress(ManifestError):
            load(rng.randbytes(rng.randint(0, 40)))


def test_a_value_that_is_neither_text_nor_bytes_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        load_documents(42)  # type: ignore[arg-type]


# Values ------------------------------------------------------------------------------------------


@LOADERS
def test_unquoted_dates_and_timestamps_stay_the_original_strings(load: Loader) -> None:
    text = "d: 2024-01-01\nt: 2001-12-14t21:59:43.10-05:00\ne: !!timestamp 2001-01-01\n"
    assert _data(load, text) == [
        {"d": "2024-01-01", "t": "2001-12-14t21:59:43.10-05:00", "e": "2001-01-01"}
    ]


@LOADERS
def test_yaml_1_1_booleans_are_read_as_pyyaml_and_kubectl_read_them(load: Loader) -> None:
    assert _data(load, "a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: true\n") == [
        {"a": True, "b": False, "c": True, "d": False, "e": "y", "f": True}
    ]


@LOADERS
def test_numbers_nulls_and_strings_are_typed_as_in_yaml_1_1(load: Loader) -> None:
    text = "a: 0x1F\nb: 017\nc: 1_000\nd: 1.5\ne: ~\nf: 1e3\ng: '80'\nh: =\ni: 1:20\n"
    assert _data(load, text) == [
        {"a": 31, "b": 15, "c": 1000, "d": 1.5, "e": None, "f": "1e3", "g": "80", "h": "=",
         "i": 80}
    ]  # fmt: skip


@LOADERS
def test_an_inline_merge_key_merges_as_kubectl_does(load: Loader) -> None:
    assert _data(load, "<<: {a: 1, b: 2}\nb: 3\n") == [{"a": 1, "b": 3}]


@LOADERS
def test_a_multi_document_stream_skips_empty_documents_and_keeps_start_lines(
    load: Loader,
) -> None:
    text = "# header\n---\n---\napiVersion: v1\nkind: Pod\n---\n# only a comment\n---\n\nkind: X\n"
    text += "...\n"
    docs = load(text)
    assert [doc.data for doc in docs] == [{"apiVersion": "v1", "kind": "Pod"}, {"kind": "X"}]
    assert [doc.line for doc in docs] == [4, 10]


@LOADERS
def test_explicit_null_and_scalar_documents_are_kept_for_the_caller_to_judge(load: Loader) -> None:
    assert _data(load, "--- null\n--- just text\n--- [1]\n") == [None, "just text", [1]]


@LOADERS
def test_an_empty_stream_has_no_documents(load: Loader) -> None:
    assert load("") == [] and load("\n# nothing\n") == [] and load(b"") == []


@LOADERS
@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + "a: é\n".encode(),
        codecs.BOM_UTF16_LE + "a: é\n".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "a: é\n".encode("utf-16-be"),
        codecs.BOM_UTF32_LE + "a: é\n".encode("utf-32-le"),
        codecs.BOM_UTF32_BE + "a: é\n".encode("utf-32-be"),
        "\ufeffa: é\n",
    ],
    ids=["utf8-bom", "utf16le", "utf16be", "utf32le", "utf32be", "str-bom"],
)
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(load: Loader, encoded: Any) -> None:
    assert _data(load, encoded) == [{"a": "é"}]


# JSON --------------------------------------------------------------------------------------------


def test_json_numbers_keep_their_json_meaning() -> None:
    assert _data(load_documents, '{"a": 1e3, "b": 1E-2, "c": 10, "d": "1e3"}') == [
        {"a": 1000.0, "b": 0.01, "c": 10, "d": "1e3"}
    ]


def test_concatenated_json_documents_each_get_their_start_line() -> None:
    docs = load_documents('{"kind": "A"}\n\n{"kind": "B"} [1]\n')
    assert [(doc.data, doc.line) for doc in docs] == [({"kind": "A"}, 1), ({"kind": "B"}, 3),
                                                      ([1], 3)]  # fmt: skip


@pytest.mark.parametrize("text", ['{"a": NaN}', '{"a": Infinity}', '{"a": -Infinity}',
                                  '{"a": 1e400}'])  # fmt: skip
def test_json_without_a_finite_value_is_refused(text: str) -> None:
    assert "number" in _error(load_documents, text).message


def test_json_with_a_lone_surrogate_escape_is_refused_but_pairs_are_fine() -> None:
    assert _data(load_documents, '{"a": "\\ud83d\\ude00"}') == [{"a": "😀"}]
    assert "lone surrogate" in _error(load_documents, '{"a": "\\udc00"}').message


def test_deep_json_is_refused_with_the_position_of_the_bracket_too_deep() -> None:
    error = _error(load_documents, '{"a":' + "[" * 100 + "]" * 100 + "}")
    assert "nested too deeply" in error.message
    assert (error.line, error.column) == (1, 69)


def test_brackets_inside_json_strings_do_not_count_as_nesting() -> None:
    assert _data(load_documents, '{"a": "' + "[" * 200 + '"}') == [{"a": "[" * 200}]


def test_an_unterminated_json_string_full_of_escapes_is_refused_quickly() -> None:
    assert "YAML syntax error" in _error(load_documents, '{"a": "' + '\\"' * 200_000).message


def test_json_like_flow_yaml_falls_back_to_the_yaml_reader() -> None:
    assert _data(load_documents, '{"a": 1,}') == [{"a": 1}]
    assert _data(load_documents, "{a: yes}") == [{"a": True}]
