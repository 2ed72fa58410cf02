"""Sign up, log in and log out pages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from designer.library.models import Membership
from tests.library.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db


def test_the_sign_up_page_renders_a_form(client: Client) -> None:
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'name="password1"' in response.content
    assert b"csrfmiddlewaretoken" in response.content


def test_signing_up_creates_a_user_with_a_personal_team_and_opens_the_editor(
    client: Client,
) -> None:
    response = client.post(
        "/accounts/signup/",
        {"username": "newbie", "email": "", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(username="newbie")
    assert Membership.objects.get(user=user, team=user.personal_team).role == "owner"
    assert client.get("/api/me").json()["username"] == "newbie"


def test_sign_up_errors_are_shown_and_nothing_is_created(client: Client) -> None:
    response = client.post(
        "/accounts/signup/", {"username": "newbie", "password1": "123", "password2": "124"}
    )
    assert response.status_code == 200
    assert b"errors" in response.content
    assert not User.objects.filter(username="newbie").exists()


def test_a_taken_username_is_refused(client: Client, world: World) -> None:
    response = client.post(
        "/accounts/signup/", {"username": "vera", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 200
    assert User.objects.filter(username="vera").count() == 1


def test_logging_in_opens_the_editor(client: Client, world: World) -> None:
    assert client.get("/accounts/login/").status_code == 200
    response = client.post("/accounts/login/", {"username": "vera", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/api/me").status_code == 200


def test_a_wrong_password_shows_the_form_again(client: Client, world: World) -> None:
    response = client.post("/accounts/login/", {"username": "vera", "password": "wrong"})
    assert response.status_code == 200
    assert client.get("/api/me").status_code == 401


def test_logging_out_needs_a_post(client: Client, world: World) -> None:
    client.force_login(world.viewer)
    page = client.get("/accounts/logout/")
    assert page.status_code == 200
    assert b"vera" in page.content
    assert client.get("/api/me").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/api/me").status_code == 401


def test_signing_up_returns_to_a_local_next_page_but_not_to_another_site(client: Client) -> None:
    body = {"password1": PASSWORD, "password2": PASSWORD}
    response = client.post("/accounts/signup/?next=/?design=abc", {"username": "a1", **body})
    assert response["Location"] == "/?design=abc"
    client.logout()
    response = client.post(
        "/accounts/signup/", {"username": "a2", "next": "https://evil.example/", **body}
    )
    assert response["Location"] == "/"
