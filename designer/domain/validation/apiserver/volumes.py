"""Section A.6 of pod-rules.md: volumes, volume mounts and volume devices.

``validate_volumes`` runs ``ValidateVolumes`` and fills ``ctx.volumes`` with the volumes that
passed (A.0 step 4), so mounts of a broken volume also get NotFound. Each source is checked by
``volume_sources.py``; paths keep the server's quirks (``downwarAPI``, ``volumeMounts.subPath``).
"""

from __future__ import annotations

from typing import Any

from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.apiserver.defaults import (
    CONTAINER_LISTS,
    as_dict,
    as_list,
    as_str,
    label_errors,
    subdomain_errors,
    volume_sources,
)
from designer.domain.validation.apiserver.volume_sources import VALIDATORS, local_descending_path
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

# Child names validateVolumeSource uses in its "more than 1 volume type" errors.
_FORBIDDEN_CHILD = {"cephfs": "cephFS", "downwardAPI": "downwarAPI"}
_MOUNT_PROPAGATIONS = ("Bidirectional", "HostToContainer", "None")
_RRO_VALUES = ("Disabled", "Enabled", "IfPossible")


def validate_volumes(ctx: Context, pod_name: str, sourceless: frozenset[int]) -> dict[str, int]:
    """ValidateVolumes: fill ``ctx.volumes``; return the spec index of each registered volume."""
    registered: dict[str, int] = {}
    volumes = ctx.spec.get("volumes")
    if not isinstance(volumes, list):
        return registered
    created: set[str] = set()
    if pod_name:  # the PVCs generic ephemeral volumes will create
        created = {f"{pod_name}-{as_str(v.get('name'))}" for v in volumes
                   if isinstance(v, dict) and v.get("ephemeral") is not None}
    out = ctx.out
    registered_volumes = ctx.volumes
    for i, vol in enumerate(volumes):
        if not isinstance(vol, dict):
            continue
        name = vol.get("name")
        if name is None:
            name = ""
        elif not isinstance(name, str):
            continue  # not decodable: the schema layer reports it
        if i in sourceless:
            out.append(warning("api.validateVolumeSource.no-volume-type", f"spec.volumes[{i}]",
                               "no volume source is set: the API server turns it into "
                               "emptyDir: {}", "Choose a volume source, e.g. emptyDir or "
                               "configMap."))
        errors = _validate_source(ctx, vol, i, name, pod_name)
        if not name:
            errors.append(required("api.ValidateVolumes.name-required", f"spec.volumes[{i}].name",
                                   hint="Give the volume a name."))
        else:
            msgs = label_errors(name)
            if msgs:
                errors.extend(invalid("api.ValidateVolumes.name-invalid",
                                      f"spec.volumes[{i}].name", name, msg,
                                      "Use at most 63 lower-case letters, digits and '-'.")
                              for msg in msgs)
        if name in registered_volumes:
            errors.append(duplicate("api.ValidateVolumes.duplicate-name",
                                    f"spec.volumes[{i}].name", name, "Rename one of the volumes."))
        if errors:
            out.extend(errors)
        else:
            registered_volumes[name] = vol
            registered[name] = i
        if created:
            pvc = as_dict(vol.get("persistentVolumeClaim"))
            if pvc is not None and as_str(pvc.get("claimName")) in created:
                out.append(invalid("api.ValidateVolumes.pvc-of-ephemeral",
                                   f"spec.volumes[{i}].persistentVolumeClaim.claimName",
                                   pvc.get("claimName"),
                                   "must not reference a PVC that gets created for an ephemeral "
                                   "volume", "Mount the ephemeral volume itself instead."))
    return registered


def _validate_source(
    ctx: Context, vol: dict[str, Any], i: int, name: str, pod_name: str
) -> list[Finding]:
    # The most common volume, {name, emptyDir} without a sizeLimit, has nothing to check.
    src = vol.get("emptyDir")
    if src is not None and len(vol) == 2 and "name" in vol and (
            not isinstance(src, dict) or src.get("sizeLimit") is None):
        return []
    sources = volume_sources(vol)
    if len(sources) == 1 and sources[0] == "emptyDir":
        src = vol["emptyDir"]
        if not isinstance(src, dict) or src.get("sizeLimit") is None:
            return []
    path = f"spec.volumes[{i}]"
    errors: list[Finding] = []
    count = 0
    for key in sources:
        src = vol[key]
        if count:
            errors.append(forbidden("api.validateVolumeSource.multiple-types",
                                    f"{path}.{_FORBIDDEN_CHILD.get(key, key)}",
                                    "may not specify more than 1 volume type",
                                    "Keep a single volume source per volume."))
            continue
        count += 1
        check = VALIDATORS.get(key)
        if check is not None and isinstance(src, dict):
            check(ctx, src, f"{path}.{key}", errors)
        if key == "ephemeral" and pod_name and name:
            pvc = f"{pod_name}-{name}"
            errors.extend(invalid("api.validateVolumeSource.pvc-name", f"{path}.name", name,
                                  f'PVC name "{pvc}": {msg}',
                                  "Shorten the Pod or volume name.")
                          for msg in subdomain_errors(pvc))
    if not count:
        errors.append(required("api.validateVolumeSource.no-volume-type", path,
                               "must specify a volume type", "Choose a volume source."))
    return errors


def validate_container_volumes(ctx: Context, c: dict[str, Any], path: str) -> None:
    """ValidateVolumeMounts then ValidateVolumeDevices for one container."""
    mounts = c.get("volumeMounts")
    devices = c.get("volumeDevices")
    if not isinstance(mounts, list):
        mounts = []
    if not isinstance(devices, list) or not devices:
        if mounts:
            _validate_mounts(ctx, c, mounts, {}, f"{path}.volumeMounts")
        return
    # GetVolumeMountMap / GetVolumeDeviceMap: name -> path, last entry wins.
    device_map = {as_str(d.get("name")): as_str(d.get("devicePath"))
                  for d in devices if isinstance(d, dict)}
    if mounts:
        _validate_mounts(ctx, c, mounts, device_map, f"{path}.volumeMounts")
    mount_map = {as_str(m.get("name")): as_str(m.get("mountPath"))
                 for m in mounts if isinstance(m, dict)}
    _validate_devices(ctx, devices, mount_map, f"{path}.volumeDevices")


def _validate_mounts(ctx: Context, c: dict[str, Any], mounts: list[Any],
                     devices: dict[str, str], base: str) -> None:
    out = ctx.out
    volumes = ctx.volumes
    mounted = ctx.mounted
    seen: set[str] = set()
    device_paths = set(devices.values()) if devices else ()
    rule = "api.ValidateVolumeMounts"
    for j, m in enumerate(mounts):
        if not isinstance(m, dict):
            continue
        name = m.get("name")
        if name.__class__ is not str:
            name = as_str(name)
        mount_path = m.get("mountPath")
        if mount_path.__class__ is not str:
            mount_path = as_str(mount_path)
        if mounted is not None:
            mounted.add(name)
        vol = volumes.get(name)
        if vol is None:
            if not name:
                out.append(required(f"{rule}.name-required", f"{base}[{j}].name",
                                    hint="Pick the volume to mount."))
            out.append(not_found(f"{rule}.not-found", f"{base}[{j}].name", name,
                                 "Mount a volume defined (without errors) in spec.volumes."))
        if not mount_path:
            out.append(required(f"{rule}.mount-path-required", f"{base}[{j}].mountPath",
                                hint="Set where the volume appears in the container."))
        if mount_path in seen:
            out.append(invalid(f"{rule}.mount-path-unique", f"{base}[{j}].mountPath", mount_path,
                               "must be unique", "Mount each path only once per container."))
        seen.add(mount_path)
        if devices:
            if name in devices:
                out.append(invalid(f"{rule}.name-in-devices", f"{base}[{j}].name", name,
                                   "must not already exist in volumeDevices",
                                   "Use a volume either as a mount or as a device."))
            if mount_path in device_paths:
                out.append(invalid(f"{rule}.path-in-devices", f"{base}[{j}].mountPath",
                                   mount_path, "must not already exist as a path in "
                                   "volumeDevices", "Use a path not taken by a volume device."))
        if ("subPath" in m or "subPathExpr" in m or "mountPropagation" in m
                or "recursiveReadOnly" in m):
            _mount_options(ctx, c, m, vol, f"{base}[{j}]", base)


def _mount_options(ctx: Context, c: dict[str, Any], m: dict[str, Any],
                   vol: dict[str, Any] | None, idx: str, base: str) -> None:
    """subPath, subPathExpr, mountPropagation and recursiveReadOnly of one mount."""
    out = ctx.out
    rule = "api.ValidateVolumeMounts"
    sub_path = as_str(m.get("subPath"))
    sub_expr = as_str(m.get("subPathExpr"))
    if vol is not None and vol.get("image") is not None:
        for key, value in (("subPath", sub_path), ("subPathExpr", sub_expr)):
            if value:
                out.append(invalid(f"{rule}.image-sub-path", f"{idx}.{key}", value,
                                   "not allowed in image volume sources",
                                   "Mount the whole image volume."))
    if sub_path:
        local_descending_path(out, sub_path, f"{base}.subPath")  # unindexed, as the server
    if sub_expr:
        if sub_path:
            out.append(invalid(f"{rule}.sub-path-exclusive", f"{idx}.subPathExpr", sub_expr,
                               "subPathExpr and subPath are mutually exclusive",
                               "Keep only one of subPath and subPathExpr."))
        local_descending_path(out, sub_expr, f"{base}.subPathExpr")
    propagation = m.get("mountPropagation")
    if isinstance(propagation, str):
        _validate_propagation(ctx, c, propagation, f"{base}.mountPropagation")
    rro = m.get("recursiveReadOnly")
    if isinstance(rro, str):
        _validate_rro(ctx, m, rro, f"{base}.recursiveReadOnly")


def _validate_propagation(ctx: Context, c: dict[str, Any], mode: str, path: str) -> None:
    rule = "api.validateMountPropagation"
    if mode not in _MOUNT_PROPAGATIONS:
        ctx.out.append(not_supported(f"{rule}.not-supported", path, mode, _MOUNT_PROPAGATIONS,
                                     "Use None, HostToContainer or Bidirectional."))
    sc = as_dict(c.get("securityContext")) or {}
    if mode == "Bidirectional" and sc.get("privileged") is not True:
        ctx.out.append(forbidden(f"{rule}.bidirectional", path,
                                 "Bidirectional mount propagation is available only to "
                                 "privileged containers",
                                 "Use HostToContainer, or make the container privileged."))


def _validate_rro(ctx: Context, m: dict[str, Any], value: str, path: str) -> None:
    rule = "api.validateMountRecursiveReadOnly"
    if value == "Disabled":
        return
    if value not in _RRO_VALUES:
        ctx.out.append(not_supported(f"{rule}.not-supported", path, value, _RRO_VALUES,
                                     "Use Disabled, IfPossible or Enabled."))
        return
    if m.get("readOnly") is not True:
        ctx.out.append(forbidden(f"{rule}.needs-read-only", path,
                                 "may only be specified when readOnly is true",
                                 "Set readOnly: true on this mount."))
    propagation = m.get("mountPropagation")
    if propagation is not None and propagation != "None":
        ctx.out.append(forbidden(f"{rule}.propagation", path,
                                 "may only be specified when mountPropagation is None or not "
                                 "specified", "Drop mountPropagation from this mount."))


def _validate_devices(ctx: Context, devices: list[Any], mounts: dict[str, str],
                      base: str) -> None:
    out = ctx.out
    rule = "api.ValidateVolumeDevices"
    seen_paths: set[str] = set()
    seen_names: set[str] = set()
    mount_paths = set(mounts.values())
    for j, d in enumerate(devices):
        if not isinstance(d, dict):
            continue
        idx = f"{base}[{j}]"
        name = as_str(d.get("name"))
        dev_path = as_str(d.get("devicePath"))
        if ctx.mounted is not None:
            ctx.mounted.add(name)
        vol = ctx.volumes.get(name)
        if not name:
            out.append(required(f"{rule}.name-required", f"{idx}.name",
                                hint="Pick the volume to expose as a block device."))
        if name in seen_names:
            out.append(invalid(f"{rule}.name-unique", f"{idx}.name", name, "must be unique",
                               "Expose each volume only once."))
        if vol is not None and vol.get("persistentVolumeClaim") is None and vol.get(
                "ephemeral") is None:
            out.append(invalid(f"{rule}.not-pvc", f"{idx}.name", name,
                               "can only use volume source type of PersistentVolumeClaim or "
                               "Ephemeral for block mode",
                               "Use a persistentVolumeClaim or ephemeral volume."))
        if vol is None:
            out.append(not_found(f"{rule}.not-found", f"{idx}.name", name,
                                 "Use a volume defined (without errors) in spec.volumes."))
        if not dev_path:
            out.append(required(f"{rule}.path-required", f"{idx}.devicePath",
                                hint="Set the device path inside the container."))
        if dev_path in seen_paths:
            out.append(invalid(f"{rule}.path-unique", f"{idx}.devicePath", dev_path,
                               "must be unique", "Use each device path only once."))
        if dev_path and ".." in dev_path.split("/"):
            out.append(invalid(f"{rule}.backsteps", f"{idx}.devicePath", dev_path,
                               "can not contain backsteps ('..')", "Remove '..' from the path."))
        else:
            seen_paths.add(dev_path)
        if name in mounts:
            out.append(invalid(f"{rule}.name-in-mounts", f"{idx}.name", name,
                               "must not already exist in volumeMounts",
                               "Use a volume either as a mount or as a device."))
        if dev_path in mount_paths:
            out.append(invalid(f"{rule}.path-in-mounts", f"{idx}.devicePath", dev_path,
                               "must not already exist as a path in volumeMounts",
                               "Use a path not taken by a volume mount."))
        if name:
            seen_names.add(name)


def validate_service_account_token_sources(ctx: Context) -> None:
    """Pods only: projected serviceAccountToken needs a serviceAccountName."""
    spec = ctx.spec
    if as_str(spec.get("serviceAccountName")) or as_str(spec.get("serviceAccount")):
        return
    for i, vol in enumerate(as_list(spec.get("volumes"))):
        projected = vol.get("projected") if isinstance(vol, dict) else None
        if projected is None or not isinstance(projected, dict):
            continue
        for k, src in enumerate(as_list(projected.get("sources"))):
            if isinstance(src, dict) and src.get("serviceAccountToken") is not None:
                ctx.out.append(forbidden(
                    "api.validatePodMetadataAndSpec.token-without-service-account",
                    f"spec.volumes[{i}].projected.sources[{k}].serviceAccountToken",
                    "must not be specified when serviceAccountName is not set",
                    "Set spec.serviceAccountName."))


def warn_unused_volumes(ctx: Context, registered: dict[str, int]) -> None:
    """A volume no container mounts is accepted by the server but probably a mistake."""
    if not registered:
        return
    used = ctx.mounted
    if used is None:
        used = _mounted_names(ctx)
    for name, i in registered.items():
        if name not in used:
            ctx.out.append(warning("api.ValidateVolumes.unused", f"spec.volumes[{i}]",
                                   f'volume "{name}" is not mounted by any container',
                                   "Mount it in a container or remove it."))


def _mounted_names(ctx: Context) -> set[str]:
    used: set[str] = set()
    for kind in CONTAINER_LISTS:
        containers = ctx.spec.get(kind)
        for c in containers if isinstance(containers, list) else ():
            if not isinstance(c, dict):
                continue
            for key in ("volumeMounts", "volumeDevices"):
                mounts = c.get(key)
                for m in mounts if isinstance(mounts, list) else ():
                    if isinstance(m, dict):
                        used.add(as_str(m.get("name")))
    return used
