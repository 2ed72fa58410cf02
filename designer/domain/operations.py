"""What the shell calls: validate a design, export it, import manifests.

This module joins the core's parts: the design document (``document``), its export to Pod manifests
(``export``), the three validation layers (schema, API-server rules, lints) and manifest import.
Findings come back pinned to design elements so the editor can highlight the node at fault.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from designer.domain import export as export_mod
from designer.domain.document import Design, parse_document
from designer.domain.errors import DomainError
from designer.domain.importer import ImportResult, import_manifests
from designer.domain.simulation import Scenario, ScenarioInfo, Simulation, Timings, scenarios_for
from designer.domain.simulation import simulate as run_simulation
from designer.domain.validation.apiserver import validate_pod
from designer.domain.validation.findings import Finding, warning
from designer.domain.validation.lints import lint_pod
from designer.domain.validation.schema import validate_schema
from designer.domain.versions import DEFAULT_VERSION, parse_version
from designer.domain.yamlio import load_documents

__all__ = [
    "Design", "ExportRefused", "Exported", "Report", "WORKLOAD_KINDS", "as_design", "export",
    "import_text", "load_design", "scenarios", "simulate", "validate",
]

Format = Literal["yaml", "json"]
WORKLOAD_KINDS = ("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob")
_NATIVE_SIDECARS_SINCE = (1, 29)  # from here on _design_findings has nothing to say


class ExportRefused(DomainError):
    """The design has errors and the caller did not ask for a draft export."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        errors = [f for f in findings if f.severity == "error"]
        super().__init__(
            f"the design has {len(errors)} error(s) the API server would reject; fix them or ask for a "
            "draft export"
        )


@dataclass(frozen=True, slots=True)
class Report:
    """Validation result of a whole design."""

    version: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    @property
    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f.severity] += 1
        return counts

    def as_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "kubernetes_version": self.version,
            "counts": self.counts,
            "findings": [f.as_dict() for f in self.findings],
        }


def as_design(design: Design | Mapping[str, Any]) -> Design:
    """Accept a parsed design or a design document dict (raises DocumentError when malformed)."""
    return design if isinstance(design, Design) else parse_document(design)


def validate(design: Design | Mapping[str, Any], target_version: str | None = None) -> Report:
    """Validate every Pod of a design against the target version (default: the design's own)."""
    parsed = as_design(design)
    version = target_version or parsed.kubernetes_version or DEFAULT_VERSION
    version_tuple = parse_version(version)
    # Errors, then warnings, then infos, each in the order found (a stable sort by severity).
    errors: list[Finding] = []
    warnings: list[Finding] = []
    infos: list[Finding] = []
    by_severity = {"error": errors.append, "warning": warnings.append, "info": infos.append}
    for pod in parsed.pods:
        exported = export_mod.export_pod(parsed, pod.id, version=version)
        manifest = exported.manifest
        workload_kind = pod.workload.get("kind") if pod.workload else None
        template = workload_kind is not None
        pod_findings = validate_schema(manifest, version)
        pod_findings += validate_pod(manifest, version=version_tuple, template=template)
        # The lints pin their findings themselves (they make most of a big Pod's findings).
        pod_findings += lint_pod(manifest, version=version_tuple, workload_kind=workload_kind,
                                 elements=exported.elements)
        if version_tuple < _NATIVE_SIDECARS_SINCE:
            pod_findings += _design_findings(parsed, pod.id, version_tuple)
        # Paths are the Pod's own; the pinned element id tells the Pods of a design apart.
        pins: dict[str, str] = {}
        pin = exported.pin
        for f in pod_findings:
            if f.element is None:
                path = f.path
                element = pins.get(path)
                if element is None:
                    element = pins[path] = pin(path)
                f = f.pinned(element)
            by_severity[f.severity](f)
    return Report(version=version, findings=errors + warnings + infos)


def _design_findings(design: Design, pod_id: str, version: tuple[int, int]) -> list[Finding]:
    """Facts about the design itself that no manifest rule sees."""
    out: list[Finding] = []
    if version >= _NATIVE_SIDECARS_SINCE:
        return out
    pod = design.pod(pod_id)
    for container in pod.containers:
        if container.role == "sidecar" and container.native is not False:
            f = warning(
                "design.sidecar-below-1.29",
                "",
                f"container {container.spec.get('name', container.id)!r} is a sidecar, but native "
                "sidecars need Kubernetes 1.29 or newer: it is exported as a regular container, so "
                "its startup order relative to the app is not guaranteed",
                "Target Kubernetes 1.29+ to get a native sidecar that starts before the app.",
            )
            out.append(f.pinned(container.id))
    return out


@dataclass(frozen=True, slots=True)
class Exported:
    """An export ready to download."""

    text: str
    content_type: str
    extension: str
    report: Report


def export(
    design: Design | Mapping[str, Any],
    *,
    kind: str | None = None,
    version: str | None = None,
    fmt: Format = "yaml",
    draft: bool = False,
) -> Exported:
    """Export a design as YAML or JSON; refuse (``ExportRefused``) a design with errors unless draft."""
    if kind is not None and kind not in WORKLOAD_KINDS:
        raise DomainError(f"cannot export as {kind!r}: choose one of {', '.join(WORKLOAD_KINDS)}")
    if fmt not in ("yaml", "json"):
        raise DomainError(f"unknown format {fmt!r}: choose yaml or json")
    parsed = as_design(design)
    report = validate(parsed, version)
    if not report.valid and not draft:
        raise ExportRefused(report.findings)
    target = report.version
    if fmt == "json":
        text = export_mod.export_json(parsed, kind=kind, version=target)
        return Exported(text, "application/json", "json", report)
    comment = None
    if not report.valid:
        errors = report.counts["error"]
        comment = (
            f"DRAFT: this manifest has {errors} error(s); the Kubernetes {target} API server would "
            "reject it."
        )
    text = export_mod.export_yaml(parsed, kind=kind, version=target, draft_comment=comment)
    return Exported(text, "application/yaml", "yaml", report)


def import_text(text: str | bytes, *, kubernetes_version: str | None = None) -> ImportResult:
    """Read manifests (YAML or JSON, any supported kind) into a design; ManifestError when unreadable."""
    return import_manifests(text, kubernetes_version=kubernetes_version)


def load_design(text: str | bytes, *, kubernetes_version: str | None = None) -> Design:
    """Read either a design document (JSON/YAML with ``schema_version``) or Kubernetes manifests."""
    documents = load_documents(text)
    if len(documents) == 1:
        data = documents[0].data
        if isinstance(data, dict) and "schema_version" in data and "kind" not in data:
            return parse_document(data)
    return import_manifests(text, kubernetes_version=kubernetes_version).design


def simulate(
    design: Design | Mapping[str, Any],
    scenario: Scenario | Mapping[str, Any],
    *,
    pod_id: str | None = None,
    version: str | None = None,
) -> Simulation:
    """Simulate one Pod of a design (the first unless ``pod_id``) with its containers' timings."""
    parsed = as_design(design)
    if not parsed.pods:
        raise DomainError("the design has no Pod to simulate")
    pod = parsed.pod(pod_id) if pod_id else parsed.pods[0]
    target = version or parsed.kubernetes_version or DEFAULT_VERSION
    exported = export_mod.export_pod(parsed, pod.id, version=target)
    timings = {
        str(c.spec.get("name", c.id)): Timings.from_dict(c.timings) for c in pod.containers if c.timings
    }
    chosen = scenario if isinstance(scenario, Scenario) else Scenario.from_dict(scenario)
    return run_simulation(exported.manifest, chosen, timings=timings, version=parse_version(target))


def scenarios(design: Design | Mapping[str, Any], pod_id: str | None = None) -> list[ScenarioInfo]:
    """The preview scenarios that make sense for one Pod of a design."""
    parsed = as_design(design)
    pod = parsed.pod(pod_id) if pod_id else parsed.pods[0]
    version = parsed.kubernetes_version or DEFAULT_VERSION
    return scenarios_for(export_mod.export_pod(parsed, pod.id, version=version).manifest)
