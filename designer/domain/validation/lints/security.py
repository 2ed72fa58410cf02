"""The security-context lints of a container: root, privileges, capabilities, hardening."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from designer.domain.validation.lints.common import EMPTY, Out, PodFacts, as_int, as_list, as_map, confined

_DANGEROUS_CAPS = frozenset({"ALL", "SYS_ADMIN", "NET_ADMIN"})


def _capabilities(values: object) -> list[tuple[int, str]]:
    return [(j, cap.strip().upper().removeprefix("CAP_"))
            for j, cap in enumerate(as_list(values)) if isinstance(cap, str)]


def lint_security(path: str, sc: Mapping[str, Any], pod: PodFacts, out: Out) -> None:
    get = sc.get
    user = get("runAsUser")
    if user is None:
        user = pod.run_as_user
    group = get("runAsGroup")
    if group is None:
        group = pod.run_as_group
    non_root = get("runAsNonRoot")
    if non_root is None:
        non_root = pod.run_as_non_root
    if group is not None and as_int(group) == 0:
        out.add_at("run-as-root", path, ".securityContext",
                   "runs with the root group (runAsGroup: 0)",
                   "set runAsGroup to a non-zero GID")
    # runAsNonRoot: true with runAsUser: 0 is the API layer's error, not a lint.
    if non_root is not True and (as_int(user) or 0) < 1:
        out.add_at("run-as-root", path, ".securityContext", "may run as root",
                   "set runAsNonRoot: true and a runAsUser ≥ 1 (kube-score wants ≥ 10000)")
    if get("readOnlyRootFilesystem") is not True:
        out.add_at("writable-root-fs", path, ".securityContext",
                   "the root filesystem is writable",
                   "set readOnlyRootFilesystem: true and mount an emptyDir where it writes")
    if get("privileged") is True:
        out.add("privileged-container", f"{path}.securityContext.privileged",
                "runs privileged: full access to the node",
                "remove privileged; add only the capabilities it needs")
    if get("allowPrivilegeEscalation") is not False:
        out.add_at("privilege-escalation", path, ".securityContext",
                   "allows privilege escalation (the default when unset)",
                   "set allowPrivilegeEscalation: false")
    caps = get("capabilities")
    if not isinstance(caps, dict):
        caps = EMPTY
    add = caps.get("add")
    added = _capabilities(add) if add else ()
    for j, cap in added:
        if cap in _DANGEROUS_CAPS:
            out.add("dangerous-capability",
                    f"{path}.securityContext.capabilities.add[{j}]",
                    f"adds the dangerous capability {cap}",
                    "add only narrow capabilities such as NET_BIND_SERVICE")
    raw_added = next((j for j, cap in added if cap == "NET_RAW"), None) if added else None
    if raw_added is not None:
        out.add("net-raw-not-dropped",
                f"{path}.securityContext.capabilities.add[{raw_added}]",
                "adds NET_RAW: raw sockets allow spoofing", "remove NET_RAW")
    elif "drop" not in caps or not _drops_net_raw(caps["drop"]):
        out.add_at("net-raw-not-dropped", path, ".securityContext",
                   "keeps NET_RAW and the runtime's other default capabilities",
                   'drop ["ALL"] and add back only what it needs')
    if pod.user_namespace and get("procMount") == "Unmasked":
        # Without a user namespace the API rejects Unmasked itself (A.11).
        out.add("unmasked-proc-mount", f"{path}.securityContext.procMount",
                "/proc is not masked", "use procMount: Default")


def _drops_net_raw(drop: object) -> bool:
    """Whether capabilities.drop removes NET_RAW (itself or through ALL)."""
    if not isinstance(drop, list) or not drop:
        return False
    if "ALL" in drop:
        return True
    return any(cap in ("ALL", "NET_RAW") for _, cap in _capabilities(drop))



def lint_hardening(
    path: str,
    container: Mapping[str, Any],
    sc: Mapping[str, Any],
    pod: PodFacts,
    out: Out,
) -> None:
    """Polaris' linuxHardening: seccomp, AppArmor, SELinux or dropped capabilities."""
    if sc:
        own = None if sc.get("seccompProfile") is None else confined(sc, "seccompProfile")
        if own or (own is None and pod.seccomp):
            return
        own = None if sc.get("appArmorProfile") is None else confined(sc, "appArmorProfile")
        if own or (own is None and pod.apparmor):
            return
        if pod.selinux or as_map(sc.get("seLinuxOptions")):
            return
        if as_list(as_map(sc.get("capabilities")).get("drop")):
            return
    elif pod.seccomp or pod.apparmor or pod.selinux:
        return
    name = container.get("name")
    if f"container.apparmor.security.beta.kubernetes.io/{name}" in pod.annotations:
        return
    out.add_at("no-linux-hardening", path, ".securityContext",
               "no seccomp, AppArmor or SELinux profile and no dropped capabilities",
               "set seccompProfile.type: RuntimeDefault (pod or container level)")
