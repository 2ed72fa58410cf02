"""Pages served by Django (the React bundle is loaded through Vite's manifest)."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_editor_page_loads_the_hashed_bundle_and_sets_a_csrf_cookie(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div id="root">' in html
    assert 'type="module" src="/static/assets/main-' in html
    assert "csrftoken" in response.cookies


def test_healthz_answers_ok(client: Client) -> None:
    response = client.get("/healthz")
    assert response.json() == {"status": "ok"}


def test_the_built_bundle_is_served_as_a_static_file(client: Client) -> None:
    html = client.get("/").content.decode()
    src = html.split('type="module" src="')[1].split('"')[0]
    response = client.get(src)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)  # type: ignore[attr-defined]
