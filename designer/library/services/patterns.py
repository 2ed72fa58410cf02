"""The pattern templates: the YAML files of ``designer/library/patterns``, kept in the library."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from designer.domain import operations
from designer.library import documents
from designer.library.models import Design, Visibility
from designer.library.services.designs import clean_tags, design_create
from designer.library.services.revisions import append_revision, lock_design
from designer.library.services.search import reindex
from designer.library.services.teams import team_system_get_or_create

PATTERNS_DIR = Path(__file__).resolve().parent.parent / "patterns"
HEADER_KEYS = ("title", "description", "tags")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One template file: its header comments and its manifests."""

    slug: str
    title: str
    description: str
    tags: list[str]
    text: str


def read_pattern(path: Path) -> Pattern:
    """Read a template; its leading ``# title:``, ``# description:``, ``# tags:`` lines name it."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        if key in HEADER_KEYS:
            header[key] = value.strip()
    return Pattern(
        slug=path.stem,
        title=header.get("title") or path.stem.replace("-", " ").capitalize(),
        description=header.get("description", ""),
        tags=clean_tags(t for t in header.get("tags", "").split(",") if t.strip()),
        text=text,
    )


def pattern_files(directory: Path = PATTERNS_DIR) -> list[Path]:
    """The template files, in name order."""
    return sorted(directory.glob("*.yaml"))


def pattern_seed(*, directory: Path = PATTERNS_DIR) -> dict[str, str]:
    """Create or update every template (idempotent); returns what happened to each slug."""
    team = team_system_get_or_create()
    outcome: dict[str, str] = {}
    for path in pattern_files(directory):
        pattern = read_pattern(path)
        document = operations.import_text(pattern.text).design.to_dict()
        existing = Design.objects.filter(team=team, slug=pattern.slug).first()
        if existing is None:
            design_create(
                user=None,
                team=team,
                name=pattern.title,
                slug=pattern.slug,
                description=pattern.description,
                tags=pattern.tags,
                visibility=Visibility.PUBLIC,
                document=document,
                message=f"Seeded from patterns/{path.name}",
                is_template=True,
            )
            outcome[pattern.slug] = "created"
        else:
            outcome[pattern.slug] = _refresh(existing, pattern, document, path.name)
    return outcome


def _refresh(design: Design, pattern: Pattern, document: dict[str, object], filename: str) -> str:
    summary = documents.summarize(document)
    head_document = design.head.document if design.head is not None else None
    metadata = (pattern.title, pattern.description, pattern.tags)
    same_metadata = (design.name, design.description, design.tags) == metadata
    if head_document == summary.document and same_metadata:
        return "unchanged"
    with transaction.atomic():
        fresh = lock_design(design, None)
        fresh.name, fresh.description, fresh.tags = metadata
        fresh.visibility, fresh.is_template = Visibility.PUBLIC, True
        if head_document != summary.document:
            append_revision(
                design=fresh,
                summary=summary,
                author=None,
                message=f"Updated from patterns/{filename}",
            )
        else:
            fresh.updated_at = timezone.now()
            reindex(fresh)
            fresh.save()
    return "updated"
