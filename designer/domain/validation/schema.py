"""Strict JSON-schema validation of a workload manifest against one Kubernetes version.

The schemas are the official ``-local-strict`` ones shipped by kubernetes-validate
(``additionalProperties: false``, the same verdict as ``kubectl apply`` with strict field
validation). Each (version, kind) is compiled once per process, on first use.
"""

from __future__ import annotations

import base64
import datetime as _dt
import difflib
import json
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from designer.domain.validation.findings import (
    INVALID,
    NOT_SUPPORTED,
    REQUIRED,
    Finding,
    fmt_value,
)
from designer.domain.versions import SUPPORTED, format_version, parse_version, schema_dir

KIND_FILES: dict[str, str] = {
    "Pod": "pod-v1.json",
    "Deployment": "deployment-apps-v1.json",
    "StatefulSet": "statefulset-apps-v1.json",
    "DaemonSet": "daemonset-apps-v1.json",
    "ReplicaSet": "replicaset-apps-v1.json",
    "Job": "job-batch-v1.json",
    "CronJob": "cronjob-batch-v1.json",
}
SUPPORTED_KINDS: tuple[str, ...] = tuple(KIND_FILES)

_QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
_INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
# What resource.ParseQuantity accepts after the decoder trims spaces (an empty number is 0, so
# "Ki" passes, as in designer.domain.quantity). Anything else is a 400 decode error.
# That is ``^\s*(?=\S)[+-]?[0-9]*(?:\.[0-9]*)?(?:SUFFIX)?\s*$``, written without the lookahead
# (not blank: one of sign, digits, dot or suffix comes first) so that jsonschema-rs can use its
# fast regex engine instead of the backtracking one: a quarter of the schema check's time.
_SUFFIX = r"(?:[numkMGTPE]|[KMGTPE]i|[eE][+-]?[0-9]+)"
_QUANTITY_PATTERN = (
    rf"^\s*(?:[+-][0-9]*(?:\.[0-9]*)?{_SUFFIX}?|[0-9]+(?:\.[0-9]*)?{_SUFFIX}?|\.[0-9]*{_SUFFIX}?"
    rf"|{_SUFFIX})\s*$"
)
_INT_RANGES = {
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
}
_EXAMPLES = {
    (_QUANTITY, False): '"500m" (CPU) or "256Mi" (memory)',
    (_QUANTITY, True): '"500m" (CPU) or "256Mi" (memory)',
    (_INT_OR_STRING, True): 'a port number (8080) or a port name ("http")',
    (_INT_OR_STRING, False): 'a number (1) or a percentage ("25%")',
}
_SPELLING = "check the spelling; fields are case-sensitive"


@dataclass(frozen=True, slots=True)
class _Compiled:
    validator: jsonschema_rs.Validator
    root_fields: frozenset[str]
    fields: dict[str, frozenset[str]]  # definition name -> its property names


_Kind = jsonschema_rs.ValidationErrorKind
_lock = threading.Lock()
_registries: dict[tuple[int, int], tuple[jsonschema_rs.Registry, dict[str, frozenset[str]]]] = {}
_compiled: dict[tuple[tuple[int, int], str], _Compiled] = {}
_field_indexes: dict[tuple[int, int], dict[str, frozenset[str]]] = {}


def _load_json(version: tuple[int, int], name: str) -> dict[str, Any]:
    with open(schema_dir(version) / name, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _field_index(defs: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    return {
        name: frozenset(schema["properties"])
        for name, schema in defs.items()
        if isinstance(schema.get("properties"), dict)
    }


def _bound_integer(schema: dict[str, Any]) -> None:
    bounds = _INT_RANGES.get(schema.get("format", ""))
    types = schema.get("type")
    if bounds and (types == "integer" or (isinstance(types, list) and "integer" in types)):
        schema["minimum"], schema["maximum"] = bounds


def _harden(defs: dict[str, Any]) -> None:
    """Add the checks the API server's decoder makes but the published schemas leave out."""
    for schema in defs.values():
        for prop in schema.get("properties", {}).values():
            _bound_integer(prop)
            if isinstance(prop.get("items"), dict):
                _bound_integer(prop["items"])
            if isinstance(prop.get("additionalProperties"), dict):
                _bound_integer(prop["additionalProperties"])
    quantity = defs.get(_QUANTITY, {}).get("oneOf")
    if isinstance(quantity, list) and quantity:
        quantity[0]["pattern"] = _QUANTITY_PATTERN
    int_or_string = defs.get(_INT_OR_STRING, {}).get("oneOf")
    if isinstance(int_or_string, list) and len(int_or_string) > 1:
        int_or_string[1]["minimum"], int_or_string[1]["maximum"] = _INT_RANGES["int32"]


def _registry(version: tuple[int, int]) -> tuple[jsonschema_rs.Registry, dict[str, frozenset[str]]]:
    cached = _registries.get(version)
    if cached is None:
        document = _load_json(version, "_definitions.json")
        _harden(document["$defs"])
        fields = _field_index(document["$defs"])
        cached = (jsonschema_rs.Registry([(document["$id"], document)]), fields)
        _registries[version] = cached
        _field_indexes.setdefault(version, fields)
    return cached


def _get(version: tuple[int, int], kind: str) -> _Compiled:
    compiled = _compiled.get((version, kind))
    if compiled is not None:
        return compiled
    with _lock:
        compiled = _compiled.get((version, kind))
        if compiled is None:
            registry, fields = _registry(version)
            schema = _load_json(version, KIND_FILES[kind])
            validator = jsonschema_rs.validator_for(schema, registry=registry, offline=True)
            compiled = _Compiled(validator, frozenset(schema.get("properties", ())), fields)
            _compiled[(version, kind)] = compiled
    return compiled


def preload(version: str, kinds: Iterable[str] = SUPPORTED_KINDS) -> float:
    """Compile the validators of ``version`` for ``kinds`` now; returns the seconds it took."""
    start = time.perf_counter()
    parsed = parse_version(version)
    for kind in kinds:
        if kind not in KIND_FILES:
            raise ValueError(f"{kind!r} is not one of {', '.join(SUPPORTED_KINDS)}")
        _get(parsed, kind)
    return time.perf_counter() - start


def validate_schema(manifest: Mapping[str, Any], version: str) -> list[Finding]:
    """Check a manifest against the strict schema of its kind; ``ValueError`` for a bad version."""
    parsed = parse_version(version)
    if not isinstance(manifest, Mapping):
        return [_type_finding("", ["object"], manifest)]
    kind = manifest.get("kind")
    if not isinstance(kind, str) or kind not in KIND_FILES:
        return [_kind_problem(kind)]
    compiled = _get(parsed, kind)
    try:
        # Most manifests are valid, and is_valid skips building error objects.
        if compiled.validator.is_valid(manifest):
            return []
        errors = list(compiled.validator.iter_errors(manifest))
    except (ValueError, TypeError, OverflowError, RecursionError):
        # Values YAML can produce but JSON cannot (timestamps, binary, non-string keys).
        try:
            errors = list(compiled.validator.iter_errors(_jsonable(manifest, 0)))
        except (ValueError, TypeError, OverflowError, RecursionError) as exc:
            return [Finding("error", "schema.invalid", "", f"cannot be checked: {exc}")]
    out: list[Finding] = []
    for error in errors:
        out.extend(_findings(error, compiled, parsed))
    if len(out) > 1:
        # A wrong type also fails the enum of the same field; the type error says it better.
        typed = {f.path for f in out if f.rule == "schema.type"}
        out = [f for f in out if f.rule != "schema.enum" or f.path not in typed]
    return out


def _kind_problem(kind: object) -> Finding:
    if kind is None or kind == "":
        return Finding(
            "error", "schema.required", "kind", REQUIRED,
            "add kind: Pod (or Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob)",
            REQUIRED,
        )
    if not isinstance(kind, str):
        return _type_finding("kind", ["string"], kind)
    hint = "the designer validates " + ", ".join(SUPPORTED_KINDS)
    for known in SUPPORTED_KINDS:
        if known.lower() == kind.lower():
            hint = f'kinds are case-sensitive: write "{known}"'
    return Finding(
        "error", "schema.unsupported-kind", "kind",
        f"{NOT_SUPPORTED}: {fmt_value(kind[:80])}: not a kind the designer can check", hint,
        NOT_SUPPORTED,
    )


def _jsonable(value: object, depth: int) -> object:
    if depth > 200:
        return None
    if isinstance(value, Mapping):
        return {_key(k): _jsonable(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v, depth + 1) for v in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    return str(value)


def _key(key: object) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, bool) or key is None:
        return fmt_value(key)
    return str(key)


# --- turning jsonschema-rs errors into findings ---------------------------------------------


def _render_path(instance_path: list[str | int], evaluation_path: list[str | int]) -> str:
    """``spec.containers[0].resources.limits[cpu]``: list indexes and map keys in brackets."""
    keys: list[bool] = []  # per instance step: is it a map key?
    i, last = 0, len(evaluation_path) - 1
    while i < last:
        token = evaluation_path[i]
        if token == "properties":
            keys.append(False)
            i += 2
            continue
        if token == "additionalProperties":
            keys.append(True)
        elif token == "items":
            keys.append(False)
        i += 1
    if len(keys) != len(instance_path):
        keys = [False] * len(instance_path)
    parts: list[str] = []
    for step, is_key in zip(instance_path, keys, strict=True):
        if isinstance(step, int) or is_key:
            parts.append(f"[{step}]")
        else:
            parts.append(f".{step}" if parts else step)
    return "".join(parts)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _definition(error: jsonschema_rs.ValidationError) -> str | None:
    schema_path = error.schema_path
    if len(schema_path) > 1 and schema_path[0] == "$defs":
        return str(schema_path[1])
    return None


def _findings(
    error: jsonschema_rs.ValidationError, compiled: _Compiled, version: tuple[int, int]
) -> list[Finding]:
    kind = error.kind
    path = _render_path(error.instance_path, error.evaluation_path)
    if isinstance(kind, _Kind.AdditionalProperties):
        definition = _definition(error)
        known = compiled.fields.get(definition, frozenset()) if definition else compiled.root_fields
        return [_unknown_field(_join(path, name), name, definition, known, version)
                for name in kind.unexpected]
    if isinstance(kind, _Kind.Type):
        return [_type_finding(path, kind.types, error.instance)]
    if isinstance(kind, _Kind.Required):
        return [Finding("error", "schema.required", _join(path, kind.property), REQUIRED,
                        f'add "{kind.property}" here', REQUIRED)]
    if isinstance(kind, _Kind.Enum):
        values = ", ".join(fmt_value(o) for o in kind.options if isinstance(o, str))
        return [Finding("error", "schema.enum", path,
                        f"{NOT_SUPPORTED}: {_short(error.instance)}: supported values: {values}",
                        "write one of the supported values exactly (case-sensitive)",
                        NOT_SUPPORTED)]
    if isinstance(kind, (_Kind.OneOfNotValid, _Kind.OneOfMultipleValid)):
        return [_one_of(path, error)]
    if isinstance(kind, (_Kind.Maximum, _Kind.Minimum)):
        return [_out_of_range(path, error.instance, kind.limit)]
    return [Finding("error", "schema.invalid", path, error.message, "", INVALID)]


def _unknown_field(
    path: str, name: str, definition: str | None, known: frozenset[str], version: tuple[int, int]
) -> Finding:
    hint = _SPELLING
    suggestion = next((k for k in known if k.lower() == name.lower()), None)
    elsewhere = _versions_with_field(definition, name, version) if definition else []
    if suggestion is None and not elsewhere:
        close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
        suggestion = close[0] if close else None
    if suggestion is not None:
        hint = f'did you mean "{suggestion}"? Check the spelling; fields are case-sensitive'
    elif newer := [v for v in elsewhere if v > version]:
        hint = (f'"{name}" exists from Kubernetes {format_version(newer[0])} on, not in '
                f"{format_version(version)}: raise the target version or remove the field")
    elif elsewhere:
        hint = f'"{name}" was removed after Kubernetes {format_version(elsewhere[-1])}'
    return Finding("error", "schema.unknown-field", path, f'unknown field "{path}"', hint)


def _versions_with_field(
    definition: str, name: str, version: tuple[int, int]
) -> list[tuple[int, int]]:
    """The other supported versions whose ``definition`` has a field ``name``."""
    found = []
    for other in SUPPORTED:
        index = _field_indexes.get(other)
        if index is None:
            with _lock:
                index = _field_indexes.get(other)
                if index is None:
                    index = _field_index(_load_json(other, "_definitions.json")["$defs"])
                    _field_indexes[other] = index
        if other != version and name in index.get(definition, ()):
            found.append(other)
    return found


_TYPE_WORDS = {"string": "a string", "integer": "an integer", "number": "a number",
               "boolean": "a boolean (true or false)", "array": "a list", "object": "a mapping"}


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    for python_type, name in ((bool, "boolean"), (int, "integer"), (float, "number"),
                              (str, "string"), ((list, tuple), "array")):
        if isinstance(value, python_type):
            return name
    return "object"


def _short(value: object) -> str:
    text = fmt_value(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(value: object) -> str:
    kind = _json_type(value)
    if kind in ("array", "object"):
        return _TYPE_WORDS[kind]
    return "null" if kind == "null" else f"the {kind} {_short(value)}"


def _type_finding(path: str, types: Iterable[str], value: object) -> Finding:
    expected = [t for t in types if t != "null"] or ["null"]
    actual = _json_type(value)
    hint = ""
    if isinstance(value, str):
        if ("integer" in expected or "number" in expected) and _is_number(value):
            hint = f"write {value.strip()} without quotes"
        elif "boolean" in expected and value.lower() in ("true", "false"):
            hint = f"write {value.lower()} without quotes"
        elif "array" in expected:
            hint = 'this field is a list: write ["..."] or one "- item" per line'
    elif "string" in expected and actual in ("integer", "number", "boolean"):
        hint = f'put the value in quotes: "{fmt_value(value)}"'
    if not hint and "array" in expected:
        hint = 'this field is a list: start each item with "- "'
    elif not hint and "object" in expected:
        hint = "this field is a mapping: write key: value pairs under it"
    wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
    return Finding("error", "schema.type", path, f"must be {wanted}, not {_describe(value)}",
                   hint, INVALID)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _one_of(path: str, error: jsonschema_rs.ValidationError) -> Finding:
    """Quantity and IntOrString are oneOf string/number: say what the field wants instead."""
    definition, value, kind = _definition(error), error.instance, error.kind
    if value is None and definition in (_QUANTITY, _INT_OR_STRING):
        # Both branches accept null, so the schema rejects it; the server's decoder reads it as
        # the zero value (or unset), so it is a mistake, not a rejection.
        zero = "0" if definition == _QUANTITY else "unset or 0"
        return Finding("warning", "schema.type", path,
                       f"null: the API server reads it as {zero}",
                       f"set a value, e.g. {_EXAMPLES[definition, path.endswith('port')]}, "
                       "or remove the key")
    branches = [e for branch in kind.context for e in branch] if isinstance(
        kind, _Kind.OneOfNotValid) else []
    if definition == _QUANTITY:
        if isinstance(value, str) and any(isinstance(e.kind, _Kind.Pattern) for e in branches):
            return Finding("error", "schema.invalid", path,
                           f"{INVALID}: {_short(value)}: not a quantity",
                           'write a number with an optional unit, like "500m", "0.5", '
                           '"128Mi" or "2G"', INVALID)
        return Finding("error", "schema.type", path,
                       f"must be a quantity, not {_describe(value)}",
                       f"use a string such as {_EXAMPLES[definition, False]}", INVALID)
    if definition == _INT_OR_STRING:
        for e in branches:
            if isinstance(e.kind, (_Kind.Maximum, _Kind.Minimum)):
                return _out_of_range(path, value, e.kind.limit)
        return Finding("error", "schema.type", path,
                       f"must be an integer or a string, not {_describe(value)}",
                       f"use {_EXAMPLES[definition, path.endswith('port')]}", INVALID)
    return Finding("error", "schema.invalid", path,
                   f"{INVALID}: {_describe(value)}: does not match any allowed form", "", INVALID)


def _out_of_range(path: str, value: object, limit: object) -> Finding:
    bits = 32 if isinstance(limit, int) and abs(limit) <= 2**31 else 64
    return Finding("error", "schema.invalid", path,
                   f"{INVALID}: {_short(value)}: does not fit in a {bits}-bit integer",
                   "the API server cannot decode this number: use a smaller one", INVALID)
