"""Section A.7 of pod-rules.md: probes and lifecycle hooks.

Used for regular containers and native sidecars (restartable init containers); regular init
and ephemeral containers reject these fields before they get here. Unset or 0 timings and
thresholds, and an unset httpGet path and scheme, are read as their defaults (SetDefaults_Probe,
SetDefaults_HTTPGetAction).
"""

from __future__ import annotations

from typing import Any

from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.apiserver.defaults import (
    PROBES,
    as_int,
    as_list,
    as_str,
    port_name_errors,
)
from designer.domain.validation.findings import (
    Finding,
    forbidden,
    invalid,
    not_supported,
    required,
    warning,
)
from designer.domain.validation.formats import is_http_header_name

PROBE_ACTIONS = ("exec", "httpGet", "tcpSocket", "grpc")
HOOK_ACTIONS = ("exec", "httpGet", "tcpSocket", "sleep")
_NON_NEGATIVE = ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold",
                 "failureThreshold")
SLEEP_ZERO_SINCE = (1, 33)      # PodLifecycleSleepActionAllowZero beta
SLEEP_ZERO_GATE_SINCE = (1, 32)  # the gate exists, its name appears in the message
NEGATIVE_GRACE_AS_ONE_SINCE = (1, 27)
_PORT_HINT = "Use a port number 1-65535 or the name of a declared container port."


def _declares(c: dict[str, Any], name: str) -> bool:
    ports = c.get("ports")
    if isinstance(ports, list):
        for p in ports:
            if isinstance(p, dict) and p.get("name") == name:
                return True
    return False


def validate_probes(ctx: Context, c: dict[str, Any], path: str) -> None:
    """validateLifecycle, then the liveness, readiness and startup probe checks."""
    lifecycle = c.get("lifecycle")
    if isinstance(lifecycle, dict):
        for hook in ("postStart", "preStop"):
            handler = lifecycle.get(hook)
            if isinstance(handler, dict):
                _handler(ctx, c, handler, f"{path}.lifecycle.{hook}", HOOK_ACTIONS)
    for kind in PROBES:
        probe = c.get(kind)
        if probe is None or (probe.__class__ is dict and _clean_probe(c, probe, kind)):
            continue
        if isinstance(probe, dict):
            _probe(ctx, c, probe, f"{path}.{kind}", kind)


# The probe fields _probe reads, and what they are.
_ACTION, _TIMING, _GRACE = 0, 1, 2
_PROBE_FIELDS = {
    **dict.fromkeys(PROBE_ACTIONS, _ACTION),
    **dict.fromkeys(_NON_NEGATIVE, _TIMING),
    "terminationGracePeriodSeconds": _GRACE,
}


def _clean_probe(c: dict[str, Any], probe: dict[str, Any], kind: str) -> bool:
    """True when ``_probe`` surely has nothing to say: the common probe, checked in one pass
    over its fields. False means "maybe", and the full checks run."""
    action_kind = action = None
    for key, value in probe.items():
        if value is None:
            continue  # unset
        role = _PROBE_FIELDS.get(key)
        if role is None:
            continue  # not read here
        if role == _ACTION:
            if action_kind is not None:
                return False  # more than one handler
            action_kind, action = key, value
        elif role == _TIMING:
            if value.__class__ is int and (value < 0 or (
                    key == "successThreshold" and value > 1 and kind != "readinessProbe")):
                return False
        else:
            return False  # terminationGracePeriodSeconds
    if action.__class__ is not dict:
        return False  # no handler, or an odd one
    if action_kind == "httpGet":
        scheme = action.get("scheme")
        if (scheme is not None and scheme != "HTTP" and scheme != "HTTPS") or \
                action.get("httpHeaders") is not None:
            return False
    if action_kind == "httpGet" or action_kind == "tcpSocket":
        # _port: a number in range, or a valid name the container declares.
        port = action.get("port")
        if port.__class__ is int:
            return 1 <= port <= 65535
        if port.__class__ is not str or port_name_errors(port):
            return False
        ports = c.get("ports")
        if isinstance(ports, list):
            for p in ports:
                if isinstance(p, dict) and p.get("name") == port:
                    return True
        return False
    if action_kind == "exec":
        command = action.get("command")
        return isinstance(command, list) and bool(command)
    port = action.get("port")  # grpc
    return port.__class__ is int and 1 <= port <= 65535


def _probe(ctx: Context, c: dict[str, Any], probe: dict[str, Any], path: str, kind: str) -> None:
    out = ctx.out
    _handler(ctx, c, probe, path, PROBE_ACTIONS)
    for key in _NON_NEGATIVE:
        value = probe.get(key)
        if type(value) is int and value < 0:
            out.append(invalid("api.validateProbe.negative", f"{path}.{key}", value,
                               "must be greater than or equal to 0", "Use 0 or more."))
    grace = probe.get("terminationGracePeriodSeconds")
    if grace is None:
        pass
    elif type(grace) is int and grace <= 0:
        out.append(invalid("api.validateProbe.grace-period",
                           f"{path}.terminationGracePeriodSeconds", grace, "must be greater than 0",
                           "Use a positive number of seconds, or leave it unset."))
    if kind == "readinessProbe":
        if grace is not None:
            out.append(invalid("api.validateReadinessProbe.grace-period",
                               f"{path}.terminationGracePeriodSeconds", grace,
                               "must not be set for readinessProbes",
                               "Remove it: a failing readiness probe never kills the "
                               "container."))
        return
    threshold = probe.get("successThreshold")  # 0 and unset: defaulted to 1
    if type(threshold) is int and threshold not in (0, 1):
        fn = "validateLivenessProbe" if kind == "livenessProbe" else "validateStartupProbe"
        out.append(invalid(f"api.{fn}.success-threshold", f"{path}.successThreshold", threshold,
                           "must be 1", "Set successThreshold to 1 (or leave it unset)."))


def _handler(ctx: Context, c: dict[str, Any], handler: dict[str, Any], path: str,
             actions: tuple[str, ...]) -> None:
    """validateHandler: exactly one action, each checked in its own way."""
    out = ctx.out
    count = 0
    for kind in actions:
        action = handler.get(kind)
        if action is None:
            continue
        if count:
            out.append(forbidden("api.validateHandler.multiple", f"{path}.{kind}",
                                 "may not specify more than 1 handler type",
                                 "Keep a single action (exec, httpGet, tcpSocket ...)."))
            continue
        count += 1
        if not isinstance(action, dict):
            continue
        if kind == "httpGet":
            _http_get(out, c, action, path)
        elif kind == "tcpSocket":
            _port(out, c, action.get("port"), path, "tcpSocket")
        elif kind == "exec":
            if not as_list(action.get("command")):
                out.append(required("api.validateExecAction.command", f"{path}.exec.command",
                                    hint="Give the command to run."))
        elif kind == "grpc":
            port = action.get("port")
            number = 0 if port is None else as_int(port)
            if number is not None and not 1 <= number <= 65535:
                out.append(invalid("api.ValidatePortNumOrName.invalid", f"{path}.grpc.port",
                                   number, "must be between 1 and 65535, inclusive", _PORT_HINT))
        else:
            _sleep(ctx, action, f"{path}.sleep")
    if not count:
        out.append(required("api.validateHandler.required", path, "must specify a handler type",
                            "Pick an action: exec, httpGet, tcpSocket or grpc."))


def _http_get(out: list[Finding], c: dict[str, Any], action: dict[str, Any], path: str) -> None:
    # An unset path and scheme are defaulted to "/" and HTTP.
    _port(out, c, action.get("port"), path, "httpGet")
    scheme = action.get("scheme")
    if isinstance(scheme, str) and scheme and scheme not in ("HTTP", "HTTPS"):
        out.append(not_supported("api.validateHTTPGetAction.scheme", f"{path}.httpGet.scheme",
                                 scheme, ("HTTP", "HTTPS"), "Use HTTP or HTTPS."))
    headers = action.get("httpHeaders")
    for header in headers if isinstance(headers, list) else ():
        if isinstance(header, dict):
            name = as_str(header.get("name"))
            for msg in is_http_header_name(name):
                out.append(invalid("api.validateHTTPGetAction.header",
                                   f"{path}.httpGet.httpHeaders", name, msg,
                                   "Use letters, digits and '-' in header names."))


def _port(out: list[Finding], c: dict[str, Any], port: object, path: str, kind: str) -> None:
    """ValidatePortNumOrName, plus our warning for a name the container does not declare."""
    if type(port) is int:
        if not 1 <= port <= 65535:
            out.append(invalid("api.ValidatePortNumOrName.invalid", f"{path}.{kind}.port", port,
                               "must be between 1 and 65535, inclusive", _PORT_HINT))
    elif isinstance(port, str):
        msgs = port_name_errors(port)
        for msg in msgs:
            out.append(invalid("api.ValidatePortNumOrName.invalid", f"{path}.{kind}.port", port,
                               msg, _PORT_HINT))
        if not msgs and not _declares(c, port):
            out.append(warning("api.ValidatePortNumOrName.undeclared-name",
                               f"{path}.{kind}.port",
                               f'port name "{port}" is not declared in this container\'s ports: '
                               "the kubelet cannot resolve it and the check always fails",
                               "Declare a container port with this name, or use the number."))
    elif port is None:  # an unset IntOrString is the integer 0
        out.append(invalid("api.ValidatePortNumOrName.invalid", f"{path}.{kind}.port", 0,
                           "must be between 1 and 65535, inclusive", _PORT_HINT))


def _sleep(ctx: Context, action: dict[str, Any], where: str) -> None:
    """validateSleepAction: bounded by the Pod's terminationGracePeriodSeconds."""
    seconds = action.get("seconds")
    value = 0 if seconds is None else as_int(seconds)
    grace = as_int(ctx.spec.get("terminationGracePeriodSeconds"))
    if value is None or grace is None:
        return
    if grace < 0 and ctx.at_least(*NEGATIVE_GRACE_AS_ONE_SINCE):
        grace = 1  # since 1.27 a negative grace period is treated as 1 s
    if ctx.at_least(*SLEEP_ZERO_SINCE):
        if 0 <= value <= grace:
            return
        msg = f"must be non-negative and less than terminationGracePeriodSeconds ({grace})"
    else:
        if 0 < value <= grace:
            return
        msg = f"must be greater than 0 and less than terminationGracePeriodSeconds ({grace})"
        if ctx.at_least(*SLEEP_ZERO_GATE_SINCE):
            msg += ". Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep."
    ctx.out.append(invalid("api.validateSleepAction.seconds", where, value, msg,
                           "Sleep a positive number of seconds within the grace period."))
