"""Personas (healthchecks style): a team's owner, editor and viewer, a stranger, and anonymous."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from designer.library import services
from designer.library.models import Design, Team, Visibility
from tests.library.builders import document

PASSWORD = "correct horse battery staple"


@dataclass
class World:
    """The people, their team and two designs of that team."""

    owner: User
    editor: User
    viewer: User
    stranger: User
    team: Team
    private: Design
    public: Design

    def client(self, persona: str) -> APIClient:
        """An API client signed in (by session) as the persona, or anonymous."""
        client = APIClient()
        if persona != "anonymous":
            client.force_login(getattr(self, persona))
        return client


def make_user(username: str) -> User:
    user = services.user_create(
        username=username, password=PASSWORD, email=f"{username}@example.org"
    )
    assert isinstance(user, User)
    return user


@pytest.fixture
def world(db: None) -> World:
    owner, editor, viewer, stranger = (
        make_user(name) for name in ("olivia", "eddie", "vera", "sam")
    )
    team = services.team_create(user=owner, name="Platform")
    services.member_add(user=owner, team=team, username="eddie", role="editor")
    services.member_add(user=owner, team=team, username="vera", role="viewer")
    private = services.design_create(
        user=owner,
        team=team,
        name="Checkout",
        document=document(name="checkout"),
        tags=["shop"],
        description="The checkout service",
    )
    public = services.design_create(
        user=owner,
        team=team,
        name="Public web",
        document=document(name="public-web"),
        visibility=Visibility.PUBLIC,
    )
    return World(owner, editor, viewer, stranger, team, private, public)


@pytest.fixture
def api() -> APIClient:
    return APIClient()
