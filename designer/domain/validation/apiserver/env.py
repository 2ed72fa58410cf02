"""Section A.9 of pod-rules.md: env and envFrom.

Names follow ``IsRelaxedEnvVarName`` from Kubernetes 1.32 (KEP-4369 beta, on by default; GA 1.34)
and ``IsEnvVarName`` before. ``fieldRef.apiVersion`` is read as ``v1`` when empty, since the
server defaults it before validating.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from designer.domain.quantity import canonical
from designer.domain.validation import formats
from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.findings import (
    Finding,
    invalid,
    not_supported,
    required,
    warning,
)

_ENV_FIELD_PATHS = (
    "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
    "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
)
_ENV_FIELD_PATH_SET = frozenset(_ENV_FIELD_PATHS)
_SORTED_ENV_FIELD_PATHS = tuple(sorted(_ENV_FIELD_PATHS))
# Labels ConvertDownwardAPIFieldLabel knows (spec.host is the legacy spelling of spec.nodeName).
_CONVERTIBLE = frozenset({
    "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace",
    "metadata.uid", "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName",
    "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs", "status.podIP",
    "status.podIPs",
})
_RESOURCE_FIELDS = tuple(sorted(
    f"{kind}.{res}" for kind in ("limits", "requests")
    for res in ("cpu", "memory", "ephemeral-storage")
))
_RESOURCE_FIELD_SET = frozenset(_RESOURCE_FIELDS)
_HUGEPAGE_FIELD_PREFIXES = ("requests.hugepages-", "limits.hugepages-")
_CPU_DIVISORS = frozenset({"1m", "1"})
_BYTE_DIVISORS = frozenset({
    "1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei",
})
_BYTE_DIVISOR_LIST = "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei"
_NAME_HINT = "Use letters, digits, '_', '-' or '.', not starting with a digit (e.g. MY_VAR)."
_RELAXED_HINT = "Use printable ASCII characters other than '='."
# Names already found valid, per rule (strict / relaxed): lets clean env lists skip the loop.
_VALID_NAMES: dict[bool, set[str]] = {False: set(), True: set()}
_VALID_SOURCE_NAMES: set[str] = set()  # envFrom ConfigMap/Secret names found valid
_ENV_FROM_SOURCES = ("configMapRef", "secretRef")


def validate_env(ctx: Context, container: dict[str, Any], path: str) -> None:
    """``env`` and ``envFrom`` of one container, plus the duplicate-name warning."""
    env = container.get("env")
    env_from = container.get("envFrom")
    if env is None and env_from is None:
        return
    relaxed = ctx.version >= (1, 32)
    if isinstance(env, list) and not _clean_env(ctx, env, path, relaxed):
        _validate_env(ctx, env, path, relaxed)
    if isinstance(env_from, list):
        _validate_env_from(ctx, env_from, path + ".envFrom", relaxed)


def _clean_env(ctx: Context, env: list[Any], path: str, relaxed: bool) -> bool:
    """The fast path of ``_validate_env``: when every entry is an object with a known-good,
    unique name, only the sources that a quick look cannot clear (exact dicts only) get the full
    check, and True is returned; False means nothing was done."""
    known = _VALID_NAMES[relaxed]
    unique: set[str] = set()
    pending: list[tuple[int, dict[str, Any]]] = []
    for i, var in enumerate(env):
        if var.__class__ is not dict and not isinstance(var, dict):
            return False
        name = var.get("name")
        try:
            if name in unique or name not in known:
                return False
        except TypeError:  # an unhashable name
            return False
        unique.add(name)
        src = var.get("valueFrom")
        if src is None or src.__class__ is not dict:
            continue
        # A one-key source that _check_value_from surely accepts: a fieldRef to an env field
        # path, or a resourceFieldRef to a container resource with an accepted divisor; and no
        # value beside it.
        if len(src) == 1:
            ref = src.get("fieldRef")
            if ref is not None:
                if ref.__class__ is dict:
                    field_path = ref.get("fieldPath")
                    api_version = ref.get("apiVersion")
                    if field_path.__class__ is str and field_path in _ENV_FIELD_PATH_SET and (
                            not api_version or api_version == "v1"):
                        value = var.get("value")
                        if value.__class__ is not str or value == "":
                            continue
            else:
                ref = src.get("resourceFieldRef")
                if ref is not None and ref.__class__ is dict:
                    resource = ref.get("resource")
                    divisor = ref.get("divisor", _NO_DIVISOR)
                    if resource.__class__ is str and resource in _RESOURCE_FIELD_SET and (
                            divisor is _NO_DIVISOR or (divisor.__class__ is str
                                                       and _clean_divisor(resource, divisor))):
                        value = var.get("value")
                        if value.__class__ is not str or value == "":
                            continue
        pending.append((i, src))
    for i, src in pending:
        _value_from(ctx, env[i], src, f"{path}.env[{i}].valueFrom")
    return True


_NO_DIVISOR = object()


def _validate_env(ctx: Context, env: list[Any], path: str, relaxed: bool) -> None:
    """``ValidateEnv`` and the server's "hides previous definition" warning."""
    known = _VALID_NAMES[relaxed]
    epath = path + ".env"
    out = ctx.out
    seen: set[str] = set()
    for i, var in enumerate(env):
        if not isinstance(var, dict):
            continue
        ipath = f"{epath}[{i}]"
        name = var.get("name")
        if name is None or name == "":
            out.append(required("api.ValidateEnv.name-required", ipath + ".name", "",
                                "Give the environment variable a name."))
        elif isinstance(name, str):
            errors = _name_errors(name, relaxed)
            for msg in errors:
                out.append(invalid("api.ValidateEnv.name", ipath + ".name", name, msg,
                                   _RELAXED_HINT if relaxed else _NAME_HINT))
            if not errors and len(known) < 100_000:
                known.add(name)
            if name in seen:
                out.append(warning(
                    "api.ValidateEnv.duplicate-name", ipath,
                    f'hides previous definition of "{name}", which may be dropped when using '
                    "apply",
                    "Remove or rename one of the entries; the container only sees the last one."))
            seen.add(name)
        value_from = var.get("valueFrom")
        if isinstance(value_from, dict):
            _value_from(ctx, var, value_from, ipath + ".valueFrom")


@lru_cache(maxsize=256)
def _clean_divisor(resource: str, divisor: str) -> bool:
    found: list[Finding] = []
    _resource_field_ref(found, {"resource": resource, "divisor": divisor}, "")
    return not found


@lru_cache(maxsize=1024)
def _name_errors(name: str, relaxed: bool) -> tuple[str, ...]:
    if relaxed:
        return tuple(formats.is_relaxed_env_var_name(name))
    return tuple(formats.is_env_var_name(name))


def _value_from(ctx: Context, var: dict[str, Any], src: dict[str, Any], vpath: str) -> None:
    """``validateEnvVarValueFrom``, memoized on the source's content (paths kept relative)."""
    value = var.get("value")
    has_value = value.__class__ is str and value != ""
    files = ctx.at_least(1, 35)  # EnvFiles (fileKeyRef) is on by default from 1.35
    try:
        if len(src) == 1:
            ((key, ref),) = src.items()
            if ref.__class__ is not dict:
                raise TypeError  # no memo for odd shapes
            # Only the divisor's type changes its meaning (1, 1.0 and True are equal keys).
            divisor_type: Any = ref.get("divisor").__class__
            found = _cached_source(key, tuple(ref.items()), divisor_type, has_value, files)
        else:
            frozen = tuple((k, tuple(v.items()), tuple(map(type, v.values())))
                           if v.__class__ is dict else (k, v) for k, v in src.items())
            found = _cached_value_from(frozen, has_value, files)
    except TypeError:  # unhashable garbage inside, or an odd shape: no memo
        found = _check_value_from(src, has_value, files)
    for finding in found:
        ctx.out.append(replace(finding, path=vpath + finding.path))


@lru_cache(maxsize=2048)
def _cached_source(
    key: str, items: tuple[Any, ...], _divisor_type: Any, has_value: bool, files: bool
) -> tuple[Finding, ...]:
    return _check_value_from({key: dict(items)}, has_value, files)


@lru_cache(maxsize=2048)
def _cached_value_from(
    frozen: tuple[Any, ...], has_value: bool, files: bool
) -> tuple[Finding, ...]:
    src = {e[0]: dict(e[1]) if len(e) == 3 else e[1] for e in frozen}
    return _check_value_from(src, has_value, files)


def _check_value_from(src: dict[str, Any], has_value: bool, files: bool) -> tuple[Finding, ...]:
    """One source, and no ``value`` beside it; findings have paths relative to valueFrom."""
    found: list[Finding] = []
    sources = 0
    if isinstance(src.get("fileKeyRef"), dict):
        if files:
            sources += 1  # its own fields are not checked here
        else:
            found.append(warning(
                "api.dropDisabledFields.feature-gate", ".fileKeyRef",
                "dropped by the API server: the EnvFiles feature gate is off by default before "
                "Kubernetes 1.35", "Target Kubernetes 1.35 or newer, or read the value from a "
                "ConfigMap or Secret."))
    field_ref = src.get("fieldRef")
    if isinstance(field_ref, dict):
        sources += 1
        _field_ref(found, field_ref, ".fieldRef")
    resource_ref = src.get("resourceFieldRef")
    if isinstance(resource_ref, dict):
        sources += 1
        _resource_field_ref(found, resource_ref, ".resourceFieldRef")
    for key, rule in (("configMapKeyRef", "validateConfigMapKeySelector"),
                      ("secretKeyRef", "validateSecretKeySelector")):
        ref = src.get(key)
        if isinstance(ref, dict):
            sources += 1
            _key_selector(found, ref, "." + key, rule)
    if sources == 0:
        found.append(invalid(
            "api.validateEnvVarValueFrom.no-source", "", "",
            "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or "
            "`secretKeyRef`",
            "Pick one source for valueFrom, or use a plain value instead."))
    elif has_value:
        found.append(invalid(
            "api.validateEnvVarValueFrom.value-and-source", "", "",
            "may not be specified when `value` is not empty",
            "Remove either value or valueFrom."))
    elif sources > 1:
        found.append(invalid(
            "api.validateEnvVarValueFrom.many-sources", "", "",
            "may not have more than one field specified at a time",
            "Keep a single source in valueFrom."))
    return tuple(found)


def _field_ref(out: list[Finding], ref: dict[str, Any], fpath: str) -> None:
    """``validateObjectFieldSelector`` with the env var field paths."""
    field_path = ref.get("fieldPath")
    if not field_path:
        out.append(required("api.validateObjectFieldSelector.field-path-required",
                            fpath + ".fieldPath", "", "Choose a Pod field, e.g. metadata.name."))
        return
    if not isinstance(field_path, str):
        return
    api_version = ref.get("apiVersion") or "v1"
    path, subscript, subscripted = _split_subscript(field_path)
    error = ""
    if api_version != "v1":
        error = f"unsupported pod version: {api_version}"
    elif subscripted and path not in ("metadata.annotations", "metadata.labels"):
        error = f"field label does not support subscript: {field_path}"
    elif not subscripted and field_path not in _CONVERTIBLE and field_path != "spec.host":
        error = f"field label not supported: {field_path}"
    if error:
        out.append(invalid("api.validateObjectFieldSelector.convert", fpath + ".fieldPath",
                           field_path, f"error converting fieldPath: {error}",
                           "Use a supported field such as metadata.name or status.podIP."))
        return
    if subscripted:
        key = subscript.lower() if path == "metadata.annotations" else subscript
        for msg in formats.is_qualified_name(key):
            out.append(invalid("api.validateObjectFieldSelector.subscript", fpath, key, msg,
                               "Use a valid label or annotation key inside ['...']."))
        return
    internal = "spec.nodeName" if field_path == "spec.host" else field_path
    if internal not in _ENV_FIELD_PATH_SET:
        out.append(not_supported(
            "api.validateObjectFieldSelector.not-supported", fpath + ".fieldPath", internal,
            _SORTED_ENV_FIELD_PATHS,
            "Env vars take single values; use metadata.labels['key'] for one label."))


def _split_subscript(field_path: str) -> tuple[str, str, bool]:
    """``SplitMaybeSubscriptedPath``: ``metadata.labels['k']`` -> (``metadata.labels``, ``k``)."""
    if not field_path.endswith("']"):
        return field_path, "", False
    head, sep, subscript = field_path[:-2].partition("['")
    if not sep or not head:
        return field_path, "", False
    return head, subscript, True


def _resource_field_ref(out: list[Finding], ref: dict[str, Any], rpath: str) -> None:
    """``validateContainerResourceFieldSelector`` and ``validateContainerResourceDivisor``."""
    resource = ref.get("resource")
    if not resource:
        out.append(required("api.validateContainerResourceFieldSelector.resource-required",
                            rpath + ".resource", "", "Choose e.g. limits.memory or requests.cpu."))
        resource = ""
    elif not isinstance(resource, str):
        return
    elif resource not in _RESOURCE_FIELDS and not resource.startswith(_HUGEPAGE_FIELD_PREFIXES):
        out.append(not_supported(
            "api.validateContainerResourceFieldSelector.not-supported", rpath + ".resource",
            resource, _RESOURCE_FIELDS, "Use limits.* or requests.* of cpu, memory, "
            "ephemeral-storage or hugepages-<size>."))
    if "divisor" not in ref:
        return
    divisor = ref.get("divisor")
    try:
        text = canonical(divisor)
    except ValueError as err:
        out.append(invalid("api.ParseQuantity.invalid", rpath + ".divisor", divisor, str(err),
                           "Use a quantity such as 1, 1m or 1Mi."))
        return
    if text == "0":
        return
    detail = ""
    if resource in ("limits.cpu", "requests.cpu"):
        if text not in _CPU_DIVISORS:
            detail = "only divisor's values 1m and 1 are supported with the cpu resource"
    elif resource in ("limits.memory", "requests.memory"):
        if text not in _BYTE_DIVISORS:
            detail = (f"only divisor's values {_BYTE_DIVISOR_LIST} are supported with the "
                      "memory resource")
    elif resource in ("limits.ephemeral-storage", "requests.ephemeral-storage"):
        if text not in _BYTE_DIVISORS:
            detail = (f"only divisor's values {_BYTE_DIVISOR_LIST} are supported with the "
                      "local ephemeral storage resource")
    elif resource.startswith(_HUGEPAGE_FIELD_PREFIXES) and text not in _BYTE_DIVISORS:
        detail = (f"only divisor's values {_BYTE_DIVISOR_LIST} are supported with the "
                  "hugepages resource")
    if detail:
        out.append(invalid("api.validateContainerResourceDivisor.invalid", rpath + ".divisor",
                           resource, detail, "Pick one of the listed divisors."))


def _key_selector(out: list[Finding], ref: dict[str, Any], kpath: str, rule: str) -> None:
    """``validateConfigMapKeySelector`` / ``validateSecretKeySelector``."""
    name = ref.get("name")
    if name is None:
        name = ""  # optional in the schema, yet validated as a name
    if isinstance(name, str):
        for msg in formats.is_dns1123_subdomain(name):
            out.append(invalid(f"api.{rule}.name", kpath + ".name", name, msg,
                               "Name an existing object with a DNS-1123 subdomain name."))
    key = ref.get("key")
    if not key:
        out.append(required(f"api.{rule}.key-required", kpath + ".key", "",
                            "Name the key to read."))
    elif isinstance(key, str):
        for msg in formats.is_config_map_key(key):
            out.append(invalid(f"api.{rule}.key", kpath + ".key", key, msg,
                               "Keys use letters, digits, '-', '_' or '.'."))


def _validate_env_from(ctx: Context, items: list[Any], fpath: str, relaxed: bool) -> None:
    """``ValidateEnvFrom``: a prefix that forms valid names and exactly one source."""
    out = ctx.out
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        if len(item) == 1:
            ((key, ref),) = item.items()
            if key in _ENV_FROM_SOURCES and ref.__class__ is dict and \
                    ref.get("name").__class__ is str and ref["name"] in _VALID_SOURCE_NAMES:
                continue  # the common {configMapRef: {name: ...}}, already known good
        ipath = f"{fpath}[{i}]"
        prefix = item.get("prefix")
        if isinstance(prefix, str) and prefix:
            for msg in _name_errors(prefix, relaxed):
                out.append(invalid("api.ValidateEnvFrom.prefix", ipath + ".prefix", prefix, msg,
                                   _RELAXED_HINT if relaxed else _NAME_HINT))
        sources = 0
        for key, rule in (("configMapRef", "validateConfigMapEnvSource"),
                          ("secretRef", "validateSecretEnvSource")):
            ref = item.get(key)
            if not isinstance(ref, dict):
                continue
            sources += 1
            name = ref.get("name")
            if not name:
                out.append(required(f"api.{rule}.name-required", f"{ipath}.{key}.name", "",
                                    "Name the ConfigMap or Secret to import."))
            elif isinstance(name, str):
                # Validated as a generateName-style prefix: a trailing '-' is accepted.
                probe = name[:-1] + "a" if len(name) > 1 and name.endswith("-") else name
                msgs = formats.is_dns1123_subdomain(probe)
                for msg in msgs:
                    out.append(invalid(f"api.{rule}.name", f"{ipath}.{key}.name", name, msg,
                                       "Use a DNS-1123 subdomain name."))
                if not msgs and len(_VALID_SOURCE_NAMES) < 100_000:
                    _VALID_SOURCE_NAMES.add(name)
        if sources == 0:
            out.append(invalid("api.ValidateEnvFrom.no-source", fpath, "",
                               "must specify one of: `configMapRef` or `secretRef`",
                               "Set configMapRef or secretRef in each envFrom entry."))
        elif sources > 1:
            out.append(invalid("api.ValidateEnvFrom.many-sources", fpath, "",
                               "may not have more than one field specified at a time",
                               "Split configMapRef and secretRef into separate envFrom entries."))
