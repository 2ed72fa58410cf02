"""Seeded round trips: load(dump(x)) == x for generated JSON-like values full of nasty strings."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
import yaml

from designer.domain.yamlio import dump_json, dump_yaml, load_documents

CASES = 2000
PIECES = [
    "", " ", "yes", "No", "on", "y", "~", "null", "0x1F", "0o17", "012", "1_000", "1e3", ".5",
    "+1", "-1", "1:20", ".inf", ".NaN", "2024-01-01", "2024-1-1", "<<", "=", "-", "---", "...",
    "- ", "? ", ": ", " #", "#", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`", "\\", ",",
    "[", "]", "{", "}", "\n", "\n\n", "\t", "\r", "\x00", "\x1b", "\x85", "\u2028", "\ufeff",
    "\xa0", "é", "😀", "日本", "app", "10Gi", "--port=8080", "a: b",
]  # fmt: skip
CHARS = list("ab -:#?,[]{}&*!|>'\"%@`\n\t\\.0123456789eE+_~=<yYnN") + ["\x00", "\x85", "é", "😀"]


def _string(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(PIECES)
    if roll < 0.6:
        return "".join(rng.choice(PIECES) for _ in range(rng.randint(2, 4)))
    return "".join(rng.choice(CHARS) for _ in range(rng.randint(0, 12)))


def _scalar(rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.6:
        return _string(rng)
    if roll < 0.7:
        return rng.randint(-(10**20), 10**20)
    if roll < 0.8:
        return rng.choice(
            [rng.uniform(-1e6, 1e6), float(rng.randint(-100, 100)), 1e16, -0.0, 5e-324,
             rng.uniform(-1, 1) * 10 ** rng.randint(-300, 300)]
        )  # fmt: skip
    if roll < 0.9:
        return rng.random() < 0.5
    return None


def _value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 4 or roll < 0.35:
        return _scalar(rng)
    if roll < 0.7:
        return {_string(rng): _value(rng, depth + 1) for _ in range(rng.randint(0, 4))}
    return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]


def _values(seed: int) -> list[Any]:
    rng = random.Random(seed)
    return [_value(rng) for _ in range(CASES)]


@pytest.mark.parametrize("loader", [yaml.CSafeLoader, yaml.SafeLoader], ids=["libyaml", "pure"])
def test_generated_values_round_trip_through_pyyaml(loader: Any) -> None:
    for value in _values(20240601):
        text = dump_yaml([value])
        assert yaml.load(text, Loader=loader) == value, text


def test_generated_streams_round_trip_through_load_documents() -> None:
    values = [v for v in _values(7) if isinstance(v, dict) and v]
    for start in range(0, len(values), 5):
        chunk = values[start : start + 5]
        docs = load_documents(dump_yaml(chunk, comment="fuzz"))
        assert [doc.data for doc in docs] == chunk


def test_generated_values_are_written_as_json_dumps_writes_them() -> None:
    for value in _values(99):
        expected = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
        assert dump_json([value]) == expected
        # Only objects and arrays take the JSON path; a top-level JSON scalar is read as YAML.
        if isinstance(value, dict | list):
            assert [doc.data for doc in load_documents(expected)] == [value]
