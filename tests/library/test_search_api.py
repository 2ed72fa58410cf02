"""``GET /api/designs/``: search, filters and pagination, without leaking private designs."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from designer.library import services
from designer.library.models import Visibility
from designer.library.selectors import CANDIDATE_LIMIT
from tests.library.builders import document
from tests.library.conftest import World

pytestmark = pytest.mark.django_db


def slugs(response: object) -> list[str]:
    return [d["slug"] for d in response.json()["results"]]  # type: ignore[attr-defined]


@pytest.fixture
def catalog(world: World) -> World:
    """A few more designs: another team's private one, and one with a redis image."""
    other = services.team_create(user=world.stranger, name="Other")
    services.design_create(
        user=world.stranger, team=other, name="Secret checkout", document=document(name="secret")
    )
    services.design_create(
        user=world.owner,
        team=world.team,
        name="Cache",
        description="Session store",
        tags=["cache", "prod"],
        document=document(name="cache", image="redis:7.4.2"),
        visibility=Visibility.PUBLIC,
    )
    return world


def test_anonymous_users_see_public_designs_only(catalog: World, api: APIClient) -> None:
    assert slugs(api.get("/api/designs/")) == ["cache", "public-web"]


def test_members_see_their_teams_designs_and_public_ones_newest_first(catalog: World) -> None:
    assert slugs(catalog.client("viewer").get("/api/designs/")) == [
        "cache",
        "public-web",
        "checkout",
    ]


def test_a_stranger_never_sees_another_teams_private_design(catalog: World) -> None:
    found = slugs(catalog.client("stranger").get("/api/designs/?q=checkout"))
    assert found == ["secret-checkout"]
    team_list = catalog.client("stranger").get(f"/api/designs/?team={catalog.team.public_id}")
    assert slugs(team_list) == ["cache", "public-web"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=checkout", ["checkout"]),
        ("q=CHECK", ["checkout"]),
        ("q=session+store", ["cache"]),
        ("q=redis", ["cache"]),
        ("q=redis:7.4", ["cache"]),
        ("q=nginxinc", ["public-web", "checkout"]),
        ("q=shop", ["checkout"]),
        ("q=nothing-like-this", []),
        ("q=", ["cache", "public-web", "checkout"]),
        ("tag=cache", ["cache"]),
        ("tag=Prod", ["cache"]),
        ("visibility=private", ["checkout"]),
        ("template=0", ["cache", "public-web", "checkout"]),
        ("template=1", []),
    ],
)
def test_search_and_filters(catalog: World, query: str, expected: list[str]) -> None:
    response = catalog.client("viewer").get(f"/api/designs/?{query}")
    assert response.status_code == 200, response.json()
    assert slugs(response) == expected


def test_filter_by_kubernetes_version(catalog: World) -> None:
    doc = document(name="old")
    doc["kubernetes_version"] = "1.28"
    services.design_create(user=catalog.owner, team=catalog.team, name="Old", document=doc)
    assert slugs(catalog.client("viewer").get("/api/designs/?kubernetes_version=1.28")) == ["old"]


def test_search_finds_a_word_of_the_description_after_an_update(catalog: World) -> None:
    services.design_update(user=catalog.owner, design=catalog.private, description="Pays bills")
    assert slugs(catalog.client("viewer").get("/api/designs/?q=bills")) == ["checkout"]


def test_search_with_a_common_word_still_finds_rare_combinations(world: World) -> None:
    for i in range(3):
        services.design_create(user=world.owner, team=world.team, name=f"Alpha {i}")
    services.design_create(user=world.owner, team=world.team, name="Alpha omega")
    assert slugs(world.client("owner").get("/api/designs/?q=alpha+omega")) == ["alpha-omega"]
    assert CANDIDATE_LIMIT >= 100


def test_pages_are_bounded_and_linked_by_cursor(world: World) -> None:
    for i in range(5):
        services.design_create(user=world.owner, team=world.team, name=f"Paged {i}")
    client = world.client("owner")
    first = client.get("/api/designs/?q=paged&page_size=2").json()
    assert [d["slug"] for d in first["results"]] == ["paged-4", "paged-3"]
    second = client.get(first["next"]).json()
    assert [d["slug"] for d in second["results"]] == ["paged-2", "paged-1"]
    big = client.get("/api/designs/?page_size=100000")
    assert big.status_code == 200


def test_list_items_carry_the_summary_but_not_the_document(world: World) -> None:
    item = world.client("owner").get("/api/designs/?q=checkout").json()["results"][0]
    assert "document" not in item
    assert item["revision"] == 1
    assert item["counts"] == {"errors": 0, "warnings": 0}
    assert item["team"]["slug"] == "platform"
    assert item["forked_from"] is None


@pytest.mark.parametrize("query", ["visibility=secret", "template=perhaps", "cursor=bogus"])
def test_bad_list_parameters_are_refused(world: World, query: str) -> None:
    response = world.client("owner").get(f"/api/designs/?{query}")
    assert response.status_code in (400, 404)
    assert "error" in response.json()
