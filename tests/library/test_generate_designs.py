"""``manage.py generate_designs``: consistent bulk data for the benchmark."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import Count, Max

from designer.library.models import Design, DesignToken, Revision

pytestmark = pytest.mark.django_db


def test_it_generates_designs_with_numbered_revisions_and_search_tokens() -> None:
    call_command("generate_designs", designs=30, revisions=100, users=5, teams=4, verbosity=0)
    assert Design.objects.count() == 30
    assert Revision.objects.count() == 100
    per_design = Revision.objects.values("design").annotate(n=Count("id"), top=Max("number"))
    assert all(row["n"] == row["top"] for row in per_design)
    for design in Design.objects.select_related("head"):
        assert design.head is not None and design.head.number == design.head_number
    assert DesignToken.objects.filter(token="service").count() == 30


def test_running_it_twice_adds_more_data() -> None:
    call_command("generate_designs", designs=5, revisions=5, users=2, teams=2, verbosity=0)
    call_command("generate_designs", designs=5, revisions=10, users=2, teams=2, verbosity=0)
    assert (Design.objects.count(), Revision.objects.count()) == (10, 15)
