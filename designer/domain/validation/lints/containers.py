"""The per-container lints: ``lint_container`` runs every rule on one container, in one pass."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from designer.domain.validation.findings import fmt_value
from designer.domain.validation.lints.common import EMPTY, Out, PodFacts, as_int, as_list, as_map
from designer.domain.validation.lints.resources import lint_resources
from designer.domain.validation.lints.security import lint_hardening, lint_security

# Polaris' sensitiveContainerEnvVar names (kube-linter's env-var-secret only looks for "secret").
_SECRET_NAME = re.compile(
    r"password|passwd|token|bearer|secret|^aws_secret_access_key$|^google_application_credentials$"
    r"|^azure_.+key$|^oci_cli_key_content$",
    re.IGNORECASE,
)
_PRIVATE_KEY = re.compile(r"-BEGIN\s+.*PRIVATE KEY-", re.IGNORECASE)
_HANDLERS = ("exec", "httpGet", "tcpSocket", "grpc")


def lint_container(
    path: str,
    container: dict[str, Any],
    probed: bool,
    linux: bool,
    pod: PodFacts,
    out: Out,
) -> None:
    """Every container rule, in order: image, resources, security, hardening, ports, mounts,
    env and probes (one pass, the lookups each needs done once)."""
    get = container.get
    image = get("image")
    if isinstance(image, str):
        image_facts = _image_facts(image)
        if image_facts is not None:
            _image(path, image_facts, get, out)
    lint_resources(path, get("resources"), pod.pod_set, out)
    sc = get("securityContext")
    if not isinstance(sc, dict):
        sc = EMPTY
    if linux:
        lint_security(path, sc, pod, out)
        # A pod-level seccomp profile the container does not override hardens it.
        if not pod.seccomp or sc.get("seccompProfile") is not None:
            lint_hardening(path, container, sc, pod, out)
    ports = get("ports")
    if isinstance(ports, list) and ports:
        _ports(path, ports, out)
    if pod.host_paths:
        _mounts(path, container, pod.host_paths, out)
    env = get("env")
    if isinstance(env, list) and env:
        _env(path, env, out)
    if probed:
        _probes(path, container, out)


@lru_cache(maxsize=1024)
def _image_facts(image: str) -> tuple[bool, bool, str | None] | None:
    """(floating tag, pinned by digest, latest-tag message) of an image reference; None if blank."""
    image = image.strip()
    if not image:
        return None
    pinned = "@" in image
    last = image.rsplit("/", 1)[-1]  # a registry port (host:5000/app) is not a tag
    floating = not pinned and (":" not in last or last.rsplit(":", 1)[1] == "latest")
    message = None
    if floating:
        what = "has no tag" if ":" not in last else "uses the latest tag"
        message = f"image {fmt_value(image)} {what}"
    return floating, pinned, message


_PULL_POLICY_MESSAGES = {
    policy: f"imagePullPolicy is {policy}: a re-pushed tag is not picked up"
    for policy in ("IfNotPresent", "Never")
}


def _image(path: str, facts: tuple[bool, bool, str | None], get: Any, out: Out) -> None:
    floating, pinned, message = facts
    if message is not None:
        out.add_at("latest-tag", path, ".image", message,
                   "pin a version tag or a digest (@sha256:…)")
    if pinned:
        return
    policy = get("imagePullPolicy") or ("Always" if floating else "IfNotPresent")
    if policy in ("IfNotPresent", "Never"):
        out.add_at("pull-policy-not-always", path, ".imagePullPolicy",
                   _PULL_POLICY_MESSAGES[policy], "use Always, or pin the image by digest")



def _ports(path: str, ports: list[Any], out: Out) -> None:
    for k, port in enumerate(ports):
        if not isinstance(port, dict):
            continue
        host_port = port.get("hostPort")
        if host_port is not None:
            host_port = as_int(host_port)
            if host_port is not None and host_port > 0:
                out.add("host-port", f"{path}.ports[{k}].hostPort",
                        f"binds host port {host_port}: one such Pod per node",
                        "remove hostPort and expose it with a Service")
        number = port.get("containerPort")
        if number.__class__ is not int:
            number = as_int(number)
            if number is None:
                continue
        if number >= 1024:
            continue
        if number == 22:
            out.add("ssh-port", f"{path}.ports[{k}].containerPort",
                    "exposes port 22 (SSH)", "use kubectl exec instead of SSH")
        elif number > 0:
            out.add("privileged-port", f"{path}.ports[{k}].containerPort",
                    f"uses privileged port {number}",
                    "listen on a port ≥ 1024 and map it in the Service")


def _mounts(
    path: str, container: Mapping[str, Any], host_paths: set[str], out: Out
) -> None:
    for j, mount in enumerate(as_list(container.get("volumeMounts"))):
        mount = as_map(mount)
        name = mount.get("name")
        if isinstance(name, str) and name in host_paths and mount.get("readOnly") is not True:
            out.add("writable-host-mount", f"{path}.volumeMounts[{j}]",
                    f"mounts host path volume {fmt_value(name)} writable",
                    "set readOnly: true")


@lru_cache(maxsize=4096)
def _secret_name(name: str) -> bool:
    return _SECRET_NAME.search(name) is not None


def _env(path: str, env: list[Any], out: Out) -> None:
    for k, var in enumerate(env):
        if not isinstance(var, dict):
            continue
        value = var.get("value")
        if not isinstance(value, str) or not value:
            continue
        name = var.get("name")
        if not isinstance(name, str):
            continue
        # The private-key pattern needs a '-': most values are spared the regex.
        if _secret_name(name) or ("-" in value and _PRIVATE_KEY.search(value)):
            out.add("secret-in-env", f"{path}.env[{k}].value",
                    f"{fmt_value(name)} looks like a secret written in plain text",
                    "read it from a Secret (valueFrom.secretKeyRef or a volume)")


_PROBE_KINDS = ("livenessProbe", "readinessProbe", "startupProbe")
_PORT_HANDLERS = ("httpGet", "tcpSocket", "grpc")


def _probes(path: str, container: Mapping[str, Any], out: Out) -> None:
    get = container.get
    liveness = get("livenessProbe")
    readiness = get("readinessProbe")
    if liveness is None:
        out.add_at("missing-liveness-probe", path, "", "has no liveness probe",
                   "add a livenessProbe so a hung process gets restarted")
    if readiness is None:
        out.add_at("missing-readiness-probe", path, "", "has no readiness probe",
                   "add a readinessProbe so traffic waits until it is ready")
    if isinstance(liveness, dict) and isinstance(readiness, dict):
        # More than one handler is an API error, so the first one decides.
        for handler in _HANDLERS:
            action = liveness.get(handler)
            if action:
                if action == readiness.get(handler):
                    out.add(
                        "identical-probes", f"{path}.livenessProbe",
                        "liveness and readiness probes are identical: an overloaded container "
                        "gets restarted instead of taken out of rotation",
                        "make the liveness check cheaper or more lenient")
                break
    declared: set[object] | None = None
    for probe_name in _PROBE_KINDS:
        probe = get(probe_name)
        if probe is None or not isinstance(probe, dict):
            continue
        for handler in _PORT_HANDLERS:
            action = probe.get(handler)
            if action is None or not isinstance(action, dict):
                continue
            # Named ports are the API layer's (A.7); a numeric one is fine but worth a note.
            port = action.get("port")
            if port.__class__ is not int:
                if port.__class__ is str:
                    continue
                port = as_int(port)
                if port is None:
                    continue
            if declared is None:
                declared = set()
                ports = get("ports")
                if isinstance(ports, list):
                    for p in ports:
                        # (Not an object: read as {}, so a TCP port None, which no port equals.)
                        if isinstance(p, dict) and p.get("protocol") in (None, "", "TCP"):
                            number = p.get("containerPort")
                            if isinstance(number, (int, float, str)):  # garbage is no port
                                declared.add(number)
            if port not in declared:
                out.add("probe-port-not-declared", f"{path}.{probe_name}.{handler}.port",
                        f"probes port {port}, which the container does not declare",
                        "declare it in ports[] (and the probe can use its name)")
