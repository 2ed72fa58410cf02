"""Writes: every change to the library goes through one of these keyword-only services."""

from __future__ import annotations

from designer.library.services.designs import (
    clean_tags,
    design_create,
    design_delete,
    design_fork,
    design_update,
)
from designer.library.services.revisions import append_revision, design_restore, design_save
from designer.library.services.search import reindex
from designer.library.services.teams import (
    member_add,
    member_remove,
    member_set_role,
    team_create,
    team_delete,
    team_personal_get_or_create,
    team_system_get_or_create,
    team_update,
    user_create,
)

__all__ = [
    "append_revision",
    "clean_tags",
    "design_create",
    "design_delete",
    "design_fork",
    "design_restore",
    "design_save",
    "design_update",
    "member_add",
    "member_remove",
    "member_set_role",
    "reindex",
    "team_create",
    "team_delete",
    "team_personal_get_or_create",
    "team_system_get_or_create",
    "team_update",
    "user_create",
]
