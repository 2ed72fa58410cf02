"""Services called directly: users get personal teams, saves are serialized, forks are linked."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from designer.library import services
from designer.library.errors import (
    Forbidden,
    Invalid,
    NotFound,
    PreconditionRequired,
    StaleRevision,
)
from designer.library.models import Design, DesignToken, Membership, Role, Team
from tests.library.builders import broken_document, document
from tests.library.conftest import World

pytestmark = pytest.mark.django_db


def test_user_create_gives_every_user_a_personal_team_they_own() -> None:
    user = services.user_create(username="ada", password="x-long-password")
    team = Team.objects.get(personal_owner=user)
    assert team.slug == "ada"
    assert Membership.objects.get(team=team, user=user).role == Role.OWNER


def test_personal_team_slugs_do_not_collide_with_existing_teams(world: World) -> None:
    user = services.user_create(username="platform", password="x-long-password")
    assert Team.objects.get(personal_owner=user).slug == "platform-2"


def test_a_taken_username_is_refused() -> None:
    services.user_create(username="ada", password=None)
    with pytest.raises(Invalid):
        services.user_create(username="ada", password=None)


def test_the_personal_team_is_created_lazily_once() -> None:
    user = User.objects.create_user("legacy")
    first = services.team_personal_get_or_create(user=user)
    assert services.team_personal_get_or_create(user=user) == first


def test_a_revision_records_its_validation_summary(world: World) -> None:
    revision = services.design_save(
        user=world.editor, design=world.private, document=broken_document(), base_revision=1
    )
    assert (revision.number, revision.valid) == (2, False)
    assert revision.error_count >= 1
    assert revision.parent is not None and revision.parent.number == 1
    world.private.refresh_from_db()
    assert (world.private.head_id, world.private.valid) == (revision.pk, False)


def test_a_stale_save_raises_and_changes_nothing(world: World) -> None:
    services.design_save(
        user=world.editor, design=world.private, document=document(), base_revision=1
    )
    with pytest.raises(StaleRevision) as caught:
        services.design_save(
            user=world.owner, design=world.private, document=document(), base_revision=1
        )
    assert caught.value.current == 2
    assert world.private.revisions.count() == 2


def test_a_save_must_name_its_base(world: World) -> None:
    with pytest.raises(PreconditionRequired):
        services.design_save(
            user=world.editor, design=world.private, document=document(), base_revision=None
        )


def test_a_viewer_cannot_save_and_a_stranger_is_told_nothing_exists(world: World) -> None:
    with pytest.raises(Forbidden):
        services.design_save(
            user=world.viewer, design=world.private, document=document(), base_revision=1
        )
    with pytest.raises(NotFound):
        services.design_save(
            user=world.stranger, design=world.private, document=document(), base_revision=1
        )


def test_search_tokens_follow_every_change(world: World) -> None:
    services.design_update(user=world.owner, design=world.private, name="Payments", tags=["pci"])
    tokens = set(DesignToken.objects.filter(design=world.private).values_list("token", flat=True))
    assert {"payments", "tag:pci", "pci", "nginxinc", "checkout"} <= tokens
    assert "tag:shop" not in tokens
    design = Design.objects.get(pk=world.private.pk)
    assert "payments" in design.search_text


def test_a_failed_metadata_change_with_a_document_saves_neither(world: World) -> None:
    services.design_create(user=world.owner, team=world.team, name="Taken")
    with pytest.raises(Invalid):
        services.design_update(
            user=world.owner,
            design=world.private,
            slug="taken",
            document=document(image="nginx:9"),
            base_revision=1,
        )
    world.private.refresh_from_db()
    assert (world.private.slug, world.private.head_number) == ("checkout", 1)


def test_tags_are_cleaned(world: World) -> None:
    assert services.clean_tags([" Web ", "web", "api-v2"]) == ["web", "api-v2"]
    with pytest.raises(Invalid):
        services.clean_tags(["-dash-first"])
