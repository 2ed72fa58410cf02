"""A.7: probes and lifecycle hooks (validateProbe, validateHandler, validateLifecycle ...)."""

from __future__ import annotations

import pytest

from designer.domain.validation.findings import FORBIDDEN, INVALID, NOT_SUPPORTED, REQUIRED
from tests.domain.validation.apiserver.builders import check, container, pod

P = "spec.containers[0]"
EXEC = {"exec": {"command": ["true"]}}


def probe_findings(version=(1, 35), ports=None, grace=None, **fields):
    c = container(**fields)
    if ports is not None:
        c["ports"] = ports
    spec = {} if grace is None else {"terminationGracePeriodSeconds": grace}
    return check(pod(c, **spec), version=version)


def paths(findings):
    return [(f.path, f.error_type) for f in findings]


def test_validateHandler_a_probe_needs_exactly_one_handler():
    found = probe_findings(livenessProbe={"periodSeconds": 5})
    assert [(f.path, f.message) for f in found] == [
        (f"{P}.livenessProbe", "Required value: must specify a handler type")]
    found = probe_findings(readinessProbe={"exec": {"command": ["x"]}, "httpGet": {"port": 80},
                                           "grpc": {"port": 9000}})
    assert paths(found) == [(f"{P}.readinessProbe.httpGet", FORBIDDEN),
                            (f"{P}.readinessProbe.grpc", FORBIDDEN)]
    assert probe_findings(readinessProbe=EXEC) == []


def test_validateProbe_negative_values_and_zero_defaults():
    bad = dict(EXEC, initialDelaySeconds=-1, timeoutSeconds=-2, periodSeconds=-3,
               failureThreshold=-4)
    found = probe_findings(readinessProbe=bad)
    assert [f.path.rsplit(".", 1)[1] for f in found] == [
        "initialDelaySeconds", "timeoutSeconds", "periodSeconds", "failureThreshold"]
    assert found[0].message == "Invalid value: -1: must be greater than or equal to 0"
    zeros = dict(EXEC, initialDelaySeconds=0, timeoutSeconds=0, periodSeconds=0,
                 successThreshold=0, failureThreshold=0)
    assert probe_findings(livenessProbe=zeros, startupProbe=zeros) == []


def test_validateProbe_termination_grace_period_must_be_positive():
    found = probe_findings(livenessProbe=dict(EXEC, terminationGracePeriodSeconds=0))
    assert [(f.path, f.message) for f in found] == [
        (f"{P}.livenessProbe.terminationGracePeriodSeconds",
         "Invalid value: 0: must be greater than 0")]
    assert probe_findings(livenessProbe=dict(EXEC, terminationGracePeriodSeconds=10)) == []


@pytest.mark.parametrize(("kind", "function"), [("livenessProbe", "validateLivenessProbe"),
                                                ("startupProbe", "validateStartupProbe")])
def test_validateLivenessProbe_and_validateStartupProbe_success_threshold_must_be_1(kind,
                                                                                    function):
    found = probe_findings(**{kind: dict(EXEC, successThreshold=3)})
    assert [(f.rule, f.message) for f in found] == [
        (f"api.{function}.success-threshold", "Invalid value: 3: must be 1")]
    assert probe_findings(**{kind: dict(EXEC, successThreshold=1)}) == []


def test_validateReadinessProbe_allows_success_threshold_but_not_a_grace_period():
    assert probe_findings(readinessProbe=dict(EXEC, successThreshold=3)) == []
    found = probe_findings(readinessProbe=dict(EXEC, terminationGracePeriodSeconds=5))
    assert [(f.path, f.message) for f in found] == [
        (f"{P}.readinessProbe.terminationGracePeriodSeconds",
         "Invalid value: 5: must not be set for readinessProbes")]


def test_validateExecAction_command_is_required():
    found = probe_findings(livenessProbe={"exec": {"command": []}})
    assert paths(found) == [(f"{P}.livenessProbe.exec.command", REQUIRED)]


def test_validateHTTPGetAction_port_scheme_and_headers():
    found = probe_findings(readinessProbe={"httpGet": {
        "port": 0, "scheme": "ftp", "httpHeaders": [{"name": "X Bad", "value": "1"}]}})
    assert paths(found) == [(f"{P}.readinessProbe.httpGet.port", INVALID),
                            (f"{P}.readinessProbe.httpGet.scheme", NOT_SUPPORTED),
                            (f"{P}.readinessProbe.httpGet.httpHeaders", INVALID)]
    assert found[1].message == 'Unsupported value: "ftp": supported values: "HTTP", "HTTPS"'
    ok = {"httpGet": {"port": 8080, "scheme": "HTTPS", "httpHeaders": [{"name": "X-Probe"}]}}
    assert probe_findings(readinessProbe=ok) == []


def test_ValidatePortNumOrName_a_quoted_number_is_an_invalid_port_name():
    found = probe_findings(livenessProbe={"tcpSocket": {"port": "8080"}})
    assert [f.message for f in found] == [
        'Invalid value: "8080": must contain at least one letter (a-z)']


def test_ValidatePortNumOrName_an_unset_port_is_zero():
    found = probe_findings(livenessProbe={"tcpSocket": {}}, startupProbe={"grpc": {}})
    assert [(f.path, f.message) for f in found] == [
        (f"{P}.livenessProbe.tcpSocket.port",
         "Invalid value: 0: must be between 1 and 65535, inclusive"),
        (f"{P}.startupProbe.grpc.port",
         "Invalid value: 0: must be between 1 and 65535, inclusive")]


def test_named_probe_port_must_be_declared_by_the_container_warning():
    found = probe_findings(livenessProbe={"httpGet": {"port": "http"}})
    assert [(f.severity, f.rule, f.path) for f in found] == [
        ("warning", "api.ValidatePortNumOrName.undeclared-name", f"{P}.livenessProbe.httpGet.port")]
    declared = [{"name": "http", "containerPort": 8080}]
    assert probe_findings(livenessProbe={"httpGet": {"port": "http"}}, ports=declared) == []


def test_validateLifecycle_handlers():
    found = probe_findings(lifecycle={"postStart": {}, "preStop": {
        "exec": {"command": ["x"]}, "tcpSocket": {"port": 80}}})
    assert paths(found) == [(f"{P}.lifecycle.postStart", REQUIRED),
                            (f"{P}.lifecycle.preStop.tcpSocket", FORBIDDEN)]
    # grpc is not a lifecycle action: such a hook has no handler at all
    assert paths(probe_findings(lifecycle={"preStop": {"grpc": {"port": 1}}})) == [
        (f"{P}.lifecycle.preStop", REQUIRED)]
    assert probe_findings(lifecycle={"preStop": {"httpGet": {"port": 80, "path": "/q"}}}) == []


def test_validateLifecycle_named_port_warning_too():
    found = probe_findings(lifecycle={"preStop": {"httpGet": {"port": "admin"}}})
    assert [f.rule for f in found] == ["api.ValidatePortNumOrName.undeclared-name"]


def test_validateSleepAction_bounded_by_the_grace_period():
    sleep = {"preStop": {"sleep": {"seconds": 40}}}
    found = probe_findings(lifecycle=sleep)
    assert [(f.path, f.message) for f in found] == [
        (f"{P}.lifecycle.preStop.sleep",
         "Invalid value: 40: must be non-negative and less than terminationGracePeriodSeconds "
         "(30)")]
    assert probe_findings(lifecycle=sleep, grace=60) == []


def test_validateSleepAction_zero_is_allowed_from_1_33():
    sleep = {"preStop": {"sleep": {"seconds": 0}}}
    assert probe_findings(lifecycle=sleep, version=(1, 33)) == []
    found = probe_findings(lifecycle=sleep, version=(1, 32))
    assert found[0].message.endswith(
        "Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.")
    found = probe_findings(lifecycle=sleep, version=(1, 31))
    assert found[0].message == ("Invalid value: 0: must be greater than 0 and less than "
                                "terminationGracePeriodSeconds (30)")


def test_validateSleepAction_a_negative_grace_period_counts_as_one_second():
    sleep = {"preStop": {"sleep": {"seconds": 1}}}
    found = [f for f in probe_findings(lifecycle=sleep, grace=-5) if f.severity == "error"]
    assert found == []


def test_sleep_before_1_30_is_dropped_with_a_warning_not_validated():
    found = probe_findings(lifecycle={"preStop": {"sleep": {"seconds": 99}}}, version=(1, 29))
    assert [(f.severity, f.rule) for f in found] == [
        ("warning", "api.dropPodLifecycleSleepAction.gate-off")]
    found = probe_findings(lifecycle={"preStop": {"sleep": {"seconds": 1}}}, version=(1, 28))
    assert [f.rule for f in found] == ["api.dropPodLifecycleSleepAction.gate-off",
                                       "api.validateHandler.required"]


@pytest.mark.parametrize("probe", [None, 1, "x", [], {"exec": "x"}, {"httpGet": []},
                                   {"httpGet": {"port": [], "httpHeaders": "x"}},
                                   {"tcpSocket": {"port": 1.5}}, {"grpc": {"port": "x"}},
                                   {"exec": {"command": "ls"}, "periodSeconds": "5",
                                    "successThreshold": True}])
def test_garbage_probes_never_raise(probe):
    probe_findings(livenessProbe=probe, readinessProbe=probe, startupProbe=probe,
                   lifecycle={"preStop": probe, "postStart": {"sleep": probe}})
