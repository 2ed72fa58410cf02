"""Section A.10 of pod-rules.md: pod-level fields.

Runs in ``ValidatePodSpec`` order, then the create-only nodeName check and the warnings the server
(or common sense) attaches to fields it accepts.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from typing import Any, TypeGuard

from designer.domain.validation import formats
from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.apiserver.security import (
    any_windows_options,
    containers_with_paths,
)
from designer.domain.validation.findings import (
    duplicate,
    forbidden,
    invalid,
    not_supported,
    required,
    warning,
)

_RESTART_POLICIES = ("Always", "OnFailure", "Never")
_DNS_POLICIES = ("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None")
_PREEMPTION_POLICIES = ("PreemptLowerPriority", "Never")
_IPV4 = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+")
_IP_MSG = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
_LABEL_U = r"_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?"
_SUBDOMAIN_U = re.compile(rf"{_LABEL_U}(\.{_LABEL_U})*")
_SUBDOMAIN_U_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', "
    "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
    f"regex used for validation is '{_SUBDOMAIN_U.pattern}')"
)
_MAX_INT32 = formats.MAX_INT32
_NAME_FIELDS = (
    ("serviceAccountName", "Use the name of a ServiceAccount (a DNS-1123 subdomain)."),
    ("nodeName", "Use the exact name of a Node, or leave it to the scheduler."),
)


def validate_pod_fields(ctx: Context) -> None:
    """restartPolicy, dnsPolicy/dnsConfig, grace period, activeDeadlineSeconds, names, gates, os."""
    spec, out = ctx.spec, ctx.out
    _grace_period(ctx)
    _enum(ctx, "restartPolicy", _RESTART_POLICIES, "validateRestartPolicy",
          "Use Always, OnFailure or Never.")
    _enum(ctx, "dnsPolicy", _DNS_POLICIES, "validateDNSPolicy",
          "Use ClusterFirst, ClusterFirstWithHostNet, Default or None.")
    _image_pull_secrets(ctx)
    _dns_config(ctx)
    gates = _list(spec.get("readinessGates"))
    for i, gate in enumerate(gates):
        ctype = gate.get("conditionType") if isinstance(gate, dict) else None
        if isinstance(ctype, str):
            _qualified(ctx, ctype, f"spec.readinessGates[{i}].conditionType",
                       "validateReadinessGates")
    seen: set[str] = set()
    for i, gate in enumerate(_list(spec.get("schedulingGates"))):
        name = gate.get("name") if isinstance(gate, dict) else None
        if not isinstance(name, str):
            continue
        _qualified(ctx, name, f"spec.schedulingGates[{i}]", "validateSchedulingGates")
        if name in seen:
            out.append(duplicate("api.validateSchedulingGates.duplicate",
                                 f"spec.schedulingGates[{i}]", name, "List each gate once."))
        seen.add(name)
    for key, hint in _NAME_FIELDS:
        value = spec.get(key)
        if isinstance(value, str) and value:
            _subdomain(ctx, value, f"spec.{key}", "ValidatePodSpec", hint)
    deadline = spec.get("activeDeadlineSeconds")
    if _is_int(deadline) and not 1 <= deadline <= _MAX_INT32:
        out.append(invalid("api.ValidatePodSpec.active-deadline", "spec.activeDeadlineSeconds",
                           deadline, f"must be between 1 and {_MAX_INT32}, inclusive",
                           "Use a positive number of seconds, or remove the field."))
    for key in ("hostname", "subdomain"):
        value = spec.get(key)
        if isinstance(value, str) and value:
            for msg in formats.is_dns1123_label(value):
                out.append(invalid(f"api.ValidatePodSpec.{key}", f"spec.{key}", value, msg,
                                   "Use a DNS-1123 label, e.g. web-0."))
    _host_aliases(ctx)
    priority = spec.get("priorityClassName")
    if isinstance(priority, str) and priority:
        _subdomain(ctx, priority, "spec.priorityClassName", "ValidatePodSpec",
                   "Use the name of a PriorityClass.")
    runtime = spec.get("runtimeClassName")
    if isinstance(runtime, str):  # validated whenever set, even to ""
        _subdomain(ctx, runtime, "spec.runtimeClassName", "ValidateRuntimeClassName",
                   "Use the name of a RuntimeClass, or remove the field.")
    preemption = spec.get("preemptionPolicy")
    if preemption is not None:
        if preemption == "":
            out.append(required("api.ValidatePreemptionPolicy.required", "spec.preemptionPolicy",
                                "", "Use PreemptLowerPriority or Never."))
        elif preemption not in _PREEMPTION_POLICIES:
            out.append(not_supported("api.ValidatePreemptionPolicy.not-supported",
                                     "spec.preemptionPolicy", preemption, _PREEMPTION_POLICIES,
                                     "Use PreemptLowerPriority or Never."))
    _os(ctx)
    node_name = spec.get("nodeName")
    if not ctx.template and isinstance(node_name, str) and node_name and _gates_set(spec):
        out.append(forbidden(
            "api.ValidatePodCreate.node-name-with-scheduling-gates", "spec.nodeName",
            "cannot be set until all schedulingGates have been cleared",
            "Remove nodeName or the schedulingGates."))
    if spec.get("hostNetwork") is True and spec.get("dnsPolicy") in (None, "", "ClusterFirst"):
        out.append(warning(
            "api.validateDNSPolicy.host-network-cluster-first", "spec.dnsPolicy",
            "with hostNetwork: true, dnsPolicy ClusterFirst falls back to the node's DNS "
            "settings (like Default): cluster Service names will not resolve",
            "Set dnsPolicy: ClusterFirstWithHostNet to resolve cluster Services."))


def _gates_set(spec: dict[str, Any]) -> bool:
    gates = spec.get("schedulingGates")
    return isinstance(gates, list) and len(gates) > 0


def _grace_period(ctx: Context) -> None:
    spec = ctx.spec
    if "terminationGracePeriodSeconds" not in spec:
        return  # defaulted to 30
    grace = spec["terminationGracePeriodSeconds"]
    if grace is None:
        ctx.out.append(required("api.ValidatePodSpec.grace-period-required",
                                "spec.terminationGracePeriodSeconds", "",
                                "Set terminationGracePeriodSeconds, e.g. 30."))
    elif _is_int(grace) and grace < 0:
        ctx.out.append(warning(
            "api.ValidatePodSpec.negative-grace-period", "spec.terminationGracePeriodSeconds",
            "must be >= 0; negative values are invalid and will be treated as 1",
            "Use 0 or more seconds (the default is 30)."))


def _enum(ctx: Context, key: str, allowed: tuple[str, ...], func: str, hint: str) -> None:
    if key not in ctx.spec:
        return  # defaulted
    value = ctx.spec[key]
    if value == "" or value is None:
        ctx.out.append(required(f"api.{func}.required", f"spec.{key}", "", hint))
    elif value not in allowed:
        ctx.out.append(not_supported(f"api.{func}.not-supported", f"spec.{key}", value, allowed,
                                     hint))


def _image_pull_secrets(ctx: Context) -> None:
    """The server's warnings for duplicate and empty pull secret names."""
    seen: set[str] = set()
    for i, ref in enumerate(_list(ctx.spec.get("imagePullSecrets"))):
        if not isinstance(ref, dict):
            continue
        name = ref.get("name")
        name = name if isinstance(name, str) else ""
        path = f"spec.imagePullSecrets[{i}].name"
        if not name:
            ctx.out.append(warning("api.warningsForPodSpecAndMeta.empty-pull-secret", path,
                                   'invalid empty name ""', "Name the image pull Secret."))
        elif name in seen:
            ctx.out.append(warning("api.warningsForPodSpecAndMeta.duplicate-pull-secret", path,
                                   f'duplicate name "{name}"', "List each pull Secret once."))
        seen.add(name)


def _dns_config(ctx: Context) -> None:
    """``validatePodDNSConfig``; relaxed search names from 1.33 (RelaxedDNSSearchValidation)."""
    spec, out = ctx.spec, ctx.out
    config = spec.get("dnsConfig")
    if spec.get("dnsPolicy") == "None":
        if not isinstance(config, dict):
            out.append(required("api.validatePodDNSConfig.config-required", "spec.dnsConfig",
                                "must provide `dnsConfig` when `dnsPolicy` is None",
                                "Add dnsConfig with at least one nameserver."))
            return
        if not _list(config.get("nameservers")):
            out.append(required("api.validatePodDNSConfig.nameserver-required",
                                "spec.dnsConfig.nameservers",
                                "must provide at least one DNS nameserver when `dnsPolicy` is None",
                                "Add a nameserver IP, e.g. 10.96.0.10."))
            return
    if not isinstance(config, dict):
        return
    servers = _list(config.get("nameservers"))
    if len(servers) > 3:
        out.append(invalid("api.validatePodDNSConfig.nameservers", "spec.dnsConfig.nameservers",
                           servers, "must not have more than 3 nameservers",
                           "Keep at most 3 nameservers."))
    for i, server in enumerate(servers):
        _ip(ctx, server, f"spec.dnsConfig.nameservers[{i}]", "validatePodDNSConfig")
    searches = _list(config.get("searches"))
    if len(searches) > 32:
        out.append(invalid("api.validatePodDNSConfig.searches", "spec.dnsConfig.searches",
                           searches, "must not have more than 32 search paths",
                           "Keep at most 32 search domains."))
    texts = [s for s in searches if isinstance(s, str)]
    if len(" ".join(texts)) > 2048:
        out.append(invalid("api.validatePodDNSConfig.searches", "spec.dnsConfig.searches",
                           searches, "must not have more than 2048 characters (including spaces) "
                           "in the search list", "Shorten the search domains."))
    relaxed = ctx.at_least(1, 33)
    for i, search in enumerate(searches):
        if not isinstance(search, str) or (relaxed and search == "."):
            continue
        name = search.removesuffix(".")
        path = f"spec.dnsConfig.searches[{i}]"
        if relaxed:
            msgs = [] if len(name) <= 253 else ["must be no more than 253 characters"]
            if not _SUBDOMAIN_U.fullmatch(name):
                msgs.append(_SUBDOMAIN_U_MSG)
        else:
            msgs = formats.is_dns1123_subdomain(name)
        for msg in msgs:
            out.append(invalid("api.validatePodDNSConfig.search", path, name, msg,
                               "Use a DNS domain such as svc.cluster.local."))
    for i, option in enumerate(_list(config.get("options"))):
        if isinstance(option, dict) and not option.get("name"):
            out.append(required("api.validatePodDNSConfig.option-name",
                                f"spec.dnsConfig.options[{i}]", "must not be empty",
                                "Name the resolver option, e.g. ndots."))


def _host_aliases(ctx: Context) -> None:
    """``ValidateHostAliases`` plus the server's duplicate-IP warning."""
    seen: set[str] = set()
    for i, alias in enumerate(_list(ctx.spec.get("hostAliases"))):
        if not isinstance(alias, dict):
            continue
        path = f"spec.hostAliases[{i}]"
        ip = alias.get("ip")
        ip = ip if isinstance(ip, str) else ""
        _ip(ctx, ip, path + ".ip", "ValidateHostAliases")
        for j, host in enumerate(_list(alias.get("hostnames"))):
            if isinstance(host, str):
                _subdomain(ctx, host, f"{path}.hostnames[{j}]", "ValidateHostAliases",
                           "Use a host name such as db.local.")
        if ip in seen:
            ctx.out.append(warning("api.warningsForPodSpecAndMeta.duplicate-host-alias-ip",
                                   path + ".ip", f'duplicate ip "{ip}"',
                                   "Merge the host names into one entry per IP."))
        seen.add(ip)


def _os(ctx: Context) -> None:
    """``validateOS``, then the Linux- or Windows-only field rules."""
    os_spec = ctx.spec.get("os")
    if not isinstance(os_spec, dict):
        return
    name = os_spec.get("name")
    if not name:
        ctx.out.append(required("api.validateOS.name-required", "spec.os.name", "cannot be empty",
                                "Set spec.os.name to linux or windows."))
    elif name not in ("linux", "windows"):
        ctx.out.append(not_supported("api.validateOS.not-supported", "spec.os", name,
                                     ("linux", "windows"), "Use linux or windows."))
    elif name == "linux":
        _linux(ctx)
    else:
        _windows(ctx)


def _ip(ctx: Context, value: Any, path: str, func: str) -> None:
    if not (isinstance(value, str) and _valid_ip(value)):
        ctx.out.append(invalid(f"api.{func}.ip", path, value, _IP_MSG,
                               "Use an IPv4 or IPv6 address."))


@lru_cache(maxsize=1024)
def _valid_ip(value: str) -> bool:
    """``netutils.ParseIPSloppy``: IPv4 parts may have leading zeros; no IPv6 zones."""
    if _IPV4.fullmatch(value):
        return all(int(part) <= 255 for part in value.split("."))
    if ":" not in value or "%" in value:
        return False
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


def _subdomain(ctx: Context, value: str, path: str, func: str, hint: str) -> None:
    for msg in _subdomain_errors(value):
        ctx.out.append(invalid(f"api.{func}.name", path, value, msg, hint))


@lru_cache(maxsize=1024)
def _subdomain_errors(value: str) -> tuple[str, ...]:
    return tuple(formats.is_dns1123_subdomain(value))


def _qualified(ctx: Context, value: str, path: str, func: str) -> None:
    for msg in formats.is_qualified_name(value):
        ctx.out.append(invalid(f"api.{func}.name", path, value, msg,
                               "Use a qualified name such as example.com/ready."))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


# --- OS-specific rules ---------------------------------------------------------------------

# (field, where it lives: "sc" = spec.securityContext, "spec" = the PodSpec), in server order.
_WINDOWS_POD_FIELDS = (
    ("appArmorProfile", "sc"), ("seLinuxOptions", "sc"), ("hostUsers", "spec"),
    ("hostPID", "spec"), ("hostIPC", "spec"), ("seccompProfile", "sc"), ("fsGroup", "sc"),
    ("fsGroupChangePolicy", "sc"), ("sysctls", "sc"), ("shareProcessNamespace", "spec"),
    ("runAsUser", "sc"), ("runAsGroup", "sc"), ("supplementalGroups", "sc"),
    ("supplementalGroupsPolicy", "sc"), ("seLinuxChangePolicy", "sc"),
)
_WINDOWS_CONTAINER_FIELDS = (
    "appArmorProfile", "seLinuxOptions", "seccompProfile", "capabilities",
    "readOnlyRootFilesystem", "privileged", "allowPrivilegeEscalation", "procMount",
    "runAsUser", "runAsGroup",
)
# Dropped before validation when their feature gate is off (before 1.33 by default).
_GATED_BEFORE_1_33 = frozenset({
    "hostUsers", "supplementalGroupsPolicy", "seLinuxChangePolicy", "procMount",
})


def _linux(ctx: Context) -> None:
    """``validateLinux``: no ``windowsOptions`` anywhere in a linux pod."""
    msg = "windows options cannot be set for a linux pod"
    hint = "Remove windowsOptions, or set spec.os.name: windows."
    sc = ctx.spec.get("securityContext")
    if isinstance(sc, dict) and sc.get("windowsOptions") is not None:
        ctx.out.append(forbidden("api.validateLinux.windows-options",
                                 "spec.securityContext.windowsOptions", msg, hint))
    if not any_windows_options(ctx.spec):
        return
    for container, key, i in containers_with_paths(ctx.spec):
        csc = container.get("securityContext")
        if csc.__class__ is dict and csc.get("windowsOptions") is not None:
            ctx.out.append(forbidden("api.validateLinux.windows-options",
                                     f"spec.{key}[{i}].securityContext.windowsOptions", msg, hint))


def _windows(ctx: Context) -> None:
    """``validateWindows``: Linux-only pod and container fields are forbidden."""
    spec, out = ctx.spec, ctx.out
    msg = "cannot be set for a windows pod"
    hint = "Remove this Linux-only setting, or set spec.os.name: linux."
    sc = spec.get("securityContext")
    if not isinstance(sc, dict):
        sc = {}
    skip = frozenset() if ctx.at_least(1, 33) else _GATED_BEFORE_1_33
    for key, where in _WINDOWS_POD_FIELDS:
        if key in skip:
            continue
        value = (sc if where == "sc" else spec).get(key)
        if key in ("hostPID", "hostIPC"):
            set_ = value is True
        elif key == "sysctls":
            set_ = bool(value)
        else:
            set_ = value is not None
        if set_:
            path = f"spec.securityContext.{key}" if where == "sc" else f"spec.{key}"
            out.append(forbidden("api.validateWindows.linux-field", path, msg, hint))
    for container, list_key, i in containers_with_paths(spec):
        csc = container.get("securityContext")
        if not isinstance(csc, dict):
            continue
        for key in _WINDOWS_CONTAINER_FIELDS:
            if key not in skip and csc.get(key) is not None:
                out.append(forbidden("api.validateWindows.linux-field",
                                     f"spec.{list_key}[{i}].securityContext.{key}", msg, hint))
