"""The pattern templates: seeded idempotently, valid against the core, read-only, forkable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from designer.domain import operations
from designer.library.models import Design, Revision
from designer.library.services.patterns import (
    PATTERNS_DIR,
    pattern_files,
    pattern_seed,
    read_pattern,
)
from tests.library.conftest import World

pytestmark = pytest.mark.django_db

SLUGS = {
    "adapter-metrics",
    "ambassador-proxy",
    "debug-shared-pid",
    "init-war-tomcat",
    "log-shipping-sidecar",
    "native-sidecar-startup",
}


def test_six_templates_ship_with_titles_descriptions_and_tags() -> None:
    patterns = [read_pattern(path) for path in pattern_files()]
    assert {p.slug for p in patterns} == SLUGS
    for pattern in patterns:
        assert pattern.title and pattern.description and pattern.tags, pattern.slug


@pytest.mark.parametrize("path", pattern_files(), ids=lambda p: p.stem)
def test_each_template_validates_without_errors_and_few_warnings(path: Path) -> None:
    design = operations.import_text(path.read_text()).design
    report = operations.validate(design)
    assert [str(f) for f in report.findings if f.severity == "error"] == []
    assert report.counts["warning"] <= 2, [str(f) for f in report.findings]


def test_seeding_creates_public_read_only_templates_in_the_system_team() -> None:
    call_command("seed_patterns", verbosity=0)
    templates = Design.objects.filter(is_template=True).select_related("team")
    assert {d.slug for d in templates} == SLUGS
    for design in templates:
        assert design.visibility == "public"
        assert design.team.is_system
        assert design.valid and design.error_count == 0
        assert design.head_number == 1


def test_seeding_again_changes_nothing() -> None:
    pattern_seed()
    revisions = Revision.objects.count()
    assert set(pattern_seed().values()) == {"unchanged"}
    assert Revision.objects.count() == revisions


def test_a_changed_template_file_gets_a_new_revision(tmp_path: Path) -> None:
    for path in pattern_files():
        shutil.copy(path, tmp_path / path.name)
    pattern_seed(directory=tmp_path)
    changed = tmp_path / "debug-shared-pid.yaml"
    changed.write_text(changed.read_text().replace("busybox:1.37.0", "busybox:1.37.1"))
    outcome = pattern_seed(directory=tmp_path)
    assert outcome["debug-shared-pid"] == "updated"
    assert outcome["adapter-metrics"] == "unchanged"
    design = Design.objects.get(slug="debug-shared-pid", is_template=True)
    assert design.head_number == 2
    assert "busybox:1.37.1" in design.images
    assert design.head.message == "Updated from patterns/debug-shared-pid.yaml"


def test_templates_are_listed_with_the_template_filter(api: object) -> None:
    pattern_seed()
    body = api.get("/api/designs/?template=1").json()  # type: ignore[attr-defined]
    assert {d["slug"] for d in body["results"]} == SLUGS


def test_nobody_may_change_a_template(world: World) -> None:
    pattern_seed()
    template = Design.objects.get(slug="adapter-metrics", is_template=True)
    for persona in ("owner", "stranger"):
        client = world.client(persona)
        url = f"/api/designs/{template.public_id}/"
        assert client.patch(url, {"name": "Mine"}, format="json").status_code == 403
        assert client.delete(url).status_code == 403
        save = client.post(f"{url}revisions/", {"document": {}, "base_revision": 1}, format="json")
        assert save.status_code == 403


def test_the_patterns_folder_is_inside_the_library_app() -> None:
    assert PATTERNS_DIR.name == "patterns"
    assert PATTERNS_DIR.parent.name == "library"
