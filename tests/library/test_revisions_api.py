"""``/api/designs/{id}/revisions/``: saves with optimistic concurrency, history, restore."""

from __future__ import annotations

import pytest

from designer.library.models import Revision
from tests.library.builders import document, pod_yaml
from tests.library.conftest import World
from tests.library.snapshots import snapshot

pytestmark = pytest.mark.django_db


def save(world: World, persona: str = "editor", **kwargs: object) -> object:
    image = kwargs.pop("image", "nginx:1.27.4")
    headers = {"HTTP_IF_MATCH": kwargs.pop("if_match")} if "if_match" in kwargs else {}
    body = {"document": document(name="checkout", image=str(image)), "message": "bump", **kwargs}
    return world.client(persona).post(
        f"/api/designs/{world.private.public_id}/revisions/", body, format="json", **headers
    )


def test_a_save_with_if_match_appends_revision_2(world: World) -> None:
    response = save(world, if_match='"1"')
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["number"], body["parent"], body["message"], body["author"]) == (
        2,
        1,
        "bump",
        "eddie",
    )
    assert body["valid"] is True
    assert body["counts"]["errors"] == 0
    assert response["ETag"] == '"2"'
    world.private.refresh_from_db()
    assert world.private.head_number == 2
    assert world.private.images == ["nginx:1.27.4"]


def test_a_save_may_name_its_base_in_the_body_instead(world: World) -> None:
    assert save(world, base_revision=1).status_code == 201


def test_a_save_can_send_yaml(world: World) -> None:
    response = world.client("editor").post(
        f"/api/designs/{world.private.public_id}/revisions/",
        {"yaml": pod_yaml(name="from-yaml"), "base_revision": 1},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["document"]["pods"][0]["metadata"]["name"] == "from-yaml"


def test_a_stale_save_is_refused_with_409_and_the_current_revision(world: World) -> None:
    assert save(world, base_revision=1).status_code == 201
    before = snapshot()
    response = save(world, persona="owner", base_revision=1, image="nginx:9.9.9")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "stale_revision"
    assert error["details"]["current_revision"] == 2
    assert error["details"]["revision"]["number"] == 2
    assert error["details"]["revision"]["author"] == "eddie"
    assert error["details"]["revision"]["document"]["pods"][0]["containers"][0]["spec"][
        "image"
    ] == ("nginx:1.27.4")
    assert response["ETag"] == '"2"'
    assert snapshot() == before


def test_a_stale_if_match_is_refused_too(world: World) -> None:
    save(world, if_match='"1"')
    assert save(world, if_match='"1"').status_code == 409


def test_a_save_without_a_base_revision_is_refused_with_428(world: World) -> None:
    before = snapshot()
    response = save(world)
    assert response.status_code == 428
    assert response.json()["error"]["code"] == "precondition_required"
    assert snapshot() == before


def test_if_match_and_base_revision_must_agree(world: World) -> None:
    response = save(world, if_match='"1"', base_revision=2)
    assert response.status_code == 400
    assert "base_revision" in response.json()["error"]["details"]


def test_a_malformed_if_match_is_a_400(world: World) -> None:
    assert save(world, if_match="yesterday").status_code == 400


def test_history_lists_revisions_newest_first_without_documents(world: World) -> None:
    save(world, base_revision=1)
    save(world, base_revision=2, image="nginx:1.27.5")
    response = world.client("viewer").get(f"/api/designs/{world.private.public_id}/revisions/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["number"] for r in results] == [3, 2, 1]
    assert "document" not in results[0]
    assert results[2]["parent"] is None


def test_one_revision_is_read_with_its_document(world: World) -> None:
    save(world, base_revision=1)
    response = world.client("viewer").get(f"/api/designs/{world.private.public_id}/revisions/1/")
    assert response.status_code == 200
    image = response.json()["document"]["pods"][0]["containers"][0]["spec"]["image"]
    assert image == "nginxinc/nginx-unprivileged:1.27.3"


def test_a_missing_revision_is_a_404(world: World) -> None:
    response = world.client("owner").get(f"/api/designs/{world.private.public_id}/revisions/9/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_restore_appends_a_copy_of_an_old_revision(world: World) -> None:
    save(world, base_revision=1)
    response = world.client("editor").post(
        f"/api/designs/{world.private.public_id}/revisions/1/restore/", {}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["number"], body["parent"], body["message"]) == (3, 2, "Restored r1")
    first = Revision.objects.get(design=world.private, number=1)
    assert body["document"] == first.document
    assert Revision.objects.filter(design=world.private).count() == 3


def test_restore_with_a_stale_base_is_refused(world: World) -> None:
    save(world, base_revision=1)
    response = world.client("editor").post(
        f"/api/designs/{world.private.public_id}/revisions/1/restore/",
        {"base_revision": 1},
        format="json",
    )
    assert response.status_code == 409


def test_diff_compares_documents_and_exported_yaml(world: World) -> None:
    save(world, base_revision=1)
    response = world.client("viewer").get(
        f"/api/designs/{world.private.public_id}/diff?from=1&to=2"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["from_revision"], body["to_revision"]) == (1, 2)
    changed = {c["path"]: (c["before"], c["after"]) for c in body["document"]["changed"]}
    assert changed["/pods/0/containers/0/spec/image"] == (
        "nginxinc/nginx-unprivileged:1.27.3",
        "nginx:1.27.4",
    )
    assert "-    image: nginxinc/nginx-unprivileged:1.27.3\n" in body["yaml"]
    assert "+    image: nginx:1.27.4\n" in body["yaml"]
    assert body["yaml"].startswith("--- checkout.yaml@r1\n+++ checkout.yaml@r2\n")


def test_diff_defaults_to_the_last_change(world: World) -> None:
    save(world, base_revision=1)
    body = world.client("viewer").get(f"/api/designs/{world.private.public_id}/diff").json()
    assert (body["from_revision"], body["to_revision"]) == (1, 2)


def test_diff_reports_added_and_removed_paths(world: World) -> None:
    doc = document(name="checkout")
    doc["pods"][0]["notes"] = "now with notes"
    doc["pods"][0]["metadata"]["labels"] = {"tier": "web"}
    del doc["pods"][0]["metadata"]["namespace"]
    world.client("editor").post(
        f"/api/designs/{world.private.public_id}/revisions/",
        {"document": doc, "base_revision": 1},
        format="json",
    )
    body = world.client("viewer").get(f"/api/designs/{world.private.public_id}/diff").json()
    assert "/pods/0/metadata/labels" in body["document"]["added"]
    assert "/pods/0/metadata/namespace" in body["document"]["removed"]
    assert {"path": "/pods/0/notes", "before": "", "after": "now with notes"} in body["document"][
        "changed"
    ]


def test_diff_of_unknown_revisions_is_a_404_and_bad_numbers_a_400(world: World) -> None:
    client = world.client("viewer")
    assert client.get(f"/api/designs/{world.private.public_id}/diff?from=1&to=7").status_code == 404
    assert client.get(f"/api/designs/{world.private.public_id}/diff?from=x").status_code == 400


def test_a_null_base_revision_counts_as_missing(world: World) -> None:
    assert save(world, base_revision=None).status_code == 428
