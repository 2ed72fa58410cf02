"""Section A.8 of pod-rules.md: container resources, resizePolicy, resource claims, pod resources.

Quantities are decoded first, as the server does: a bad quantity string fails the whole request with
400 before any validation runs, reported here as ``api.ParseQuantity.invalid`` and skipped after.
Amounts are integer nanounits (exact). The findings of one ``resources`` block depend only on its
limits and requests, so they are memoized with paths relative to the block.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from designer.domain.quantity import format_nano, parse_nano
from designer.domain.validation import formats
from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.findings import (
    Finding,
    duplicate,
    forbidden,
    invalid,
    not_found,
    not_supported,
    required,
    warning,
)

Quantity = tuple[int, str]  # (nanounits, format)
Parsed = dict[str, Quantity]
MILLI = 10**6  # nanounits per milliunit

HUGEPAGES = "hugepages-"
_STANDARD_CONTAINER = frozenset({"cpu", "memory", "ephemeral-storage"})
_INTEGER = frozenset({
    "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps",
    "persistentvolumeclaims", "services.nodeports", "services.loadbalancers",
})
_STANDARD = _STANDARD_CONTAINER | _INTEGER | frozenset({
    "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu",
    "limits.memory", "limits.ephemeral-storage", "storage", "requests.storage",
})
_CPU_MEMORY = ("cpu", "memory")
_RESIZE_POLICIES = ("NotRequired", "RestartContainer")
_POD_LEVEL_SUPPORTED = ("cpu", "hugepages-", "memory")
_NAME_HINT = ("Use cpu, memory, ephemeral-storage, hugepages-<size> or a domain-prefixed "
              "extended resource such as example.com/gpu.")


def validate_container_resources(ctx: Context, container: dict[str, Any], path: str) -> None:
    """A.8 rules for one container (``path`` is e.g. ``spec.containers[0]``)."""
    resources = container.get("resources")
    if resources.__class__ is dict and resources:
        # _requirements, through the string memo when it can (the decoded quantities are not
        # needed). Only plain dicts are read (anything else counts as unset), so they alone
        # make the key.
        limits, requests = resources.get("limits"), resources.get("requests")
        try:
            key = (tuple(limits.items()) if limits.__class__ is dict else None,
                   tuple(requests.items()) if requests.__class__ is dict else None)
            found = _STRING_MEMO.get(key)
        except TypeError:  # unhashable values
            found = None
            key = None
        if found is None:
            if key is not None and _all_strings(limits) and _all_strings(requests):
                found = _check_requirements(False, limits, requests)[0]
                if len(_STRING_MEMO) >= 2048:
                    _STRING_MEMO.clear()
                _STRING_MEMO[key] = found
            else:
                _requirements(ctx, resources, path + ".resources", False)
                found = ()
        if found:
            rpath = path + ".resources"
            for finding in found:
                ctx.out.append(replace(finding, path=rpath + finding.path))
        claims = resources.get("claims")
        if claims.__class__ is list and claims:
            rpath = path + ".resources"
            if ctx.at_least(1, 34):
                _claim_names(ctx, claims, rpath + ".claims")
            else:
                _dropped(ctx, rpath + ".claims", "DynamicResourceAllocation", "1.34")
    policies = container.get("resizePolicy")
    if policies.__class__ is list and policies:
        if ctx.at_least(1, 33):
            _resize_policy(ctx, policies, path + ".resizePolicy")
        else:
            _dropped(ctx, path + ".resizePolicy", "InPlacePodVerticalScaling", "1.33")


def validate_pod_resources(ctx: Context) -> None:
    """Pod-level ``spec.resources`` and ``spec.resourceClaims`` (A.8)."""
    spec = ctx.spec
    claims = spec.get("resourceClaims")
    if isinstance(claims, list) and claims:
        if ctx.at_least(1, 34):
            _pod_resource_claims(ctx, claims)
        else:
            _dropped(ctx, "spec.resourceClaims", "DynamicResourceAllocation", "1.34")
    resources = spec.get("resources")
    if not isinstance(resources, dict) or not resources:
        return
    if not ctx.at_least(1, 34):
        _dropped(ctx, "spec.resources", "PodLevelResources", "1.34")
        return
    pod_claims = resources.get("claims")
    if pod_claims is not None:
        ctx.out.append(forbidden(
            "api.validatePodResources.claims", "spec.resources.claims",
            "claims cannot be set for Resources at pod-level",
            "Reference resource claims from the containers' resources.claims instead."))
    requests, limits = _requirements(ctx, resources, "spec.resources", True)
    if isinstance(pod_claims, list) and pod_claims:
        _claim_names(ctx, pod_claims, "spec.resources.claims")
    _pod_consistency(ctx, requests, limits)


# --- resource requirements ------------------------------------------------------------------


def _requirements(
    ctx: Context, res: dict[str, Any], rpath: str, pod_level: bool
) -> tuple[Parsed, Parsed]:
    """``validateResourceRequirements`` minus claims; returns the decoded requests and limits.

    The returned dicts may be shared with the memo: read them, never change them.
    """
    limits, requests = res.get("limits"), res.get("requests")
    try:
        found, reqs, lims = _cached_requirements(pod_level, *_key(limits), *_key(requests))
    except TypeError:  # unhashable garbage among the values: no memo
        found, reqs, lims = _check_requirements(pod_level, limits, requests)
    for finding in found:
        ctx.out.append(replace(finding, path=rpath + finding.path))
    return reqs, lims


# Findings (paths relative to ``resources``) of container limits/requests whose names and values
# are all strings, keyed on their items: a string equals only a string, so unlike the general
# memo below the key needs no value types, and building it costs a fraction.
_STRING_MEMO: dict[tuple[Any, Any], tuple[Finding, ...]] = {}


def _all_strings(value: Any) -> bool:
    if value.__class__ is not dict:
        return True  # read as unset
    return all(k.__class__ is str and v.__class__ is str for k, v in value.items())


def _key(value: Any) -> tuple[Any, Any]:
    if value.__class__ is not dict:
        return None, None
    # Value types belong to the key: 1, 1.0 and True are equal dict keys but decode differently.
    return tuple(value.items()), tuple(map(type, value.values()))


@lru_cache(maxsize=2048)
def _cached_requirements(
    pod_level: bool, limits: Any, _lt: Any, requests: Any, _rt: Any
) -> tuple[tuple[Finding, ...], Parsed, Parsed]:
    return _check_requirements(pod_level, dict(limits) if limits is not None else None,
                               dict(requests) if requests is not None else None)


def _check_requirements(
    pod_level: bool, limits: Any, requests: Any
) -> tuple[tuple[Finding, ...], Parsed, Parsed]:
    found: list[Finding] = []
    lims = _quantities(found, limits, ".limits", pod_level)
    reqs = _quantities(found, requests, ".requests", pod_level)
    for name, req in reqs.items():
        lim = lims.get(name)
        if lim is not None:
            if req[0] != lim[0] and not _overcommit_allowed(name):
                found.append(invalid(
                    "api.validateResourceRequirements.request-not-equal-limit", ".requests",
                    _fmt(req), f"must be equal to {name} limit of {_fmt(lim)}",
                    f"Set the {name} request equal to its limit (it cannot be overcommitted)."))
            elif req[0] > lim[0]:
                found.append(invalid(
                    "api.validateResourceRequirements.request-exceeds-limit", ".requests",
                    _fmt(req), f"must be less than or equal to {name} limit of {_fmt(lim)}",
                    f"Lower the {name} request or raise its limit."))
        elif not _overcommit_allowed(name):
            found.append(required(
                "api.validateResourceRequirements.limit-required", ".limits",
                "Limit must be set for non overcommitable resources",
                f"Add a {name} limit equal to the request."))
    names = (*lims, *reqs)
    if any(n.startswith(HUGEPAGES) for n in names) and not any(n in _CPU_MEMORY for n in names):
        found.append(forbidden(
            "api.validateResourceRequirements.hugepages-need-cpu-or-memory", "",
            "HugePages require cpu or memory",
            "Also request or limit cpu or memory when using hugepages."))
    return tuple(found), reqs, lims


def _quantities(found: list[Finding], raw: Any, lpath: str, pod_level: bool) -> Parsed:
    """Decode one resource list, validating each name and value; returns the decodable ones."""
    parsed: Parsed = {}
    if raw.__class__ is not dict:
        return parsed
    for name, value in raw.items():
        if not isinstance(name, str):
            continue
        fpath = f"{lpath}[{name}]"
        try:
            qty = parse_nano(value)
        except ValueError as err:
            found.append(invalid("api.ParseQuantity.invalid", fpath, value, str(err),
                                 "Use a Kubernetes quantity such as 500m, 2, 128Mi or 1Gi."))
            continue
        parsed[name] = qty
        for func, msg in (_pod_name_errors if pod_level else _container_name_errors)(name):
            if func == "validatePodResourceName":
                found.append(not_supported(f"api.{func}.not-supported", fpath, name,
                                           _POD_LEVEL_SUPPORTED,
                                           "Pod-level resources are cpu, memory and hugepages."))
            else:
                found.append(invalid(f"api.{func}.invalid", fpath, name, msg, _NAME_HINT))
        nano = qty[0]
        fractional_milli = bool(-(-nano // MILLI) % 1000)  # MilliValue() % 1000 != 0
        if nano < 0:
            found.append(invalid("api.ValidateResourceQuantityValue.negative", fpath, _fmt(qty),
                                 "must be greater than or equal to 0",
                                 "Use a quantity of zero or more."))
        if fractional_milli and (name in _INTEGER or _is_extended(name)):
            found.append(invalid("api.ValidateResourceQuantityValue.not-integer", fpath,
                                 _fmt(qty), "must be an integer",
                                 f"{name} is counted in whole units; use an integer."))
        if name.startswith(HUGEPAGES) and not _hugepage_divisible(name, nano):
            found.append(invalid(
                "api.validateResourceQuantityHugePageValue.not-multiple", fpath, _fmt(qty),
                f"{_fmt(qty)} is not positive integer multiple of {name}",
                "Use a whole number of pages, e.g. 2Mi, 4Mi or 1Gi for hugepages-2Mi."))
        if fractional_milli and not pod_level and name in ("memory", "ephemeral-storage"):
            found.append(warning(
                "api.warningsForPodSpecAndMeta.fractional-byte-value", fpath,
                f'fractional byte value "{_fmt(qty)}" is invalid, must be an integer',
                "Use a whole number of bytes, e.g. 128Mi or 1G."))
    return parsed


@lru_cache(maxsize=512)
def _base_name_errors(name: str) -> tuple[tuple[str, str], ...]:
    """``validateResourceName``: (validation.go function, message) pairs."""
    errs = tuple(("validateResourceName", m) for m in formats.is_qualified_name(name))
    if errs:
        return errs
    if "/" not in name and name not in _STANDARD and not name.startswith(
            (HUGEPAGES, "requests.hugepages-")):
        return (("validateResourceName", "must be a standard resource type or fully qualified"),)
    return ()


@lru_cache(maxsize=512)
def _container_name_errors(name: str) -> tuple[tuple[str, str], ...]:
    """``validateContainerResourceName``."""
    errs = _base_name_errors(name)
    func = "validateContainerResourceName"
    if "/" not in name:
        if name not in _STANDARD_CONTAINER and not name.startswith(HUGEPAGES):
            errs += ((func, "must be a standard resource for containers"),)
    elif not _is_native(name) and not _is_extended(name):
        errs += ((func, "doesn't follow extended resource name standard"),)
    return errs


@lru_cache(maxsize=512)
def _pod_name_errors(name: str) -> tuple[tuple[str, str], ...]:
    """``validatePodResourceName``: cpu, memory and hugepages only."""
    errs = _base_name_errors(name)
    if not errs and name not in _CPU_MEMORY and not name.startswith(HUGEPAGES):
        return (("validatePodResourceName", ""),)
    return errs


def _is_native(name: str) -> bool:
    return "/" not in name or "kubernetes.io/" in name


def _is_extended(name: str) -> bool:
    if _is_native(name) or name.startswith("requests."):
        return False
    return not formats.is_qualified_name("requests." + name)


def _overcommit_allowed(name: str) -> bool:
    return _is_native(name) and not name.startswith(HUGEPAGES)


def _hugepage_divisible(name: str, nano: int) -> bool:
    try:
        page = parse_nano(name[len(HUGEPAGES):])[0]
    except ValueError:
        return False
    if page <= 0 or -(-page // MILLI) % 1000:  # page.MilliValue() % 1000 != 0
        return False
    return _ceil_units(nano) % _ceil_units(page) == 0  # Value() % page.Value()


def _ceil_units(nano: int) -> int:
    return -(-nano // (1000 * MILLI))


def _fmt(qty: Quantity) -> str:
    return format_nano(*qty)


# --- claims ---------------------------------------------------------------------------------


def _claim_names(ctx: Context, claims: list[Any], cpath: str) -> None:
    """``validateResourceClaimNames``: each entry names a ``spec.resourceClaims`` entry once."""
    out = ctx.out
    pod_claims = ctx.spec.get("resourceClaims")
    pod_names = sorted({c["name"] for c in pod_claims if isinstance(c, dict)
                        and isinstance(c.get("name"), str) and c["name"]}
                       if isinstance(pod_claims, list) else ())
    seen: set[str] = set()
    for i, claim in enumerate(claims):
        if not isinstance(claim, dict):
            continue
        ipath = f"{cpath}[{i}]"
        name = claim.get("name")
        if not name:
            out.append(required("api.validateResourceClaimNames.required", ipath, "",
                                "Name the pod-level resource claim to use."))
            continue
        if not isinstance(name, str):
            continue
        request = claim.get("request")
        request = request if isinstance(request, str) else ""
        dup: str | None = name if name in seen else None
        if dup is None:
            key = name
            if request:
                for msg in formats.is_dns1123_label(request):
                    out.append(invalid("api.validateResourceClaimNames.request",
                                       ipath + ".request", request, msg,
                                       "Use the name of a request in the claim."))
                key += "/" + request
            if key in seen:
                dup = key
            elif not request and any(s.startswith(name + "/") for s in seen):
                dup = name  # the whole claim after one of its requests
            seen.add(key)
        if dup is not None:
            out.append(duplicate("api.validateResourceClaimNames.duplicate", ipath, dup,
                                 "Reference each claim (or claim request) once per container."))
        if name not in pod_names:
            detail = "must be one of the names in pod.spec.resourceClaims"
            detail += (": " + ", ".join(pod_names)) if pod_names else " which is empty"
            found = not_found("api.validateResourceClaimNames.not-found", ipath, name,
                              "Add the claim to spec.resourceClaims or fix the name.")
            out.append(replace(found, message=f"{found.message}: {detail}"))


def _pod_resource_claims(ctx: Context, claims: list[Any]) -> None:
    """``validatePodResourceClaims``: unique DNS-label names and exactly one claim source."""
    out = ctx.out
    seen: set[str] = set()
    for i, claim in enumerate(claims):
        if not isinstance(claim, dict):
            continue
        ipath = f"spec.resourceClaims[{i}]"
        rule = "api.validatePodResourceClaim"
        name = claim.get("name")
        if not name:
            out.append(required(f"{rule}.name-required", ipath + ".name", "",
                                "Give the resource claim a name."))
        elif isinstance(name, str):
            if name in seen:
                out.append(duplicate(f"{rule}.duplicate", ipath + ".name", name,
                                     "Give each pod resource claim a unique name."))
            else:
                for msg in formats.is_dns1123_label(name):
                    out.append(invalid(f"{rule}.name", ipath + ".name", name, msg,
                                       "Use a DNS-1123 label, e.g. gpu-claim."))
                seen.add(name)
        claim_name = claim.get("resourceClaimName")
        template = claim.get("resourceClaimTemplateName")
        if (claim_name is None) == (template is None):
            detail = ("must specify one of: `resourceClaimName`, `resourceClaimTemplateName`"
                      if claim_name is None else "at most one of `resourceClaimName` or "
                      "`resourceClaimTemplateName` may be specified")
            out.append(invalid(f"{rule}.source", ipath, claim, detail,
                               "Set exactly one of resourceClaimName and "
                               "resourceClaimTemplateName."))
        for key, value in (("resourceClaimName", claim_name),
                           ("resourceClaimTemplateName", template)):
            if isinstance(value, str):
                for msg in formats.is_dns1123_subdomain(value):
                    out.append(invalid(f"{rule}.{key}", f"{ipath}.{key}", value, msg,
                                       "Use a DNS-1123 subdomain name."))


# --- resize policy --------------------------------------------------------------------------


def _resize_policy(ctx: Context, policies: list[Any], ppath: str) -> None:
    """``validateResizePolicy`` (most errors are reported on the list, not the entry)."""
    out = ctx.out
    rule = "api.validateResizePolicy"
    pod_never = ctx.spec.get("restartPolicy") == "Never"
    seen: set[str] = set()
    for i, policy in enumerate(policies):
        if not isinstance(policy, dict):
            continue
        resource = policy.get("resourceName") or ""
        restart = policy.get("restartPolicy") or ""
        if isinstance(resource, str):
            if resource in seen:
                out.append(duplicate(f"{rule}.duplicate", f"{ppath}[{i}]", resource,
                                     "List each resource once in resizePolicy."))
            seen.add(resource)
        if resource == "":
            out.append(required(f"{rule}.resource-required", ppath, "",
                                "Set resourceName to cpu or memory."))
        elif resource not in _CPU_MEMORY:
            out.append(not_supported(f"{rule}.resource", ppath, resource, _CPU_MEMORY,
                                     "Only cpu and memory can be resized."))
        if restart == "":
            out.append(required(f"{rule}.policy-required", ppath, "",
                                "Set restartPolicy to NotRequired or RestartContainer."))
        elif restart not in _RESIZE_POLICIES:
            out.append(not_supported(f"{rule}.policy", ppath, restart, _RESIZE_POLICIES,
                                     "Use NotRequired or RestartContainer."))
        if pod_never and restart != "NotRequired":
            out.append(invalid(f"{rule}.pod-never", ppath, restart,
                               "must be 'NotRequired' when `restartPolicy` is 'Never'",
                               "Use NotRequired, or change the Pod's restartPolicy."))


# --- pod-level consistency ------------------------------------------------------------------


def _pod_consistency(ctx: Context, pod_requests: Parsed, pod_limits: Parsed) -> None:
    """``validatePodResourceConsistency`` against the sidecar-aware aggregate of containers."""
    spec = ctx.spec
    containers = _dicts(spec.get("containers"))
    if pod_requests:
        total = _aggregate_requests(containers, _dicts(spec.get("initContainers")))
        for name, qty in total.items():
            pod_req = pod_requests.get(name)
            # A resource the Pod does not request is left to the containers.
            if pod_req is not None and qty[0] > pod_req[0]:
                ctx.out.append(invalid(
                    "api.validatePodResourceConsistency.requests",
                    f"spec.resources.requests[{name}]", _fmt(pod_req),
                    f"must be greater than or equal to aggregate container requests of "
                    f"{_fmt(qty)}",
                    "Raise the Pod-level request or lower the containers' requests."))
    if not pod_limits:
        return
    for i, container in enumerate(containers):
        for name, qty in _resource_list(container, "limits").items():
            pod_lim = pod_limits.get(name)
            if pod_lim is not None and qty[0] > pod_lim[0]:
                ctx.out.append(invalid(
                    "api.validatePodResourceConsistency.limits",
                    f"spec.resources.containers[{i}][{name}].limits", _fmt(qty),
                    f"must be less than or equal to pod limits of {_fmt(pod_lim)}",
                    "Lower the container limit or raise the Pod-level limit."))


def _aggregate_requests(containers: list[dict[str, Any]], inits: list[dict[str, Any]]) -> Parsed:
    """Effective requests: app containers + sidecars, or the largest init step if bigger."""
    total: Parsed = {}
    for container in containers:
        _add(total, _resource_list(container, "requests"))
    sidecars: Parsed = {}
    init_max: Parsed = {}
    for container in inits:
        reqs = _resource_list(container, "requests")
        if container.get("restartPolicy") == "Always":
            _add(total, reqs)
            _add(sidecars, reqs)
            step = sidecars
        else:
            step = dict(reqs)
            _add(step, sidecars)
        for name, qty in step.items():
            if name not in init_max or qty[0] > init_max[name][0]:
                init_max[name] = qty
    for name, qty in init_max.items():
        if name not in total or qty[0] > total[name][0]:
            total[name] = qty
    return total


def _add(acc: Parsed, more: Parsed) -> None:
    for name, (nano, fmt) in more.items():
        old = acc.get(name)
        acc[name] = (old[0] + nano, old[1] if old[0] else fmt) if old else (nano, fmt)


def _resource_list(container: dict[str, Any], key: str) -> Parsed:
    resources = container.get("resources")
    raw = resources.get(key) if isinstance(resources, dict) else None
    parsed: Parsed = {}
    if isinstance(raw, dict):
        for name, value in raw.items():
            try:
                parsed[name] = parse_nano(value)
            except ValueError:
                continue
    return parsed


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _dropped(ctx: Context, path: str, gate: str, since: str) -> None:
    ctx.out.append(warning(
        "api.dropDisabledFields.feature-gate", path,
        f"dropped by the API server: the {gate} feature gate is off by default before "
        f"Kubernetes {since}",
        f"Target Kubernetes {since} or newer, or make sure the cluster enables {gate}."))
