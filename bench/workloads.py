"""Generated designs for benchmarks: a big Pod of 40 containers and 30 volumes."""

from __future__ import annotations

from typing import Any


def big_pod_manifest(containers: int = 40, volumes: int = 30) -> dict[str, Any]:
    """A realistic, valid Pod: probes, env, resources, ports and two mounts per container."""
    vols = [{"name": f"data-{i}", "emptyDir": {}} for i in range(volumes)]
    init = []
    for i in range(4):
        init.append(
            {
                "name": f"prepare-{i}",
                "image": "busybox:1.36",
                "command": ["sh", "-c", f"echo step {i} > /data/step-{i}"],
                "resources": {
                    "requests": {"cpu": "50m", "memory": "32Mi"},
                    "limits": {"cpu": "100m", "memory": "64Mi"},
                },
                "securityContext": {
                    "runAsNonRoot": True,
                    "runAsUser": 1000,
                    "readOnlyRootFilesystem": True,
                    "allowPrivilegeEscalation": False,
                },
                "volumeMounts": [{"name": f"data-{i % volumes}", "mountPath": "/data"}],
            }
        )
    apps = []
    for i in range(containers - len(init)):
        apps.append(
            {
                "name": f"app-{i}",
                "image": f"registry.example.com/team/app-{i}:1.{i}.0",
                "args": ["--port", str(8000 + i), "--log-level", "info"],
                "ports": [{"name": f"http-{i}", "containerPort": 8000 + i, "protocol": "TCP"}],
                "env": [
                    {"name": "MODE", "value": "production"},
                    {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                    {
                        "name": "MEM_LIMIT",
                        "valueFrom": {"resourceFieldRef": {"resource": "limits.memory", "divisor": "1Mi"}},
                    },
                ],
                "resources": {
                    "requests": {"cpu": "100m", "memory": "128Mi"},
                    "limits": {"cpu": "500m", "memory": "256Mi"},
                },
                "readinessProbe": {
                    "httpGet": {"path": "/ready", "port": f"http-{i}"},
                    "periodSeconds": 5,
                },
                "livenessProbe": {"tcpSocket": {"port": 8000 + i}, "initialDelaySeconds": 10},
                "securityContext": {
                    "runAsNonRoot": True,
                    "runAsUser": 1000 + i,
                    "readOnlyRootFilesystem": True,
                    "allowPrivilegeEscalation": False,
                    "capabilities": {"drop": ["ALL"]},
                },
                "volumeMounts": [
                    {"name": f"data-{i % volumes}", "mountPath": "/data", "readOnly": True},
                    {"name": f"data-{(i + 7) % volumes}", "mountPath": "/scratch"},
                ],
            }
        )
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "big", "namespace": "bench", "labels": {"app": "big"}},
        "spec": {
            "initContainers": init,
            "containers": apps,
            "volumes": vols,
            "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}},
        },
    }
