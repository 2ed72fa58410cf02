"""Every endpoint × every persona: 404 for what you may not know exists, 403 for what you may
see but not change, 401 for anonymous writes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.library.builders import document, pod_yaml
from tests.library.conftest import World
from tests.library.snapshots import snapshot

pytestmark = pytest.mark.django_db

PERSONAS = ("owner", "editor", "viewer", "stranger", "anonymous")


def cases() -> list[tuple[str, str, str, dict[str, Any] | None, dict[str, int]]]:
    """(method, url template, label, body, expected status per persona)."""
    read_private = {"owner": 200, "editor": 200, "viewer": 200, "stranger": 404, "anonymous": 404}
    read_public = dict.fromkeys(PERSONAS, 200)
    edit_private = {"owner": 200, "editor": 200, "viewer": 403, "stranger": 404, "anonymous": 401}
    edit_public = {"owner": 200, "editor": 200, "viewer": 403, "stranger": 403, "anonymous": 401}
    save_private = {k: 201 if v == 200 else v for k, v in edit_private.items()}
    save_public = {k: 201 if v == 200 else v for k, v in edit_public.items()}
    delete_private = {"owner": 204, "editor": 403, "viewer": 403, "stranger": 404, "anonymous": 401}
    delete_public = {"owner": 204, "editor": 403, "viewer": 403, "stranger": 403, "anonymous": 401}
    fork_private = {"owner": 201, "editor": 201, "viewer": 201, "stranger": 404, "anonymous": 401}
    fork_public = {**fork_private, "stranger": 201}
    team_read = {"owner": 200, "editor": 200, "viewer": 200, "stranger": 404, "anonymous": 401}
    team_owner = {"owner": 200, "editor": 403, "viewer": 403, "stranger": 404, "anonymous": 401}
    member_add = {k: 201 if v == 200 else v for k, v in team_owner.items()}
    team_delete = {k: 204 if v == 200 else v for k, v in team_owner.items()}
    mine = {**dict.fromkeys(PERSONAS, 200), "anonymous": 401}
    create = {**dict.fromkeys(PERSONAS, 201), "anonymous": 401}
    save = {"document": document(name="matrix"), "base_revision": 1}
    out = []
    for which, read, edit, saving, delete, fork in (
        ("private", read_private, edit_private, save_private, delete_private, fork_private),
        ("public", read_public, edit_public, save_public, delete_public, fork_public),
    ):
        base = f"/api/designs/{{{which}}}/"
        out += [
            ("get", base, f"read {which}", None, read),
            ("get", f"{base}revisions/", f"history {which}", None, read),
            ("get", f"{base}revisions/1/", f"revision {which}", None, read),
            ("get", f"{base}diff?from=1&to=1", f"diff {which}", None, read),
            ("get", f"{base}export", f"export {which}", None, read),
            ("patch", base, f"patch {which}", {"description": "changed"}, edit),
            ("put", base, f"put {which}", {"name": "Renamed"}, edit),
            ("post", f"{base}revisions/", f"save {which}", save, saving),
            ("post", f"{base}revisions/1/restore/", f"restore {which}", {}, saving),
            ("post", f"{base}fork/", f"fork {which}", {}, fork),
            ("delete", base, f"delete {which}", None, delete),
        ]
    team = "/api/teams/{team}/"
    out += [
        ("get", "/api/designs/", "list designs", None, read_public),
        ("post", "/api/designs/", "create design", {"name": "New"}, create),
        ("get", "/api/teams/", "list teams", None, mine),
        ("post", "/api/teams/", "create team", {"name": "New team"}, create),
        ("get", "/api/me", "me", None, mine),
        ("get", team, "read team", None, team_read),
        ("patch", team, "rename team", {"name": "Renamed"}, team_owner),
        ("delete", team, "delete team", None, team_delete),
        ("get", f"{team}members/", "list members", None, team_read),
        ("post", f"{team}members/", "add member", {"username": "sam"}, member_add),
        ("patch", f"{team}members/vera/", "change role", {"role": "editor"}, team_owner),
        ("delete", f"{team}members/vera/", "remove member", None, {**team_delete, "viewer": 204}),
        ("get", "/api/kubernetes-versions", "versions", None, read_public),
        ("post", "/api/validate", "validate", {"document": save["document"]}, read_public),
        ("post", "/api/import", "import", {"yaml": pod_yaml()}, read_public),
        ("post", "/api/export", "export unsaved", {"document": save["document"]}, read_public),
    ]
    return out


CASES = [
    pytest.param(method, url, body, persona, expected[persona], id=f"{label}-{persona}")
    for method, url, label, body, expected in cases()
    for persona in PERSONAS
]


@pytest.mark.parametrize(("method", "url", "body", "persona", "status"), CASES)
def test_permission_matrix(
    world: World, method: str, url: str, body: dict[str, Any] | None, persona: str, status: int
) -> None:
    url = url.format(
        private=world.private.public_id, public=world.public.public_id, team=world.team.public_id
    )
    refused = status >= 400
    before = snapshot() if refused else None
    client = world.client(persona)
    response = (
        getattr(client, method)(url, body, format="json")
        if body is not None
        else getattr(client, method)(url)
    )
    assert response.status_code == status, response.content[:300]
    if refused:
        assert set(response.json()) == {"error"}
        assert snapshot() == before


def test_a_removed_member_loses_access_at_once(world: World) -> None:
    world.client("owner").delete(f"/api/teams/{world.team.public_id}/members/vera/")
    response = world.client("viewer").get(f"/api/designs/{world.private.public_id}/")
    assert response.status_code == 404


def test_ids_are_opaque_not_sequential(world: World) -> None:
    for public_id in (world.private.public_id, world.public.public_id, world.team.public_id):
        assert len(public_id) == 12
        assert not public_id.isdigit()
    assert world.client("owner").get(f"/api/designs/{world.private.pk}/").status_code == 404
