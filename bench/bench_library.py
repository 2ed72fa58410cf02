"""Design library through the API (APIClient, in-process): list, search and save at 100k designs."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = ROOT / "bench-output" / "library.sqlite3"
DESIGNS = int(os.environ.get("BENCH_DESIGNS", "100000"))
REVISIONS = int(os.environ.get("BENCH_REVISIONS", "1000000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "200"))


def run() -> None:
    # A child process gets its own database settings even when another benchmark set Django up.
    DB.parent.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{DB}",
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "tests.settings"),
    }
    code = "from bench.bench_library import worker; worker()"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * fraction) - 1)]


def report(label: str, samples: list[float]) -> None:
    print(
        f"   {label:58s} median {statistics.median(samples):6.2f} ms  p95 {percentile(samples, 0.95):6.2f} ms"
    )


def timed(fn: Callable[[int], object], repeat: int) -> list[float]:
    fn(0)
    samples = []
    for i in range(repeat):
        started = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def worker() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from designer.library.models import Design, Revision

    setup_test_environment()
    call_command("migrate", verbosity=0)
    have = Design.objects.count()
    if have < DESIGNS:
        started = time.perf_counter()
        call_command(
            "generate_designs",
            designs=DESIGNS - have,
            revisions=max(REVISIONS - Revision.objects.count(), DESIGNS - have),
            verbosity=0,
        )
        call_command("migrate", verbosity=0)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"   generated the bench database in {time.perf_counter() - started:.0f} s")
    print(
        f"   {Design.objects.count()} designs, {Revision.objects.count()} revisions in "
        f"{DB.relative_to(ROOT)} ({DB.stat().st_size / 1e6:.0f} MB)"
    )
    measure()


def measure() -> None:
    from django.contrib.auth import get_user_model
    from rest_framework.test import APIClient

    from designer.domain import operations
    from designer.library.models import Design, Membership, Role
    from designer.library.services.patterns import pattern_files

    member = (
        Membership.objects.filter(role=Role.EDITOR, user__username__startswith="bench-")
        .select_related("user", "team")
        .first()
    )
    assert member is not None, "the bench database has no editor"
    anonymous, signed_in = APIClient(), APIClient()
    signed_in.force_login(get_user_model().objects.get(pk=member.user_id))
    team_id = member.team.public_id
    Design.objects.filter(name="bench save target").delete()  # left by an interrupted run

    def lister(client: APIClient, query: str) -> Callable[[int], object]:
        def call(_: int) -> object:
            response = client.get(f"/api/designs/{query}")
            assert response.status_code == 200, response.content
            return response

        return call

    cases = [
        ("list, anonymous", anonymous, ""),
        ("list, signed in", signed_in, ""),
        ("list, one team", signed_in, f"?team={team_id}"),
        ("list, tag filter", signed_in, "?tag=pci"),
        ("search a common word (nginx)", signed_in, "?q=nginx"),
        ("search two words (quiet gateway)", signed_in, "?q=quiet+gateway"),
        ("search a rare word (design 4242)", signed_in, "?q=4242"),
        ("search two words that never meet", signed_in, "?q=python+redis"),
        ("search a prefix (red)", signed_in, "?q=red"),
        (
            "search + filters (q, tag, version)",
            signed_in,
            "?q=gateway&tag=prod&kubernetes_version=1.33",
        ),
        ("search a missing word, anonymous", anonymous, "?q=zzzzzz"),
        ("search, second page", signed_in, "?q=redis"),
    ]
    for label, client, query in cases:
        if label == "search, second page":
            first = client.get(f"/api/designs/{query}").json()
            query = first["next"].split("/api/designs/", 1)[1]
        report(f"GET /api/designs/ {label}", timed(lister(client, query), REPEAT))

    created = signed_in.post(
        "/api/designs/", {"team": team_id, "name": "bench save target"}, format="json"
    ).json()
    # The pattern templates: realistic documents of two or three containers each.
    docs = [operations.import_text(path.read_text()).design.to_dict() for path in pattern_files()]
    state = {"revision": created["revision"]}

    def save(i: int) -> object:
        response = signed_in.post(
            f"/api/designs/{created['id']}/revisions/",
            {
                "document": docs[i % len(docs)],
                "message": "bench",
                "base_revision": state["revision"],
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        state["revision"] = response.json()["number"]
        return response

    report("POST /api/designs/{id}/revisions/ (validate + save)", timed(save, REPEAT))
    Design.objects.filter(public_id=created["id"]).delete()
