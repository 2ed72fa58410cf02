"""``/api/validate``, ``/api/import`` and ``/api/kubernetes-versions``."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from designer.domain import versions
from designer.library.models import Design
from tests.library.builders import broken_document, document, pod_yaml
from tests.library.conftest import World
from tests.library.snapshots import snapshot

pytestmark = pytest.mark.django_db


def test_validate_reports_on_a_document(api: APIClient) -> None:
    response = api.post("/api/validate", {"document": document()}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True
    assert body["kubernetes_version"] == versions.DEFAULT_VERSION
    assert set(body["counts"]) == {"error", "warning", "info"}


def test_validate_finds_errors_and_pins_them_to_elements(api: APIClient) -> None:
    body = api.post("/api/validate", {"document": broken_document()}, format="json").json()
    assert body["valid"] is False
    error = next(f for f in body["findings"] if f["severity"] == "error")
    assert error["element"] == "pod-1"
    assert error["path"] == "spec.containers"


def test_validate_accepts_yaml_and_a_target_version(api: APIClient) -> None:
    response = api.post(
        "/api/validate", {"yaml": pod_yaml(), "kubernetes_version": "v1.28"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["kubernetes_version"] == "1.28"


def test_validate_refuses_an_unsupported_version(api: APIClient) -> None:
    response = api.post(
        "/api/validate", {"document": document(), "kubernetes_version": "1.5"}, format="json"
    )
    assert response.status_code == 400
    assert "kubernetes_version" in response.json()["error"]["details"]


def test_validate_needs_something_to_validate(api: APIClient) -> None:
    assert api.post("/api/validate", {}, format="json").status_code == 400


def test_import_turns_yaml_into_a_document_with_notes(api: APIClient) -> None:
    response = api.post("/api/import", {"yaml": pod_yaml(name="imported")}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["document"]["pods"][0]["metadata"]["name"] == "imported"
    assert body["notes"] == ["imported Pod/imported as pod-1"]


def test_import_accepts_a_file_upload(api: APIClient) -> None:
    upload = SimpleUploadedFile("pod.yaml", pod_yaml(name="uploaded").encode(), "application/yaml")
    response = api.post("/api/import", {"file": upload}, format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json()["document"]["pods"][0]["metadata"]["name"] == "uploaded"


def test_import_with_a_name_saves_a_design_in_the_team(world: World) -> None:
    response = world.client("editor").post(
        "/api/import",
        {"yaml": pod_yaml(name="saved"), "team": world.team.public_id, "name": "Imported pod"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["team"]["id"] == world.team.public_id
    assert body["message"] == "Imported"
    assert body["notes"] == ["imported Pod/saved as pod-1"]
    assert Design.objects.filter(public_id=body["id"]).exists()


def test_an_upload_with_a_name_saves_into_the_personal_team(world: World) -> None:
    upload = SimpleUploadedFile("pod.yaml", pod_yaml().encode())
    response = world.client("stranger").post(
        "/api/import", {"file": upload, "name": "Uploaded"}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["team"]["id"] == world.stranger.personal_team.public_id


def test_anonymous_users_cannot_save_an_import(api: APIClient, world: World) -> None:
    before = snapshot()
    response = api.post("/api/import", {"yaml": pod_yaml(), "name": "Nope"}, format="json")
    assert response.status_code == 401
    assert snapshot() == before


def test_a_viewer_cannot_save_an_import_into_their_team(world: World) -> None:
    response = world.client("viewer").post(
        "/api/import",
        {"yaml": pod_yaml(), "team": world.team.public_id, "name": "Nope"},
        format="json",
    )
    assert response.status_code == 403


def test_malformed_yaml_is_a_400_with_line_and_column(api: APIClient) -> None:
    response = api.post(
        "/api/import", {"yaml": "kind: Pod\nmetadata:\n  name: [unclosed\n"}, format="json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_manifest"
    assert isinstance(error["details"]["line"], int)
    assert isinstance(error["details"]["column"], int)


def test_an_alias_bomb_is_refused(api: APIClient) -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'
    response = api.post("/api/import", {"yaml": bomb}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_manifest"


def test_import_needs_exactly_one_source(api: APIClient) -> None:
    assert api.post("/api/import", {}, format="json").status_code == 400
    upload = SimpleUploadedFile("pod.yaml", pod_yaml().encode())
    both = api.post("/api/import", {"file": upload, "yaml": pod_yaml()}, format="multipart")
    assert both.status_code == 400


def test_kubernetes_versions_lists_the_supported_ones_and_the_default(api: APIClient) -> None:
    body = api.get("/api/kubernetes-versions").json()
    assert body["versions"] == list(versions.SUPPORTED_VERSIONS)
    assert body["default"] == versions.DEFAULT_VERSION
    assert "1.27" in body["versions"]


def test_a_blank_version_means_the_documents_own(api: APIClient) -> None:
    response = api.post(
        "/api/validate", {"document": document(), "kubernetes_version": ""}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["kubernetes_version"] == versions.DEFAULT_VERSION


def test_a_download_asking_only_for_yaml_still_gets_its_file_or_a_json_error(
    api: APIClient,
) -> None:
    ok = api.post("/api/export", {"document": document()}, format="json", HTTP_ACCEPT="text/yaml")
    assert ok.status_code == 200
    refused = api.post(
        "/api/export", {"document": broken_document()}, format="json", HTTP_ACCEPT="text/yaml"
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "export_refused"
