"""``GET /api/designs/{id}/export`` and ``POST /api/export``: manifests as file downloads."""

from __future__ import annotations

import json

import pytest
import yaml

from designer.domain import operations
from designer.library import services
from tests.library.builders import broken_document, document
from tests.library.conftest import World

pytestmark = pytest.mark.django_db


def test_a_design_downloads_as_yaml_named_after_its_slug(world: World) -> None:
    response = world.client("viewer").get(f"/api/designs/{world.private.public_id}/export")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="checkout.yaml"'
    assert response["ETag"] == '"1"'
    manifest = yaml.safe_load(response.content)
    assert (manifest["kind"], manifest["metadata"]["name"]) == ("Pod", "checkout")
    report = operations.validate(operations.import_text(response.content).design)
    assert report.valid, report.findings


def test_format_json_and_kind_deployment(world: World) -> None:
    response = world.client("viewer").get(
        f"/api/designs/{world.private.public_id}/export?format=json&kind=Deployment&version=1.30"
    )
    assert response.status_code == 200, response.content
    assert response["Content-Disposition"] == 'attachment; filename="checkout.json"'
    manifest = json.loads(response.content)
    assert manifest["kind"] == "Deployment"
    assert manifest["spec"]["template"]["spec"]["containers"][0]["name"] == "web"


def test_an_older_revision_can_be_exported(world: World) -> None:
    services.design_save(
        user=world.owner,
        design=world.private,
        document=document(name="checkout", image="nginx:1.27.4"),
        base_revision=1,
    )
    client = world.client("viewer")
    old = client.get(f"/api/designs/{world.private.public_id}/export?revision=1")
    assert b"nginxinc/nginx-unprivileged:1.27.3" in old.content
    assert old["ETag"] == '"1"'
    assert b"nginx:1.27.4" in client.get(f"/api/designs/{world.private.public_id}/export").content


def test_a_design_with_errors_is_refused_with_422_and_its_findings(world: World) -> None:
    draft = services.design_create(
        user=world.owner, team=world.team, name="Draft", document=broken_document()
    )
    response = world.client("owner").get(f"/api/designs/{draft.public_id}/export")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "export_refused"
    assert any(f["severity"] == "error" for f in error["details"]["findings"])


def test_draft_1_exports_a_design_with_errors_anyway(world: World) -> None:
    draft = services.design_create(
        user=world.owner, team=world.team, name="Draft", document=broken_document()
    )
    response = world.client("owner").get(f"/api/designs/{draft.public_id}/export?draft=1")
    assert response.status_code == 200
    assert b"DRAFT" in response.content


@pytest.mark.parametrize(
    "query",
    ["format=xml", "kind=Service", "version=1.2", "version=banana", "draft=maybe", "revision=0"],
)
def test_bad_export_options_are_a_400(world: World, query: str) -> None:
    response = world.client("viewer").get(f"/api/designs/{world.private.public_id}/export?{query}")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_anyone_exports_an_unsaved_document(api: object) -> None:
    response = api.post(  # type: ignore[attr-defined]
        "/api/export",
        {"document": document(name="scratch"), "kind": "Job", "filename": "My Job"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response["Content-Disposition"] == 'attachment; filename="my-job.yaml"'
    assert yaml.safe_load(response.content)["kind"] == "Job"


def test_an_unsaved_document_with_errors_needs_draft(api: object) -> None:
    refused = api.post("/api/export", {"document": broken_document()}, format="json")  # type: ignore[attr-defined]
    assert refused.status_code == 422
    drafted = api.post(  # type: ignore[attr-defined]
        "/api/export",
        {"document": broken_document(), "draft": True, "format": "json"},
        format="json",
    )
    assert drafted.status_code == 200
    assert drafted["Content-Disposition"] == 'attachment; filename="design.json"'


def test_a_malformed_document_is_a_400_with_a_pointer(api: object) -> None:
    doc = document()
    doc["pods"][0]["containers"][0]["role"] = "boss"
    response = api.post("/api/export", {"document": doc}, format="json")  # type: ignore[attr-defined]
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_document"
    assert error["details"]["pointer"].startswith("/pods/0/containers/0")
