"""The API-server layer: what kube-apiserver's Pod validation would say about a manifest.

``validate_pod`` defaults a copy of the Pod as the server would (A.0), then runs the checks of
``ValidatePodCreate`` (or ``ValidatePodTemplateSpec`` for a workload's template) in the server's
order, accumulating every finding. Part-2 rule groups (pod fields, scheduling, security
contexts, resources) run as blocks at the place of their first check in ``ValidatePodSpec``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from designer.domain.validation.apiserver.containers import (
    validate_containers,
    validate_containers_only_for_pod,
    validate_ephemeral_containers,
    validate_ephemeral_on_create,
    validate_host_network_deps,
    validate_init_containers,
    warn_container_port_conflicts,
)
from designer.domain.validation.apiserver.context import Context
from designer.domain.validation.apiserver.defaults import apply_defaults, as_dict, as_str
from designer.domain.validation.apiserver.metadata import (
    validate_annotations_match_fields,
    validate_object_meta,
    validate_pod_specific_annotations,
)
from designer.domain.validation.apiserver.podspec import validate_pod_fields
from designer.domain.validation.apiserver.resources import validate_pod_resources
from designer.domain.validation.apiserver.scheduling import validate_scheduling
from designer.domain.validation.apiserver.security import validate_pod_security_context
from designer.domain.validation.apiserver.volumes import (
    validate_service_account_token_sources,
    validate_volumes,
    warn_unused_volumes,
)
from designer.domain.validation.findings import Finding

__all__ = ["validate_pod"]


def validate_pod(
    pod: Mapping[str, Any], *, version: tuple[int, int], template: bool = False
) -> list[Finding]:
    """Everything the target API server (and our api-level warnings) says about this Pod."""
    if not isinstance(pod, Mapping):
        return []
    raw = pod if isinstance(pod, dict) else dict(pod)
    defaulted = apply_defaults(raw, version=version, template=template)
    ctx = Context(version=version, template=template, spec=defaulted.spec, mounted=set(),
                  ports_seen={}, port_conflicts=[])
    meta = as_dict(raw.get("metadata")) or {}

    # validatePodMetadataAndSpec (ValidatePodTemplateSpec checks only labels and annotations).
    validate_object_meta(ctx, meta)
    validate_pod_specific_annotations(ctx, meta)
    ctx.out.extend(defaulted.notes)

    # ValidatePodSpec, in the server's order.
    pod_name = "" if template else as_str(meta.get("name"))
    registered = validate_volumes(ctx, pod_name, defaulted.sourceless)
    validate_containers(ctx)
    validate_init_containers(ctx)
    validate_ephemeral_containers(ctx)
    validate_pod_resources(ctx)
    validate_host_network_deps(ctx)
    validate_pod_fields(ctx)           # restartPolicy, dnsPolicy ... os
    validate_scheduling(ctx)           # nodeSelector, affinity, tolerations ...
    validate_pod_security_context(ctx)

    # Pod-only checks of validatePodMetadataAndSpec, then ValidatePodCreate's own.
    if not template:
        validate_service_account_token_sources(ctx)
        validate_containers_only_for_pod(ctx)
    validate_ephemeral_on_create(ctx)
    validate_annotations_match_fields(ctx, meta)

    # What the server accepts but is probably a mistake.
    warn_container_port_conflicts(ctx)
    warn_unused_volumes(ctx, registered)
    return ctx.out
