"""Two people on one library design: each sees the other in the header, and a save by one shows
the other a non-blocking "olivia saved r2" banner whose Load never drops unsaved local edits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_editor_library import save, set_image
from tests.browser.test_editor_support import VIEWPORT, container, login, open_editor
from tests.conftest import AsgiServer
from tests.samples import WAR_TOMCAT

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shared_design() -> dict[str, Any]:
    """olivia owns a team design; vera is an editor of that team."""
    from designer.domain import operations
    from designer.library import services

    olivia = services.user_create(username="olivia", password="pw-olivia-123", email="o@example.org")
    services.user_create(username="vera", password="pw-vera-12345", email="v@example.org")
    team = services.team_create(user=olivia, name="Platform")
    services.member_add(user=olivia, team=team, username="vera", role="editor")
    document = operations.import_text(WAR_TOMCAT).design.to_dict()
    design = services.design_create(user=olivia, team=team, name="Shop", document=document)
    return {"id": design.public_id, "design": design}


def avatar(page: Page, username: str):
    return page.locator(f'[data-testid="presence-avatar"][data-username="{username}"]')


def open_design(page: Page, server: AsgiServer, user: str, design_id: str) -> None:
    login(page, server, user)
    open_editor(page, server, f"?design={design_id}")
    expect(container(page, "tomcat")).to_be_visible()
    expect(page.get_by_test_id("design-title")).to_contain_text("rev 1")


def test_viewers_see_each_other_and_a_save_shows_the_others_a_banner(
    page: Page, browser: Browser, asgi_server: AsgiServer, shared_design: dict[str, Any], screenshots: Path
) -> None:
    design_id = shared_design["id"]
    design = shared_design["design"]
    assert design.pk  # the design exists in the test database the server reads
    open_design(page, asgi_server, "olivia", design_id)
    other = browser.new_context(viewport=VIEWPORT)
    try:
        vera = other.new_page()
        open_design(vera, asgi_server, "vera", design_id)

        # Presence: each header shows the other viewer (and not themselves).
        expect(avatar(page, "vera")).to_be_visible(timeout=10_000)
        expect(avatar(page, "vera")).to_have_text("V")
        expect(avatar(vera, "olivia")).to_be_visible(timeout=10_000)
        expect(avatar(vera, "vera")).to_have_count(0)

        # olivia saves r2: vera gets the banner, olivia does not (it is her own save).
        set_image(page, "tomcat", "tomcat:11.0")
        save(page, "bump tomcat to 11")
        expect(page.get_by_test_id("design-title")).to_contain_text("rev 2")
        banner = vera.get_by_test_id("revision-banner")
        expect(banner).to_be_visible(timeout=10_000)
        expect(banner).to_contain_text("olivia saved r2: bump tomcat to 11")
        expect(banner.get_by_test_id("revision-load")).to_have_text("Load r2")
        vera.screenshot(path=screenshots / "preview-presence-banner.png")
        expect(page.get_by_test_id("revision-banner")).to_have_count(0)

        # Without local edits, Load brings r2 in at once.
        banner.get_by_test_id("revision-load").click()
        expect(container(vera, "tomcat")).to_contain_text("tomcat:11.0")
        expect(vera.get_by_test_id("design-title")).to_contain_text("rev 2")
        expect(banner).to_have_count(0)

        # With unsaved edits, loading r3 asks first, and vera's version stays one Undo away.
        set_image(vera, "tomcat", "tomcat:12-vera")
        expect(vera.get_by_test_id("unsaved")).to_be_visible()
        set_image(page, "tomcat", "tomcat:11.0.2")
        save(page, "patch release")
        expect(page.get_by_test_id("design-title")).to_contain_text("rev 3")
        expect(banner).to_contain_text("olivia saved r3: patch release", timeout=10_000)
        expect(banner).to_contain_text("you have unsaved changes")
        banner.get_by_test_id("revision-load").click()
        dialog = vera.get_by_test_id("conflict-dialog")
        expect(dialog).to_contain_text("olivia saved revision 3")
        expect(container(vera, "tomcat")).to_contain_text("tomcat:12-vera")  # nothing changed yet
        vera.screenshot(path=screenshots / "preview-presence-unsaved.png")
        dialog.get_by_test_id("conflict-reload").click()
        expect(container(vera, "tomcat")).to_contain_text("tomcat:11.0.2")
        expect(vera.get_by_test_id("design-title")).to_contain_text("rev 3")
        vera.locator("body").click(position={"x": 5, "y": 5})
        vera.keyboard.press("Control+z")
        expect(container(vera, "tomcat")).to_contain_text("tomcat:12-vera")

        # Dismiss hides a banner until a newer revision arrives.
        set_image(page, "tomcat", "tomcat:11.0.3")
        save(page, "another patch")
        expect(banner).to_contain_text("olivia saved r4", timeout=10_000)
        banner.get_by_test_id("revision-dismiss").click()
        expect(banner).to_have_count(0)
    finally:
        other.close()

    # vera left: olivia's header no longer shows her.
    expect(avatar(page, "vera")).to_have_count(0, timeout=10_000)
