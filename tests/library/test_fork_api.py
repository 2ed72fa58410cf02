"""``POST /api/designs/{id}/fork/``: copy a readable design into a team you edit."""

from __future__ import annotations

import pytest

from designer.library import services
from designer.library.models import Revision
from tests.library.builders import document
from tests.library.conftest import World

pytestmark = pytest.mark.django_db


def test_a_stranger_forks_a_public_design_into_their_personal_team(world: World) -> None:
    services.design_save(
        user=world.owner, design=world.public, document=document(name="v2"), base_revision=1
    )
    response = world.client("stranger").post(
        f"/api/designs/{world.public.public_id}/fork/", {}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["team"]["id"] == world.stranger.personal_team.public_id
    assert body["forked_from"] == {"id": world.public.public_id, "revision": 2}
    assert body["revision"] == 1
    assert body["message"] == "Forked from platform/public-web r2"
    assert body["visibility"] == "private"
    assert body["author"] == "sam"
    source = Revision.objects.get(design=world.public, number=2)
    assert body["document"] == source.document


def test_a_fork_can_be_renamed_and_put_in_a_shared_team(world: World) -> None:
    response = world.client("editor").post(
        f"/api/designs/{world.private.public_id}/fork/",
        {"team": world.team.public_id, "name": "Checkout copy"},
        format="json",
    )
    assert response.status_code == 201
    assert (response.json()["slug"], response.json()["team"]["slug"]) == (
        "checkout-copy",
        "platform",
    )


def test_a_viewer_may_fork_into_their_own_team_but_not_into_the_team_they_view(
    world: World,
) -> None:
    client = world.client("viewer")
    url = f"/api/designs/{world.private.public_id}/fork/"
    assert client.post(url, {}, format="json").status_code == 201
    assert client.post(url, {"team": world.team.public_id}, format="json").status_code == 403


def test_a_private_design_of_another_team_cannot_be_forked(world: World) -> None:
    response = world.client("stranger").post(
        f"/api/designs/{world.private.public_id}/fork/", {}, format="json"
    )
    assert response.status_code == 404


def test_forking_into_a_team_you_are_not_in_is_a_404(world: World) -> None:
    response = world.client("stranger").post(
        f"/api/designs/{world.public.public_id}/fork/",
        {"team": world.team.public_id},
        format="json",
    )
    assert response.status_code == 404


def test_a_null_team_means_the_personal_team(world: World) -> None:
    response = world.client("stranger").post(
        f"/api/designs/{world.public.public_id}/fork/", {"team": None}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["team"]["id"] == world.stranger.personal_team.public_id
