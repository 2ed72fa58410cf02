"""Section A.6 of pod-rules.md, per volume source: what validateVolumeSource checks inside each.

``VALIDATORS`` maps a VolumeSource field to its check; ``volumes.py`` drives them. Error paths
keep the server's own quirks: items of a downwardAPI volume are reported without their index,
a projected serviceAccountToken's path as ``projected.path``, a CSI secret name as ``csi.name``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from designer.domain.quantity import canonical, parse_quantity
from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.apiserver.defaults import as_dict, as_int, as_list, as_str
from designer.domain.validation.findings import (
    Finding,
    forbidden,
    invalid,
    not_supported,
    required,
    too_long,
)
from designer.domain.validation.formats import (
    is_dns1123_subdomain,
    is_qualified_name,
    is_valid_label_value,
)

PULL_POLICIES = ("Always", "IfNotPresent", "Never")
FILE_MODE_MSG = "must be a number between 0 and 0777 (octal), both inclusive"
HOST_PATH_TYPES = ("", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File",
                   "FileOrCreate", "Socket")
VOLUME_FIELD_PATHS = ("metadata.annotations", "metadata.labels", "metadata.name",
                      "metadata.namespace", "metadata.uid")
# Labels ConvertDownwardAPIFieldLabel accepts for v1 (spec.host is converted to spec.nodeName).
_CONVERTIBLE = frozenset({
    "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace",
    "metadata.uid", "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName",
    "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs", "status.podIP",
    "status.podIPs", "spec.host"})
RESOURCE_FIELD_PATHS = ("limits.cpu", "limits.ephemeral-storage", "limits.memory",
                        "requests.cpu", "requests.ephemeral-storage", "requests.memory")
ACCESS_MODES = ("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod")
# ObjectMeta fields in struct order, as validateFieldAllowList names them (UID becomes uID).
_TEMPLATE_META_FORBIDDEN = (
    ("name", "name"), ("generateName", "generateName"), ("namespace", "namespace"),
    ("selfLink", "selfLink"), ("uid", "uID"), ("resourceVersion", "resourceVersion"),
    ("generation", "generation"), ("creationTimestamp", "creationTimestamp"),
    ("deletionTimestamp", "deletionTimestamp"),
    ("deletionGracePeriodSeconds", "deletionGracePeriodSeconds"),
    ("ownerReferences", "ownerReferences"), ("finalizers", "finalizers"),
    ("managedFields", "managedFields"))
# Legacy in-tree sources: (field, child name used in the error path) that must be non-empty.
_REQUIRED: dict[str, tuple[str, tuple[str, ...]]] = {
    "gcePersistentDisk": ("persistentDisk", ("pdName",)),
    "awsElasticBlockStore": ("awsElasticBlockStore", ("volumeID",)),
    "iscsi": ("iscsi", ("targetPortal", "iqn")),
    "glusterfs": ("glusterfs", ("endpoints", "path")),
    "rbd": ("rbd", ("monitors", "image")),
    "cinder": ("cinder", ("volumeID",)),
    "cephfs": ("cephfs", ("monitors",)),
    "quobyte": ("quobyte", ("registry", "volume")),
    "flexVolume": ("flexVolume", ("driver",)),
    "azureFile": ("azureFile", ("secretName", "shareName")),
    "vsphereVolume": ("vsphereVolume", ("volumePath",)),
    "photonPersistentDisk": ("photonPersistentDisk", ("pdID",)),
    "portworxVolume": ("portworxVolume", ("volumeID",)),
    "azureDisk": ("azureDisk", ("diskName", "diskURI")),
    "storageos": ("storageos", ("volumeName",)),
    "scaleIO": ("scaleIO", ("gateway", "system", "volumeName")),
}
_MEMORY_DIVISORS = ("1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi",
                    "1Ei")
_HINT_REL = "Use a relative path without '..' elements."
_HINT_MODE = "Use an octal file mode between 0000 and 0777, e.g. 0644."


def _sign(value: object) -> int | None:
    """Sign of a quantity, None when it does not parse (the decoder would have refused it)."""
    try:
        amount = parse_quantity(value)
    except ValueError:
        return None
    return (amount > 0) - (amount < 0)


def validate_pull_policy(out: list[Finding], policy: object, path: str) -> None:
    """validatePullPolicy (containers and image volumes)."""
    if policy in PULL_POLICIES or not isinstance(policy, str) or not policy:
        return  # unset: defaulted from the image tag
    out.append(not_supported("api.validatePullPolicy.not-supported", path, policy,
                             PULL_POLICIES, "Use Always, IfNotPresent or Never."))


def local_descending_path(out: list[Finding], value: str, path: str) -> None:
    """validateLocalDescendingPath: relative, and no '..' element."""
    if ".." not in value and not value.startswith("/"):
        return
    if value.startswith("/"):
        out.append(invalid("api.validateLocalDescendingPath.absolute", path, value,
                           "must be a relative path", _HINT_REL))
    if ".." in value.split("/"):
        out.append(invalid("api.validatePathNoBacksteps.backsteps", path, value,
                           "must not contain '..'", _HINT_REL))


def local_non_reserved_path(out: list[Finding], value: str, path: str) -> None:
    """ValidateLocalNonReservedPath: also may not start with '..'."""
    if ".." not in value and not value.startswith("/"):
        return
    local_descending_path(out, value, path)
    if value.startswith("..") and not value.startswith("../"):
        out.append(invalid("api.ValidateLocalNonReservedPath.dot-dot", path, value,
                           "must not start with '..'", _HINT_REL))


def _mode(out: list[Finding], src: dict[str, Any], key: str, path: str) -> None:
    mode = src.get(key)
    if type(mode) is int and not 0 <= mode <= 0o777:
        out.append(invalid("api.validateVolumeSource.file-mode", f"{path}.{key}", mode,
                           FILE_MODE_MSG, _HINT_MODE))


def _required(out: list[Finding], src: dict[str, Any], key: str, path: str, hint: str) -> bool:
    value = src.get(key)
    if value is None or (isinstance(value, str | list | dict) and not value):
        out.append(required("api.validateVolumeSource.field-required", f"{path}.{key}",
                            hint=hint))
        return False
    return True


def _empty_dir(ctx: Context, src: dict[str, Any], path: str, out: list[Finding]) -> None:
    if src.get("sizeLimit") is not None and _sign(src["sizeLimit"]) == -1:
        out.append(forbidden("api.validateVolumeSource.size-limit", f"{path}.sizeLimit",
                             "SizeLimit field must be a valid resource quantity",
                             "Use a positive size such as 1Gi."))


def _host_path(ctx: Context, src: dict[str, Any], path: str, out: list[Finding]) -> None:
    if not _required(out, src, "path", path, "Set the path on the node."):
        return
    local = as_str(src.get("path"))
    if ".." in local.split("/"):
        out.append(invalid("api.validatePathNoBacksteps.backsteps", f"{path}.path", local,
                           "must not contain '..'", "Remove '..' from the path."))
    kind = src.get("type")
    if isinstance(kind, str) and kind not in HOST_PATH_TYPES:
        out.append(not_supported("api.validateHostPathType.not-supported", f"{path}.type", kind,
                                 HOST_PATH_TYPES, "Use a supported hostPath type, or none."))


def _git_repo(ctx: Context, src: dict[str, Any], path: str, out: list[Finding]) -> None:
    _required(out, src, "repository", path, "Set the repository URL.")
    local_descending_path(out, as_str(src.get("directory")), f"{path}.directory")


def _key_to_paths(out: list[Finding], items: object, path: str) -> None:
    for k, item in enumerate(items if isinstance(items, list) else ()):
        if isinstance(item, dict):
            _key_to_path(out, item, path, k)


def _key_to_path(out: list[Finding], item: dict[str, Any], base: str, k: int) -> None:
    """validateKeyToPath for ``base.items[k]``."""
    key, target = item.get("key"), item.get("path")
    if key and target and isinstance(target, str) and ".." not in target and target[0] != "/" \
            and item.get("mode") is None:
        return  # the common, valid case
    path = f"{base}.items[{k}]"
    if not as_str(key):
        out.append(required("api.validateKeyToPath.key", f"{path}.key",
                            hint="Name the key to project."))
    target = as_str(target)
    if not target:
        out.append(required("api.validateKeyToPath.path", f"{path}.path",
                            hint="Set the relative file path for the key."))
    local_non_reserved_path(out, target, f"{path}.path")
    _mode(out, item, "mode", path)


def _secret(ctx: Context, src: dict[str, Any], path: str, out: list[Finding]) -> None:
    _required(out, src, "secretName", path, "Name the Secret to mount.")
    _mode(out, src, "defaultMode", path)
    _key_to_paths(out, src.get("items"), path)


def _config_map(ctx: Context, src: dict[str, Any], path: str, out: list[Finding]) -> None:
    _required(out, src, "name", path, "Name the ConfigMap to mount.")
    _mode(out, src, "defaultMode", path)
    _key_to_paths(out, src.get("items"), path)


def _nfs(ctx: Context, src: dict[str, Any], path: str, out: list[Finding]) -> None:
    _required(out, src, "server", path, "Set the NFS server.")
    _required(out, src, "path", path, "Set the exported path.")
    if not as_str(src.get("path")).startswith("/"):
        out.append(invalid("api.validateNFSVolumeSource.relative", f"{path}.path",
                           as_str(src.get("path")), "must be an absolute path",
                           "Use the absolute exported path, e.g. /exports/data."))


def _pvc(ctx: Context, src: dict[str, Any], path: str, out: list[Finding]) -> None:
    _required(out, src, "claimName", path, "Name the PersistentVolumeClaim to mount.")


def _downward_api(ctx: Context, src: dict[str, Any], path: str, out: list[Finding]) -> None:
    _mode(out, src, "defaultMode", path)
    for item in as_list(src.get("items")):
        if isinstance(item, dict):
            downward_file(out, item, path)  # the server does not index the items


def downward_file(out: list[Finding], item: dict[str, Any], base: str) -> None:
    """validateDownwardAPIVolumeFile."""
    target = as_str(item.get("path"))
    if not target:
        out.append(required("api.validateDownwardAPIVolumeFile.path", f"{base}.path",
                            hint="Set the relative file path."))
    local_non_reserved_path(out, target, f"{base}.path")
    field_ref, resource_ref = item.get("fieldRef"), item.get("resourceFieldRef")
    if field_ref is not None:
        if isinstance(field_ref, dict):
            _field_selector(out, field_ref, f"{base}.fieldRef")
        if resource_ref is not None:
            out.append(invalid("api.validateDownwardAPIVolumeFile.both", base, "resource",
                               "fieldRef and resourceFieldRef can not be specified "
                               "simultaneously", "Keep only one of fieldRef and "
                               "resourceFieldRef."))
    elif isinstance(resource_ref, dict):
        _resource_selector(out, resource_ref, f"{base}.resourceFieldRef")
    else:
        out.append(required("api.validateDownwardAPIVolumeFile.source", base,
                            "one of fieldRef and resourceFieldRef is required",
                            "Set fieldRef or resourceFieldRef."))
    _mode(out, item, "mode", base)


def _field_selector(out: list[Finding], ref: dict[str, Any], path: str) -> None:
    """validateObjectFieldSelector with the fields a downwardAPI volume may expose."""
    rule = "api.validateObjectFieldSelector"
    api_version = as_str(ref.get("apiVersion")) or "v1"  # SetDefaults_ObjectFieldSelector
    field_path = as_str(ref.get("fieldPath"))
    if not field_path:
        out.append(required(f"{rule}.field-path", f"{path}.fieldPath",
                            hint="Pick the Pod field to expose."))
        return
    error = ""
    subscript: str | None = None
    name = field_path
    if field_path.endswith("']") and "['" in field_path[:-2]:
        name, subscript = field_path[:-2].split("['", 1)
        if not name:
            name, subscript = field_path, None
    if api_version != "v1":
        error = f"unsupported pod version: {api_version}"
    elif subscript is not None and name not in ("metadata.annotations", "metadata.labels"):
        error = f"field label does not support subscript: {field_path}"
    elif subscript is None and field_path not in _CONVERTIBLE:
        error = f"field label not supported: {field_path}"
    if error:
        out.append(invalid(f"{rule}.convert", f"{path}.fieldPath", field_path,
                           f"error converting fieldPath: {error}",
                           "Use metadata.name, metadata.namespace, metadata.uid, "
                           "metadata.labels or metadata.annotations."))
        return
    if subscript is not None:
        key = subscript.lower() if name == "metadata.annotations" else subscript
        for msg in is_qualified_name(key):
            out.append(invalid(f"{rule}.subscript", path, key, msg,
                               "Use a valid label or annotation key in the brackets."))
        return
    internal = "spec.nodeName" if field_path == "spec.host" else field_path
    if internal not in VOLUME_FIELD_PATHS:
        out.append(not_supported(f"{rule}.not-supported", f"{path}.fieldPath", internal,
                                 VOLUME_FIELD_PATHS,
                                 "A downwardAPI volume can only expose metadata fields."))


def _resource_selector(out: list[Finding], ref: dict[str, Any], path: str) -> None:
    """validateContainerResourceFieldSelector for volumes (containerName is required)."""
    rule = "api.validateContainerResourceFieldSelector"
    resource = as_str(ref.get("resource"))
    if not as_str(ref.get("containerName")):
        out.append(required(f"{rule}.container-name", f"{path}.containerName",
                            hint="Name the container whose resources are exposed."))
    elif not resource:
        out.append(required(f"{rule}.resource", f"{path}.resource",
                            hint="Pick a resource, e.g. limits.memory."))
    elif resource not in RESOURCE_FIELD_PATHS and not resource.startswith(
            ("requests.hugepages-", "limits.hugepages-")):
        out.append(not_supported(f"{rule}.not-supported", f"{path}.resource", resource,
                                 RESOURCE_FIELD_PATHS, "Pick limits.* or requests.* of cpu, "
                                 "memory or ephemeral-storage."))
    divisor = ref.get("divisor")
    if divisor is None or _sign(divisor) in (None, 0):
        return
    text = canonical(divisor)
    if resource.endswith(".cpu"):
        ok, kind = text in ("1m", "1"), "cpu"
    elif resource.endswith(".memory"):
        ok, kind = text in _MEMORY_DIVISORS, "memory"
    elif resource.endswith(".ephemeral-storage"):
        ok, kind = text in _MEMORY_DIVISORS, "local ephemeral storage"
    elif resource.startswith(("requests.hugepages-", "limits.hugepages-")):
        ok, kind = text in _MEMORY_DIVISORS, "hugepages"
    else:
        return
    if not ok:
        values = "1m and 1" if kind == "cpu" else ", ".join(_MEMORY_DIVISORS)
        out.append(invalid(f"{rule}.divisor", f"{path}.divisor", resource,
                           f"only divisor's values {values} are supported with the {kind} "
                           "resource", "Use a unit divisor such as 1Mi."))


def _projected(ctx: Context, src: dict[str, Any], path: str, out: list[Finding]) -> None:
    _mode(out, src, "defaultMode", path)
    seen: set[str] = set()
    dup_hint = "Give every projected file its own path."

    def claim(target: str, value: object) -> None:
        if target in seen:
            out.append(invalid("api.validateProjectionSources.duplicate-path", path, value,
                               "conflicting duplicate paths", dup_hint))
        seen.add(target)

    for i, source in enumerate(as_list(src.get("sources"))):
        if not isinstance(source, dict):
            continue
        sp = f"{path}.sources[{i}]"
        count = 0
        for kind, hint in (("secret", "Name the Secret."), ("configMap", "Name the ConfigMap.")):
            obj = source.get(kind)
            if obj is None:
                continue
            count += 1
            if not isinstance(obj, dict):
                continue
            if not as_str(obj.get("name")):
                out.append(required("api.validateProjectionSources.name", f"{sp}.{kind}.name",
                                    hint=hint))
            for k, item in enumerate(as_list(obj.get("items"))):
                if isinstance(item, dict):
                    _key_to_path(out, item, f"{sp}.{kind}", k)
                    if as_str(item.get("path")):
                        claim(as_str(item.get("path")), as_str(obj.get("name")))
        dapi = source.get("downwardAPI")
        if dapi is not None:
            count += 1
            for item in as_list(dapi.get("items") if isinstance(dapi, dict) else None):
                if isinstance(item, dict):
                    downward_file(out, item, f"{sp}.downwardAPI")
                    if as_str(item.get("path")):
                        claim(as_str(item.get("path")), as_str(item.get("path")))
        token = source.get("serviceAccountToken")
        if token is not None:
            count += 1
            if isinstance(token, dict):
                _token(out, token, sp, path)
        count += sum(source.get(k) is not None for k in ("clusterTrustBundle", "podCertificate"))
        if count > 1:
            out.append(forbidden("api.validateProjectionSources.multiple-types", sp,
                                 "may not specify more than 1 volume type per source",
                                 "Split this entry into one source per entry."))


def _token(out: list[Finding], token: dict[str, Any], sp: str, path: str) -> None:
    rule = "api.validateProjectionSources"
    seconds = as_int(token.get("expirationSeconds"))
    where = f"{sp}.serviceAccountToken.expirationSeconds"
    if seconds is not None and seconds < 600:
        out.append(invalid(f"{rule}.token-expiration", where, seconds,
                           "may not specify a duration less than 10 minutes",
                           "Use at least 600 seconds."))
    if seconds is not None and seconds > 2**32:
        out.append(invalid(f"{rule}.token-expiration", where, seconds,
                           "may not specify a duration larger than 2^32 seconds",
                           "Use a shorter expiration."))
    target = as_str(token.get("path"))
    if not target:  # reported at projected.path, as the server does
        out.append(required(f"{rule}.token-path", f"{path}.path",
                            hint="Set the file name for the token."))
    else:
        local_non_reserved_path(out, target, f"{path}.path")


def _csi(ctx: Context, src: dict[str, Any], path: str, out: list[Finding]) -> None:
    driver = as_str(src.get("driver"))
    where = f"{path}.driver"
    hint = "Use the CSI driver's registered name, e.g. csi.example.com."
    if not driver:
        out.append(required("api.ValidateCSIDriverName.required", where, hint=hint))
    if len(driver) > 63:
        out.append(too_long("api.ValidateCSIDriverName.too-long", where, 63, hint))
    for msg in is_dns1123_subdomain(driver.lower()):
        out.append(invalid("api.ValidateCSIDriverName.invalid", where, driver, msg, hint))
    ref = as_dict(src.get("nodePublishSecretRef"))
    if ref is not None:
        name = as_str(ref.get("name"))
        if not name:
            out.append(required("api.validateCSIVolumeSource.secret-name",
                                f"{path}.nodePublishSecretRef.name", hint="Name the Secret."))
        for msg in is_dns1123_subdomain(name) if name else ():
            out.append(invalid("api.validateCSIVolumeSource.secret-name", f"{path}.name", name,
                               msg, "Use a valid Secret name."))


def _image(ctx: Context, src: dict[str, Any], path: str, out: list[Finding]) -> None:
    if not ctx.template and not as_str(src.get("reference")):
        out.append(required("api.validateImageVolumeSource.reference", f"{path}.reference",
                            hint="Set the OCI image or artifact reference."))
    validate_pull_policy(out, src.get("pullPolicy"), f"{path}.pullPolicy")


def _ephemeral(ctx: Context, src: dict[str, Any], path: str, out: list[Finding]) -> None:
    template = as_dict(src.get("volumeClaimTemplate"))
    base = f"{path}.volumeClaimTemplate"
    if template is None:
        out.append(required("api.validateEphemeralVolumeSource.template", base,
                            hint="Describe the claim to create in volumeClaimTemplate."))
        return
    meta = as_dict(template.get("metadata")) or {}
    rule = "api.ValidatePersistentVolumeClaimTemplate"
    for key in as_dict(meta.get("annotations")) or {}:
        for msg in is_qualified_name(key.lower()):
            out.append(invalid(f"{rule}.annotation", f"{base}.metadata.annotations", key, msg,
                               "Use a valid annotation key."))
    for key, value in (as_dict(meta.get("labels")) or {}).items():
        for msg in is_qualified_name(key):
            out.append(invalid(f"{rule}.label", f"{base}.metadata.labels", key, msg,
                               "Use a valid label key."))
        for msg in is_valid_label_value(as_str(value)):
            out.append(invalid(f"{rule}.label", f"{base}.metadata.labels", value, msg,
                               "Use a valid label value."))
    for key, child in _TEMPLATE_META_FORBIDDEN:
        value = meta.get(key)
        if value is not None and value != "" and value != 0:
            out.append(forbidden(f"{rule}.metadata", f"{base}.metadata.{child}", "cannot be set",
                                 "Only labels and annotations may be set here."))
    _claim_spec(out, as_dict(template.get("spec")) or {}, f"{base}.spec")


def _claim_spec(out: list[Finding], spec: dict[str, Any], sp: str) -> None:
    """ValidatePersistentVolumeClaimSpec, the parts a designer can get wrong."""
    rule = "api.ValidatePersistentVolumeClaimSpec"
    modes = [m for m in as_list(spec.get("accessModes")) if isinstance(m, str)]
    if not modes:
        out.append(required(f"{rule}.access-modes", f"{sp}.accessModes",
                            "at least 1 access mode is required", "Pick e.g. ReadWriteOnce."))
    for mode in modes:
        if mode not in ACCESS_MODES:
            out.append(not_supported(f"{rule}.access-mode", f"{sp}.accessModes", mode,
                                     ACCESS_MODES, "Pick a supported access mode."))
    if "ReadWriteOncePod" in modes and any(m in ACCESS_MODES and m != "ReadWriteOncePod"
                                           for m in modes):
        out.append(forbidden(f"{rule}.access-modes-mix", f"{sp}.accessModes",
                             "may not use ReadWriteOncePod with other access modes",
                             "Use ReadWriteOncePod alone."))
    requests = as_dict((as_dict(spec.get("resources")) or {}).get("requests")) or {}
    where = f"{sp}.resources[storage]"
    if "storage" not in requests:
        out.append(required(f"{rule}.storage", where, hint="Request a size, e.g. 1Gi."))
    elif _sign(requests["storage"]) in (-1, 0):
        out.append(invalid(f"{rule}.storage", where, canonical(requests["storage"]),
                           "must be greater than zero", "Request a positive size."))
    klass = as_str(spec.get("storageClassName"))
    for msg in is_dns1123_subdomain(klass) if klass else ():
        out.append(invalid(f"{rule}.storage-class", f"{sp}.storageClassName", klass, msg,
                           "Use a valid StorageClass name."))
    volume_mode = spec.get("volumeMode")
    if isinstance(volume_mode, str) and volume_mode not in ("Block", "Filesystem"):
        out.append(not_supported(f"{rule}.volume-mode", f"{sp}.volumeMode", volume_mode,
                                 ("Block", "Filesystem"), "Use Filesystem or Block."))


def _legacy(key: str) -> Callable[[Context, dict[str, Any], str, list[Finding]], None]:
    child, fields = _REQUIRED[key]

    def check(ctx: Context, src: dict[str, Any], path: str, out: list[Finding]) -> None:
        base = path.rsplit(".", 1)[0] + "." + child
        for f in fields:
            _required(out, src, f, base, f"Set {key}.{f}.")

    return check


VALIDATORS: dict[str, Callable[[Context, dict[str, Any], str, list[Finding]], None]] = {
    "emptyDir": _empty_dir, "hostPath": _host_path, "gitRepo": _git_repo, "secret": _secret,
    "nfs": _nfs, "persistentVolumeClaim": _pvc, "downwardAPI": _downward_api,
    "configMap": _config_map, "projected": _projected, "csi": _csi, "ephemeral": _ephemeral,
    "image": _image, **{key: _legacy(key) for key in _REQUIRED},
}
