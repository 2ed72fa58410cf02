"""Best-practice lints (pod-rules.md section C): one passing and one failing case per rule."""

from __future__ import annotations

import copy
import statistics
import time
from typing import Any

import pytest

from designer.domain.validation.lints import LINT_RULES, lint_pod

V = (1, 33)


def good_container(name: str = "app", **overrides: Any) -> dict[str, Any]:
    """A container that passes every lint."""
    container: dict[str, Any] = {
        "name": name,
        "image": "registry.example.com/app@sha256:" + "a" * 64,
        "ports": [{"name": "http", "containerPort": 8080}],
        "resources": {
            "requests": {"cpu": "500m", "memory": "256Mi", "ephemeral-storage": "1Gi"},
            "limits": {"cpu": "500m", "memory": "256Mi", "ephemeral-storage": "1Gi"},
        },
        "securityContext": {
            "runAsNonRoot": True, "runAsUser": 10001, "runAsGroup": 10001,
            "readOnlyRootFilesystem": True, "allowPrivilegeEscalation": False,
            "capabilities": {"drop": ["ALL"]},
        },
        "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http"}},
        "readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}},
    }
    container.update(overrides)
    return container


def good_pod(*containers: dict[str, Any], **spec: Any) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web", "namespace": "shop"},
        "spec": {
            "containers": list(containers) or [good_container()],
            "serviceAccountName": "web",
            "automountServiceAccountToken": False,
            "priorityClassName": "normal",
            "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}},
            **spec,
        },
    }


def with_container(**overrides: Any) -> dict[str, Any]:
    return good_pod(good_container(**overrides))


def with_security(**settings: Any) -> dict[str, Any]:
    container = good_container()
    container["securityContext"] = {**container["securityContext"], **settings}
    return good_pod(container)


def rules(manifest: Any, **kwargs: Any) -> list[str]:
    return [f.rule for f in lint_pod(manifest, version=kwargs.pop("version", V), **kwargs)]


def hits(manifest: Any, rule: str, **kwargs: Any) -> list[Any]:
    return [f for f in lint_pod(manifest, version=kwargs.pop("version", V), **kwargs)
            if f.rule == f"lint.{rule}"]


def test_the_good_pod_has_no_findings():
    assert lint_pod(good_pod(), version=V) == []


def test_every_finding_names_the_tool_checks_in_its_hint():
    manifest = good_pod({"name": "bare", "image": "nginx", "ports": [{"containerPort": 22}]},
                        hostNetwork=True)
    findings = lint_pod(manifest, version=V)
    assert len({f.rule for f in findings}) > 10
    for finding in findings:
        severity, tools = LINT_RULES[finding.rule]
        assert finding.severity == severity
        assert finding.hint.endswith(tools)
        assert finding.message and finding.path


def test_hints_read_like_the_brief():
    finding = hits(with_container(image="nginx:latest"), "latest-tag")[0]
    assert finding.hint.endswith(
        "kube-linter: latest-tag · Polaris: tagNotSpecified · kube-score: container-image-tag")


# --- images ---------------------------------------------------------------------------------


@pytest.mark.parametrize("image", ["nginx", "nginx:latest", "host:5000/team/app", "a/b:latest"])
def test_latest_tag_tagNotSpecified_flags_untagged_or_latest_images(image):
    finding = hits(with_container(image=image), "latest-tag")[0]
    assert finding.severity == "warning"
    assert finding.path == "spec.containers[0].image"


@pytest.mark.parametrize("image", ["nginx:1.27", "host:5000/app:2.1", "nginx@sha256:" + "b" * 64,
                                   "nginx:latest@sha256:" + "b" * 64])
def test_latest_tag_tagNotSpecified_passes_pinned_images(image):
    assert hits(with_container(image=image), "latest-tag") == []


def test_pullPolicyNotAlways_flags_if_not_present_on_a_tag():
    finding = hits(with_container(image="nginx:1.27"), "pull-policy-not-always")[0]
    assert (finding.severity, finding.path) == ("info", "spec.containers[0].imagePullPolicy")
    assert hits(with_container(image="nginx:1.27", imagePullPolicy="Never"),
                "pull-policy-not-always")


def test_pullPolicyNotAlways_passes_always_digests_and_latest_defaults():
    assert hits(with_container(image="nginx:1.27", imagePullPolicy="Always"),
                "pull-policy-not-always") == []
    assert hits(with_container(imagePullPolicy="IfNotPresent"), "pull-policy-not-always") == []
    # Untagged defaults to Always (A.0), so only latest-tag fires.
    assert hits(with_container(image="nginx"), "pull-policy-not-always") == []


# --- resources ------------------------------------------------------------------------------


def test_unset_cpu_requirements_cpuRequestsMissing_flags_a_missing_cpu_request():
    finding = hits(with_container(resources={}), "missing-cpu-request")[0]
    assert (finding.severity, finding.path) == ("warning", "spec.containers[0]")


def test_unset_cpu_requirements_passes_when_a_limit_defaults_the_request():
    assert hits(with_container(resources={"limits": {"cpu": "1"}}), "missing-cpu-request") == []


def test_cpuLimitsMissing_is_info_and_passes_with_a_limit():
    finding = hits(with_container(resources={"requests": {"cpu": "1"}}), "missing-cpu-limit")[0]
    assert finding.severity == "info"
    assert hits(good_pod(), "missing-cpu-limit") == []


def test_unset_memory_requirements_memoryRequestsMissing_and_memoryLimitsMissing():
    findings = lint_pod(with_container(resources={"requests": {"cpu": "1"}}), version=V)
    got = {f.rule: f.severity for f in findings}
    assert got["lint.missing-memory-request"] == "warning"
    assert got["lint.missing-memory-limit"] == "warning"
    assert hits(good_pod(), "missing-memory-request") == hits(good_pod(),
                                                               "missing-memory-limit") == []


def test_pod_level_resources_cover_the_container_resource_rules():
    manifest = with_container(resources={})
    manifest["spec"]["resources"] = {"limits": {"cpu": "2", "memory": "1Gi"}}
    assert not {"lint.missing-cpu-request", "lint.missing-memory-limit"} & set(rules(manifest))


def test_container_resource_requests_equal_limits_flags_burstable_containers():
    resources = {"requests": {"cpu": "100m", "memory": "128Mi"},
                 "limits": {"cpu": "1", "memory": "128Mi", "ephemeral-storage": "1Gi"}}
    finding = hits(with_container(resources=resources), "requests-not-equal-limits")[0]
    assert finding.severity == "info"
    assert finding.path == "spec.containers[0].resources"
    assert "cpu request 100m ≠ limit 1" in finding.message and "memory" not in finding.message
    assert "container-cpu-requests-equal-limits" in finding.hint


def test_container_resource_requests_equal_limits_compares_values_not_spelling():
    resources = {"requests": {"cpu": "1000m", "memory": "1Gi", "ephemeral-storage": "1Gi"},
                 "limits": {"cpu": 1, "memory": "1024Mi", "ephemeral-storage": "1Gi"}}
    assert hits(with_container(resources=resources), "requests-not-equal-limits") == []


def test_container_ephemeral_storage_request_and_limit_flags_a_missing_limit():
    resources = {"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "1", "memory": "1Gi"}}
    finding = hits(with_container(resources=resources), "missing-ephemeral-storage")[0]
    assert finding.severity == "info"
    assert hits(good_pod(), "missing-ephemeral-storage") == []


# --- security context -----------------------------------------------------------------------


def test_run_as_non_root_runAsRootAllowed_flags_a_container_that_may_run_as_root():
    container = good_container(securityContext={"readOnlyRootFilesystem": True})
    finding = hits(good_pod(container), "run-as-root")[0]
    assert (finding.severity, finding.path) == ("warning", "spec.containers[0].securityContext")
    assert hits(with_security(runAsNonRoot=False, runAsUser=0), "run-as-root")


def test_run_as_non_root_passes_on_pod_level_settings_or_a_non_zero_uid():
    container = good_container(securityContext={"readOnlyRootFilesystem": True})
    manifest = good_pod(container)
    manifest["spec"]["securityContext"]["runAsNonRoot"] = True
    assert hits(manifest, "run-as-root") == []
    uid_only = good_container(securityContext={"runAsUser": 1000})
    assert hits(good_pod(uid_only), "run-as-root") == []


def test_run_as_non_root_flags_the_root_group():
    finding = hits(with_security(runAsGroup=0), "run-as-root")[0]
    assert "runAsGroup" in finding.message


def test_run_as_non_root_leaves_non_root_with_uid_0_to_the_api_layer():
    assert hits(with_security(runAsNonRoot=True, runAsUser=0), "run-as-root") == []


def test_no_read_only_root_fs_notReadOnlyRootFilesystem():
    assert hits(with_security(readOnlyRootFilesystem=False), "writable-root-fs")
    assert hits(good_pod(), "writable-root-fs") == []


def test_privileged_container_runAsPrivileged():
    finding = hits(with_security(privileged=True, allowPrivilegeEscalation=True),
                   "privileged-container")[0]
    assert finding.path == "spec.containers[0].securityContext.privileged"
    assert hits(with_security(privileged=False), "privileged-container") == []


def test_privilege_escalation_container_privilegeEscalationAllowed_flags_the_unset_default():
    container = good_container()
    del container["securityContext"]["allowPrivilegeEscalation"]
    assert hits(good_pod(container), "privilege-escalation")
    assert hits(good_pod(), "privilege-escalation") == []


@pytest.mark.parametrize("cap", ["SYS_ADMIN", "CAP_SYS_ADMIN", "net_admin", "ALL"])
def test_dangerousCapabilities_flags_the_added_capability(cap):
    caps = {"drop": ["ALL"], "add": ["NET_BIND_SERVICE", cap]}
    finding = hits(with_security(capabilities=caps), "dangerous-capability")[0]
    assert finding.path == "spec.containers[0].securityContext.capabilities.add[1]"


def test_dangerousCapabilities_passes_narrow_capabilities():
    caps = {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}
    assert hits(with_security(capabilities=caps), "dangerous-capability") == []


def test_drop_net_raw_capability_insecureCapabilities():
    assert hits(with_security(capabilities={}), "net-raw-not-dropped")
    added = hits(with_security(capabilities={"drop": ["ALL"], "add": ["NET_RAW"]}),
                 "net-raw-not-dropped")[0]
    assert added.path == "spec.containers[0].securityContext.capabilities.add[0]"
    assert hits(with_security(capabilities={"drop": ["NET_RAW"]}), "net-raw-not-dropped") == []


def test_unsafe_proc_mount_procMount_with_a_user_namespace():
    manifest = with_security(procMount="Unmasked")
    manifest["spec"]["hostUsers"] = False
    finding = hits(manifest, "unmasked-proc-mount")[0]
    assert finding.path == "spec.containers[0].securityContext.procMount"
    assert hits(with_security(procMount="Default"), "unmasked-proc-mount") == []


def test_unsafe_proc_mount_without_a_user_namespace_is_left_to_the_api_layer():
    assert hits(with_security(procMount="Unmasked"), "unmasked-proc-mount") == []


def test_linuxHardening_container_seccomp_profile_flags_an_unhardened_container():
    manifest = with_security(capabilities={})
    del manifest["spec"]["securityContext"]
    finding = hits(manifest, "no-linux-hardening")[0]
    assert finding.severity == "info"
    manifest["spec"]["securityContext"] = {"seccompProfile": {"type": "Unconfined"}}
    assert hits(manifest, "no-linux-hardening")


@pytest.mark.parametrize("hardening", [
    {"seccompProfile": {"type": "RuntimeDefault"}}, {"appArmorProfile": {"type": "Localhost",
                                                                         "localhostProfile": "p"}},
    {"seLinuxOptions": {"level": "s0:c1"}}, {"capabilities": {"drop": ["NET_RAW"]}},
])
def test_linuxHardening_passes_any_one_hardening(hardening):
    manifest = with_security(**{"capabilities": {}, **hardening})
    del manifest["spec"]["securityContext"]
    assert hits(manifest, "no-linux-hardening") == []


def test_linuxHardening_container_unconfined_overrides_the_pod_profile():
    manifest = with_security(capabilities={}, seccompProfile={"type": "Unconfined"})
    assert hits(manifest, "no-linux-hardening")


def test_windows_pods_skip_linux_security_rules():
    container = good_container(securityContext={})
    manifest = good_pod(container, os={"name": "windows"})
    assert not {"lint.run-as-root", "lint.writable-root-fs", "lint.net-raw-not-dropped"} & set(
        rules(manifest))


# --- host namespaces, ports, mounts, sysctls ------------------------------------------------


@pytest.mark.parametrize(("field", "rule"), [
    ("hostNetwork", "host-network"), ("hostPID", "host-pid"), ("hostIPC", "host-ipc")])
def test_host_namespaces_hostNetworkSet_hostPIDSet_hostIPCSet(field, rule):
    finding = hits(good_pod(**{field: True}), rule)[0]
    assert (finding.severity, finding.path) == ("warning", f"spec.{field}")
    assert hits(good_pod(**{field: False}), rule) == []


def test_hostPortSet_flags_a_host_port():
    ports = [{"containerPort": 8080, "hostPort": 8080}]
    assert hits(with_container(ports=ports), "host-port")[0].path == (
        "spec.containers[0].ports[0].hostPort")
    assert hits(good_pod(), "host-port") == []


def test_privileged_ports_flags_ports_below_1024():
    finding = hits(with_container(ports=[{"containerPort": 80}]), "privileged-port")[0]
    assert finding.path == "spec.containers[0].ports[0].containerPort"
    assert hits(with_container(ports=[{"containerPort": 1024}]), "privileged-port") == []


def test_ssh_port_flags_port_22_only():
    assert rules(with_container(ports=[{"containerPort": 22}])).count("lint.ssh-port") == 1
    assert "lint.privileged-port" not in rules(with_container(ports=[{"containerPort": 22}]))
    assert hits(good_pod(), "ssh-port") == []


def _host_path_pod(path: str, read_only: bool = True) -> dict[str, Any]:
    mounts = [{"name": "host", "mountPath": "/host", "readOnly": read_only}]
    return good_pod(good_container(volumeMounts=mounts),
                    volumes=[{"name": "host", "hostPath": {"path": path}}])


def test_hostPathSet_flags_a_host_path_volume():
    finding = hits(_host_path_pod("/var/log"), "host-path")[0]
    assert finding.path == "spec.volumes[0].hostPath.path"
    assert hits(good_pod(volumes=[{"name": "tmp", "emptyDir": {}}]), "host-path") == []


@pytest.mark.parametrize("path", ["/", "/etc", "/etc/", "/proc", "/usr"])
def test_sensitive_host_mounts_flags_system_directories(path):
    assert rules(_host_path_pod(path)).count("lint.sensitive-host-mount") == 1
    assert hits(_host_path_pod(path), "host-path") == []


def test_sensitive_host_mounts_passes_subdirectories():
    assert hits(_host_path_pod("/etc/ssl/certs"), "sensitive-host-mount") == []


def test_docker_sock_flags_runtime_sockets():
    assert hits(_host_path_pod("/var/run/docker.sock"), "docker-sock")
    assert hits(_host_path_pod("/run/containerd/containerd.sock"), "docker-sock")
    assert hits(_host_path_pod("/var/run/app.sock"), "docker-sock") == []


def test_writable_host_mount_flags_a_mount_without_read_only():
    finding = hits(_host_path_pod("/var/log", read_only=False), "writable-host-mount")[0]
    assert finding.path == "spec.containers[0].volumeMounts[0]"
    assert hits(_host_path_pod("/var/log"), "writable-host-mount") == []


def test_unsafe_sysctls_flags_sysctls_outside_the_kubelets_safe_set():
    sysctls = [{"name": "net.core.somaxconn", "value": "1024"}, {"name": "kernel.shm_rmid_forced",
                                                                  "value": "1"}]
    manifest = good_pod()
    manifest["spec"]["securityContext"]["sysctls"] = sysctls
    finding = only_rule(manifest, "unsafe-sysctl")
    assert finding.path == "spec.securityContext.sysctls[0].name"


def test_unsafe_sysctls_follows_the_safe_set_of_the_target_version():
    manifest = good_pod()
    manifest["spec"]["securityContext"]["sysctls"] = [{"name": "net/ipv4/tcp_keepalive_time",
                                                       "value": "60"}]
    assert hits(manifest, "unsafe-sysctl", version=(1, 28))
    assert hits(manifest, "unsafe-sysctl", version=(1, 29)) == []


def only_rule(manifest: Any, rule: str) -> Any:
    found = hits(manifest, rule)
    assert len(found) == 1, found
    return found[0]


# --- probes ---------------------------------------------------------------------------------


def test_no_liveness_probe_livenessProbeMissing_and_readinessProbeMissing():
    container = good_container()
    del container["livenessProbe"], container["readinessProbe"]
    findings = lint_pod(good_pod(container), version=V)
    assert {(f.rule, f.path) for f in findings} == {
        ("lint.missing-liveness-probe", "spec.containers[0]"),
        ("lint.missing-readiness-probe", "spec.containers[0]"),
    }
    assert hits(good_pod(), "missing-liveness-probe") == []


@pytest.mark.parametrize("kind", ["Job", "CronJob"])
def test_probe_rules_skip_job_and_cronjob_workloads(kind):
    container = good_container()
    del container["livenessProbe"], container["readinessProbe"]
    assert not [r for r in rules(good_pod(container), workload_kind=kind) if "probe" in r]


def test_probe_rules_skip_pods_that_run_to_completion():
    container = good_container()
    del container["livenessProbe"]
    assert hits(good_pod(container, restartPolicy="Never"), "missing-liveness-probe") == []


def test_pod_probes_identical_flags_the_same_handler_twice():
    probe = {"httpGet": {"path": "/healthz", "port": "http"}}
    finding = hits(with_container(livenessProbe=probe, readinessProbe=dict(probe)),
                   "identical-probes")[0]
    assert finding.path == "spec.containers[0].livenessProbe"
    assert hits(good_pod(), "identical-probes") == []


def test_liveness_port_flags_a_numeric_port_the_container_does_not_declare():
    finding = hits(with_container(readinessProbe={"tcpSocket": {"port": 9090}}),
                   "probe-port-not-declared")[0]
    assert finding.severity == "info"
    assert finding.path == "spec.containers[0].readinessProbe.tcpSocket.port"
    udp = [{"containerPort": 8080, "protocol": "UDP"}]
    assert hits(with_container(ports=udp), "probe-port-not-declared")


def test_liveness_port_leaves_named_ports_to_the_api_layer():
    probe = {"httpGet": {"path": "/", "port": "metrics"}}
    assert hits(with_container(livenessProbe=probe), "probe-port-not-declared") == []
    assert hits(good_pod(), "probe-port-not-declared") == []


def test_init_containers_get_security_and_resource_rules_but_no_probe_rules():
    manifest = good_pod()
    manifest["spec"]["initContainers"] = [{"name": "setup", "image": "busybox"}]
    found = {f.rule for f in lint_pod(manifest, version=V) if f.path.startswith("spec.initC")}
    assert {"lint.latest-tag", "lint.missing-memory-limit", "lint.run-as-root"} <= found
    assert not {r for r in found if "probe" in r}


def test_native_sidecars_also_get_probe_rules():
    manifest = good_pod()
    manifest["spec"]["initContainers"] = [{"name": "proxy", "image": "envoy:1",
                                           "restartPolicy": "Always"}]
    found = {f.rule for f in lint_pod(manifest, version=V) if f.path == "spec.initContainers[0]"}
    assert "lint.missing-liveness-probe" in found


# --- env, service account, scheduling, namespace --------------------------------------------


@pytest.mark.parametrize(
    "name", ["DB_PASSWORD", "api_token", "CLIENT_SECRET", "AWS_SECRET_ACCESS_KEY"])
def test_env_var_secret_sensitiveContainerEnvVar_flags_literal_secrets(name):
    finding = hits(with_container(env=[{"name": "A", "value": "1"},
                                       {"name": name, "value": "hunter2"}]), "secret-in-env")[0]
    assert finding.path == "spec.containers[0].env[1].value"


def test_env_var_secret_flags_a_private_key_value():
    key = "-----BEGIN RSA PRIVATE KEY-----\nabc"
    assert hits(with_container(env=[{"name": "TLS", "value": key}]), "secret-in-env")


def test_env_var_secret_passes_secret_refs_and_harmless_names():
    ref = {"secretKeyRef": {"name": "db", "key": "password"}}
    env = [{"name": "DB_PASSWORD", "valueFrom": ref}, {"name": "LOG_LEVEL", "value": "debug"},
           {"name": "TOKEN_TTL", "value": ""}]
    assert hits(with_container(env=env), "secret-in-env") == []


def test_deprecated_service_account_field():
    manifest = good_pod(serviceAccount="web")
    assert hits(manifest, "deprecated-service-account")[0].path == "spec.serviceAccount"
    assert hits(good_pod(), "deprecated-service-account") == []


def test_default_service_account():
    assert hits(good_pod(serviceAccountName="default"), "default-service-account")
    manifest = good_pod()
    del manifest["spec"]["serviceAccountName"]
    assert hits(manifest, "default-service-account")
    assert hits(good_pod(), "default-service-account") == []


def test_automountServiceAccountToken():
    manifest = good_pod()
    del manifest["spec"]["automountServiceAccountToken"]
    assert hits(manifest, "automount-service-account-token")[0].severity == "info"
    assert hits(good_pod(), "automount-service-account-token") == []


def test_priority_class_name_priorityClassNotSet():
    manifest = good_pod()
    del manifest["spec"]["priorityClassName"]
    assert hits(manifest, "no-priority-class")
    assert hits(good_pod(), "no-priority-class") == []


@pytest.mark.parametrize("kind", ["Deployment", "StatefulSet", "ReplicaSet"])
def test_no_anti_affinity_topologySpreadConstraint_for_replicated_workloads(kind):
    assert hits(good_pod(), "no-pod-spread", workload_kind=kind)
    spread = [{"maxSkew": 1, "topologyKey": "kubernetes.io/hostname",
               "whenUnsatisfiable": "ScheduleAnyway", "labelSelector": {}}]
    assert hits(good_pod(topologySpreadConstraints=spread), "no-pod-spread",
                workload_kind=kind) == []
    anti = {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": []}}
    assert hits(good_pod(affinity=anti), "no-pod-spread", workload_kind=kind) == []


def test_no_anti_affinity_does_not_apply_to_bare_pods_or_daemonsets():
    assert hits(good_pod(), "no-pod-spread") == []
    assert hits(good_pod(), "no-pod-spread", workload_kind="DaemonSet") == []


def test_use_namespace_flags_the_default_namespace():
    manifest = good_pod()
    manifest["metadata"]["namespace"] = "default"
    assert hits(manifest, "default-namespace")[0].path == "metadata.namespace"
    del manifest["metadata"]["namespace"]
    assert hits(manifest, "default-namespace")
    assert hits(good_pod(), "default-namespace") == []


# --- not ours: rules the API layer owns -----------------------------------------------------


def test_duplicate_env_names_unused_volumes_and_named_ports_are_not_linted_here():
    env = [{"name": "A", "value": "1"}, {"name": "A", "value": "2"}]
    probe = {"httpGet": {"path": "/", "port": "nope"}}
    manifest = good_pod(good_container(env=env, livenessProbe=probe),
                        volumes=[{"name": "unused", "emptyDir": {}}])
    assert lint_pod(manifest, version=V) == []


# --- garbage and speed ----------------------------------------------------------------------


@pytest.mark.parametrize("garbage", [
    None, [], "pod", 3, {"spec": None}, {"spec": []}, {"spec": {"containers": "x"}},
    {"spec": {"containers": [None, 1, "x", []]}, "metadata": []},
    {"spec": {"containers": [{"image": 5, "resources": [], "securityContext": "x", "ports": {},
                              "env": "x", "volumeMounts": [None], "livenessProbe": []}]}},
    {"spec": {"containers": [{"resources": {"requests": {"cpu": []}, "limits": {"cpu": {}}},
                              "securityContext": {"runAsUser": "0", "capabilities": {"add": "ALL"}},
                              "ports": [{"containerPort": "22", "hostPort": True}],
                              "env": [{"name": 1, "value": 2}, None],
                              "readinessProbe": {"httpGet": {"port": None}, "tcpSocket": []}}],
              "volumes": [None, {"hostPath": None}, {"name": [], "hostPath": {"path": 1}}],
              "securityContext": {"sysctls": [None, {"name": 5}], "runAsGroup": True},
              "hostNetwork": "true", "os": [], "serviceAccount": 3, "affinity": "x"}},
])
def test_garbage_never_raises(garbage):
    findings = lint_pod(garbage, version=V, workload_kind="Deployment")
    assert all(f.rule in LINT_RULES for f in findings)


def test_bad_quantities_are_left_to_the_schema_layer():
    resources = {"requests": {"cpu": "1.5.2", "memory": "x"}, "limits": {"cpu": "1", "memory": 2}}
    assert hits(with_container(resources=resources), "requests-not-equal-limits") == []


def test_linting_does_not_modify_the_pod():
    manifest = good_pod(good_container(image="nginx"), hostPID=True)
    before = copy.deepcopy(manifest)
    lint_pod(manifest, version=V)
    assert manifest == before


def test_a_40_container_pod_lints_quickly():
    containers = [good_container(f"c{i}", image=f"app:{i}", env=[{"name": "A", "value": "1"}],
                                 resources={"requests": {"cpu": "100m", "memory": "128Mi"},
                                            "limits": {"cpu": "1", "memory": "256Mi"}},
                                 volumeMounts=[{"name": f"v{i % 30}", "mountPath": "/d"}])
                  for i in range(40)]
    volumes = [{"name": f"v{i}", "emptyDir": {}} for i in range(30)]
    manifest = good_pod(*containers, volumes=volumes)
    assert len(lint_pod(manifest, version=V)) == 120  # 3 infos per container
    best = float("inf")
    for _ in range(5):
        runs = []
        for _ in range(100):
            start = time.perf_counter()
            lint_pod(manifest, version=V)
            runs.append(time.perf_counter() - start)
        best = min(best, statistics.median(runs) * 1000)
    print(f"lints: {best:.3f} ms per call")
    assert best <= 0.5
