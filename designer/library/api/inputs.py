"""Turning validated input into what services take: documents from JSON or YAML, teams by id."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from designer.domain import operations
from designer.library.models import Team
from designer.library.selectors import team_get
from designer.library.services import team_personal_get_or_create


def take_document(data: dict[str, Any]) -> Any:
    """Remove ``document`` / ``yaml`` from the input; the design document they give, or None."""
    document = data.pop("document", None)
    text = data.pop("yaml", None)
    if text is not None:
        return operations.import_text(text).design.to_dict()
    return document


def team_from(user: User, team_id: str | None) -> Team:
    """The named team (one the user belongs to), or their personal team."""
    if team_id is None:
        return team_personal_get_or_create(user=user)
    return team_get(user=user, public_id=team_id)
