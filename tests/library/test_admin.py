"""Teams and memberships are managed in the Django admin; revisions are shown read-only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from designer.library.models import Membership, Revision, Team
from tests.library.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(world: World) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw"))
    return client


@pytest.mark.parametrize("model", ["team", "membership", "design", "revision"])
def test_every_library_model_has_an_admin_list(admin_client: Client, model: str) -> None:
    assert admin_client.get(f"/admin/library/{model}/").status_code == 200


def test_a_team_with_a_member_is_added_in_the_admin(admin_client: Client, world: World) -> None:
    response = admin_client.post(
        "/admin/library/team/add/",
        {
            "name": "Ops",
            "slug": "ops",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": str(world.stranger.pk),
            "memberships-0-role": "owner",
        },
    )
    assert response.status_code == 302, response.content[:500]
    team = Team.objects.get(slug="ops")
    assert Membership.objects.get(team=team).user == world.stranger


def test_revisions_cannot_be_changed_or_deleted_in_the_admin(
    admin_client: Client, world: World
) -> None:
    revision = Revision.objects.filter(design=world.private).first()
    assert revision is not None
    page = admin_client.get(f"/admin/library/revision/{revision.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert admin_client.get(f"/admin/library/revision/{revision.pk}/delete/").status_code == 403
