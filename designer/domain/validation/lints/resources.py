"""The resource lints of a container: missing requests and limits, and requests ≠ limits."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from designer.domain.quantity import parse_quantity
from designer.domain.validation.lints.catalogue import EQUAL_LIMITS
from designer.domain.validation.lints.common import EMPTY, Out


@lru_cache(maxsize=1024)
def _differ(request: str | int | float, limit: str | int | float) -> bool:
    """Whether two quantities differ ("1" and "1000m" do not); False if either is unreadable."""
    try:
        return parse_quantity(request) != parse_quantity(limit)
    except (ValueError, ArithmeticError):  # the schema layer reports unreadable quantities
        return False


_MISSING = {
    resource: (
        f"missing-{resource}-request", f"no {resource} request: the scheduler cannot place it "
        "reliably", f"set resources.requests.{resource}",
        f"missing-{resource}-limit", f"no {resource} limit", f"set resources.limits.{resource}",
    )
    for resource in ("cpu", "memory")
}
_SCALARS = (str, int, float)
_SCALAR_TYPES = frozenset(_SCALARS)


def lint_resources(path: str, resources: object, pod_set: set[str], out: Out) -> None:
    if not isinstance(resources, dict):
        resources = EMPTY
    requests = resources.get("requests")
    if not isinstance(requests, dict):
        requests = EMPTY
    limits = resources.get("limits")
    if not isinstance(limits, dict):
        limits = EMPTY
    for resource in ("cpu", "memory"):
        # Requests default to limits, so a limit alone sets the request too.
        if limits.get(resource) is not None:
            continue
        if pod_set and resource in pod_set:
            continue  # pod-level resources (PodLevelResources) cover it
        rule, message, advice, limit_rule, limit_message, limit_advice = _MISSING[resource]
        if requests.get(resource) is None:
            out.add_at(rule, path, "", message, advice)
        out.add_at(limit_rule, path, "", limit_message, limit_advice)
    if limits.get("ephemeral-storage") is None:
        out.add_at("missing-ephemeral-storage", path, "",
                   "no ephemeral-storage limit: it may fill the node's disk",
                   "set an ephemeral-storage request and limit")
    if not requests or not limits:
        return
    get_request, get_limit = requests.get, limits.get
    try:  # the usual case, string quantities: one cached verdict
        text = _qos_text(get_request("cpu"), get_limit("cpu"), get_request("memory"),
                         get_limit("memory"), get_request("ephemeral-storage"),
                         get_limit("ephemeral-storage"))
    except TypeError:  # unhashable values
        text = _NOT_STRINGS
    if text is not _NOT_STRINGS:
        if text is not None:
            message, advice = text
            out.add_at("requests-not-equal-limits", path, ".resources", message, advice)
        return
    unequal = []
    strings = True
    for resource in ("cpu", "memory", "ephemeral-storage"):
        request = requests.get(resource)
        if request is None:
            continue
        limit = limits.get(resource)
        if limit is None:
            continue
        if request.__class__ is str and limit.__class__ is str:
            if request == limit or not _differ(request, limit):
                continue
        elif (type(request) in _SCALAR_TYPES and type(limit) in _SCALAR_TYPES
                and _differ(request, limit)):
            strings = False
        else:
            continue
        unequal.append((resource, request, limit))
    if unequal:
        if strings:
            message, advice = _unequal_text(tuple(unequal))
        else:  # numbers: 1 and 1.0 are equal keys but read differently
            message, advice = _unequal_text.__wrapped__(tuple(unequal))
        out.add_at("requests-not-equal-limits", path, ".resources", message, advice)


_STRINGS_OR_NONE = frozenset({str, type(None)})
_NOT_STRINGS: Any = object()


@lru_cache(maxsize=1024, typed=True)  # typed: a str subclass, 1 and 1.0 are keys of their own
def _qos_text(
    cpu_request: object, cpu_limit: object, memory_request: object, memory_limit: object,
    storage_request: object, storage_limit: object,
) -> Any:
    """(message, advice) of requests-not-equal-limits when every quantity is a string (or
    unset), None if they are equal; ``_NOT_STRINGS`` otherwise (the caller checks those)."""
    values = (cpu_request, cpu_limit, memory_request, memory_limit, storage_request,
              storage_limit)
    if not _STRINGS_OR_NONE.issuperset(map(type, values)):
        return _NOT_STRINGS
    unequal = tuple(
        (resource, request, limit) for resource, request, limit in (
            ("cpu", cpu_request, cpu_limit), ("memory", memory_request, memory_limit),
            ("ephemeral-storage", storage_request, storage_limit))
        if request is not None and limit is not None and _differ(request, limit)
    )
    return _unequal_text(unequal) if unequal else None


@lru_cache(maxsize=1024)
def _unequal_text(unequal: tuple[tuple[str, object, object], ...]) -> tuple[str, str]:
    return (
        "; ".join(f"{r} request {req} ≠ limit {lim}" for r, req, lim in unequal)
        + ": not in the Guaranteed QoS class",
        "set requests = limits if it needs Guaranteed QoS ("
        + ", ".join(EQUAL_LIMITS[r] for r, _, _ in unequal) + ")",
    )
