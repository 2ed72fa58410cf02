"""A new user's first visit: sign up, open a template, fork it, save twice, download valid YAML."""

from __future__ import annotations

import pytest
from django.test import Client

from designer.domain import operations
from designer.library.services.patterns import pattern_seed
from tests.library.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_new_user_forks_a_template_saves_twice_and_downloads_valid_yaml() -> None:
    pattern_seed()
    browser = Client(enforce_csrf_checks=True)

    signup = browser.get("/accounts/signup/")
    response = browser.post(
        "/accounts/signup/",
        {
            "csrfmiddlewaretoken": signup.context["csrf_token"],
            "username": "newcomer",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert (response.status_code, response["Location"]) == (302, "/")
    assert browser.get("/").status_code == 200
    csrf = {"HTTP_X_CSRFTOKEN": browser.cookies["csrftoken"].value}
    me = browser.get("/api/me").json()
    assert me["username"] == "newcomer"

    templates = browser.get("/api/designs/?template=1&q=sidecar").json()["results"]
    template = next(t for t in templates if t["slug"] == "log-shipping-sidecar")
    opened = browser.get(f"/api/designs/{template['id']}/").json()
    assert opened["permissions"]["edit"] is False

    fork = browser.post(
        f"/api/designs/{template['id']}/fork/", {}, content_type="application/json", **csrf
    )
    assert fork.status_code == 201, fork.json()
    design = fork.json()
    assert design["team"]["id"] == me["personal_team"]
    assert design["message"] == "Forked from pod-designer/log-shipping-sidecar r1"
    assert design["permissions"]["edit"] is True

    document = design["document"]
    etag = fork["ETag"]
    for image in ("nginxinc/nginx-unprivileged:1.27.4", "nginxinc/nginx-unprivileged:1.27.5"):
        app = next(c for c in document["pods"][0]["containers"] if c["role"] == "main")
        app["spec"]["image"] = image
        saved = browser.post(
            f"/api/designs/{design['id']}/revisions/",
            {"document": document, "message": f"use {image}"},
            content_type="application/json",
            HTTP_IF_MATCH=etag,
            **csrf,
        )
        assert saved.status_code == 201, saved.json()
        etag = saved["ETag"]
        document = saved.json()["document"]

    history = browser.get(f"/api/designs/{design['id']}/revisions/").json()["results"]
    assert [r["number"] for r in history] == [3, 2, 1]
    assert [r["author"] for r in history] == ["newcomer"] * 3

    download = browser.get(f"/api/designs/{design['id']}/export?format=yaml")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="log-shipping-sidecar.yaml"'
    assert b"nginxinc/nginx-unprivileged:1.27.5" in download.content
    report = operations.validate(operations.import_text(download.content).design)
    assert [f for f in report.findings if f.severity == "error"] == []
