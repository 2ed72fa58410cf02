"""``manage.py generate_designs``: bulk benchmark data: users, teams, designs, revisions."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from designer.domain import operations
from designer.domain.versions import SUPPORTED_VERSIONS
from designer.library import documents
from designer.library.models import (
    Design,
    DesignToken,
    Membership,
    Revision,
    Role,
    Team,
    Visibility,
    new_public_id,
)

ADJECTIVES = (
    "amber",
    "brisk",
    "calm",
    "daring",
    "eager",
    "fuzzy",
    "gentle",
    "hidden",
    "icy",
    "jolly",
    "keen",
    "lively",
    "misty",
    "noble",
    "olive",
    "proud",
    "quiet",
    "rapid",
    "silent",
    "tidy",
)
NOUNS = (
    "checkout",
    "gateway",
    "catalog",
    "ledger",
    "search",
    "billing",
    "inventory",
    "profile",
    "reports",
    "storefront",
    "scheduler",
    "mailer",
    "metrics",
    "auth",
    "uploader",
    "thumbnails",
)
TAGS = (
    "prod",
    "staging",
    "web",
    "batch",
    "java",
    "python",
    "go",
    "cache",
    "db",
    "logging",
    "monitoring",
    "sidecar",
    "team-a",
    "team-b",
    "experimental",
    "pci",
    "internal",
    "edge",
)
IMAGES = (
    "nginx:1.27.3",
    "redis:7.4.2",
    "postgres:17.2",
    "tomcat:10.1.34-jre21",
    "busybox:1.37.0",
    "envoyproxy/envoy:v1.32.3",
    "fluent/fluent-bit:3.2.4",
    "python:3.12.8-slim",
    "node:22.12.0",
    "golang:1.23.4",
    "oliver006/redis_exporter:v1.67.0",
    "memcached:1.6.34",
    "haproxy:3.1.2",
    "grafana/grafana:11.4.0",
    "prom/prometheus:v3.1.0",
    "traefik:v3.2.3",
)
POD = """\
apiVersion: v1
kind: Pod
metadata: {{name: {name}, namespace: bench}}
spec:
  securityContext: {{runAsNonRoot: true, runAsUser: 1000}}
  containers:
    - name: app
      image: {image}
      resources:
        requests: {{cpu: 100m, memory: 64Mi}}
        limits: {{cpu: 100m, memory: 64Mi}}
      readinessProbe: {{tcpSocket: {{port: 8080}}}}
      livenessProbe: {{tcpSocket: {{port: 8080}}, periodSeconds: 20}}
"""


class Command(BaseCommand):
    help = "Generate benchmark data in bulk: --designs 100000 --revisions 1000000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--designs", type=int, default=100_000)
        parser.add_argument("--revisions", type=int, default=1_000_000)
        parser.add_argument("--users", type=int, default=500)
        parser.add_argument("--teams", type=int, default=2_000)
        parser.add_argument("--batch", type=int, default=2_000, help="Designs per transaction.")
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(options["seed"])
        designs, revisions = options["designs"], options["revisions"]
        if revisions < designs:
            revisions = designs
        users = self._users(options["users"])
        teams = self._teams(rng, options["teams"], users)
        variants = self._variants()
        # Every design gets one revision; the rest are spread at random.
        per_design = [1] * designs
        for _ in range(revisions - designs):
            per_design[rng.randrange(designs)] += 1
        design_id = (Design.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        revision_id = (Revision.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        now = timezone.now()
        for start in range(0, designs, options["batch"]):
            counts = per_design[start : start + options["batch"]]
            with transaction.atomic():
                revision_id = self._batch(
                    rng, teams, users, variants, counts, design_id, revision_id, now
                )
            design_id += len(counts)
            if options["verbosity"] > 0:
                done = start + len(counts)
                self.stdout.write(f"\r{done}/{designs} designs", ending="")
                self.stdout.flush()
        if options["verbosity"] > 0:
            self.stdout.write(f"\ngenerated {designs} designs and {revisions} revisions")

    def _users(self, count: int) -> list[int]:
        user_model = get_user_model()
        existing = user_model.objects.filter(username__startswith="bench-")
        if existing.count() < count:
            password = make_password("bench-password")
            user_model.objects.bulk_create(
                [
                    user_model(username=f"bench-{i:05d}", password=password)
                    for i in range(existing.count(), count)
                ],
                batch_size=1000,
            )
        return list(existing.order_by("id").values_list("id", flat=True)[:count])

    def _teams(self, rng: random.Random, count: int, users: list[int]) -> list[int]:
        existing = Team.objects.filter(slug__startswith="bench-team-")
        have = existing.count()
        if have < count:
            Team.objects.bulk_create(
                [
                    Team(public_id=new_public_id(), name=f"Bench team {i}", slug=f"bench-team-{i}")
                    for i in range(have, count)
                ],
                batch_size=1000,
            )
            team_ids = list(existing.order_by("id").values_list("id", flat=True))
            roles = (Role.OWNER, Role.EDITOR, Role.VIEWER)
            Membership.objects.bulk_create(
                [
                    Membership(team_id=team_id, user_id=user_id, role=roles[n % 3])
                    for team_id in team_ids[have:]
                    for n, user_id in enumerate(rng.sample(users, min(4, len(users))))
                ],
                batch_size=2000,
                ignore_conflicts=True,
            )
        return list(existing.order_by("id").values_list("id", flat=True)[:count])

    def _variants(self) -> list[tuple[str, documents.Summary]]:
        out = []
        for i, image in enumerate(IMAGES):
            text = POD.format(name=f"bench-{i}", image=image)
            design = operations.import_text(text).design.to_dict()
            out.append((image, documents.summarize(design)))
        return out

    def _batch(
        self,
        rng: random.Random,
        teams: list[int],
        users: list[int],
        variants: list[tuple[str, documents.Summary]],
        counts: list[int],
        design_id: int,
        revision_id: int,
        now: Any,
    ) -> int:
        design_rows: list[Design] = []
        revision_rows: list[Revision] = []
        token_rows: list[DesignToken] = []
        for offset, count in enumerate(counts):
            pk = design_id + offset
            name = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {pk}"
            tags = rng.sample(TAGS, rng.randint(0, 3))
            description = f"The {rng.choice(NOUNS)} service of the {rng.choice(ADJECTIVES)} team."
            created = now - timedelta(days=rng.uniform(30, 730))
            updated = created + timedelta(seconds=rng.uniform(0, 29 * 86400))
            version = rng.choice(SUPPORTED_VERSIONS)
            image, summary = rng.choice(variants)
            for number in range(1, count + 1):
                revision_rows.append(
                    Revision(
                        id=revision_id,
                        design_id=pk,
                        number=number,
                        document={**summary.document, "kubernetes_version": version},
                        author_id=rng.choice(users),
                        message=f"save {number}",
                        created_at=created + (updated - created) * number / count,
                        parent_id=revision_id - 1 if number > 1 else None,
                        kubernetes_version=version,
                        valid=summary.valid,
                        error_count=summary.error_count,
                        warning_count=summary.warning_count,
                        info_count=summary.info_count,
                    )
                )
                revision_id += 1
            fields: dict[str, Any] = {
                "name": name,
                "description": description,
                "tags": tags,
                "images": [image],
            }
            design_rows.append(
                Design(
                    id=pk,
                    public_id=new_public_id(),
                    team_id=rng.choice(teams),
                    slug=f"design-{pk}",
                    visibility=Visibility.PUBLIC if rng.random() < 0.3 else Visibility.PRIVATE,
                    head_id=revision_id - 1,
                    head_number=count,
                    kubernetes_version=version,
                    valid=summary.valid,
                    error_count=summary.error_count,
                    warning_count=summary.warning_count,
                    search_text=documents.search_text(**fields),
                    created_at=created,
                    updated_at=updated,
                    **fields,
                )
            )
            token_rows.extend(
                DesignToken(design_id=pk, token=t) for t in documents.tokens(**fields)
            )
        Design.objects.bulk_create(design_rows)
        Revision.objects.bulk_create(revision_rows)
        DesignToken.objects.bulk_create(token_rows)
        return revision_id
