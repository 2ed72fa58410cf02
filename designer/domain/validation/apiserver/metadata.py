"""Section A.2 of pod-rules.md: Pod metadata and the annotations the Pod API cares about.

``ValidateObjectMeta`` (name, generateName, namespace, labels, annotations, finalizers),
``ValidatePodSpecificAnnotations`` and the create-time checks that seccomp/AppArmor annotations
agree with the security-context fields.
"""

from __future__ import annotations

from typing import Any

from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.apiserver.defaults import CONTAINER_LISTS, as_dict, as_list, as_str
from designer.domain.validation.findings import forbidden, invalid, required, too_long
from designer.domain.validation.formats import (
    is_dns1123_label,
    is_dns1123_subdomain,
    is_qualified_name,
    is_valid_label_value,
)

TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024
MIRROR = "kubernetes.io/config.mirror"
DELETION_COST = "controller.kubernetes.io/pod-deletion-cost"
SECCOMP_POD = "seccomp.security.alpha.kubernetes.io/pod"
SECCOMP_CONTAINER = "container.seccomp.security.alpha.kubernetes.io/"
APPARMOR_CONTAINER = "container.apparmor.security.beta.kubernetes.io/"
_STANDARD_FINALIZERS = frozenset({"kubernetes", "orphan", "foregroundDeletion"})
APPARMOR_FIELDS_SINCE = (1, 30)  # AppArmorFields beta: securityContext.appArmorProfile exists

_HINT_NAME = "Use lower-case letters, digits, '-' and '.', starting and ending alphanumeric."
_HINT_LABEL_KEY = "Use an optional DNS prefix and '/', then at most 63 letters, digits, '-_.'."


def mask_trailing_dash(name: str) -> str:
    """maskTrailingDash, quirk included: the last *two* characters become one 'a'."""
    if len(name) > 1 and name.endswith("-"):
        return name[:-2] + "a"
    return name


def validate_object_meta(ctx: Context, meta: dict[str, Any]) -> None:
    """ValidateObjectMeta for a Pod; for a template only labels and annotations are checked."""
    out = ctx.out
    if not ctx.template:
        rule = "api.ValidateObjectMetaAccessor"
        generate = as_str(meta.get("generateName"))
        if generate:
            for msg in is_dns1123_subdomain(mask_trailing_dash(generate)):
                out.append(invalid(f"{rule}.generate-name-invalid", "metadata.generateName",
                                   generate, msg, _HINT_NAME))
        name = as_str(meta.get("name"))
        if name:
            for msg in is_dns1123_subdomain(name):
                out.append(invalid("api.ValidatePodName.invalid", "metadata.name", name, msg,
                                   _HINT_NAME))
        elif not generate:
            # With generateName the server generates the name before validating it.
            out.append(required(f"{rule}.name-required", "metadata.name",
                                "name or generateName is required", "Give the Pod a name."))
        namespace = as_str(meta.get("namespace"))
        if namespace:  # empty: the server takes the namespace from the request URL
            for msg in is_dns1123_label(namespace):
                out.append(invalid("api.validateObjectMetaAccessorWithOptsCommon.namespace",
                                   "metadata.namespace", namespace, msg,
                                   "Use a namespace name of at most 63 lower-case letters, "
                                   "digits and '-'."))
    _validate_labels(ctx, as_dict(meta.get("labels")))
    _validate_annotations(ctx, as_dict(meta.get("annotations")))
    if not ctx.template:
        _validate_finalizers(ctx, meta.get("finalizers"))


def _validate_labels(ctx: Context, labels: dict[str, Any] | None) -> None:
    if not labels:
        return
    out = ctx.out
    for key, value in labels.items():
        for msg in is_qualified_name(key):
            out.append(invalid("api.ValidateLabels.key", "metadata.labels", key, msg,
                               _HINT_LABEL_KEY))
        if isinstance(value, str):
            for msg in is_valid_label_value(value):
                out.append(invalid("api.ValidateLabels.value", "metadata.labels", value, msg,
                                   "Use at most 63 letters, digits, '-', '_' or '.', "
                                   "starting and ending alphanumeric."))


def _validate_annotations(ctx: Context, annotations: dict[str, Any] | None) -> None:
    if not annotations:
        return
    total = 0
    for key, value in annotations.items():
        for msg in is_qualified_name(key.lower()):
            ctx.out.append(invalid("api.ValidateAnnotations.key", "metadata.annotations", key,
                                   msg, _HINT_LABEL_KEY))
        total += len(key.encode()) + (len(value.encode()) if isinstance(value, str) else 0)
    if total > TOTAL_ANNOTATION_SIZE_LIMIT:
        ctx.out.append(too_long("api.ValidateAnnotationsSize.too-long", "metadata.annotations",
                                TOTAL_ANNOTATION_SIZE_LIMIT,
                                "Keep all annotations together under 256 KiB."))


def _validate_finalizers(ctx: Context, finalizers: object) -> None:
    indexed = [(i, f) for i, f in enumerate(as_list(finalizers)) if isinstance(f, str)]
    if not indexed:
        return
    names = [f for _, f in indexed]
    out = ctx.out
    hint = "Use a domain-prefixed finalizer name such as example.com/cleanup."
    for name in names:  # ValidateFinalizers reports at the list path
        for msg in is_qualified_name(name):
            out.append(invalid("api.ValidateFinalizers.invalid", "metadata.finalizers", name,
                               msg, hint))
    if "orphan" in names and "foregroundDeletion" in names:
        out.append(invalid("api.ValidateFinalizers.conflict", "metadata.finalizers", names,
                           "finalizer orphan and foregroundDeletion cannot be both set",
                           "Keep only one of orphan and foregroundDeletion."))
    for i, name in indexed:  # then validateKubeFinalizerName, per index
        path = f"metadata.finalizers[{i}]"
        msgs = is_qualified_name(name)
        for msg in msgs:
            out.append(invalid("api.validateKubeFinalizerName.invalid", path, name, msg, hint))
        if not msgs and "/" not in name and name not in _STANDARD_FINALIZERS:
            out.append(invalid("api.validateKubeFinalizerName.unqualified", path, name,
                               "name is neither a standard finalizer name nor is it fully "
                               "qualified", hint))


def _deletion_cost_ok(value: str) -> bool:
    if not value or not (value[0] == "-" or value == "0" or "1" <= value[0] <= "9"):
        return False
    body = value[1:] if value[0] == "-" else value
    return body.isascii() and body.isdigit() and -(2**31) <= int(value) < 2**31


def validate_pod_specific_annotations(ctx: Context, meta: dict[str, Any]) -> None:
    """ValidatePodSpecificAnnotations: mirror, deletion cost, seccomp and AppArmor annotations."""
    annotations = as_dict(meta.get("annotations"))
    if not annotations:
        return
    out = ctx.out
    if MIRROR in annotations and not as_str(ctx.spec.get("nodeName")):
        out.append(invalid("api.ValidatePodSpecificAnnotations.mirror",
                           f"metadata.annotations[{MIRROR}]", annotations[MIRROR],
                           "must set spec.nodeName if mirror pod annotation is set",
                           "Remove the mirror-pod annotation; only the kubelet sets it."))
    cost = annotations.get(DELETION_COST)
    if cost is not None and not _deletion_cost_ok(as_str(cost)):
        out.append(invalid("api.ValidatePodSpecificAnnotations.deletion-cost",
                           f"metadata.annotations[{DELETION_COST}]", as_str(cost),
                           "must be a 32bit integer",
                           "Use a whole number between -2147483648 and 2147483647."))
    if SECCOMP_POD in annotations:
        _validate_seccomp_annotation(ctx, SECCOMP_POD, annotations[SECCOMP_POD])
    for key, value in annotations.items():
        if key.startswith(SECCOMP_CONTAINER):
            _validate_seccomp_annotation(ctx, key, value)
    names: set[str] | None = None
    for key, value in annotations.items():
        if not key.startswith(APPARMOR_CONTAINER):
            continue
        path = f"metadata.annotations[{key}]"
        container = key[len(APPARMOR_CONTAINER):]
        if names is None:
            names = _container_names(ctx.spec)
        if container not in names:
            out.append(invalid("api.ValidateAppArmorPodAnnotations.container", path, container,
                               "container not found",
                               "Name an existing container after the annotation prefix."))
        profile = as_str(value)
        if profile not in ("", "runtime/default", "unconfined") and not profile.startswith(
                "localhost/"):
            out.append(invalid("api.ValidateAppArmorPodAnnotations.profile", path, profile,
                               f'invalid AppArmor profile name: "{profile}"',
                               "Use runtime/default, unconfined or localhost/<profile>."))


def _validate_seccomp_annotation(ctx: Context, key: str, value: object) -> None:
    path = f"metadata.annotations.{key}"  # fldPath.Child(key): not a [key] subscript
    profile = as_str(value)
    if profile in ("runtime/default", "docker/default", "unconfined"):
        return
    if profile.startswith("localhost/"):
        local = profile[len("localhost/"):]
        if local.startswith("/"):
            ctx.out.append(invalid("api.ValidateSeccompProfile.absolute", path, local,
                                   "must be a relative path",
                                   "Give the profile path relative to the kubelet's root."))
        if ".." in local.split("/"):
            ctx.out.append(invalid("api.ValidateSeccompProfile.backsteps", path, local,
                                   "must not contain '..'", "Remove '..' from the path."))
        return
    ctx.out.append(invalid("api.ValidateSeccompProfile.invalid", path, profile,
                           "must be a valid seccomp profile",
                           "Prefer securityContext.seccompProfile over the annotation."))


def _container_names(spec: dict[str, Any]) -> set[str]:
    return {as_str(c.get("name")) for kind in CONTAINER_LISTS
            for c in as_list(spec.get(kind)) if isinstance(c, dict)}


def _visit_containers(spec: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """podshelper.VisitContainersWithPath order: init, regular, ephemeral containers."""
    return [(c, f"spec.{kind}[{i}]")
            for kind in ("initContainers", "containers", "ephemeralContainers")
            for i, c in enumerate(as_list(spec.get(kind))) if isinstance(c, dict)]


def validate_annotations_match_fields(ctx: Context, meta: dict[str, Any]) -> None:
    """Seccomp and AppArmor annotations must agree with the fields when both are set."""
    annotations = as_dict(meta.get("annotations"))
    if not annotations:
        return
    spec = ctx.spec
    pod_sc = as_dict(spec.get("securityContext")) or {}
    pod_seccomp = as_dict(pod_sc.get("seccompProfile"))
    if pod_seccomp is not None and SECCOMP_POD in annotations:
        _match(ctx, "seccomp", as_str(annotations[SECCOMP_POD]), pod_seccomp,
               "spec.securityContext.seccompProfile")
    check_apparmor = ctx.at_least(*APPARMOR_FIELDS_SINCE) and as_str(
        (as_dict(spec.get("os")) or {}).get("name")) != "windows"
    pod_apparmor = as_dict(pod_sc.get("appArmorProfile"))
    for c, path in _visit_containers(spec):
        sc = as_dict(c.get("securityContext")) or {}
        name = as_str(c.get("name"))
        seccomp = as_dict(sc.get("seccompProfile"))
        key = SECCOMP_CONTAINER + name
        if seccomp is not None and key in annotations:
            _match(ctx, "seccomp", as_str(annotations[key]), seccomp,
                   f"{path}.securityContext.seccompProfile")
        if not check_apparmor:
            continue
        profile = as_dict(sc.get("appArmorProfile")) or pod_apparmor
        key = APPARMOR_CONTAINER + name
        if profile is not None and key in annotations:
            _match(ctx, "apparmor", as_str(annotations[key]), profile,
                   f"{path}.securityContext.appArmorProfile")


def _match(ctx: Context, what: str, annotation: str, profile: dict[str, Any], path: str) -> None:
    kind = as_str(profile.get("type"))
    if what == "seccomp":
        rule = "api.validateSeccompAnnotationsAndFields.mismatch"
        expected: tuple[str, ...] = {"Unconfined": ("unconfined",),
                                     "RuntimeDefault": ("runtime/default", "docker/default")
                                     }.get(kind, ())
    else:
        rule = "api.validateAppArmorAnnotationsAndFieldsMatchOnCreate.mismatch"
        expected = {"Unconfined": ("unconfined",), "RuntimeDefault": ("runtime/default",)
                    }.get(kind, ())
    hint = f"Drop the deprecated {what} annotation and keep the securityContext field."
    if expected:
        if annotation not in expected:
            ctx.out.append(forbidden(rule, f"{path}.type",
                                     f"{what} type in annotation and field must match", hint))
    elif kind == "Localhost":
        if not annotation.startswith("localhost/"):
            ctx.out.append(forbidden(rule, f"{path}.type",
                                     f"{what} type in annotation and field must match", hint))
        elif annotation[len("localhost/"):] != profile.get("localhostProfile"):
            ctx.out.append(forbidden(rule, f"{path}.localhostProfile",
                                     f"{what} profile in annotation and field must match", hint))
