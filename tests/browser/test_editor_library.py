"""Saving to the library from the editor: sign-in prompt, revisions, and a stale save handled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_editor_import import SHOP, import_yaml
from tests.browser.test_editor_support import VIEWPORT, container, login, open_editor
from tests.conftest import AsgiServer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ann(django_user_model: type) -> str:
    django_user_model.objects.create_user(username="ann", password="not-used-1")
    return "ann"


def save(page: Page, message: str, name: str | None = None) -> None:
    page.get_by_test_id("save").click()
    dialog = page.get_by_test_id("save-dialog")
    expect(dialog).to_be_visible()
    if name is not None:
        dialog.get_by_label("Name").fill(name)
    dialog.get_by_label("What changed?").fill(message)
    dialog.get_by_test_id("save-run").click()


def set_image(page: Page, name: str, image: str) -> None:
    container(page, name).click(position={"x": 60, "y": 36})
    page.get_by_test_id("container-form").get_by_label("Image", exact=True).fill(image)


def test_an_anonymous_user_is_asked_to_sign_in_and_comes_back_to_the_editor(
    page: Page, asgi_server: AsgiServer
) -> None:
    open_editor(page, asgi_server)
    import_yaml(page, SHOP)
    page.get_by_test_id("save").click()
    link = page.get_by_test_id("signin-link")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", re.compile(r"^/accounts/login/\?next=%2F"))


def test_a_stale_save_shows_the_conflict_and_saving_a_copy_keeps_both_sides(
    page: Page, browser: Browser, asgi_server: AsgiServer, ann: str, screenshots: Path
) -> None:
    from designer.library.models import Design

    login(page, asgi_server, ann)
    open_editor(page, asgi_server)
    import_yaml(page, SHOP)
    save(page, "first version", name="Shop")
    expect(page.get_by_test_id("toast").filter(has_text="Saved")).to_be_visible()
    expect(page.get_by_test_id("design-title")).to_contain_text("rev 1")
    url = page.url
    assert "design=" in url

    # Someone else (the same user in another browser) saves revision 2 meanwhile.
    other = browser.new_context(viewport=VIEWPORT)
    try:
        second = other.new_page()
        login(second, asgi_server, ann)
        second.goto(url)
        expect(container(second, "app")).to_be_visible()
        set_image(second, "app", "nginx:1.28")
        save(second, "newer nginx")
        expect(second.get_by_test_id("design-title")).to_contain_text("rev 2")
    finally:
        other.close()

    # This canvas still starts from revision 1: its save is refused and both sides are kept.
    set_image(page, "app", "nginx:1.29")
    save(page, "pin nginx 1.29")
    conflict = page.get_by_test_id("conflict-dialog")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("revision 2")
    page.screenshot(path=screenshots / "editor-save-conflict.png")
    conflict.get_by_test_id("conflict-copy").click()
    expect(conflict).to_have_count(0)
    expect(page.get_by_test_id("design-title")).to_contain_text("Shop (my copy)")
    expect(container(page, "app")).to_contain_text("nginx:1.29")

    designs = {d.name: d for d in Design.objects.all()}
    assert set(designs) == {"Shop", "Shop (my copy)"}
    assert designs["Shop"].head_number == 2


def test_after_a_conflict_the_server_version_can_be_loaded_and_mine_is_one_undo_away(
    page: Page, browser: Browser, asgi_server: AsgiServer, ann: str
) -> None:
    login(page, asgi_server, ann)
    open_editor(page, asgi_server)
    import_yaml(page, SHOP)
    save(page, "first version", name="Shop")
    expect(page.get_by_test_id("design-title")).to_contain_text("rev 1")

    other = browser.new_context(viewport=VIEWPORT)
    try:
        second = other.new_page()
        login(second, asgi_server, ann)
        second.goto(page.url)
        set_image(second, "app", "nginx:1.28")
        save(second, "theirs")
        expect(second.get_by_test_id("design-title")).to_contain_text("rev 2")
    finally:
        other.close()

    set_image(page, "app", "nginx:1.29")
    save(page, "mine")
    page.get_by_test_id("conflict-reload").click()
    expect(container(page, "app")).to_contain_text("nginx:1.28")
    expect(page.get_by_test_id("design-title")).to_contain_text("rev 2")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("Control+z")
    expect(container(page, "app")).to_contain_text("nginx:1.29")


def test_history_lists_revisions_and_restores_one(page: Page, asgi_server: AsgiServer, ann: str) -> None:
    login(page, asgi_server, ann)
    open_editor(page, asgi_server)
    import_yaml(page, SHOP)
    save(page, "first version", name="Shop")
    expect(page.get_by_test_id("design-title")).to_contain_text("rev 1")
    set_image(page, "app", "nginx:1.28")
    save(page, "newer nginx")
    expect(page.get_by_test_id("design-title")).to_contain_text("rev 2")

    page.get_by_test_id("history").click()
    dialog = page.get_by_test_id("history-dialog")
    expect(dialog).to_contain_text("newer nginx")
    dialog.locator("li").filter(has_text="first version").get_by_role("button", name="Restore").click()
    expect(container(page, "app")).to_contain_text("nginx:1.27")
    expect(page.get_by_test_id("design-title")).to_contain_text("rev 3")


def test_a_pattern_template_opens_as_a_new_design(page: Page, asgi_server: AsgiServer) -> None:
    from django.core.management import call_command

    call_command("seed_patterns", verbosity=0)
    open_editor(page, asgi_server)
    page.get_by_test_id("empty-state").get_by_role("button", name="Open a pattern template").click()
    dialog = page.get_by_test_id("library-dialog")
    items = dialog.get_by_test_id("design-item")
    expect(items.first).to_be_visible()
    items.first.click()
    expect(dialog).to_have_count(0)
    expect(page.get_by_test_id("pod-node").first).to_be_visible()
    expect(page.get_by_test_id("unsaved")).to_be_visible()


def test_forking_a_saved_design_opens_the_copy(page: Page, asgi_server: AsgiServer, ann: str) -> None:
    from designer.library.models import Design

    login(page, asgi_server, ann)
    open_editor(page, asgi_server)
    import_yaml(page, SHOP)
    save(page, "first version", name="Shop")
    expect(page.get_by_test_id("design-title")).to_contain_text("rev 1")
    original = page.url
    page.get_by_role("button", name="Fork").click()
    page.get_by_test_id("fork-dialog").get_by_role("button", name="Fork").click()
    expect(page.get_by_test_id("fork-dialog")).to_have_count(0)
    expect(page).not_to_have_url(original)
    expect(container(page, "app")).to_be_visible()
    assert Design.objects.count() == 2
