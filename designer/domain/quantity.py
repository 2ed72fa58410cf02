"""Kubernetes resource quantities (``k8s.io/apimachinery`` ``resource.Quantity``), exact arithmetic.

``parse_quantity`` accepts what the API server's JSON decoder accepts: strings such as ``500m``,
``1Gi``, ``1e3``, ``.5``, and plain JSON numbers (YAML ints and floats). Values are exact
``Fraction``s (``parse_nano`` gives the same as an integer count of nanounits, for speed), rounded
away from zero to the nanounit as the server does; binary-suffixed values are capped at 2^63-1.
``format_quantity`` renders the server's canonical form (``1.5`` -> ``1500m``, ``1.5Gi`` ->
``1536Mi``), which is what its error messages quote.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from functools import lru_cache

DECIMAL_SI = "DecimalSI"
BINARY_SI = "BinarySI"
DECIMAL_EXPONENT = "DecimalExponent"

ERR_FORMAT = (
    "quantities must match the regular expression "
    "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
)
ERR_NUMERIC = "unable to parse numeric part of quantity"
ERR_SUFFIX = "unable to parse quantity's suffix"

MAX_INT64 = 2**63 - 1
NANO = 10**9
# Exponents are clamped so "1e999999999" cannot make us build a gigantic integer; far beyond any
# real quantity, and values below 1e-1000 round up to 1n either way.
_EXP_LIMIT = 1000

# Mirrors the server's scanner: sign, digits, optional fraction, then suffix letters, an optional
# sign and digits. The number part may be empty ("Ki" and "-" decode as zero on the server too).
_SCAN = re.compile(r"([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)")
_DECIMAL = {"": 0, "n": -9, "u": -6, "m": -3, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_BINARY = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_DECIMAL_BY_EXP = {exp: suffix for suffix, exp in _DECIMAL.items()}
_BINARY_BY_EXP = {exp // 10: suffix for suffix, exp in _BINARY.items()}
_INT64_TEXT = re.compile(r"[+-]?[0-9]+")


def parse_quantity(value: object) -> Fraction:
    """Exact value of a quantity; raises ``ValueError`` (server message) on bad syntax."""
    nano = parse_nano(value)[0]
    return Fraction(nano, NANO)


def parse_quantity_format(value: object) -> tuple[Fraction, str]:
    """Exact value and format (``DecimalSI``/``BinarySI``/``DecimalExponent``) of a quantity."""
    nano, fmt = parse_nano(value)
    return Fraction(nano, NANO), fmt


def parse_nano(value: object) -> tuple[int, str]:
    """The quantity as an integer count of nanounits, and its format; fast and exact."""
    if isinstance(value, str):
        result = _parse_text(str(value).strip())
    elif value is None:
        return 0, DECIMAL_SI  # JSON null decodes to the zero quantity
    elif isinstance(value, int) and not isinstance(value, bool):
        result = _parse_text(str(int(value)))
    elif isinstance(value, float) and math.isfinite(value):
        result = _parse_text(repr(float(value)))  # what json.dumps writes, so what the server reads
    else:
        raise ValueError(ERR_FORMAT)
    if result.__class__ is str:
        raise ValueError(result)
    return result  # type: ignore[return-value]


def canonical(value: object) -> str:
    """Canonical string of a quantity as the server prints it; raises ``ValueError`` if bad."""
    nano, fmt = parse_nano(value)
    return format_nano(nano, fmt)


@lru_cache(maxsize=4096)
def _parse_text(text: str) -> tuple[int, str] | str:
    if not text:
        return ERR_FORMAT
    match = _SCAN.fullmatch(text)
    if match is None:
        return ERR_FORMAT
    sign, whole, frac, suffix = match.groups()
    frac = frac or ""
    if suffix in _DECIMAL:
        base, exp, fmt = 10, _DECIMAL[suffix], DECIMAL_SI
    elif suffix in _BINARY:
        base, exp, fmt = 2, _BINARY[suffix], BINARY_SI
    elif len(suffix) > 1 and suffix[0] in "eE" and _INT64_TEXT.fullmatch(suffix[1:]):
        parsed = int(suffix[1:])
        if not -(2**63) <= parsed <= MAX_INT64:
            return ERR_SUFFIX
        # The server truncates the exponent to int32.
        exp = (parsed + 2**31) % 2**32 - 2**31
        base, fmt = 10, DECIMAL_EXPONENT
    else:
        return ERR_SUFFIX
    try:
        mantissa = int(whole + frac) if whole or frac else 0
    except ValueError:  # more digits than Python converts; nobody writes such quantities
        return ERR_NUMERIC
    # amount = mantissa / 10**len(frac) * base**exp, counted in nanounits and rounded up.
    num, den = mantissa * NANO, 10 ** len(frac)
    if base == 10:
        exp = max(-_EXP_LIMIT, min(_EXP_LIMIT, exp))
        if exp >= 0:
            num *= 10**exp
        else:
            den *= 10**-exp
    else:
        num <<= exp
    nano = -(-num // den)
    if fmt == BINARY_SI:
        if nano > MAX_INT64 * NANO:
            nano = MAX_INT64 * NANO
        elif 0 < nano < NANO:
            fmt = DECIMAL_SI
    return (-nano if sign == "-" else nano), fmt


def format_quantity(amount: Fraction, fmt: str = DECIMAL_SI) -> str:
    """Canonical string of an exact amount in the given format (``Quantity.String()``)."""
    scaled = amount * NANO
    return format_nano(math.ceil(scaled) if scaled >= 0 else math.floor(scaled), fmt)


def format_nano(nano: int, fmt: str = DECIMAL_SI) -> str:
    """Canonical string of an amount given in nanounits."""
    if nano == 0:
        return "0"
    if fmt == BINARY_SI and (-1024 * NANO < nano < 1024 * NANO or nano % NANO):
        fmt = DECIMAL_SI
    if fmt == BINARY_SI:
        number, exp = nano // NANO, 0
        while exp < 6 and number % 1024 == 0:
            number //= 1024
            exp += 1
        return f"{number}{_BINARY_BY_EXP.get(exp, '')}"
    mantissa, exp = nano, -9
    while mantissa % 10 == 0:
        mantissa //= 10
        exp += 1
    while exp % 3:
        mantissa *= 10
        exp -= 1
    if fmt == DECIMAL_SI and exp in _DECIMAL_BY_EXP:
        return f"{mantissa}{_DECIMAL_BY_EXP[exp]}"
    return f"{mantissa}e{exp}" if exp else str(mantissa)
