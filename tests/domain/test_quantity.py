"""resource.Quantity parsing and canonical formatting (ParseQuantity, Quantity.String)."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from designer.domain.quantity import (
    BINARY_SI,
    DECIMAL_EXPONENT,
    DECIMAL_SI,
    ERR_FORMAT,
    ERR_SUFFIX,
    MAX_INT64,
    canonical,
    format_quantity,
    parse_quantity,
    parse_quantity_format,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("500m", Fraction(1, 2)),
        ("1Gi", Fraction(2**30)),
        ("1e3", Fraction(1000)),
        ("1E3", Fraction(1000)),
        ("0.5", Fraction(1, 2)),
        (".5", Fraction(1, 2)),
        ("1.", Fraction(1)),
        ("2", Fraction(2)),
        ("-1", Fraction(-1)),
        ("+7k", Fraction(7000)),
        ("1E", Fraction(10**18)),
        ("128974848", Fraction(128974848)),
        ("129e6", Fraction(129_000_000)),
        ("123Mi", Fraction(123 * 2**20)),
        ("100n", Fraction(1, 10**7)),
        ("3u", Fraction(3, 10**6)),
        ("1e-3", Fraction(1, 1000)),
        ("0", Fraction(0)),
        ("  250m ", Fraction(1, 4)),
    ],
)
def test_parse_quantity_reads_every_suffix_form(text: str, value: Fraction) -> None:
    assert parse_quantity(text) == value


@pytest.mark.parametrize(
    ("number", "value"),
    [(2, Fraction(2)), (0.5, Fraction(1, 2)), (1e20, Fraction(10**20)), (0, Fraction(0)),
     (1e-05, Fraction(1, 100000))],
)
def test_parse_quantity_accepts_yaml_numbers(number: float, value: Fraction) -> None:
    assert parse_quantity(number) == value


def test_parse_quantity_treats_null_as_zero_like_the_json_decoder() -> None:
    assert parse_quantity(None) == 0


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("1.5.2", ERR_FORMAT),
        ("", ERR_FORMAT),
        ("abc", ERR_FORMAT),
        ("1 Gi", ERR_FORMAT),
        ("1K", ERR_SUFFIX),
        ("1e", ERR_SUFFIX),
        ("1ki", ERR_SUFFIX),
        ("1Mi5", ERR_SUFFIX),
        ("1ee3", ERR_SUFFIX),
        ("1e99999999999999999999", ERR_SUFFIX),
    ],
)
def test_parse_quantity_rejects_bad_syntax_with_the_server_message(bad: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        parse_quantity(bad)


@pytest.mark.parametrize("garbage", [True, False, [], {}, float("inf"), float("nan"), object()])
def test_parse_quantity_rejects_values_that_are_not_numbers_or_strings(garbage: object) -> None:
    with pytest.raises(ValueError):
        parse_quantity(garbage)


def test_parse_quantity_rounds_up_to_the_nanounit_away_from_zero() -> None:
    assert parse_quantity("0.1n") == Fraction(1, 10**9)
    assert parse_quantity("-0.1n") == Fraction(-1, 10**9)
    assert parse_quantity("1.0000000001") == Fraction(1_000_000_001, 10**9)


def test_parse_quantity_caps_binary_values_at_max_int64() -> None:
    assert parse_quantity("9Ei") == MAX_INT64
    assert parse_quantity("-9Ei") == -MAX_INT64


def test_parse_quantity_keeps_huge_decimal_values_exact() -> None:
    assert parse_quantity("123456789012345678901234567890") == 123456789012345678901234567890


def test_parse_quantity_survives_absurd_exponents() -> None:
    assert parse_quantity("1e-5000") == Fraction(1, 10**9)
    assert parse_quantity("1e5000") > 10**900


def test_parse_quantity_truncates_the_exponent_to_int32_like_the_server() -> None:
    assert parse_quantity("1e4294967299") == 1000


def test_parse_quantity_accepts_an_empty_number_part_as_the_server_does() -> None:
    assert parse_quantity("Ki") == 0
    assert parse_quantity("-") == 0


def test_parse_quantity_format_reports_the_suffix_family() -> None:
    assert parse_quantity_format("1Gi")[1] == BINARY_SI
    assert parse_quantity_format("1G")[1] == DECIMAL_SI
    assert parse_quantity_format("1e9")[1] == DECIMAL_EXPONENT
    assert parse_quantity_format("0.5Ki")[1] == BINARY_SI
    # A binary value below one unit is printed in decimal form.
    assert parse_quantity_format("0.0005Ki")[1] == DECIMAL_SI


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5", "1500m"),
        ("1.5Gi", "1536Mi"),
        ("1024Ki", "1Mi"),
        ("1025", "1025"),
        ("1000m", "1"),
        ("0.5", "500m"),
        ("1e3", "1e3"),
        ("1e20", "100e18"),
        ("129e-2", "1290e-3"),
        ("1.0001", "1000100u"),
        ("100Mi", "100Mi"),
        ("0.5Gi", "512Mi"),
        ("1.1Ki", "1126400m"),
        ("-1.5Gi", "-1536Mi"),
        ("0", "0"),
        ("00", "0"),
        ("9Ei", "9223372036854775807"),
        ("1E", "1E"),
        ("1000k", "1M"),
    ],
)
def test_canonical_prints_quantities_like_quantity_string(text: str, expected: str) -> None:
    assert canonical(text) == expected


def test_format_quantity_of_a_sum_keeps_exact_values() -> None:
    total = parse_quantity("250m") + parse_quantity("0.5") + parse_quantity("1")
    assert format_quantity(total, DECIMAL_SI) == "1750m"


def test_parse_quantity_is_fast_enough_for_hundreds_of_values() -> None:
    # Cached: re-parsing the same strings must not redo the work.
    for _ in range(1000):
        parse_quantity("500m")
        parse_quantity("128Mi")
    assert parse_quantity("128Mi") == 128 * 2**20
