"""``/api/me``, API tokens, and session authentication with CSRF."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from designer.library.models import Team
from tests.library.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db


def test_me_describes_the_user_and_their_teams(world: World) -> None:
    body = world.client("viewer").get("/api/me").json()
    assert body["username"] == "vera"
    assert body["email"] == "vera@example.org"
    assert body["personal_team"] == world.viewer.personal_team.public_id
    assert [(t["slug"], t["role"]) for t in body["teams"]] == [
        ("vera", "owner"),
        ("platform", "viewer"),
    ]


def test_me_is_a_401_for_anonymous_users(api: APIClient) -> None:
    response = api.get("/api/me")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["error"]["code"] == "not_authenticated"


def test_a_user_made_by_createsuperuser_gets_a_personal_team_when_needed(api: APIClient) -> None:
    admin = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    assert not Team.objects.filter(personal_owner=admin).exists()
    api.force_login(admin)
    body = api.get("/api/me").json()
    assert body["personal_team"] == Team.objects.get(personal_owner=admin).public_id


def test_a_token_is_traded_for_a_password_and_authenticates(world: World, api: APIClient) -> None:
    response = api.post(
        "/api/auth/token", {"username": "eddie", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(user=world.editor).key == token
    scripted = APIClient()
    scripted.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert scripted.get("/api/me").json()["username"] == "eddie"
    created = scripted.post(
        "/api/designs/", {"team": world.team.public_id, "name": "Scripted"}, format="json"
    )
    assert created.status_code == 201


def test_the_same_token_comes_back_until_it_is_revoked(world: World, api: APIClient) -> None:
    body = {"username": "eddie", "password": PASSWORD}
    first = api.post("/api/auth/token", body, format="json").json()["token"]
    assert api.post("/api/auth/token", body, format="json").json()["token"] == first
    api.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert api.delete("/api/auth/token").status_code == 204
    assert api.get("/api/me").status_code == 401


def test_a_wrong_password_gets_no_token(world: World, api: APIClient) -> None:
    response = api.post("/api/auth/token", {"username": "eddie", "password": "nope"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Wrong username or password."
    assert not Token.objects.exists()


def test_a_bad_token_is_a_401(world: World, api: APIClient) -> None:
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api.get(f"/api/designs/{world.public.public_id}/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_session_writes_need_the_csrf_token(world: World) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.editor)
    url = f"/api/designs/{world.private.public_id}/"
    refused = client.patch(url, {"description": "x"}, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["error"]["message"]
    client.get("/")  # the editor page sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    allowed = client.patch(url, {"description": "x"}, format="json", HTTP_X_CSRFTOKEN=token)
    assert allowed.status_code == 200
