"""Design documents for tests, built through the real core from readable manifests."""

from __future__ import annotations

from typing import Any

from designer.domain import operations
from designer.domain.document import new_design

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: {name}
  namespace: web
spec:
  automountServiceAccountToken: false
  serviceAccountName: web
  securityContext:
    runAsNonRoot: true
    runAsUser: 101
    seccompProfile: {{type: RuntimeDefault}}
  containers:
    - name: web
      image: {image}
      ports: [{{name: http, containerPort: 8080}}]
      resources:
        requests: {{cpu: 100m, memory: 64Mi}}
        limits: {{cpu: 100m, memory: 64Mi}}
      readinessProbe:
        httpGet: {{path: /, port: http}}
      livenessProbe:
        tcpSocket: {{port: http}}
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities: {{drop: ["ALL"]}}
"""


def pod_yaml(*, name: str = "web", image: str = "nginxinc/nginx-unprivileged:1.27.3") -> str:
    """A small Pod manifest the core accepts without errors."""
    return POD.format(name=name, image=image)


def document(
    *, name: str = "web", image: str = "nginxinc/nginx-unprivileged:1.27.3"
) -> dict[str, Any]:
    """A valid design document with one Pod and one container."""
    return operations.import_text(pod_yaml(name=name, image=image)).design.to_dict()


def broken_document() -> dict[str, Any]:
    """A readable design document with errors: a Pod without containers."""
    return new_design().to_dict()
