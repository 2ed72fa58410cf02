"""Section A.12 of pod-rules.md: nodeSelector, tolerations, affinity, topology spread.

Also the server's warnings for these fields: deprecated node labels and null label selectors
(``warningsForPodSpecAndMeta``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from designer.domain.validation import formats
from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.findings import (
    duplicate,
    forbidden,
    invalid,
    not_supported,
    required,
    warning,
)

_DEPRECATED_NODE_LABELS = {
    "beta.kubernetes.io/arch": 'deprecated since v1.14; use "kubernetes.io/arch" instead',
    "beta.kubernetes.io/os": 'deprecated since v1.14; use "kubernetes.io/os" instead',
    "failure-domain.beta.kubernetes.io/region":
        'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
    "failure-domain.beta.kubernetes.io/zone":
        'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
    "beta.kubernetes.io/instance-type":
        'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
}
_EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")
_WHEN_UNSATISFIABLE = ("DoNotSchedule", "ScheduleAnyway")
_INCLUSION_POLICIES = ("Honor", "Ignore")
_LABEL_HINT = "Label keys are [prefix/]name; values are at most 63 characters of [A-Za-z0-9._-]."
_TERMS = ("requiredDuringSchedulingIgnoredDuringExecution",
          "preferredDuringSchedulingIgnoredDuringExecution")


def validate_scheduling(ctx: Context) -> None:
    """nodeSelector, tolerations, affinity and topologySpreadConstraints."""
    spec = ctx.spec
    selector = spec.get("nodeSelector")
    if isinstance(selector, dict):
        _labels(ctx, selector, "spec.nodeSelector")
        for key in selector:
            _deprecated_label(ctx, key, f"spec.nodeSelector[{key}]")
    affinity = spec.get("affinity")
    if isinstance(affinity, dict):
        _node_affinity(ctx, affinity.get("nodeAffinity"), "spec.affinity.nodeAffinity")
        for kind in ("podAffinity", "podAntiAffinity"):
            _pod_affinity(ctx, affinity.get(kind), f"spec.affinity.{kind}")
    tolerations = spec.get("tolerations")
    if isinstance(tolerations, list):
        _tolerations(ctx, tolerations)
    constraints = spec.get("topologySpreadConstraints")
    if isinstance(constraints, list):
        _topology_spread(ctx, constraints)


# --- labels and selectors -------------------------------------------------------------------


def _label_key(ctx: Context, key: Any, path: str) -> None:
    """``ValidateLabelName``."""
    if isinstance(key, str):
        for msg in _key_errors(key):
            ctx.out.append(invalid("api.ValidateLabelName.invalid", path, key, msg, _LABEL_HINT))


def _label_value(ctx: Context, value: Any, path: str) -> None:
    if isinstance(value, str):
        for msg in _value_errors(value):
            ctx.out.append(invalid("api.ValidateLabels.value", path, value, msg, _LABEL_HINT))


@lru_cache(maxsize=1024)
def _key_errors(key: str) -> tuple[str, ...]:
    return tuple(formats.is_qualified_name(key))


@lru_cache(maxsize=1024)
def _value_errors(value: str) -> tuple[str, ...]:
    return tuple(formats.is_valid_label_value(value))


def _labels(ctx: Context, labels: dict[Any, Any], path: str) -> None:
    """``ValidateLabels``: every error is reported on the map itself."""
    for key, value in labels.items():
        _label_key(ctx, key, path)
        _label_value(ctx, value, path)


def _label_selector(ctx: Context, selector: Any, path: str) -> None:
    """``ValidateLabelSelector`` (label values checked, as for new objects)."""
    if not isinstance(selector, dict):
        return
    match_labels = selector.get("matchLabels")
    if isinstance(match_labels, dict):
        _labels(ctx, match_labels, path + ".matchLabels")
    for i, expr in enumerate(_list(selector.get("matchExpressions"))):
        if not isinstance(expr, dict):
            continue
        epath = f"{path}.matchExpressions[{i}]"
        op, values = expr.get("operator"), _list(expr.get("values"))
        if op in ("In", "NotIn"):
            if not values:
                ctx.out.append(required(
                    "api.ValidateLabelSelectorRequirement.values-required", epath + ".values",
                    "must be specified when `operator` is 'In' or 'NotIn'",
                    "List at least one value."))
        elif op in ("Exists", "DoesNotExist"):
            if values:
                ctx.out.append(forbidden(
                    "api.ValidateLabelSelectorRequirement.values-forbidden", epath + ".values",
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                    "Remove the values."))
        else:
            ctx.out.append(invalid(
                "api.ValidateLabelSelectorRequirement.operator", epath + ".operator", op,
                "not a valid selector operator", "Use In, NotIn, Exists or DoesNotExist."))
        _label_key(ctx, expr.get("key"), epath + ".key")
        for j, value in enumerate(values):
            _label_value(ctx, value, f"{epath}.values[{j}]")


def _deprecated_label(ctx: Context, key: Any, path: str, prefix: str = "") -> None:
    msg = _DEPRECATED_NODE_LABELS.get(key) if isinstance(key, str) else None
    if msg:
        ctx.out.append(warning("api.warningsForPodSpecAndMeta.deprecated-node-label", path,
                               prefix + msg, "Switch to the stable node label."))


# --- node affinity --------------------------------------------------------------------------


def _node_affinity(ctx: Context, na: Any, path: str) -> None:
    """``validateNodeAffinity``."""
    if not isinstance(na, dict):
        return
    required_terms = na.get(_TERMS[0])
    if isinstance(required_terms, dict):
        tpath = f"{path}.{_TERMS[0]}.nodeSelectorTerms"
        terms = _list(required_terms.get("nodeSelectorTerms"))
        if not terms:
            ctx.out.append(required("api.ValidateNodeSelector.terms-required", tpath,
                                    "must have at least one node selector term",
                                    "Add a node selector term, or remove the required rule."))
        for i, term in enumerate(terms):
            _node_selector_term(ctx, term, f"{tpath}[{i}]", check_values=True)
    for i, pref in enumerate(_list(na.get(_TERMS[1]))):
        if not isinstance(pref, dict):
            continue
        ppath = f"{path}.{_TERMS[1]}[{i}]"
        _weight(ctx, pref.get("weight"), ppath + ".weight", "ValidatePreferredSchedulingTerms")
        # Invalid label values are tolerated in preferences (they only lower a score).
        _node_selector_term(ctx, pref.get("preference"), ppath + ".preference",
                            check_values=False)


def _node_selector_term(ctx: Context, term: Any, path: str, *, check_values: bool) -> None:
    """``ValidateNodeSelectorTerm``: label expressions and ``metadata.name`` field expressions."""
    if not isinstance(term, dict):
        return
    out = ctx.out
    for j, req in enumerate(_list(term.get("matchExpressions"))):
        if not isinstance(req, dict):
            continue
        rpath = f"{path}.matchExpressions[{j}]"
        op, values = req.get("operator"), _list(req.get("values"))
        rule = "api.ValidateNodeSelectorRequirement"
        if op in ("In", "NotIn"):
            if not values:
                out.append(required(f"{rule}.values-required", rpath + ".values",
                                    "must be specified when `operator` is 'In' or 'NotIn'",
                                    "List at least one value."))
        elif op in ("Exists", "DoesNotExist"):
            if values:
                out.append(forbidden(f"{rule}.values-forbidden", rpath + ".values",
                                     "may not be specified when `operator` is 'Exists' or "
                                     "'DoesNotExist'", "Remove the values."))
        elif op in ("Gt", "Lt"):
            if len(values) != 1:
                out.append(required(f"{rule}.single-value", rpath + ".values",
                                    "must be specified single value when `operator` is 'Lt' or "
                                    "'Gt'", "Give exactly one integer value."))
        else:
            out.append(invalid(f"{rule}.operator", rpath + ".operator", op,
                               "not a valid selector operator",
                               "Use In, NotIn, Exists, DoesNotExist, Gt or Lt."))
        _label_key(ctx, req.get("key"), rpath + ".key")
        if check_values:
            for k, value in enumerate(values):
                _label_value(ctx, value, f"{rpath}.values[{k}]")
        _deprecated_label(ctx, req.get("key"), rpath + ".key")
    for j, req in enumerate(_list(term.get("matchFields"))):
        if not isinstance(req, dict):
            continue
        rpath = f"{path}.matchFields[{j}]"
        rule = "api.ValidateNodeFieldSelectorRequirement"
        op, values = req.get("operator"), _list(req.get("values"))
        if op in ("In", "NotIn"):
            if len(values) != 1:
                out.append(required(f"{rule}.single-value", rpath + ".values",
                                    "must be only one value when `operator` is 'In' or 'NotIn' "
                                    "for node field selector", "Give exactly one node name."))
        else:
            out.append(invalid(f"{rule}.operator", rpath + ".operator", op,
                               "not a valid selector operator", "Use In or NotIn."))
        key = req.get("key")
        if key != "metadata.name":
            out.append(invalid(f"{rule}.key", rpath + ".key", key,
                               "not a valid field selector key", "Use metadata.name."))
            continue
        for k, value in enumerate(values):
            if isinstance(value, str):
                for msg in formats.is_dns1123_subdomain(value):
                    out.append(invalid(f"{rule}.value", f"{rpath}.values[{k}]", value, msg,
                                       "Use a node name."))


def _weight(ctx: Context, weight: Any, path: str, func: str) -> None:
    if isinstance(weight, int) and not isinstance(weight, bool) and not 1 <= weight <= 100:
        ctx.out.append(invalid(f"api.{func}.weight", path, weight, "must be in the range 1-100",
                               "Use a weight from 1 to 100."))


# --- pod (anti-)affinity --------------------------------------------------------------------


def _pod_affinity(ctx: Context, pa: Any, path: str) -> None:
    """``validatePodAffinity`` / ``validatePodAntiAffinity``."""
    if not isinstance(pa, dict):
        return
    for i, term in enumerate(_list(pa.get(_TERMS[0]))):
        _pod_affinity_term(ctx, term, f"{path}.{_TERMS[0]}[{i}]")
    for i, weighted in enumerate(_list(pa.get(_TERMS[1]))):
        if not isinstance(weighted, dict):
            continue
        wpath = f"{path}.{_TERMS[1]}[{i}]"
        _weight(ctx, weighted.get("weight"), wpath + ".weight", "validateWeightedPodAffinityTerms")
        _pod_affinity_term(ctx, weighted.get("podAffinityTerm"), wpath + ".podAffinityTerm")


def _pod_affinity_term(ctx: Context, term: Any, path: str) -> None:
    """``validatePodAffinityTerm``, plus the null-selector warning."""
    if not isinstance(term, dict):
        return
    out = ctx.out
    selector = term.get("labelSelector")
    _label_selector(ctx, selector, path + ".labelSelector")
    _label_selector(ctx, term.get("namespaceSelector"), path + ".namespaceSelector")
    for name in _list(term.get("namespaces")):
        if isinstance(name, str):
            for msg in formats.is_dns1123_label(name):
                # The server reports these on ".namespace", singular.
                out.append(invalid("api.validatePodAffinityTerm.namespace", path + ".namespace",
                                   name, msg, "Use a namespace name."))
    match_keys = _list(term.get("matchLabelKeys"))
    mismatch_keys = _list(term.get("mismatchLabelKeys"))
    if match_keys or mismatch_keys:
        if ctx.at_least(1, 31):
            _match_label_keys(ctx, match_keys, mismatch_keys, selector, path)
        else:
            ctx.out.append(warning(
                "api.dropDisabledFields.feature-gate", path + ".matchLabelKeys",
                "dropped by the API server: the MatchLabelKeysInPodAffinity feature gate is off "
                "by default before Kubernetes 1.31",
                "Target Kubernetes 1.31 or newer, or spell the keys out in labelSelector."))
    topology_key = term.get("topologyKey")
    if not topology_key:
        out.append(required("api.validatePodAffinityTerm.topology-key", path + ".topologyKey",
                            "can not be empty", "Use a node label such as "
                            "kubernetes.io/hostname or topology.kubernetes.io/zone."))
    _label_key(ctx, topology_key if topology_key is not None else "", path + ".topologyKey")
    if selector is None:
        out.append(warning("api.warningsForPodSpecAndMeta.null-label-selector",
                           path + ".labelSelector",
                           "a null labelSelector results in matching no pod",
                           "Add a labelSelector; an empty one ({}) matches every Pod."))


def _match_label_keys(
    ctx: Context, match_keys: list[Any], mismatch_keys: list[Any], selector: Any, path: str
) -> None:
    """``validateMatchLabelKeysAndMismatchLabelKeys`` (without the post-merge duplicate check)."""
    for field, keys in (("matchLabelKeys", match_keys), ("mismatchLabelKeys", mismatch_keys)):
        if not keys:
            continue
        if selector is None:
            ctx.out.append(forbidden("api.validateLabelKeys.no-selector", f"{path}.{field}",
                                     "must not be specified when labelSelector is not set",
                                     "Add a labelSelector, or remove these keys."))
            continue
        for i, key in enumerate(keys):
            _label_key(ctx, key, f"{path}.{field}[{i}]")
    mismatch = {k for k in mismatch_keys if isinstance(k, str)}
    for i, key in enumerate(match_keys):
        if key in mismatch:
            ctx.out.append(invalid(
                "api.validateMatchLabelKeysAndMismatchLabelKeys.both",
                f"{path}.matchLabelKeys[{i}]", key,
                "exists in both matchLabelKeys and mismatchLabelKeys",
                "Use the key in only one of matchLabelKeys and mismatchLabelKeys."))


# --- tolerations ----------------------------------------------------------------------------


def _tolerations(ctx: Context, tolerations: list[Any]) -> None:
    """``ValidateTolerations``."""
    out = ctx.out
    rule = "api.ValidateTolerations"
    for i, tol in enumerate(tolerations):
        if not isinstance(tol, dict):
            continue
        path = f"spec.tolerations[{i}]"
        key = tol.get("key") or ""
        op = tol.get("operator") or ""
        effect = tol.get("effect") or ""
        value = tol.get("value") or ""
        if key:
            _label_key(ctx, key, path + ".key")
        elif op != "Exists":
            out.append(invalid(f"{rule}.empty-key", path + ".operator", op,
                               "operator must be Exists when `key` is empty, which means "
                               '"match all values and all keys"',
                               "Set a key, or use operator: Exists to tolerate every taint."))
        if tol.get("tolerationSeconds") is not None and effect != "NoExecute":
            out.append(invalid(f"{rule}.toleration-seconds", path + ".effect", effect,
                               "effect must be 'NoExecute' when `tolerationSeconds` is set",
                               "Use effect: NoExecute, or drop tolerationSeconds."))
        if op in ("Equal", ""):
            if isinstance(value, str):
                msgs = _value_errors(value)
                if msgs:
                    out.append(invalid(f"{rule}.value", path + ".operator", value,
                                       ";".join(msgs), _LABEL_HINT))
        elif op == "Exists":
            if value:
                out.append(invalid(f"{rule}.exists-value", path + ".operator", value,
                                   "value must be empty when `operator` is 'Exists'",
                                   "Remove the value, or use operator: Equal."))
        else:
            out.append(not_supported(f"{rule}.operator", path + ".operator", op,
                                     ("Equal", "Exists"), "Use Equal or Exists."))
        if effect and effect not in _EFFECTS:
            out.append(not_supported("api.validateTaintEffect.not-supported", path + ".effect",
                                     effect, _EFFECTS,
                                     "Use NoSchedule, PreferNoSchedule or NoExecute."))


# --- topology spread ------------------------------------------------------------------------


def _topology_spread(ctx: Context, constraints: list[Any]) -> None:
    """``validateTopologySpreadConstraints``, plus the server's warnings."""
    out = ctx.out
    items = [(i, c) for i, c in enumerate(constraints) if isinstance(c, dict)]
    for n, (i, tsc) in enumerate(items):
        path = f"spec.topologySpreadConstraints[{i}]"
        skew = tsc.get("maxSkew")
        if isinstance(skew, int) and not isinstance(skew, bool) and skew <= 0:
            out.append(invalid("api.ValidateMaxSkew.not-positive", path + ".maxSkew", skew,
                               "must be greater than zero", "Use a maxSkew of 1 or more."))
        key = tsc.get("topologyKey")
        if not key:
            out.append(required("api.ValidateTopologyKey.required", path + ".topologyKey",
                                "can not be empty", "Use a node label such as "
                                "topology.kubernetes.io/zone."))
        when = tsc.get("whenUnsatisfiable") or ""
        if when not in _WHEN_UNSATISFIABLE:
            out.append(not_supported("api.ValidateWhenUnsatisfiable.not-supported",
                                     path + ".whenUnsatisfiable", when, _WHEN_UNSATISFIABLE,
                                     "Use DoNotSchedule or ScheduleAnyway."))
        for _, later in items[n + 1:]:
            if later.get("topologyKey") == key and (later.get("whenUnsatisfiable") or "") == when:
                out.append(duplicate(
                    "api.ValidateSpreadConstraintNotRepeat.duplicate",
                    path + ".{topologyKey, whenUnsatisfiable}", f"{{{key}, {when}}}",
                    "Merge the constraints that share topologyKey and whenUnsatisfiable."))
                break
        min_domains = tsc.get("minDomains")
        if isinstance(min_domains, int) and not isinstance(min_domains, bool):
            if min_domains <= 0:
                out.append(invalid("api.validateMinDomains.not-positive", path + ".minDomains",
                                   min_domains, "must be greater than zero",
                                   "Use 1 or more, or remove minDomains."))
            if when != "DoNotSchedule":
                out.append(invalid("api.validateMinDomains.schedule-anyway", path + ".minDomains",
                                   min_domains, "can only use minDomains if "
                                   f"whenUnsatisfiable=DoNotSchedule, not {when}",
                                   "Use whenUnsatisfiable: DoNotSchedule, or drop minDomains."))
        for field in ("nodeAffinityPolicy", "nodeTaintsPolicy"):
            policy = tsc.get(field)
            if policy is not None and policy not in _INCLUSION_POLICIES:
                out.append(not_supported("api.validateNodeInclusionPolicy.not-supported",
                                         f"{path}.{field}", policy, _INCLUSION_POLICIES,
                                         "Use Honor or Ignore."))
        selector = tsc.get("labelSelector")
        _spread_match_label_keys(ctx, _list(tsc.get("matchLabelKeys")), selector, path)
        _label_selector(ctx, selector, path + ".labelSelector")
        _deprecated_label(ctx, key, path + ".topologyKey", f"{key} is ")
        if selector is None:
            out.append(warning("api.warningsForPodSpecAndMeta.null-label-selector",
                               path + ".labelSelector",
                               "a null labelSelector results in matching no pod",
                               "Add a labelSelector matching the Pods to spread."))


def _spread_match_label_keys(ctx: Context, keys: list[Any], selector: Any, path: str) -> None:
    """``validateMatchLabelKeysInTopologySpread``."""
    if not keys:
        return
    kpath = path + ".matchLabelKeys"
    used: set[Any] = set()
    if isinstance(selector, dict):
        labels = selector.get("matchLabels")
        if isinstance(labels, dict):
            used.update(labels)
        for expr in _list(selector.get("matchExpressions")):
            if isinstance(expr, dict) and isinstance(expr.get("key"), str):
                used.add(expr["key"])
    else:
        ctx.out.append(forbidden("api.validateMatchLabelKeysInTopologySpread.no-selector", kpath,
                                 "must not be specified when labelSelector is not set",
                                 "Add a labelSelector, or remove matchLabelKeys."))
    for i, key in enumerate(keys):
        _label_key(ctx, key, f"{kpath}[{i}]")
        if isinstance(key, str) and key in used:
            ctx.out.append(invalid("api.validateMatchLabelKeysInTopologySpread.both",
                                   f"{kpath}[{i}]", key,
                                   "exists in both matchLabelKeys and labelSelector",
                                   "Remove the key from labelSelector or from matchLabelKeys."))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
