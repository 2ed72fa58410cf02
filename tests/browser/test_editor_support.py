"""Helpers for the editor's browser tests (this module holds no tests).

Drags use the real mouse (``page.mouse`` down/move/up), the way a person drags: palette items
(HTML5 drag and drop), cards between Pods and lanes, and mount edges from handle to handle.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from tests.conftest import AsgiServer

VIEWPORT = {"width": 1280, "height": 800}


def open_editor(page: Page, server: AsgiServer, query: str = "", *, fresh: bool = True) -> None:
    page.set_viewport_size(VIEWPORT)
    page.goto(server.url + "/" + query)
    if fresh:
        page.evaluate("localStorage.clear()")
        page.reload()
    expect(page.locator(".react-flow")).to_be_visible()


def centre(locator: Locator) -> tuple[float, float]:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not visible"
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def drag(page: Page, source: Locator, target: Locator, dx: float = 0, dy: float = 0) -> None:
    x, y = centre(source)
    tx, ty = centre(target)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 8, y + 8, steps=3)
    page.mouse.move(tx + dx, ty + dy, steps=12)
    page.mouse.up()


def fit(page: Page) -> None:
    page.get_by_test_id("fit-view").click()
    page.wait_for_timeout(150)


def palette(page: Page, key: str) -> Locator:
    return page.get_by_test_id(f"palette-{key}")


def pod(page: Page, name: str | None = None) -> Locator:
    nodes = page.get_by_test_id("pod-node")
    return nodes.first if name is None else page.locator(f'[data-testid="pod-node"][data-name="{name}"]')


def lane(page: Page, which: str, pod_name: str | None = None) -> Locator:
    return pod(page, pod_name).get_by_test_id(f"lane-{which}")


def container(page: Page, name: str) -> Locator:
    return page.locator(f'[data-testid="container-node"][data-name="{name}"]')


def volume(page: Page, name: str) -> Locator:
    return page.locator(f'[data-testid="volume-node"][data-name="{name}"]')


def connect(page: Page, volume_name: str, container_name: str) -> None:
    """Drag from the volume's handle (top dot) to the container's handle (bottom dot)."""
    drag(
        page,
        volume(page, volume_name).locator(".volume-handle"),
        container(page, container_name).locator(".mount-handle"),
    )


def mount_label(page: Page, text: str) -> Locator:
    return page.get_by_test_id("mount-label").filter(has_text=text)


def wait_validated(page: Page) -> None:
    expect(page.get_by_test_id("validation-status")).to_have_attribute("data-status", "ok", timeout=10_000)


def login(page: Page, server: AsgiServer, username: str) -> None:
    """Sign ``username`` in by handing the browser a session made on the server's database."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": server.url}])
