"""Bad input anywhere is a 4xx with the one error shape, never a 500, and saves nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.library.builders import document
from tests.library.conftest import World
from tests.library.snapshots import snapshot

pytestmark = pytest.mark.django_db


def refused(world: World, method: str, url: str, body: Any = None, **kwargs: Any) -> Any:
    """Send a request as the team owner; check the status, the error shape and the unchanged DB."""
    url = url.format(design=world.private.public_id, team=world.team.public_id)
    before = snapshot()
    response = getattr(world.client("owner"), method)(url, body, **kwargs)
    assert 400 <= response.status_code < 500, response.content[:300]
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"}
    assert isinstance(error["message"], str) and error["message"]
    assert snapshot() == before
    return response


@pytest.mark.parametrize(
    ("method", "url", "body", "field"),
    [
        ("post", "/api/designs/", {"name": "X", "colour": "red"}, "colour"),
        ("post", "/api/designs/", {"name": 42}, "name"),
        ("post", "/api/designs/", {"name": ["x"]}, "name"),
        ("post", "/api/designs/", {"name": ""}, "name"),
        ("post", "/api/designs/", {}, "name"),
        ("post", "/api/designs/", {"name": "X", "tags": "a,b"}, "tags"),
        ("post", "/api/designs/", {"name": "X", "tags": ["no spaces"]}, "tags"),
        ("post", "/api/designs/", {"name": "X", "tags": [f"t{i}" for i in range(30)]}, "tags"),
        ("post", "/api/designs/", {"name": "X", "visibility": "everyone"}, "visibility"),
        ("post", "/api/designs/", {"name": "X", "document": [1, 2]}, "document"),
        ("post", "/api/designs/", {"name": "X", "document": "{}"}, "document"),
        ("post", "/api/designs/", {"name": "X", "slug": "not a slug"}, "slug"),
        ("post", "/api/designs/", {"name": "X" * 500}, "name"),
        ("patch", "/api/designs/{design}/", {"visibility": True}, "visibility"),
        ("patch", "/api/designs/{design}/", {"base_revision": "1"}, "base_revision"),
        ("patch", "/api/designs/{design}/", {"owner": "me"}, "owner"),
        (
            "post",
            "/api/designs/{design}/revisions/",
            {"document": {}, "base_revision": -1},
            "base_revision",
        ),
        (
            "post",
            "/api/designs/{design}/revisions/",
            {"document": {}, "base_revision": True},
            "base_revision",
        ),
        ("post", "/api/designs/{design}/fork/", {"where": "there"}, "where"),
        ("post", "/api/teams/", {"name": None}, "name"),
        ("post", "/api/teams/{team}/members/", {"username": "vera", "role": "boss"}, "role"),
        ("post", "/api/validate", {"document": {}, "strict": True}, "strict"),
        ("post", "/api/export", {"document": {}, "draft": "yes"}, "draft"),
        ("post", "/api/export", {"document": {}, "format": "toml"}, "format"),
        ("post", "/api/auth/token", {"username": "olivia"}, "password"),
    ],
)
def test_wrong_fields_and_types_are_a_400_naming_the_field(
    world: World, method: str, url: str, body: Any, field: str
) -> None:
    response = refused(world, method, url, body, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["details"], response.json()


def test_a_document_and_yaml_together_are_refused(world: World) -> None:
    refused(
        world, "post", "/api/designs/", {"name": "X", "document": {}, "yaml": "a: 1"}, format="json"
    )


@pytest.mark.parametrize(
    "doc",
    [
        {},
        {"schema_version": 2, "kubernetes_version": "1.33", "pods": []},
        {"schema_version": 1, "kubernetes_version": "0.1", "pods": [{"id": "p"}]},
        {"schema_version": 1, "kubernetes_version": "1.33", "pods": [{"id": "bad id!"}]},
        {"schema_version": 1, "kubernetes_version": "1.33", "pods": "many"},
    ],
)
def test_a_malformed_document_is_a_400_and_saves_nothing(world: World, doc: dict[str, Any]) -> None:
    response = refused(
        world,
        "post",
        "/api/designs/{design}/revisions/",
        {"document": doc, "base_revision": 1},
        format="json",
    )
    assert response.json()["error"]["code"] == "invalid_document"
    refused(world, "post", "/api/designs/", {"name": "X", "document": doc}, format="json")
    refused(
        world,
        "put",
        "/api/designs/{design}/",
        {"name": "Y", "document": doc, "base_revision": 1},
        format="json",
    )


def test_malformed_yaml_in_a_save_is_a_400_with_a_position(world: World) -> None:
    response = refused(
        world,
        "post",
        "/api/designs/{design}/revisions/",
        {"yaml": "apiVersion: v1\nkind: Pod\n  bad: indent\n", "base_revision": 1},
        format="json",
    )
    details = response.json()["error"]["details"]
    assert details["line"] == 3


def test_malformed_json_is_a_400(world: World) -> None:
    response = refused(
        world, "post", "/api/designs/", '{"name": "x",', content_type="application/json"
    )
    assert response.json()["error"]["code"] == "malformed_request"


def test_nan_is_not_json(world: World) -> None:
    refused(world, "post", "/api/designs/", '{"name": NaN}', content_type="application/json")


def test_a_non_object_body_is_a_400(world: World) -> None:
    refused(world, "post", "/api/designs/", "[1, 2, 3]", content_type="application/json")


def test_an_unsupported_media_type_is_a_415(world: World) -> None:
    response = refused(world, "post", "/api/designs/", "name=x", content_type="text/plain")
    assert response.status_code == 415


def test_deeply_nested_json_is_a_400(world: World) -> None:
    deep = '{"name": "x", "document": ' + '{"a": ' * 100 + "1" + "}" * 100 + "}"
    refused(world, "post", "/api/designs/", deep, content_type="application/json")
    deeper = "[" * 100_000 + "]" * 100_000
    refused(world, "post", "/api/validate", deeper, content_type="application/json")


def test_a_body_over_the_size_limit_is_a_413(world: World) -> None:
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    huge = json.dumps({"name": "x", "description": "y" * size})
    response = refused(world, "post", "/api/designs/", huge, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"
    refused(world, "post", "/api/validate", huge, content_type="application/json")


def test_an_upload_over_the_size_limit_is_a_413(world: World) -> None:
    upload = SimpleUploadedFile("big.yaml", b"#" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10))
    response = refused(
        world, "post", "/api/import", {"file": upload, "name": "Big"}, format="multipart"
    )
    assert response.status_code == 413


def test_an_unknown_multipart_field_is_a_400(world: World) -> None:
    upload = SimpleUploadedFile("pod.yaml", b"kind: Pod")
    refused(world, "post", "/api/import", {"file": upload, "colour": "red"}, format="multipart")


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/designs/doesnotexist/"),
        ("patch", "/api/designs/doesnotexist/"),
        ("delete", "/api/designs/doesnotexist/"),
        ("get", "/api/designs/doesnotexist/revisions/"),
        ("get", "/api/designs/{design}/revisions/99/"),
        ("post", "/api/designs/{design}/revisions/99/restore/"),
        ("get", "/api/designs/doesnotexist/export"),
        ("get", "/api/designs/{design}/export?revision=99"),
        ("post", "/api/designs/doesnotexist/fork/"),
        ("get", "/api/teams/doesnotexist/"),
        ("get", "/api/teams/doesnotexist/members/"),
        ("delete", "/api/teams/{team}/members/nobody/"),
    ],
)
def test_unknown_ids_are_a_404(world: World, method: str, url: str) -> None:
    body = {} if method in ("post", "patch") else None
    response = refused(world, method, url, body, format="json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_fork_into_an_unknown_team_is_a_404(world: World) -> None:
    response = refused(
        world, "post", "/api/designs/{design}/fork/", {"team": "nope"}, format="json"
    )
    assert response.status_code == 404


def test_a_wrong_method_is_a_405(world: World) -> None:
    response = refused(world, "delete", "/api/validate")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_a_valid_save_after_all_that_still_works(world: World) -> None:
    response = world.client("owner").post(
        f"/api/designs/{world.private.public_id}/revisions/",
        {"document": document(), "base_revision": 1},
        format="json",
    )
    assert response.status_code == 201
