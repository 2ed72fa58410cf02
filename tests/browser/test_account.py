"""The header's account area: a new user finds sign-up, comes back signed in, and can log out."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import AsgiServer

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_new_user_signs_up_from_the_header_and_returns_to_the_editor_signed_in(
    page: Page, asgi_server: AsgiServer, screenshots: Path
) -> None:
    page.goto(asgi_server.url + "/")
    account = page.get_by_test_id("account")
    expect(account).to_have_attribute("data-state", "anonymous")
    page.get_by_role("link", name="Sign up").click()

    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password", exact=True).fill("a sturdy passphrase 42")
    page.get_by_label("Password confirmation").fill("a sturdy passphrase 42")
    page.screenshot(path=screenshots / "account-signup.png")
    page.get_by_role("button", name="Sign up").click()

    expect(page).to_have_url(asgi_server.url + "/")
    expect(account).to_have_attribute("data-state", "signed-in")
    expect(account).to_contain_text("newcomer")
    page.screenshot(path=screenshots / "account-signed-in.png")

    page.get_by_role("link", name="Log out").click()
    page.get_by_role("button", name="Log out").click()
    page.goto(asgi_server.url + "/")
    expect(account).to_have_attribute("data-state", "anonymous")
