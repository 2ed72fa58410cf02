"""The whole library's rows, to prove a refused request changed nothing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token

from designer.library.models import Design, DesignToken, Membership, Revision, Team


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table the library writes."""
    models = {
        "users": User,
        "tokens": Token,
        "teams": Team,
        "memberships": Membership,
        "designs": Design,
        "revisions": Revision,
        "design_tokens": DesignToken,
    }
    rows = {name: list(model.objects.order_by("pk").values()) for name, model in models.items()}
    for user in rows["users"]:
        user.pop("last_login")  # signing the test client in is not what is under test
    return rows
