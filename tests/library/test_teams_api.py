"""``/api/teams/``: my teams, and members managed by owners."""

from __future__ import annotations

import pytest

from designer.library.models import Design, Membership, Team
from tests.library.conftest import World
from tests.library.snapshots import snapshot

pytestmark = pytest.mark.django_db


def members_url(world: World, username: str = "") -> str:
    return f"/api/teams/{world.team.public_id}/members/{username + '/' if username else ''}"


def test_my_teams_list_the_personal_team_first_with_my_role(world: World) -> None:
    body = world.client("editor").get("/api/teams/").json()
    assert [(t["slug"], t["role"], t["personal"]) for t in body] == [
        ("eddie", "owner", True),
        ("platform", "editor", False),
    ]


def test_a_stranger_does_not_see_the_team(world: World) -> None:
    body = world.client("stranger").get("/api/teams/").json()
    assert [t["slug"] for t in body] == ["sam"]


def test_a_new_team_is_owned_by_its_creator(world: World) -> None:
    response = world.client("stranger").post("/api/teams/", {"name": "Data"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["slug"], body["role"], body["personal"]) == (
        "Data",
        "data",
        "owner",
        False,
    )
    assert len(body["id"]) == 12


def test_an_owner_renames_the_team_and_others_cannot(world: World) -> None:
    url = f"/api/teams/{world.team.public_id}/"
    assert world.client("editor").patch(url, {"name": "X"}, format="json").status_code == 403
    response = world.client("owner").patch(url, {"name": "Platform team"}, format="json")
    assert response.status_code == 200
    assert (response.json()["name"], response.json()["slug"]) == ("Platform team", "platform")


def test_members_are_listed_owners_first(world: World) -> None:
    body = world.client("viewer").get(members_url(world)).json()
    assert [(m["username"], m["role"]) for m in body] == [
        ("olivia", "owner"),
        ("eddie", "editor"),
        ("vera", "viewer"),
    ]


def test_an_owner_adds_a_member(world: World) -> None:
    response = world.client("owner").post(
        members_url(world), {"username": "sam", "role": "editor"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["role"] == "editor"
    assert Membership.objects.filter(team=world.team, user=world.stranger, role="editor").exists()


def test_adding_an_unknown_user_or_an_existing_member_is_a_400(world: World) -> None:
    client = world.client("owner")
    assert client.post(members_url(world), {"username": "nobody"}, format="json").status_code == 400
    assert client.post(members_url(world), {"username": "vera"}, format="json").status_code == 400


def test_an_owner_changes_a_role(world: World) -> None:
    response = world.client("owner").patch(
        members_url(world, "vera"), {"role": "editor"}, format="json"
    )
    assert response.status_code == 200
    assert Membership.objects.get(team=world.team, user=world.viewer).role == "editor"


def test_an_owner_removes_a_member(world: World) -> None:
    assert world.client("owner").delete(members_url(world, "eddie")).status_code == 204
    assert not Membership.objects.filter(team=world.team, user=world.editor).exists()


def test_a_member_may_leave_but_not_remove_others(world: World) -> None:
    client = world.client("viewer")
    assert client.delete(members_url(world, "eddie")).status_code == 403
    assert client.delete(members_url(world, "vera")).status_code == 204


def test_the_last_owner_can_neither_leave_nor_be_demoted(world: World) -> None:
    client = world.client("owner")
    before = snapshot()
    leave = client.delete(members_url(world, "olivia"))
    assert leave.status_code == 409
    assert leave.json()["error"]["code"] == "last_owner"
    demote = client.patch(members_url(world, "olivia"), {"role": "viewer"}, format="json")
    assert demote.status_code == 409
    assert snapshot() == before


def test_with_a_second_owner_the_first_may_step_down(world: World) -> None:
    client = world.client("owner")
    client.patch(members_url(world, "eddie"), {"role": "owner"}, format="json")
    assert (
        client.patch(members_url(world, "olivia"), {"role": "viewer"}, format="json").json()["role"]
        == "viewer"
    )


def test_an_unknown_member_is_a_404(world: World) -> None:
    response = world.client("owner").patch(
        members_url(world, "sam"), {"role": "viewer"}, format="json"
    )
    assert response.status_code == 404


def test_an_owner_deletes_a_team_with_its_designs(world: World) -> None:
    assert world.client("owner").delete(f"/api/teams/{world.team.public_id}/").status_code == 204
    assert not Team.objects.filter(pk=world.team.pk).exists()
    assert not Design.objects.filter(pk=world.private.pk).exists()


def test_a_personal_team_cannot_be_deleted_or_shared(world: World) -> None:
    personal = world.stranger.personal_team
    client = world.client("stranger")
    assert client.delete(f"/api/teams/{personal.public_id}/").status_code == 403
    response = client.post(
        f"/api/teams/{personal.public_id}/members/", {"username": "vera"}, format="json"
    )
    assert response.status_code == 403
