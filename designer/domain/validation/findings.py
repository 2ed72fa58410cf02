"""Findings: what validation says about a design, in the API server's own terms.

A finding carries the field path of the exported Pod manifest (``spec.containers[0].name``), the
error type the API server would report (``Duplicate value``, ``Required value`` ...), a stable rule
id and, once pinned by the design-level ``validate()``, the id of the design element at fault.

Rule id conventions (stable: the editor, tests and users refer to them):
- ``api.<FunctionName>.<what>``: a rule of the API server, named after the validation.go function
  that enforces it (``api.validateContainers.duplicate-name``). Severity ``error`` when the API
  server rejects the manifest; ``warning`` for what it accepts but is probably a mistake.
- ``schema.<what>``: the JSON schema of the target Kubernetes version (``schema.unknown-field``).
- ``lint.<name>``: best-practice lints (``lint.latest-tag``); the hint names the kube-linter /
  Polaris / kube-score check ids.
- ``design.<what>``: designer-level facts (``design.sidecar-below-1.29``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
Layer = Literal["schema", "api", "lint", "design"]

# The error types of k8s.io/apimachinery/pkg/util/validation/field, as they read in a 422 response.
REQUIRED = "Required value"
INVALID = "Invalid value"
DUPLICATE = "Duplicate value"
NOT_SUPPORTED = "Unsupported value"
FORBIDDEN = "Forbidden"
NOT_FOUND = "Not found"
TOO_LONG = "Too long"
TOO_MANY = "Too many"


@dataclass(frozen=True, slots=True, init=False)
class Finding:
    """One thing validation has to say, pinned to a manifest path (and later a design element)."""

    severity: Severity
    rule: str
    path: str
    message: str
    hint: str = ""
    error_type: str = ""
    element: str | None = None

    # Hand-written: the generated frozen __init__ calls object.__setattr__ per field, and a big
    # Pod builds a few hundred findings per validation. Setting the slots through their
    # descriptors is about twice as fast and keeps the instance just as immutable.
    def __init__(
        self,
        severity: Severity,
        rule: str,
        path: str,
        message: str,
        hint: str = "",
        error_type: str = "",
        element: str | None = None,
    ) -> None:
        _set_severity(self, severity)
        _set_rule(self, rule)
        _set_path(self, path)
        _set_message(self, message)
        _set_hint(self, hint)
        _set_error_type(self, error_type)
        _set_element(self, element)

    @property
    def layer(self) -> Layer:
        prefix = self.rule.split(".", 1)[0]
        if prefix in ("schema", "api", "lint", "design"):
            return prefix  # type: ignore[return-value]
        return "design"

    def pinned(self, element: str | None) -> Finding:
        # A copy set through the slot descriptors: dataclasses.replace costs several times more,
        # and a big Pod yields over a hundred findings per validation.
        new = _new(Finding)
        _set_severity(new, self.severity)
        _set_rule(new, self.rule)
        _set_path(new, self.path)
        _set_message(new, self.message)
        _set_hint(new, self.hint)
        _set_error_type(new, self.error_type)
        _set_element(new, element)
        return new

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "rule": self.rule,
            "path": self.path,
            "message": self.message,
            "hint": self.hint,
            "type": self.error_type,
            "element": self.element,
            "layer": self.layer,
        }

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


_new = object.__new__
(_set_severity, _set_rule, _set_path, _set_message, _set_hint, _set_error_type, _set_element) = (
    getattr(Finding, name).__set__
    for name in ("severity", "rule", "path", "message", "hint", "error_type", "element")
)


def pin_path(elements: Mapping[str, str], path: str) -> str:
    """The element mapped to the longest prefix of ``path`` (cut before a ``.`` or ``[``), or
    ``elements[""]`` when none is: how a finding's path is pinned to a design element."""
    found = elements.get(path)
    while found is None:
        if not path:
            return elements[""]
        dot, bracket = path.rfind("."), path.rfind("[")  # cut the last segment
        path = path[: dot if dot > bracket else max(bracket, 0)]
        found = elements.get(path)
    return found


def fmt_value(value: object) -> str:
    """Render a bad value the way field.Error does: strings quoted, numbers and bools bare."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return repr(value)


# Constructors mirroring field.Required/Invalid/Duplicate/NotSupported/Forbidden/NotFound/TooLong.
# They build errors; rules that the server accepts build warnings with ``warning()``.


def required(rule: str, path: str, detail: str = "", hint: str = "") -> Finding:
    msg = REQUIRED + (f": {detail}" if detail else "")
    return Finding("error", rule, path, msg, hint, REQUIRED)


def invalid(rule: str, path: str, value: object, detail: str = "", hint: str = "") -> Finding:
    msg = f"{INVALID}: {fmt_value(value)}" + (f": {detail}" if detail else "")
    return Finding("error", rule, path, msg, hint, INVALID)


def duplicate(rule: str, path: str, value: object, hint: str = "") -> Finding:
    return Finding("error", rule, path, f"{DUPLICATE}: {fmt_value(value)}", hint, DUPLICATE)


def not_supported(
    rule: str, path: str, value: object, supported: list[str] | tuple[str, ...], hint: str = ""
) -> Finding:
    values = ", ".join(fmt_value(s) for s in supported)
    msg = f"{NOT_SUPPORTED}: {fmt_value(value)}"
    if supported:
        msg += f": supported values: {values}"
    return Finding("error", rule, path, msg, hint, NOT_SUPPORTED)


def forbidden(rule: str, path: str, detail: str, hint: str = "") -> Finding:
    return Finding("error", rule, path, f"{FORBIDDEN}: {detail}", hint, FORBIDDEN)


def not_found(rule: str, path: str, value: object, hint: str = "") -> Finding:
    return Finding("error", rule, path, f"{NOT_FOUND}: {fmt_value(value)}", hint, NOT_FOUND)


def too_long(rule: str, path: str, max_length: int, hint: str = "") -> Finding:
    msg = f"{TOO_LONG}: may not be more than {max_length} bytes"
    return Finding("error", rule, path, msg, hint, TOO_LONG)


def warning(rule: str, path: str, message: str, hint: str = "") -> Finding:
    return Finding("warning", rule, path, message, hint)


def info(rule: str, path: str, message: str, hint: str = "") -> Finding:
    return Finding("info", rule, path, message, hint)
