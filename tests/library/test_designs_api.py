"""``/api/designs/``: create, read, list, change, delete."""

from __future__ import annotations

import pytest

from designer.library.models import Design, Revision
from tests.library.builders import broken_document, document, pod_yaml
from tests.library.conftest import World

pytestmark = pytest.mark.django_db


def test_an_editor_creates_a_design_from_a_document_as_revision_1(world: World) -> None:
    response = world.client("editor").post(
        "/api/designs/",
        {
            "team": world.team.public_id,
            "name": "Orders API",
            "document": document(name="orders"),
            "message": "first cut",
            "tags": ["Shop", "api"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["slug"] == "orders-api"
    assert body["team"]["id"] == world.team.public_id
    assert body["revision"] == 1
    assert body["message"] == "first cut"
    assert body["author"] == "eddie"
    assert body["tags"] == ["shop", "api"]
    assert body["visibility"] == "private"
    assert body["valid"] is True
    assert body["permissions"] == {"edit": True, "delete": False, "role": "editor"}
    assert response["ETag"] == '"1"'
    assert response["Location"] == f"/api/designs/{body['id']}/"
    assert body["document"]["pods"][0]["metadata"]["name"] == "orders"


def test_a_design_can_be_created_from_yaml(world: World) -> None:
    response = world.client("owner").post(
        "/api/designs/", {"name": "From YAML", "yaml": pod_yaml(name="yamlpod")}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["document"]["pods"][0]["metadata"]["name"] == "yamlpod"


def test_without_a_team_the_design_goes_to_the_personal_team(world: World) -> None:
    response = world.client("stranger").post("/api/designs/", {"name": "Mine"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["team"]["id"] == world.stranger.personal_team.public_id


def test_an_empty_design_is_saved_with_its_errors_counted(world: World) -> None:
    response = world.client("owner").post(
        "/api/designs/", {"name": "Draft", "document": broken_document()}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["valid"] is False
    assert response.json()["counts"]["errors"] >= 1


def test_the_same_name_gets_a_free_slug_and_a_taken_slug_is_refused(world: World) -> None:
    client = world.client("owner")
    second = client.post(
        "/api/designs/", {"team": world.team.public_id, "name": "Checkout"}, format="json"
    )
    assert second.json()["slug"] == "checkout-2"
    taken = client.post(
        "/api/designs/",
        {"team": world.team.public_id, "name": "X", "slug": "checkout"},
        format="json",
    )
    assert taken.status_code == 400
    assert taken.json()["error"]["details"] == {"slug": ["This slug is already used in this team."]}


def test_get_returns_the_latest_document_and_an_etag(world: World) -> None:
    response = world.client("viewer").get(f"/api/designs/{world.private.public_id}/")
    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    body = response.json()
    assert body["name"] == "Checkout"
    assert body["permissions"] == {"edit": False, "delete": False, "role": "viewer"}
    assert body["images"] == ["nginxinc/nginx-unprivileged:1.27.3"]


def test_patch_changes_metadata_without_a_new_revision(world: World) -> None:
    response = world.client("editor").patch(
        f"/api/designs/{world.private.public_id}/",
        {"description": "Pays for things", "visibility": "public", "tags": ["payments"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["description"], body["visibility"], body["tags"]) == (
        "Pays for things",
        "public",
        ["payments"],
    )
    assert body["revision"] == 1
    assert Revision.objects.filter(design=world.private).count() == 1


def test_put_with_a_document_appends_a_revision(world: World) -> None:
    response = world.client("editor").put(
        f"/api/designs/{world.private.public_id}/",
        {
            "name": "Checkout v2",
            "document": document(name="checkout", image="nginx:1.27.4"),
            "message": "bump nginx",
        },
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["name"], body["revision"], body["message"]) == ("Checkout v2", 2, "bump nginx")
    assert body["images"] == ["nginx:1.27.4"]
    assert response["ETag"] == '"2"'


def test_owner_deletes_a_design_with_its_revisions(world: World) -> None:
    pk = world.private.pk
    response = world.client("owner").delete(f"/api/designs/{world.private.public_id}/")
    assert response.status_code == 204
    assert not Design.objects.filter(pk=pk).exists()
    assert not Revision.objects.filter(design_id=pk).exists()


def test_editors_cannot_delete(world: World) -> None:
    response = world.client("editor").delete(f"/api/designs/{world.private.public_id}/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_if_none_match_with_the_current_etag_is_a_304(world: World) -> None:
    client = world.client("viewer")
    url = f"/api/designs/{world.private.public_id}/"
    assert client.get(url, HTTP_IF_NONE_MATCH='"1"').status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"0"').status_code == 200
