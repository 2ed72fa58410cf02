"""Section A.11 of pod-rules.md: pod and container security contexts, host namespaces, OS rules.

The cluster's ``--allow-privileged`` setting is unknown, so privileged containers are accepted.
Fields behind feature gates that are off by default in the target version are dropped by the
server before validation; they get a warning instead of being validated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import repeat
from operator import is_not
from typing import Any

from designer.domain.validation import formats
from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.findings import (
    duplicate,
    forbidden,
    invalid,
    not_supported,
    required,
    too_long,
    warning,
)

_ID_MSG = f"must be between 0 and {formats.MAX_INT32}, inclusive"
_ID_HINT = f"Use a numeric ID between 0 and {formats.MAX_INT32}."
_SYSCTL_SEGMENT = "[a-z0-9]([-_a-z0-9]*[a-z0-9])?"
_SYSCTL_RE = re.compile(rf"^({_SYSCTL_SEGMENT}[\./])*{_SYSCTL_SEGMENT}$")
_SYSCTL_MSG = f"must have at most 253 characters and match regex {_SYSCTL_RE.pattern}"
_SECCOMP_TYPES = ("Localhost", "RuntimeDefault", "Unconfined")
_PROC_MOUNTS = ("Default", "Unmasked")
_CTRL = re.compile(r"[\x00-\x1f\x7f]")
_NETBIOS = re.compile(r'[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}')
_WIN_DNS_LABEL = r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
_WIN_DNS = re.compile(rf"{_WIN_DNS_LABEL}(?:\.{_WIN_DNS_LABEL})*")
_BAD_USER_CHARS = re.compile(r'["/\\:;|=,+*?<>@\[\]]')
_DOTS_SPACES = re.compile(r"[. ]+")


def validate_container_security_context(ctx: Context, container: dict[str, Any], path: str) -> None:
    """``securityContext`` of one container (``ValidateSecurityContext``) and the root warning."""
    sc = container.get("securityContext")
    if isinstance(sc, dict):
        get = sc.get
        user = get("runAsUser")
        # _container_context runs unless the context surely gives it nothing to say.
        if (get("procMount") is not None or get("windowsOptions") is not None
                or get("appArmorProfile") is not None or (user is not None and not (
                    user.__class__ is int and 0 <= user <= formats.MAX_INT32))):
            clean = False
        else:
            group = get("runAsGroup")
            profile = get("seccompProfile")
            clean = (group is None or (
                group.__class__ is int and 0 <= group <= formats.MAX_INT32)) and (
                profile is None or (
                    profile.__class__ is dict and profile.get("localhostProfile") is None
                    and profile.get("type") in ("RuntimeDefault", "Unconfined")))
            if clean and get("allowPrivilegeEscalation") is False:
                caps = get("capabilities")
                added = caps.get("add") if isinstance(caps, dict) else None
                clean = get("privileged") is not True and not (
                    isinstance(added, list) and "CAP_SYS_ADMIN" in added)
        if not clean:
            _container_context(ctx, sc, path + ".securityContext")
    else:
        sc = {}
        user = None
    # The warning needs runAsNonRoot: true and an effective UID 0; a container's own UID other
    # than 0, or its runAsNonRoot other than true, settles it without the pod-level lookups.
    non_root = sc.get("runAsNonRoot")
    if non_root is not None and non_root is not True:
        return
    if user is not None and (user != 0 or isinstance(user, bool)):
        return
    _run_as_root_warning(ctx, sc, path)


def validate_pod_security_context(ctx: Context) -> None:
    """``spec.securityContext``, shareProcessNamespace vs hostPID, sysctls, hostUsers."""
    spec = ctx.spec
    sc = spec.get("securityContext")
    if not isinstance(sc, dict):
        sc = {}
    out = ctx.out
    fp = "spec.securityContext"
    for key in ("fsGroup", "runAsUser", "runAsGroup"):
        _check_id(ctx, sc.get(key), f"{fp}.{key}", "validatePodSpecSecurityContext")
    groups = sc.get("supplementalGroups")
    if isinstance(groups, list):
        for g, gid in enumerate(groups):
            _check_id(ctx, gid, f"{fp}.supplementalGroups[{g}]", "validatePodSpecSecurityContext")
    if spec.get("shareProcessNamespace") is True and spec.get("hostPID") is True:
        out.append(invalid(
            "api.validatePodSpecSecurityContext.share-process-namespace-host-pid",
            f"{fp}.shareProcessNamespace", True,
            "ShareProcessNamespace and HostPID cannot both be enabled",
            "Use either shareProcessNamespace or hostPID, not both."))
    sysctls = sc.get("sysctls")
    if isinstance(sysctls, list) and sysctls:
        _sysctls(ctx, sysctls, f"{fp}.sysctls")
    policy = sc.get("fsGroupChangePolicy")
    if policy is not None and policy not in ("Always", "OnRootMismatch"):
        out.append(not_supported("api.validateFSGroupChangePolicy.not-supported",
                                 f"{fp}.fsGroupChangePolicy", policy, ("Always", "OnRootMismatch"),
                                 "Use OnRootMismatch or Always."))
    _seccomp(ctx, sc.get("seccompProfile"), f"{fp}.seccompProfile")
    _windows_options(ctx, sc.get("windowsOptions"), f"{fp}.windowsOptions")
    _apparmor(ctx, sc.get("appArmorProfile"), f"{fp}.appArmorProfile")
    _gated_enum(ctx, sc.get("supplementalGroupsPolicy"), f"{fp}.supplementalGroupsPolicy",
                ("Merge", "Strict"), "validateSupplementalGroupsPolicy",
                "SupplementalGroupsPolicy")
    # Only Recursive is accepted while the SELinuxMount gate is off (its default so far).
    _gated_enum(ctx, sc.get("seLinuxChangePolicy"), f"{fp}.seLinuxChangePolicy",
                ("Recursive",), "validateSELinuxChangePolicy", "SELinuxChangePolicy")
    _windows_host_process(ctx)
    _host_users(ctx)


# --- container ------------------------------------------------------------------------------


def _container_context(ctx: Context, sc: dict[str, Any], fp: str) -> None:
    out = ctx.out
    for key in ("runAsUser", "runAsGroup"):
        value = sc.get(key)
        if value is not None:  # paths are built only for fields that are set
            _check_id(ctx, value, f"{fp}.{key}", "ValidateSecurityContext")
    proc_mount = sc.get("procMount")
    if proc_mount is not None:
        if not ctx.at_least(1, 33):
            if proc_mount != "Default":
                _dropped(ctx, f"{fp}.procMount", "ProcMountType", "1.33")
        elif proc_mount not in _PROC_MOUNTS:
            out.append(not_supported("api.ValidateProcMountType.not-supported", f"{fp}.procMount",
                                     proc_mount, _PROC_MOUNTS, "Use Default or Unmasked."))
        elif proc_mount == "Unmasked" and ctx.spec.get("hostUsers") is not False:
            out.append(invalid("api.ValidateSecurityContext.unmasked-host-users",
                               f"{fp}.procMount", proc_mount,
                               "`hostUsers` must be false to use `Unmasked`",
                               "Set spec.hostUsers: false, or use procMount: Default."))
    profile = sc.get("seccompProfile")
    if profile is not None:
        _seccomp(ctx, profile, f"{fp}.seccompProfile")
    if sc.get("allowPrivilegeEscalation") is False:
        if sc.get("privileged") is True:
            out.append(invalid(
                "api.ValidateSecurityContext.privileged-no-escalation", fp, sc,
                "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
                "Drop allowPrivilegeEscalation: false or privileged: true."))
        caps = sc.get("capabilities")
        added = caps.get("add") if isinstance(caps, dict) else None
        if isinstance(added, list):
            for cap in added:
                if cap == "CAP_SYS_ADMIN":
                    out.append(invalid(
                        "api.ValidateSecurityContext.sys-admin-no-escalation", fp, sc,
                        "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` "
                        "CAP_SYS_ADMIN",
                        "Drop CAP_SYS_ADMIN or allowPrivilegeEscalation: false."))
    for key, check in (("windowsOptions", _windows_options), ("appArmorProfile", _apparmor)):
        value = sc.get(key)
        if value is not None:
            check(ctx, value, f"{fp}.{key}")


def _run_as_root_warning(ctx: Context, sc: dict[str, Any], path: str) -> None:
    """``runAsNonRoot: true`` with an effective ``runAsUser: 0``: the kubelet will refuse it."""
    spec = ctx.spec
    os_spec = spec.get("os")
    if isinstance(os_spec, dict) and os_spec.get("name") == "windows":
        return
    pod_sc = spec.get("securityContext")
    if not isinstance(pod_sc, dict):
        pod_sc = {}
    non_root = sc.get("runAsNonRoot")
    if non_root is None:
        non_root = pod_sc.get("runAsNonRoot")
    if non_root is not True:
        return
    user, where = sc.get("runAsUser"), f"{path}.securityContext.runAsUser"
    if user is None:
        user, where = pod_sc.get("runAsUser"), "spec.securityContext.runAsUser"
    if user == 0 and not isinstance(user, bool):
        ctx.out.append(warning(
            "api.verifyRunAsNonRoot.uid-0", where,
            "runAsNonRoot is true but the container runs as UID 0: the API server accepts it, "
            "but the kubelet refuses to start the container (CreateContainerConfigError)",
            "Set runAsUser to a non-zero UID, or drop runAsNonRoot."))


# --- shared pieces --------------------------------------------------------------------------


def _check_id(ctx: Context, value: Any, path: str, func: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        return
    if not 0 <= value <= formats.MAX_INT32:
        ctx.out.append(invalid(f"api.{func}.id-range", path, value, _ID_MSG, _ID_HINT))


def _seccomp(ctx: Context, sp: Any, path: str) -> None:
    """``validateSeccompProfileField``."""
    if not isinstance(sp, dict):
        return
    out = ctx.out
    kind = sp.get("type") or ""
    if kind == "":
        out.append(required("api.validateSeccompProfileField.type-required", path + ".type",
                            "type is required when seccompProfile is set",
                            "Use RuntimeDefault unless you need a custom profile."))
    elif kind not in _SECCOMP_TYPES:
        out.append(not_supported("api.validateSeccompProfileField.type", path + ".type", kind,
                                 _SECCOMP_TYPES, "Use RuntimeDefault, Localhost or Unconfined."))
    profile = sp.get("localhostProfile")
    if kind == "Localhost":
        if profile is None:
            out.append(required("api.validateSeccompProfileField.localhost-required",
                                path + ".localhostProfile",
                                "must be set when seccomp type is Localhost",
                                "Give the profile path relative to the kubelet's seccomp root."))
        elif isinstance(profile, str):
            _local_descending_path(ctx, profile, path + ".localhostProfile",
                                   "validateSeccompProfileField")
    elif profile is not None:
        out.append(invalid("api.validateSeccompProfileField.localhost-forbidden",
                           path + ".localhostProfile", sp,
                           "can only be set when seccomp type is Localhost",
                           "Remove localhostProfile or set type: Localhost."))


def _local_descending_path(ctx: Context, value: str, path: str, func: str) -> None:
    if value.startswith("/"):
        ctx.out.append(invalid(f"api.{func}.absolute-path", path, value, "must be a relative path",
                               "Use a path relative to the profile root."))
    if ".." in value.replace("\\", "/").split("/"):
        ctx.out.append(invalid(f"api.{func}.backsteps", path, value, "must not contain '..'",
                               "Remove the '..' elements from the path."))


def _apparmor(ctx: Context, ap: Any, path: str) -> None:
    """``ValidateAppArmorProfileField``."""
    if not isinstance(ap, dict):
        return
    out = ctx.out
    kind = ap.get("type") or ""
    profile = ap.get("localhostProfile")
    rule = "api.ValidateAppArmorProfileField"
    if kind == "Localhost":
        if profile is None:
            out.append(required(f"{rule}.localhost-required", path + ".localhostProfile",
                                "must be set when AppArmor type is Localhost",
                                "Name the AppArmor profile loaded on the node."))
        elif isinstance(profile, str):
            if profile.strip() != profile:
                out.append(invalid(f"{rule}.padded", path + ".localhostProfile", profile,
                                   "must not be padded with whitespace",
                                   "Remove the surrounding whitespace."))
            elif profile == "":
                out.append(required(f"{rule}.localhost-required", path + ".localhostProfile",
                                    "must be set when AppArmor type is Localhost",
                                    "Name the AppArmor profile loaded on the node."))
            if len(profile) > 4095:
                out.append(too_long(f"{rule}.too-long", path + ".localhostProfile", 4095,
                                    "Use a shorter profile name."))
    elif kind in ("RuntimeDefault", "Unconfined"):
        if profile is not None:
            out.append(invalid(f"{rule}.localhost-forbidden", path + ".localhostProfile", profile,
                               "can only be set when AppArmor type is Localhost",
                               "Remove localhostProfile or set type: Localhost."))
    elif kind == "":
        out.append(required(f"{rule}.type-required", path + ".type",
                            "type is required when appArmorProfile is set",
                            "Use RuntimeDefault unless you need a custom profile."))
    else:
        out.append(not_supported(f"{rule}.type", path + ".type", kind, _SECCOMP_TYPES,
                                 "Use RuntimeDefault, Localhost or Unconfined."))


def _windows_options(ctx: Context, wo: Any, path: str) -> None:
    """``validateWindowsSecurityContextOptions``."""
    if not isinstance(wo, dict):
        return
    out = ctx.out
    rule = "api.validateWindowsSecurityContextOptions"
    spec_name = wo.get("gmsaCredentialSpecName")
    if isinstance(spec_name, str):
        for msg in formats.is_dns1123_subdomain(spec_name):
            out.append(invalid(f"{rule}.gmsa-name", path + ".gmsaCredentialSpecName", spec_name,
                               msg, "Name the GMSACredentialSpec resource."))
    cred = wo.get("gmsaCredentialSpec")
    if isinstance(cred, str):
        if not cred:
            out.append(invalid(f"{rule}.gmsa-spec", path + ".gmsaCredentialSpec", cred,
                               "gmsaCredentialSpec cannot be an empty string",
                               "Remove the field or give the credential spec."))
        elif len(cred.encode()) > 64 * 1024:
            out.append(invalid(f"{rule}.gmsa-spec", path + ".gmsaCredentialSpec", "…",
                               "gmsaCredentialSpec size must be under 64 KiB",
                               "Use gmsaCredentialSpecName to reference a stored spec."))
    user = wo.get("runAsUserName")
    if isinstance(user, str):
        for msg in _windows_user_errors(user):
            out.append(invalid(f"{rule}.run-as-user-name", path + ".runAsUserName", user, msg,
                               "Use USER or DOMAIN\\USER."))


def _windows_user_errors(value: str) -> list[str]:
    if not value:
        return ["runAsUserName cannot be an empty string"]
    if _CTRL.search(value):
        return ["runAsUserName cannot contain control characters"]
    parts = value.split("\\")
    if len(parts) > 2:
        return ["runAsUserName cannot contain more than one backslash"]
    domain, user = (parts[0], parts[1]) if len(parts) == 2 else ("", parts[0])
    errs = []
    if len(domain) >= 256:
        errs.append("runAsUserName's Domain length must be under 256 characters")
    if len(parts) == 2 and not (_NETBIOS.fullmatch(domain) or _WIN_DNS.fullmatch(domain)):
        errs.append("runAsUserName's Domain doesn't match the NetBios nor the DNS format")
    if not user:
        errs.append("runAsUserName's User cannot be empty")
    elif len(user) > 104:
        errs.append("runAsUserName's User length must not be longer than 104 characters")
    if _DOTS_SPACES.fullmatch(user):
        errs.append("runAsUserName's User cannot contain only periods or spaces")
    if _BAD_USER_CHARS.search(user):
        errs.append('runAsUserName\'s User cannot contain the following characters: '
                    '"/\\:;|=,+*?<>@[]')
    return errs


def _sysctls(ctx: Context, sysctls: list[Any], path: str) -> None:
    """``validateSysctls`` and ``ValidateHostSysctl``."""
    out = ctx.out
    host_net = ctx.spec.get("hostNetwork") is True
    host_ipc = ctx.spec.get("hostIPC") is True
    names: set[str] = set()
    for i, item in enumerate(sysctls):
        if not isinstance(item, dict):
            continue
        npath = f"{path}[{i}].name"
        name = item.get("name")
        if not name:
            out.append(required("api.validateSysctls.name-required", npath, "",
                                "Name the sysctl, e.g. net.ipv4.ip_local_port_range."))
            name = ""
        elif not isinstance(name, str):
            continue
        elif len(name) > 253 or not _SYSCTL_RE.match(name):
            out.append(invalid("api.validateSysctls.name", npath, name, _SYSCTL_MSG,
                               "Use a dotted sysctl name such as kernel.shm_rmid_forced."))
        elif name in names:
            out.append(duplicate("api.validateSysctls.duplicate", npath, name,
                                 "Set each sysctl once."))
        namespace = _sysctl_namespace(name)
        if host_net and namespace == "net":
            out.append(invalid("api.ValidateHostSysctl.host-network", npath, name,
                               "may not be specified when 'hostNetwork' is true",
                               "Drop the net.* sysctl or hostNetwork: it would change the node."))
        elif host_ipc and namespace == "ipc":
            out.append(invalid("api.ValidateHostSysctl.host-ipc", npath, name,
                               "may not be specified when 'hostIPC' is true",
                               "Drop the IPC sysctl or hostIPC: it would change the node."))
        names.add(name)


def _sysctl_namespace(name: str) -> str:
    dot, slash = name.find("."), name.find("/")
    if slash != -1 and (dot == -1 or slash < dot):
        # Slash-separated form: dots and slashes swap roles.
        name = name.translate(str.maketrans("./", "/."))
    if name == "kernel.sem" or name.startswith(("kernel.shm", "kernel.msg", "fs.mqueue.")):
        return "ipc"
    return "net" if name.startswith("net.") else ""


def _gated_enum(
    ctx: Context, value: Any, path: str, allowed: tuple[str, ...], func: str, gate: str
) -> None:
    if value is None:
        return
    if not ctx.at_least(1, 33):
        _dropped(ctx, path, gate, "1.33")
    elif value not in allowed:
        ctx.out.append(not_supported(f"api.{func}.not-supported", path, value, allowed,
                                     f"Use {' or '.join(allowed)}."))


def _dropped(ctx: Context, path: str, gate: str, since: str) -> None:
    ctx.out.append(warning(
        "api.dropDisabledFields.feature-gate", path,
        f"dropped by the API server: the {gate} feature gate is off by default before "
        f"Kubernetes {since}",
        f"Target Kubernetes {since} or newer, or make sure the cluster enables {gate}."))


# --- pod-wide rules -------------------------------------------------------------------------


def containers_with_paths(spec: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str, int]]:
    """Init, regular and ephemeral containers (``VisitContainersWithPath``) as (container, list
    key, index); the path is ``f"spec.{key}[{index}]"``, built only when a finding needs it."""
    for key in ("initContainers", "containers", "ephemeralContainers"):
        items = spec.get(key)
        if items.__class__ is list:
            for i, container in enumerate(items):
                if container.__class__ is dict:
                    yield container, key, i


def any_windows_options(spec: dict[str, Any]) -> bool:
    """Cheap pre-check: does any container set ``securityContext.windowsOptions``?"""
    for key in ("initContainers", "containers", "ephemeralContainers"):
        items = spec.get(key)
        if items.__class__ is list and items:
            try:  # C-level scan; anything odd falls back to the full visit
                contexts = filter(None, map(dict.get, items, repeat("securityContext")))
                options = map(dict.get, contexts, repeat("windowsOptions"))
                if any(map(is_not, options, repeat(None))):
                    return True
            except TypeError:
                return True
    return False


def _host_process(sc: Any) -> Any:
    wo = sc.get("windowsOptions") if sc.__class__ is dict else None
    return wo.get("hostProcess") if wo.__class__ is dict else None


def _windows_host_process(ctx: Context) -> None:
    """``validateWindowsHostProcessPod``: all or no containers are HostProcess, on hostNetwork."""
    spec = ctx.spec
    pod_hp = _host_process(spec.get("securityContext"))
    if pod_hp is None and not any_windows_options(spec):
        return
    count = hp_count = 0
    for container, key, i in containers_with_paths(spec):
        count += 1
        hp = _host_process(container.get("securityContext"))
        if isinstance(pod_hp, bool) and isinstance(hp, bool) and pod_hp != hp:
            ctx.out.append(invalid(
                "api.validateWindowsHostProcessPod.mismatch",
                f"spec.{key}[{i}].securityContext.windowsOptions.hostProcess", hp,
                f"pod hostProcess value must be identical if both are specified, was "
                f"{'true' if pod_hp else 'false'}",
                "Set hostProcess only at pod level, or to the same value everywhere."))
        if hp is True or (hp is None and pod_hp is True):
            hp_count += 1
    if not hp_count:
        return
    if hp_count != count:
        ctx.out.append(invalid(
            "api.validateWindowsHostProcessPod.mixed", "spec", "",
            "If pod contains any hostProcess containers then all containers must be HostProcess "
            "containers", "Make every container a HostProcess container, or none."))
    if spec.get("hostNetwork") is not True:
        ctx.out.append(invalid(
            "api.validateWindowsHostProcessPod.host-network", "spec.hostNetwork", False,
            "hostNetwork must be true if pod contains any hostProcess containers",
            "Set hostNetwork: true for HostProcess pods."))


def _host_users(ctx: Context) -> None:
    """``validateHostUsers``: a user namespace excludes the host's network, PID and IPC ones."""
    spec = ctx.spec
    if spec.get("hostUsers") is not False:
        return
    if not ctx.at_least(1, 33):
        _dropped(ctx, "spec.hostUsers", "UserNamespacesSupport", "1.33")
        return
    # The server spells the last two paths with capitals.
    for key, path in (("hostNetwork", "spec.hostNetwork"), ("hostPID", "spec.HostPID"),
                      ("hostIPC", "spec.HostIPC")):
        if spec.get(key) is True:
            ctx.out.append(forbidden(
                f"api.validateHostUsers.{key}", path, "when `pod.Spec.HostUsers` is false",
                f"Drop {key}, or keep the host user namespace (remove hostUsers: false)."))
