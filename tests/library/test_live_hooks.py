"""What the websocket side (designer.live) asks of the library: read checks and save notices."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth.models import AnonymousUser

from designer.library import selectors
from tests.library.builders import document
from tests.library.conftest import World

pytestmark = pytest.mark.django_db


def test_can_read_design_follows_the_permission_rules(world: World) -> None:
    assert selectors.can_read_design(user=world.viewer, design_id=world.private.public_id)
    assert not selectors.can_read_design(user=world.stranger, design_id=world.private.public_id)
    assert selectors.can_read_design(user=AnonymousUser(), design_id=world.public.public_id)
    assert not selectors.can_read_design(user=world.owner, design_id="nope")


def test_readable_document_gives_the_latest_or_a_given_revision(world: World) -> None:
    latest = selectors.readable_document(user=world.viewer, design_id=world.private.public_id)
    assert latest is not None and latest["pods"][0]["metadata"]["name"] == "checkout"
    first = selectors.readable_document(
        user=world.viewer, design_id=world.private.public_id, revision=1
    )
    assert first == latest
    assert (
        selectors.readable_document(
            user=world.viewer, design_id=world.private.public_id, revision=5
        )
        is None
    )
    assert (
        selectors.readable_document(user=world.stranger, design_id=world.private.public_id) is None
    )


def test_a_save_tells_the_designs_viewers_after_commit(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(f"design.{world.private.public_id}", channel)
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client("editor").post(
            f"/api/designs/{world.private.public_id}/revisions/",
            {"document": document(), "base_revision": 1, "message": "hello viewers"},
            format="json",
        )
    assert response.status_code == 201
    event = async_to_sync(layer.receive)(channel)
    assert event == {
        "type": "design.saved",
        "revision": 2,
        "author": "eddie",
        "message": "hello viewers",
    }
