"""``manage.py seed_patterns``: create or update the pattern templates (safe to run every start)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from designer.library.services.patterns import pattern_seed


class Command(BaseCommand):
    help = "Create the pattern templates, or append a revision to those whose YAML changed."

    def handle(self, *args: Any, **options: Any) -> None:
        outcome = pattern_seed()
        for slug, what in outcome.items():
            if what != "unchanged" or options["verbosity"] > 1:
                self.stdout.write(f"{slug}: {what}")
        changed = sum(1 for what in outcome.values() if what != "unchanged")
        self.stdout.write(f"{len(outcome)} pattern templates, {changed} created or updated.")
