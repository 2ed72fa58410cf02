"""The per-design socket: who may subscribe, presence, and save notices (real ASGI app)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from designer.asgi import application
from designer.library import services
from designer.library.models import Visibility
from tests.library.builders import document

ORIGIN = (b"origin", b"http://127.0.0.1:8000")
pytestmark = pytest.mark.django_db(transaction=True)


def cookie_for(user: Any) -> tuple[bytes, bytes]:
    client = Client()
    client.force_login(user)
    return (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())


def make_world() -> dict[str, Any]:
    owner = services.user_create(username="olivia", password="pw-olivia-123", email="o@example.org")
    viewer = services.user_create(username="vera", password="pw-vera-12345", email="v@example.org")
    stranger = services.user_create(username="sam", password="pw-sam-123456", email="s@example.org")
    team = services.team_create(user=owner, name="Platform")
    services.member_add(user=owner, team=team, username="vera", role="viewer")
    private = services.design_create(
        user=owner, team=team, name="Checkout", document=document(name="checkout")
    )
    public = services.design_create(
        user=owner,
        team=team,
        name="Public web",
        document=document(name="public-web"),
        visibility=Visibility.PUBLIC,
    )
    return {
        "owner": owner,
        "viewer": viewer,
        "stranger": stranger,
        "private": private,
        "public": public,
        "cookies": {u.username: cookie_for(u) for u in (owner, viewer, stranger)},
    }


async def subscribe(
    design_id: str, cookie: tuple[bytes, bytes] | None
) -> tuple[bool, int | None, WebsocketCommunicator]:
    headers = [ORIGIN] + ([cookie] if cookie else [])
    communicator = WebsocketCommunicator(application, f"/ws/designs/{design_id}/", headers=headers)
    connected, code = await communicator.connect()
    return connected, code, communicator


async def test_a_team_member_subscribes_and_sees_who_else_is_viewing() -> None:
    world = await sync_to_async(make_world)()
    design = world["private"].public_id
    ok, _, olivia = await subscribe(design, world["cookies"]["olivia"])
    assert ok
    hello = await olivia.receive_json_from()
    assert hello["type"] == "subscribed" and hello["me"]["username"] == "olivia"

    ok, _, vera = await subscribe(design, world["cookies"]["vera"])
    assert ok
    assert (await vera.receive_json_from())["type"] == "subscribed"
    # Olivia hears Vera join; Vera hears that Olivia is already here.
    joined = await olivia.receive_json_from()
    assert joined == {**joined, "type": "presence", "event": "join"}
    assert joined["user"]["username"] == "vera"
    here = await vera.receive_json_from()
    assert here["event"] == "here" and here["user"]["username"] == "olivia"

    await vera.disconnect()
    left = await olivia.receive_json_from()
    assert left["event"] == "leave" and left["user"]["username"] == "vera"
    await olivia.disconnect()


async def test_a_save_is_announced_to_every_viewer_of_the_design() -> None:
    world = await sync_to_async(make_world)()
    design = world["private"]
    ok, _, vera = await subscribe(design.public_id, world["cookies"]["vera"])
    assert ok
    await vera.receive_json_from()

    def save() -> int:
        base = design.head.number
        revision = services.design_save(
            user=world["owner"],
            design=design,
            document=document(name="checkout-v2"),
            base_revision=base,
            message="bump",
        )
        return revision.number

    number = await sync_to_async(save)()
    notice = await vera.receive_json_from(timeout=5)
    assert notice == {
        "type": "revision",
        "design": design.public_id,
        "revision": number,
        "author": "olivia",
        "message": "bump",
    }
    await vera.disconnect()


@pytest.mark.parametrize("who", ["anonymous", "sam"])
async def test_strangers_and_anonymous_users_cannot_subscribe_to_a_private_design(who: str) -> None:
    world = await sync_to_async(make_world)()
    cookie = None if who == "anonymous" else world["cookies"][who]
    ok, code, _ = await subscribe(world["private"].public_id, cookie)
    assert not ok
    assert code == (4403 if who == "anonymous" else 4404)


async def test_an_unknown_design_is_refused_like_a_private_one() -> None:
    world = await sync_to_async(make_world)()
    ok, code, _ = await subscribe("no-such-design", world["cookies"]["sam"])
    assert not ok and code == 4404


async def test_a_stranger_may_follow_a_public_design_and_garbage_gets_error_frames() -> None:
    world = await sync_to_async(make_world)()
    ok, _, sam = await subscribe(world["public"].public_id, world["cookies"]["sam"])
    assert ok
    await sam.receive_json_from()
    for frame in ["nope", '{"type": "save"}', "x" * 70_000]:
        await sam.send_to(text_data=frame)
        assert (await sam.receive_json_from())["type"] == "error"
    await sam.send_json_to({"type": "ping"})
    assert await sam.receive_json_from() == {"type": "pong"}
    await sam.disconnect()


async def test_a_foreign_origin_is_refused() -> None:
    world = await sync_to_async(make_world)()
    communicator = WebsocketCommunicator(
        application,
        f"/ws/designs/{world['public'].public_id}/",
        headers=[(b"origin", b"http://evil.example"), world["cookies"]["olivia"]],
    )
    connected, _ = await communicator.connect()
    assert not connected


async def test_a_viewer_may_preview_a_team_design_by_id_but_a_stranger_may_not() -> None:
    world = await sync_to_async(make_world)()
    design = world["private"].public_id
    for who, expected in (("vera", "findings"), ("sam", "error")):
        communicator = WebsocketCommunicator(
            application, "/ws/preview/", headers=[ORIGIN, world["cookies"][who]]
        )
        await communicator.connect()
        await communicator.receive_json_from()
        await communicator.send_json_to({"type": "load", "design": design, "autoplay": False})
        assert (await communicator.receive_json_from())["type"] == expected, who
        await communicator.disconnect()


async def test_a_save_made_by_sync_code_inside_a_running_event_loop_still_notifies() -> None:
    """notify.design_saved: async_to_sync refuses a thread that runs a loop; the notice still goes out."""
    from channels.layers import get_channel_layer

    from designer.live.notify import design_saved

    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add("design.abc", channel)
    design_saved(design_id="abc", revision=3, author="olivia", message="m")
    event = await asyncio.wait_for(layer.receive(channel), 5)
    assert event == {"type": "design.saved", "revision": 3, "author": "olivia", "message": "m"}
