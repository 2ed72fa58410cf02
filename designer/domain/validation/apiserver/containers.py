"""Sections A.3-A.5 of pod-rules.md: container lists and names, init containers, sidecars, ports.

Also the per-container driver: ``_common`` runs validateContainerCommon's checks in the server's
order and calls the part-2 hooks (env, resources, security context) at their place in it.
"""

from __future__ import annotations

from typing import Any

from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.apiserver.defaults import (
    as_int,
    as_list,
    as_str,
    label_errors,
    port_name_errors,
)
from designer.domain.validation.apiserver.env import validate_env
from designer.domain.validation.apiserver.probes import validate_probes
from designer.domain.validation.apiserver.resources import validate_container_resources
from designer.domain.validation.apiserver.security import validate_container_security_context
from designer.domain.validation.apiserver.volume_sources import (
    PULL_POLICIES,
    validate_pull_policy,
)
from designer.domain.validation.apiserver.volumes import validate_container_volumes
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

PROTOCOLS = ("SCTP", "TCP", "UDP")
MESSAGE_POLICIES = ("File", "FallbackToLogsOnError")
CONTAINER_RESTART_POLICY_SINCE = (1, 28)  # the field exists (and is forbidden on app containers)
_INIT_ONLY_FORBIDDEN = ("lifecycle", "livenessProbe", "readinessProbe", "startupProbe")
# Fields of EphemeralContainerCommon outside allowedEphemeralContainerFields, in struct order.
_EPHEMERAL_FORBIDDEN = ("ports", "resources", "resizePolicy", "restartPolicy",
                        "restartPolicyRules", "livenessProbe", "readinessProbe", "startupProbe",
                        "lifecycle")
_HINT_NAME = "Use at most 63 lower-case letters, digits and '-', starting and ending alphanumeric."
_HINT_PORT = "Use a port number between 1 and 65535."


def _containers(ctx: Context, kind: str) -> list[tuple[int, dict[str, Any]]]:
    return [(i, c) for i, c in enumerate(as_list(ctx.spec.get(kind))) if isinstance(c, dict)]


def _name(c: dict[str, Any]) -> str | None:
    """The name as Go sees it ("" when unset); None when it is not a string at all."""
    name = c.get("name")
    if name is None:
        return ""
    return name if isinstance(name, str) else None


def _common(ctx: Context, c: dict[str, Any], path: str, running: tuple[str, int] | None) -> bool:
    """validateContainerCommon, the part-2 hooks included. True when some port has a host port
    (a non-zero integer), so only then checkHostPortConflicts needs to look at the container.
    ``running`` (list key, index) is given for the containers that run together, whose ports
    ``warn_container_port_conflicts`` compares."""
    out = ctx.out
    name = c.get("name")
    if name is None or name == "":
        out.append(required("api.validateContainerCommon.name-required", f"{path}.name",
                            hint="Give the container a name."))
    elif isinstance(name, str):
        for msg in label_errors(name):
            out.append(invalid("api.validateContainerCommon.name-invalid", f"{path}.name", name,
                               msg, _HINT_NAME))
    image = c.get("image")
    if image is None or image == "":
        out.append(required("api.validateContainerCommon.image-required", f"{path}.image",
                            hint="Set the container image, e.g. nginx:1.27."))
    policy = c.get("terminationMessagePolicy")  # unset: defaulted to File
    if policy is not None and isinstance(policy, str) and policy and \
            policy not in MESSAGE_POLICIES:
        out.append(not_supported("api.validateContainerCommon.termination-message-policy",
                                 f"{path}.terminationMessagePolicy", policy, MESSAGE_POLICIES,
                                 "Use File or FallbackToLogsOnError."))
    ports = c.get("ports")
    host_ports = isinstance(ports, list) and ports and _validate_ports(ctx, ports, path, running)
    validate_env(ctx, c, path)
    if "volumeMounts" in c or "volumeDevices" in c:
        validate_container_volumes(ctx, c, path)
    pull_policy = c.get("imagePullPolicy")
    if pull_policy and pull_policy not in PULL_POLICIES:
        validate_pull_policy(out, pull_policy, f"{path}.imagePullPolicy")
    validate_container_resources(ctx, c, path)
    validate_container_security_context(ctx, c, path)
    return bool(host_ports)


def _validate_ports(
    ctx: Context, ports: list[Any], path: str, running: tuple[str, int] | None
) -> bool:
    """validateContainerPorts: names unique within the container, numbers in range. True when
    some port has a host port (a non-zero integer). Notes the ports of running containers for
    the conflict warning, when validate_pod collects them."""
    out = ctx.out
    seen = ctx.ports_seen if running is not None else None
    rule = "api.validateContainerPorts"
    base = path + ".ports"
    names: set[str] = set()
    host_ports = False
    for j, p in enumerate(ports):
        if not isinstance(p, dict):
            continue
        name = p.get("name")
        if name and isinstance(name, str):
            msgs = port_name_errors(name)
            if msgs:
                out.extend(invalid(f"{rule}.name-invalid", f"{base}[{j}].name", name, msg,
                                   "Use at most 15 lower-case letters, digits and '-', with at "
                                   "least one letter.") for msg in msgs)
            elif name in names:
                out.append(duplicate(f"{rule}.duplicate-name", f"{base}[{j}].name", name,
                                     "Give each port of a container its own name."))
            else:
                names.add(name)
        number = p.get("containerPort")
        if number is None or number == 0:
            out.append(required(f"{rule}.container-port-required", f"{base}[{j}].containerPort",
                                hint=_HINT_PORT))
        elif type(number) is int:
            if not 1 <= number <= 65535:
                out.append(invalid(f"{rule}.container-port-invalid",
                                   f"{base}[{j}].containerPort", number,
                                   "must be between 1 and 65535, inclusive", _HINT_PORT))
            elif seen is not None and running is not None:
                _note_port(ctx, seen, running, j, number, p.get("protocol"))
        host = p.get("hostPort")
        if host and type(host) is int:
            host_ports = True
            if not 1 <= host <= 65535:
                out.append(invalid(f"{rule}.host-port-invalid", f"{base}[{j}].hostPort", host,
                                   "must be between 1 and 65535, inclusive", _HINT_PORT))
        protocol = p.get("protocol")  # unset: defaulted to TCP
        if protocol and protocol not in PROTOCOLS and isinstance(protocol, str):
            out.append(not_supported(f"{rule}.protocol", f"{base}[{j}].protocol", protocol,
                                     PROTOCOLS, "Use TCP, UDP or SCTP."))
    return host_ports


def _note_port(ctx: Context, seen: dict[tuple[int, str], tuple[str, int, int]],
               running: tuple[str, int], j: int, number: int, protocol: object) -> None:
    """One port of a running container, for warn_container_port_conflicts."""
    if protocol.__class__ is not str:
        protocol = as_str(protocol)
    key = (number, protocol or "TCP")
    first = seen.get(key)
    kind, i = running
    if first is None:
        seen[key] = (kind, i, j)
    elif ctx.port_conflicts is not None:
        ctx.port_conflicts.append(_port_conflict(kind, i, j, key, first))


def _host_port_conflicts(out: list[Finding], containers: list[tuple[int, dict[str, Any]]],
                         base: str) -> None:
    """checkHostPortConflicts: one protocol/hostIP/hostPort per set of containers."""
    seen: set[str] = set()
    for i, c in containers:
        ports = c.get("ports")
        if not ports or not isinstance(ports, list):
            continue
        for j, p in enumerate(ports):
            if not isinstance(p, dict):
                continue
            host_port = p.get("hostPort")
            if not host_port or type(host_port) is not int:
                continue  # unset, 0, or not a number
            key = f"{as_str(p.get('protocol')) or 'TCP'}/{as_str(p.get('hostIP'))}/{host_port}"
            if key in seen:
                out.append(duplicate("api.AccumulateUniqueHostPorts.duplicate",
                                     f"{base}[{i}].ports[{j}].hostPort", key,
                                     "Use another hostPort: each can be bound only once."))
            else:
                seen.add(key)


def validate_containers(ctx: Context) -> None:
    """validateContainers: the regular (app) containers."""
    raw = ctx.spec.get("containers")
    if raw is None or raw == []:
        ctx.out.append(required("api.validateContainers.required", "spec.containers",
                                hint="Add at least one container."))
        return
    out = ctx.out
    names: set[str] = set()
    restart_policy_exists = ctx.version >= CONTAINER_RESTART_POLICY_SINCE
    with_host_ports = []  # only these can clash
    for i, c in _containers(ctx, "containers"):
        path = f"spec.containers[{i}]"
        if _common(ctx, c, path, ("containers", i)):
            with_host_ports.append((i, c))
        name = c.get("name")  # _name(c)
        if name is None:
            name = ""
        elif not isinstance(name, str):
            name = None
        if name in names:
            out.append(duplicate("api.validateContainers.duplicate-name", f"{path}.name", name,
                                 "Give each container its own name."))
        elif name is not None:
            names.add(name)
        validate_probes(ctx, c, path)
        if restart_policy_exists and c.get("restartPolicy") is not None:
            out.append(forbidden("api.validateContainers.restart-policy",
                                 f"{path}.restartPolicy", "may not be set for non-init containers",
                                 "Remove it; only init containers (sidecars) take "
                                 "restartPolicy."))
    if with_host_ports:
        _host_port_conflicts(out, with_host_ports, "spec.containers")
    ctx.app_names = names


def validate_init_containers(ctx: Context) -> None:
    """validateInitContainers: regular init containers and native sidecars."""
    out = ctx.out
    names = ctx.app_names  # left by validate_containers: the same set, ours to extend now
    ctx.app_names = None
    if names is None:
        names = {n for _, c in _containers(ctx, "containers") if (n := _name(c)) is not None}
    message = "may not be set for init containers"
    if ctx.at_least(*CONTAINER_RESTART_POLICY_SINCE):
        message += " without restartPolicy=Always"
    for i, c in _containers(ctx, "initContainers"):
        path = f"spec.initContainers[{i}]"
        policy = c.get("restartPolicy")
        host_ports = _common(ctx, c, path, ("initContainers", i) if policy == "Always" else None)
        if isinstance(policy, str) and policy != "Always":
            out.append(not_supported("api.validateInitContainerRestartPolicy.not-supported",
                                     f"{path}.restartPolicy", policy, ("Always",),
                                     "Use Always (a sidecar) or leave it unset."))
        name = _name(c)
        if name in names:
            out.append(duplicate("api.validateInitContainers.duplicate-name", f"{path}.name",
                                 name, "Give each container (app or init) its own name."))
        elif name:
            names.add(name)
        # Init containers run one at a time, so only clashes inside one container count, and
        # the server reports them as initContainers[0] whatever the index.
        if host_ports:
            _host_port_conflicts(out, [(0, c)], "spec.initContainers")
        if policy == "Always":
            validate_probes(ctx, c, path)
            continue
        for field in _INIT_ONLY_FORBIDDEN:
            if c.get(field) is not None:
                out.append(forbidden("api.validateInitContainers.forbidden-field",
                                     f"{path}.{field}", message,
                                     "Remove it, or make this init container a sidecar "
                                     "(restartPolicy: Always)."))


def validate_ephemeral_containers(ctx: Context) -> None:
    """validateEphemeralContainers."""
    ephemeral = _containers(ctx, "ephemeralContainers")
    if not ephemeral:
        return
    out = ctx.out
    others = {n for kind in ("containers", "initContainers") for _, c in _containers(ctx, kind)
              if (n := _name(c)) is not None}
    names = set(others)
    message = "cannot be set for an Ephemeral Container"
    for i, c in ephemeral:
        path = f"spec.ephemeralContainers[{i}]"
        _common(ctx, c, path, None)
        _image_whitespace(out, c, path)
        name = _name(c)
        if name in names:
            out.append(duplicate("api.validateEphemeralContainers.duplicate-name", f"{path}.name",
                                 name, "Give each container its own name."))
        elif name is not None:
            names.add(name)
        target = as_str(c.get("targetContainerName"))
        if target and target not in others:
            out.append(not_found("api.validateEphemeralContainers.target",
                                 f"{path}.targetContainerName", target,
                                 "Name an existing container or init container."))
        for field in _EPHEMERAL_FORBIDDEN:
            value = c.get(field)
            if value is None or (field == "resources" and isinstance(value, dict) and not any(
                    v is not None for v in value.values())):
                continue
            out.append(forbidden("api.validateEphemeralContainers.forbidden-field",
                                 f"{path}.{field}", message, "Remove it."))
        for j, m in enumerate(as_list(c.get("volumeMounts"))):
            for key in ("subPath", "subPathExpr"):
                if isinstance(m, dict) and as_str(m.get(key)):
                    out.append(forbidden("api.validateEphemeralContainers.sub-path",
                                         f"{path}.volumeMounts[{j}].{key}", message,
                                         "Mount the whole volume."))


def validate_host_network_deps(ctx: Context) -> None:
    """validatePodHostNetworkDeps: with hostNetwork, hostPort must equal containerPort."""
    if ctx.spec.get("hostNetwork") is not True:
        return
    for i, c in _containers(ctx, "containers"):
        for j, p in enumerate(as_list(c.get("ports"))):
            if not isinstance(p, dict):
                continue
            host, cont = p.get("hostPort", 0), p.get("containerPort", 0)
            host = 0 if host is None else as_int(host)
            cont = 0 if cont is None else as_int(cont)
            if host is None or cont is None:
                continue
            # A template may leave hostPort 0: it is defaulted when the Pod is created.
            if (not ctx.template or host != 0) and host != cont:
                ctx.out.append(invalid("api.validatePodHostNetworkDeps.host-port",
                                       f"spec.containers[{i}].ports[{j}].hostPort", host,
                                       "must match `containerPort` when `hostNetwork` is true",
                                       "Set hostPort to containerPort, or leave it unset."))


def _image_whitespace(out: list[Finding], c: dict[str, Any], path: str) -> None:
    image = c.get("image")
    if isinstance(image, str) and image != image.strip():
        out.append(invalid("api.validateContainerOnlyForPod.image-whitespace", f"{path}.image",
                           image, "must not have leading or trailing whitespace",
                           "Remove the spaces around the image name."))


def validate_containers_only_for_pod(ctx: Context) -> None:
    """validateContainersOnlyForPod: Pods only, not templates."""
    for kind in ("containers", "initContainers"):
        for i, c in enumerate(as_list(ctx.spec.get(kind))):
            image = c.get("image") if isinstance(c, dict) else None
            if isinstance(image, str) and image != image.strip():
                _image_whitespace(ctx.out, c, f"spec.{kind}[{i}]")


def validate_ephemeral_on_create(ctx: Context) -> None:
    """Ephemeral containers are added through a subresource, never on create or in templates."""
    if not as_list(ctx.spec.get("ephemeralContainers")):
        return
    if ctx.template:
        ctx.out.append(forbidden("api.ValidatePodTemplateSpec.ephemeral-containers",
                                 "spec.ephemeralContainers",
                                 "ephemeral containers not allowed in pod template",
                                 "Remove them; use kubectl debug on a running Pod."))
    else:
        ctx.out.append(forbidden("api.ValidatePodCreate.ephemeral-containers",
                                 "spec.ephemeralContainers", "cannot be set on create",
                                 "Remove them; use kubectl debug on a running Pod."))


def warn_container_port_conflicts(ctx: Context) -> None:
    """Containers running together share one network namespace: one process per port."""
    if ctx.port_conflicts is not None:  # noted while validate_pod checked the containers
        ctx.out.extend(ctx.port_conflicts)
        return
    seen: dict[tuple[int, str], tuple[str, int, int]] = {}
    for kind in ("containers", "initContainers"):
        containers = ctx.spec.get(kind)
        if not isinstance(containers, list):
            continue
        for i, c in enumerate(containers):
            if not isinstance(c, dict):
                continue
            ports = c.get("ports")
            if ports is None or not isinstance(ports, list) or not ports or (
                    kind == "initContainers" and c.get("restartPolicy") != "Always"):
                continue
            _port_conflicts(ctx, seen, kind, i, ports)


def _port_conflicts(ctx: Context, seen: dict[tuple[int, str], tuple[str, int, int]], kind: str,
                    i: int, ports: list[Any]) -> None:
    for j, p in enumerate(ports):
        number = p.get("containerPort") if isinstance(p, dict) else None
        if type(number) is not int or not 1 <= number <= 65535:
            continue
        protocol = p.get("protocol")
        if protocol.__class__ is not str:
            protocol = as_str(protocol)
        key = (number, protocol or "TCP")
        first = seen.get(key)
        if first is None:
            seen[key] = (kind, i, j)
        else:
            ctx.out.append(_port_conflict(kind, i, j, key, first))


def _port_conflict(kind: str, i: int, j: int, key: tuple[int, str],
                   first: tuple[str, int, int]) -> Finding:
    number, protocol = key
    return warning(
        "api.validateContainerPorts.container-port-conflict",
        f"spec.{kind}[{i}].ports[{j}].containerPort",
        f"containerPort {number}/{protocol} is already declared at "
        f"spec.{first[0]}[{first[1]}].ports[{first[2]}]: the containers of a Pod "
        "share one network namespace, so two containers binding the same port "
        "collide", "Use a different port, or remove the duplicate declaration.")
