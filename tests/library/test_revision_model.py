"""Revisions are append-only: every path that would change or delete one is refused."""

from __future__ import annotations

import pytest

from designer.library import services
from designer.library.models import ImmutableRevision, Revision
from tests.library.builders import document
from tests.library.conftest import World

pytestmark = pytest.mark.django_db


def test_saving_an_existing_revision_is_refused(world: World) -> None:
    revision = Revision.objects.get(design=world.private, number=1)
    revision.message = "rewritten"
    with pytest.raises(ImmutableRevision):
        revision.save()
    assert Revision.objects.get(pk=revision.pk).message != "rewritten"


def test_deleting_a_revision_is_refused(world: World) -> None:
    revision = Revision.objects.get(design=world.private, number=1)
    with pytest.raises(ImmutableRevision):
        revision.delete()
    assert Revision.objects.filter(pk=revision.pk).exists()


def test_queryset_update_and_delete_are_refused(world: World) -> None:
    with pytest.raises(ImmutableRevision):
        Revision.objects.filter(design=world.private).update(message="x")
    with pytest.raises(ImmutableRevision):
        Revision.objects.filter(design=world.private).delete()
    with pytest.raises(ImmutableRevision):
        Revision.objects.bulk_update(list(Revision.objects.all()), ["message"])
    assert Revision.objects.filter(design=world.private).count() == 1


def test_deleting_the_design_removes_its_revisions(world: World) -> None:
    services.design_save(
        user=world.owner, design=world.private, document=document(), base_revision=1
    )
    pk = world.private.pk
    services.design_delete(user=world.owner, design=world.private)
    assert not Revision.objects.filter(design_id=pk).exists()


def test_deleting_a_team_removes_its_designs_and_revisions(world: World) -> None:
    services.team_delete(user=world.owner, team=world.team)
    assert not Revision.objects.filter(design_id__in=[world.private.pk, world.public.pk]).exists()


def test_a_user_with_revisions_in_a_shared_team_cannot_be_deleted(world: World) -> None:
    from django.db.models import RestrictedError

    with pytest.raises(RestrictedError):
        world.owner.delete()


def test_a_user_is_deleted_with_their_personal_teams_designs(world: World) -> None:
    design = services.design_create(
        user=world.stranger, team=world.stranger.personal_team, name="Mine", document=document()
    )
    world.stranger.delete()
    assert not Revision.objects.filter(design_id=design.pk).exists()
