"""The design document (docs/design-document.md): typed, frozen, and checked for shape.

``parse_document`` turns the JSON the editor, API and websocket exchange into a ``Design``;
``Design.to_dict`` turns it back. Kubernetes objects (``metadata``, ``spec``, workloads, extra
documents) are kept verbatim and shared, never copied: treat them as read-only.

``model`` holds the types, limits and constants; ``parser`` the shape checks of ``parse_document``.
"""

from __future__ import annotations

from designer.domain.document.model import (
    HELPER_ROLES,
    LAYOUT_KEYS,
    MAX_CONTAINERS,
    MAX_EXTRA_DOCUMENTS,
    MAX_ID_LENGTH,
    MAX_MOUNTS,
    MAX_NOTES_LENGTH,
    MAX_PODS,
    MAX_TIMING_SECONDS,
    MAX_VOLUMES,
    POD_LIST_KEYS,
    ROLES,
    SCHEMA_VERSION,
    TIMING_KEYS,
    WORKLOAD_API_VERSIONS,
    Container,
    Design,
    DocumentError,
    ExtraDocument,
    Mount,
    Pod,
    Role,
    Volume,
    is_modelled_list,
    new_design,
)
from designer.domain.document.parser import parse_document

__all__ = [
    "HELPER_ROLES",
    "LAYOUT_KEYS",
    "MAX_CONTAINERS",
    "MAX_EXTRA_DOCUMENTS",
    "MAX_ID_LENGTH",
    "MAX_MOUNTS",
    "MAX_NOTES_LENGTH",
    "MAX_PODS",
    "MAX_TIMING_SECONDS",
    "MAX_VOLUMES",
    "POD_LIST_KEYS",
    "ROLES",
    "SCHEMA_VERSION",
    "TIMING_KEYS",
    "WORKLOAD_API_VERSIONS",
    "Container",
    "Design",
    "DocumentError",
    "ExtraDocument",
    "Mount",
    "Pod",
    "Role",
    "Volume",
    "is_modelled_list",
    "new_design",
    "parse_document",
]
