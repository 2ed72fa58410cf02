"""Tiny builders of Pod manifests, and helpers to query what validate_pod says about them."""

from __future__ import annotations

from typing import Any

from designer.domain.validation.apiserver import validate_pod
from designer.domain.validation.findings import Finding

LATEST = (1, 35)


def container(name: str = "app", image: str = "nginx:1.27", **fields: Any) -> dict[str, Any]:
    """A container with a name and an image, plus any other fields."""
    return {"name": name, "image": image, **fields}


def pod(*containers: dict[str, Any], name: str = "web", metadata: dict[str, Any] | None = None,
        **spec: Any) -> dict[str, Any]:
    """A Pod manifest (one default container unless some are given), as the exporter writes it."""
    meta = {"name": name, **(metadata or {})}
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta,
            "spec": {"containers": list(containers) or [container()], **spec}}


def check(manifest: Any, version: tuple[int, int] = LATEST, template: bool = False
          ) -> list[Finding]:
    """validate_pod with the newest supported version by default."""
    return validate_pod(manifest, version=version, template=template)


def at(findings: list[Finding], path: str) -> list[Finding]:
    """The findings reported at exactly this path."""
    return [f for f in findings if f.path == path]


def rules(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def messages(findings: list[Finding]) -> list[str]:
    return [f"{f.path}: {f.message}" for f in findings]
