"""Section A.0 of pod-rules.md: what the API server does to a Pod before it validates it.

Decode-time defaulting (``pkg/apis/core/v1/defaults.go``), the Pod-only ``SetDefaults_Pod`` and
the create-time dropping of fields whose feature gate is off by default in the target version
(``dropDisabledFields``). Only the dicts that change are copied; the input is never modified.

Defaults that cannot change a validation outcome are not materialized (for speed): the rules
read an unset container ``imagePullPolicy``/``terminationMessagePolicy``, port ``protocol``
(TCP), probe timings and thresholds, ``httpGet.path``/``scheme``, volume ``defaultMode``, token
``expirationSeconds`` and ``fieldRef.apiVersion`` (v1) as their defaults. ``effective_*``
helpers give those values to whoever needs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from designer.domain.validation.findings import Finding, warning
from designer.domain.validation.formats import (
    is_dns1123_label,
    is_dns1123_subdomain,
    is_valid_port_name,
)

# Every field of core/v1 VolumeSource, in the order validateVolumeSource looks at them.
VOLUME_SOURCES: tuple[str, ...] = (
    "emptyDir", "hostPath", "gitRepo", "gcePersistentDisk", "awsElasticBlockStore", "secret",
    "nfs", "iscsi", "glusterfs", "flocker", "persistentVolumeClaim", "rbd", "cinder", "cephfs",
    "quobyte", "downwardAPI", "fc", "flexVolume", "configMap", "azureFile", "vsphereVolume",
    "photonPersistentDisk", "portworxVolume", "azureDisk", "storageos", "projected", "scaleIO",
    "csi", "ephemeral", "image",
)
_SOURCE_SET = frozenset(VOLUME_SOURCES)
CONTAINER_LISTS = ("containers", "initContainers", "ephemeralContainers")
PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
HOOKS = ("postStart", "preStop")

PROBE_DEFAULTS = {"timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1,
                  "failureThreshold": 3, "initialDelaySeconds": 0}

# Feature gates that decide whether a field survives PrepareForCreate (default gate values).
SIDECARS_SINCE = (1, 29)      # SidecarContainers beta, on by default
SLEEP_ACTION_FIELD_SINCE = (1, 29)  # PodLifecycleSleepAction alpha: the field exists
SLEEP_ACTION_SINCE = (1, 30)  # PodLifecycleSleepAction beta
RRO_SINCE = (1, 31)           # RecursiveReadOnlyMounts beta
IMAGE_VOLUME_FIELD_SINCE = (1, 31)  # ImageVolume alpha: the field exists, the gate is off
IMAGE_VOLUME_SINCE = (1, 35)  # ImageVolume beta, on by default

# docker/distribution reference grammar, as parsers.ParseImageName applies it.
_DOMAIN = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_PATH = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_REFERENCE = re.compile(
    rf"(?P<name>(?:{_DOMAIN}(?:\.{_DOMAIN})*(?::[0-9]+)?/)?{_PATH}(?:/{_PATH})*)"
    r"(?::(?P<tag>[\w][\w.-]{0,127}))?"
    r"(?P<digest>@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?"
)


def as_dict(value: object) -> dict[str, Any] | None:
    """The value if it is a JSON object, else None (wrong types are the schema layer's job)."""
    return value if isinstance(value, dict) else None


def as_list(value: object) -> list[Any]:
    """The value if it is a JSON array, else an empty list."""
    return value if isinstance(value, list) else []


def as_str(value: object) -> str:
    """The value if it is a string, else "" (what Go decodes null into)."""
    return value if isinstance(value, str) else ""


def as_int(value: object) -> int | None:
    """The value if it is an integer (not a bool), else None."""
    return value if type(value) is int else None


# The same names come back on every keystroke of the editor: cache the format checks.
@lru_cache(maxsize=4096)
def label_errors(value: str) -> tuple[str, ...]:
    """Cached ``is_dns1123_label``."""
    return tuple(is_dns1123_label(value))


@lru_cache(maxsize=4096)
def subdomain_errors(value: str) -> tuple[str, ...]:
    """Cached ``is_dns1123_subdomain``."""
    return tuple(is_dns1123_subdomain(value))


@lru_cache(maxsize=4096)
def port_name_errors(value: str) -> tuple[str, ...]:
    """Cached ``is_valid_port_name``."""
    return tuple(is_valid_port_name(value))


def volume_sources(vol: dict[str, Any]) -> list[str]:
    """The sources set on a volume, in validateVolumeSource order."""
    found = [k for k, v in vol.items() if v is not None and k in _SOURCE_SET]
    if len(found) > 1:
        found.sort(key=VOLUME_SOURCES.index)
    return found


def _has_source(vol: dict[str, Any]) -> bool:
    """``bool(volume_sources(vol))``, without building the list (a loop: any() is slower)."""
    for key, value in vol.items():
        if value is not None and key in _SOURCE_SET:
            break
    else:
        return False
    return True


def _unset(value: object) -> bool:
    return value is None or value == ""


@dataclass(slots=True)
class Defaulted:
    """A defaulted Pod spec, plus what defaulting and field dropping did that deserves a word."""

    spec: dict[str, Any]
    # Indices in spec["volumes"] of volumes that had no source and became emptyDir.
    sourceless: frozenset[int]
    notes: list[Finding]


@lru_cache(maxsize=1024)
def pulls_latest(image: str) -> bool:
    """True when SetDefaults_Container would pick imagePullPolicy Always for this image."""
    m = _REFERENCE.fullmatch(image)
    if m is None or len(m.group("name")) > 255:
        return False  # unparsable: ParseImageName fails and the tag is ""
    tag = m.group("tag")
    return tag == "latest" or (tag is None and m.group("digest") is None)


def effective_pull_policy(c: dict[str, Any]) -> str:
    """imagePullPolicy after SetDefaults_Container: Always for :latest or no tag."""
    policy = c.get("imagePullPolicy")
    if isinstance(policy, str) and policy:
        return policy
    return "Always" if pulls_latest(as_str(c.get("image"))) else "IfNotPresent"


def effective_probe_value(probe: dict[str, Any], key: str) -> object:
    """A probe timing or threshold after SetDefaults_Probe (0 and unset become the default)."""
    value = probe.get(key)
    if value is None or (type(value) is int and value == 0):
        return PROBE_DEFAULTS[key]
    return value


def apply_defaults(
    pod: dict[str, Any], *, version: tuple[int, int], template: bool
) -> Defaulted:
    """Default a copy of ``pod["spec"]`` the way the target API server would before validating."""
    spec = dict(as_dict(pod.get("spec")) or {})
    notes: list[Finding] = []
    for key, default in (("dnsPolicy", "ClusterFirst"), ("restartPolicy", "Always"),
                         ("schedulerName", "default-scheduler")):
        if _unset(spec.get(key)):
            spec[key] = default
    if spec.get("securityContext") is None:
        spec["securityContext"] = {}
    if spec.get("terminationGracePeriodSeconds") is None:
        spec["terminationGracePeriodSeconds"] = 30
    if not template and spec.get("enableServiceLinks") is None:
        spec["enableServiceLinks"] = True

    sourceless: set[int] = set()
    dropped_volumes: set[str] = set()
    volumes = spec.get("volumes")
    if isinstance(volumes, list):
        spec["volumes"] = _default_volumes(volumes, version, sourceless, dropped_volumes, notes)

    host_network = not template and spec.get("hostNetwork") is True
    dropping = version < RRO_SINCE or bool(dropped_volumes)
    for kind in CONTAINER_LISTS:
        containers = spec.get(kind)
        if not isinstance(containers, list) or not containers:
            continue
        pod_defaults = not template and kind != "ephemeralContainers"
        result = None  # a copy of the list, made at the first container that changes
        for i, c in enumerate(containers):
            if isinstance(c, dict) and (dropping or pod_defaults and (
                    host_network or ("resources" in c and _missing_requests(c["resources"])))):
                defaulted = _default_container(c, f"spec.{kind}[{i}]", kind, version,
                                               pod_defaults, host_network, dropped_volumes, notes)
                if defaulted is not c:
                    if result is None:
                        result = list(containers)
                    result[i] = defaulted
        if result is not None:
            spec[kind] = result
    return Defaulted(spec, frozenset(sourceless), notes)


def _default_volumes(
    volumes: list[Any], version: tuple[int, int], sourceless: set[int],
    dropped: set[str], notes: list[Finding],
) -> list[Any]:
    result: list[Any] = []
    for i, vol in enumerate(volumes):
        if not isinstance(vol, dict):
            result.append(vol)
            continue
        if vol.get("image") is not None and version < IMAGE_VOLUME_SINCE:
            path = f"spec.volumes[{i}].image"
            if version >= IMAGE_VOLUME_FIELD_SINCE:
                # dropImageVolumes removes the volume and every mount of it.
                dropped.add(as_str(vol.get("name")))
                notes.append(warning(
                    "api.dropImageVolumes.gate-off", path,
                    "the ImageVolume feature gate is off by default before 1.35: the API server "
                    "silently drops this volume and every mount of it",
                    "Target Kubernetes 1.35+ or use another volume source."))
                continue
            notes.append(warning(
                "api.dropDisabledFields.image-volume", path,
                "image volumes do not exist before 1.31: the field is dropped (or rejected "
                "under strict field validation) and the volume becomes an emptyDir",
                "Target Kubernetes 1.35+ or use another volume source."))
            vol = {k: v for k, v in vol.items() if k != "image"}
            if not volume_sources(vol):
                vol["emptyDir"] = {}
        elif not _has_source(vol):
            sourceless.add(len(result))
            vol = {**vol, "emptyDir": {}}
        result.append(vol)
    return result


def _default_container(
    c: dict[str, Any], path: str, kind: str, version: tuple[int, int], pod_defaults: bool,
    host_network: bool, dropped_volumes: set[str], notes: list[Finding],
) -> dict[str, Any]:
    original = c
    if pod_defaults:
        c = _default_requests(c)
        if host_network and isinstance(c.get("ports"), list):
            c = {**c, "ports": [_host_network_port(p) for p in c["ports"]]}
    lifecycle = c.get("lifecycle")
    if isinstance(lifecycle, dict) and version < SLEEP_ACTION_SINCE:
        new_lc = _drop_sleep(lifecycle, f"{path}.lifecycle", version, notes)
        if new_lc is not lifecycle:
            c = dict(c) if c is original else c
            if new_lc is None:
                del c["lifecycle"]
            else:
                c["lifecycle"] = new_lc
    if kind == "initContainers" and version < SIDECARS_SINCE and "restartPolicy" in c:
        # Too old (or gate off): the field is dropped and the sidecar becomes a plain init
        # container; the design layer warns about that.
        c = {k: v for k, v in c.items() if k != "restartPolicy"}
    mounts = c.get("volumeMounts")
    if isinstance(mounts, list) and (dropped_volumes or version < RRO_SINCE):
        new_mounts = _drop_mount_fields(mounts, path, version, dropped_volumes, notes)
        if new_mounts is not mounts:
            c = {**c, "volumeMounts": new_mounts}
    return c


def _host_network_port(port: Any) -> Any:
    """SetDefaults_Pod with hostNetwork: an unset hostPort becomes the containerPort."""
    if not isinstance(port, dict) or port.get("hostPort") not in (None, 0):
        return port
    cp = port.get("containerPort")
    return {**port, "hostPort": cp if type(cp) is int else 0}


def _drop_sleep(
    lifecycle: dict[str, Any], path: str, version: tuple[int, int], notes: list[Finding]
) -> dict[str, Any] | None:
    """Before 1.29 ``sleep`` is an unknown field (the hook may be left empty, an error); in
    1.29 dropPodLifecycleSleepAction removes it, and the hook too if nothing is left."""
    known = version >= SLEEP_ACTION_FIELD_SINCE
    result = lifecycle
    for hook in HOOKS:
        handler = lifecycle.get(hook)
        if not isinstance(handler, dict) or handler.get("sleep") is None:
            continue
        others = _has_other_action(handler)
        notes.append(warning(
            "api.dropPodLifecycleSleepAction.gate-off", f"{path}.{hook}.sleep",
            "the sleep action needs Kubernetes 1.30+: the API server drops it"
            + ("" if others or not known else ", and with it the whole hook"),
            "Use an exec action running sleep, or target Kubernetes 1.30+."))
        result = dict(result) if result is lifecycle else result
        if others or not known:
            result[hook] = {k: v for k, v in handler.items() if k != "sleep"}
        else:
            del result[hook]
    if known and not any(v is not None for v in result.values()):
        return None
    return result


def _has_other_action(handler: dict[str, Any]) -> bool:
    return any(handler.get(k) is not None for k in ("exec", "httpGet", "tcpSocket"))


def _missing_requests(res: object) -> bool:
    """True when SetDefaults_Pod would copy some limit into the requests."""
    if not isinstance(res, dict):
        return False
    limits = res.get("limits")
    if not isinstance(limits, dict):
        return False
    requests = res.get("requests")
    if requests is None:
        return True
    return isinstance(requests, dict) and not limits.keys() <= requests.keys()


def _default_requests(c: dict[str, Any]) -> dict[str, Any]:
    """SetDefaults_Pod: a resource with a limit and no request gets the limit as request."""
    res = c.get("resources")
    if not isinstance(res, dict) or not _missing_requests(res):
        return c
    limits, requests = res["limits"], res.get("requests")
    merged = dict(requests or {})
    for key, value in limits.items():
        merged.setdefault(key, value)
    return {**c, "resources": {**res, "requests": merged}}


def _drop_mount_fields(
    mounts: list[Any], path: str, version: tuple[int, int], dropped_volumes: set[str],
    notes: list[Finding],
) -> list[Any]:
    result: list[Any] = []
    changed = False
    for j, m in enumerate(mounts):
        if not isinstance(m, dict):
            result.append(m)
            continue
        if dropped_volumes and as_str(m.get("name")) in dropped_volumes:
            changed = True
            continue
        if version < RRO_SINCE and m.get("recursiveReadOnly") is not None:
            notes.append(warning(
                "api.dropDisabledFields.recursive-read-only",
                f"{path}.volumeMounts[{j}].recursiveReadOnly",
                "recursiveReadOnly needs Kubernetes 1.31+: the API server drops it, so "
                "sub-mounts stay writable",
                "Target Kubernetes 1.31+ or remove recursiveReadOnly."))
            m = {k: v for k, v in m.items() if k != "recursiveReadOnly"}
            changed = True
        result.append(m)
    return result if changed else mounts
