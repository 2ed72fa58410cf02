"""Two ASGI server processes sharing a real Redis: a save through A reaches a viewer on B."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from designer.library import services
from tests.conftest import AsgiServer, start_daphne, stop
from tests.library.builders import document

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_servers(redis_url: str, transactional_db: None) -> Iterator[tuple[AsgiServer, AsgiServer]]:
    a = start_daphne({"REDIS_URL": redis_url}, name="daphne-a")
    try:
        b = start_daphne({"REDIS_URL": redis_url}, name="daphne-b")
    except Exception:
        stop(a)
        raise
    try:
        yield a, b
    finally:
        stop(a)
        stop(b)


def post_json(url: str, body: dict[str, Any], token: str) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Token {token}"},
    )
    with urllib.request.urlopen(request, timeout=20) as response:
        return response.status, json.loads(response.read())


async def watch_then_save(
    b: AsgiServer, a: AsgiServer, design_id: str, cookie: str, save: dict[str, Any], token: str
) -> list[dict[str, Any]]:
    from websockets.asyncio.client import connect

    frames: list[dict[str, Any]] = []
    async with connect(
        f"{b.ws_url}/ws/designs/{design_id}/",
        origin=b.url,
        additional_headers={"Cookie": cookie},
        open_timeout=10,
    ) as ws:
        frames.append(json.loads(await asyncio.wait_for(ws.recv(), 10)))
        status, body = await asyncio.to_thread(
            post_json, f"{a.url}/api/designs/{design_id}/revisions/", save, token
        )
        assert status == 201, body
        for _ in range(10):
            frame = json.loads(await asyncio.wait_for(ws.recv(), 10))
            frames.append(frame)
            if frame["type"] == "revision":
                break
    return frames


def test_a_save_through_process_a_reaches_a_viewer_connected_to_process_b(
    two_servers: tuple[AsgiServer, AsgiServer],
) -> None:
    a, b = two_servers
    owner = services.user_create(username="olivia", password="pw-olivia-123", email="o@example.org")
    viewer = services.user_create(username="vera", password="pw-vera-12345", email="v@example.org")
    team = services.team_create(user=owner, name="Platform")
    services.member_add(user=owner, team=team, username="vera", role="viewer")
    design = services.design_create(
        user=owner, team=team, name="Checkout", document=document(name="checkout")
    )
    client = Client()
    client.force_login(viewer)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    token = Token.objects.create(user=owner).key
    save = {
        "document": document(name="checkout-v2"),
        "message": "from A",
        "base_revision": design.head.number,
    }

    frames = asyncio.run(watch_then_save(b, a, design.public_id, cookie, save, token))

    assert frames[0]["type"] == "subscribed"
    assert frames[-1] == {
        "type": "revision",
        "design": design.public_id,
        "revision": design.head.number + 1,
        "author": "olivia",
        "message": "from A",
    }
