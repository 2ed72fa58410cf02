"""The first page in a real Chromium, served by the real ASGI server."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.conftest import AsgiServer


def test_the_editor_page_shows_an_empty_canvas_and_goes_live_over_the_websocket(
    page: Page, asgi_server: AsgiServer, screenshots: Path
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(asgi_server.url + "/")

    expect(page.get_by_role("heading", name="Pod Designer")).to_be_visible()
    expect(page.locator(".react-flow")).to_be_visible()
    expect(page.locator(".react-flow__minimap")).to_be_visible()
    # The badge turns "Live" only after a ping went out and a pong came back.
    expect(page.get_by_test_id("connection")).to_have_attribute("data-state", "online", timeout=10_000)
    expect(page.get_by_test_id("connection")).to_contain_text("Live")

    page.screenshot(path=screenshots / "first-page.png", full_page=True)
    assert errors == []
