"""Designs: create, change metadata, fork, delete; every content change goes through revisions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from designer.domain.document import new_design
from designer.library import documents
from designer.library.errors import Invalid, NotFound, PreconditionRequired
from designer.library.models import Design, Role, Team, Visibility
from designer.library.permissions import (
    AnyUser,
    can_read_design,
    require_design_edit,
    require_design_owner,
    require_team_role,
)
from designer.library.services.revisions import append_revision, lock_design
from designer.library.services.search import reindex

MAX_TAGS = 20
_TAG = re.compile(r"[a-z0-9][a-z0-9._-]{0,39}")


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Lower-cased, de-duplicated tags of 1–40 characters (a-z 0-9 . _ -), at most 20."""
    out: dict[str, None] = {}
    for raw in tags:
        tag = raw.strip().lower()
        if not _TAG.fullmatch(tag):
            raise Invalid(
                f"Invalid tag {raw[:50]!r}: 1 to 40 characters of a-z 0-9 . _ -, starting with a "
                "letter or digit.",
                details={"tags": [f"Invalid tag {raw[:50]!r}."]},
            )
        out.setdefault(tag, None)
    if len(out) > MAX_TAGS:
        raise Invalid(f"At most {MAX_TAGS} tags.", details={"tags": [f"At most {MAX_TAGS} tags."]})
    return list(out)


def _clean_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise Invalid("A design needs a name.", details={"name": ["This field may not be blank."]})
    return name


def _free_slug(team: Team, base: str, *, exclude: int | None = None) -> str:
    root = (slugify(base) or "design")[:70].strip("-") or "design"
    taken = Design.objects.filter(team=team, slug__startswith=root)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    used = set(taken.values_list("slug", flat=True))
    candidate, n = root, 1
    while candidate in used:
        n += 1
        candidate = f"{root}-{n}"
    return candidate


def _slug_taken(team: Team, slug: str) -> Invalid:
    return Invalid(
        f"Team {team.slug!r} already has a design {slug!r}.",
        details={"slug": ["This slug is already used in this team."]},
    )


def _checked_slug(team: Team, slug: str, *, exclude: int | None = None) -> str:
    try:
        validate_slug(slug)
    except ValidationError:
        raise Invalid(
            "A slug has letters, digits, hyphens and underscores only.",
            details={"slug": ["Enter a valid slug."]},
        ) from None
    taken = Design.objects.filter(team=team, slug=slug)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise _slug_taken(team, slug)
    return slug


def design_create(
    *,
    user: User | None,
    team: Team,
    name: str,
    document: Mapping[str, Any] | None = None,
    slug: str | None = None,
    description: str = "",
    tags: Iterable[str] = (),
    visibility: str = Visibility.PRIVATE,
    message: str = "",
    is_template: bool = False,
    forked_from: Design | None = None,
    forked_from_number: int | None = None,
) -> Design:
    """A new design in a team the user edits, with its document as revision 1."""
    if user is not None:
        require_team_role(user=user, team=team, minimum=Role.EDITOR)
    summary = documents.summarize(document if document is not None else new_design().to_dict())
    return _insert_design(
        user=user,
        team=team,
        name=_clean_name(name),
        slug=slug,
        description=description.strip(),
        tags=clean_tags(tags),
        visibility=Visibility(visibility),
        summary=summary,
        message=message or "Created",
        is_template=is_template,
        forked_from=forked_from,
        forked_from_number=forked_from_number,
    )


@transaction.atomic
def _insert_design(
    *,
    user: User | None,
    team: Team,
    name: str,
    slug: str | None,
    description: str,
    tags: list[str],
    visibility: str,
    summary: documents.Summary,
    message: str,
    is_template: bool,
    forked_from: Design | None,
    forked_from_number: int | None,
) -> Design:
    try:
        with transaction.atomic():
            design = Design.objects.create(
                team=team,
                name=name,
                slug=_checked_slug(team, slug) if slug else _free_slug(team, name),
                description=description,
                tags=tags,
                visibility=visibility,
                is_template=is_template,
                forked_from=forked_from,
                forked_from_number=forked_from_number,
                updated_at=timezone.now(),
            )
    except IntegrityError:
        raise _slug_taken(team, slug or name) from None
    append_revision(design=design, summary=summary, author=user, message=message)
    return design


def design_update(
    *,
    user: AnyUser,
    design: Design,
    name: str | None = None,
    slug: str | None = None,
    description: str | None = None,
    tags: Iterable[str] | None = None,
    visibility: str | None = None,
    document: Mapping[str, Any] | None = None,
    base_revision: int | None = None,
    message: str = "",
) -> Design:
    """Change a design's metadata and, with a document, append a revision: all or nothing."""
    require_design_edit(user=user, design=design)
    summary = documents.summarize(document) if document is not None else None
    if summary is not None and base_revision is None:
        raise PreconditionRequired(
            "Say which revision this save is based on: an If-Match header with the ETag, or "
            "base_revision in the body."
        )
    return _apply_update(
        user=user,
        design=design,
        changes={
            "name": None if name is None else _clean_name(name),
            "slug": slug,
            "description": None if description is None else description.strip(),
            "tags": None if tags is None else clean_tags(tags),
            "visibility": None if visibility is None else Visibility(visibility),
        },
        summary=summary,
        base_revision=base_revision,
        message=message,
    )


@transaction.atomic
def _apply_update(
    *,
    user: AnyUser,
    design: Design,
    changes: dict[str, Any],
    summary: documents.Summary | None,
    base_revision: int | None,
    message: str,
) -> Design:
    fresh = lock_design(design, base_revision)
    slug = changes.pop("slug")
    if slug is not None and slug != fresh.slug:
        fresh.slug = _checked_slug(fresh.team, slug, exclude=fresh.pk)
    for field, value in changes.items():
        if value is not None:
            setattr(fresh, field, value)
    try:
        with transaction.atomic():
            if summary is not None:
                append_revision(design=fresh, summary=summary, author=user, message=message)
            else:
                fresh.updated_at = timezone.now()
                reindex(fresh)
                fresh.save()
    except IntegrityError:
        # Another design of the team took the slug between the check and the write.
        raise _slug_taken(fresh.team, fresh.slug) from None
    return fresh


def design_fork(
    *,
    user: User,
    source: Design,
    team: Team,
    name: str | None = None,
    slug: str | None = None,
) -> Design:
    """Copy a readable design's latest document into a team the user edits, linked to its origin."""
    if not can_read_design(user=user, design=source):
        raise NotFound("No such design.")
    require_team_role(user=user, team=team, minimum=Role.EDITOR)
    head = source.head
    assert head is not None, "every design has at least one revision"
    return design_create(
        user=user,
        team=team,
        name=name or source.name,
        slug=slug,
        description=source.description,
        tags=source.tags,
        visibility=Visibility.PRIVATE,
        document=head.document,
        message=f"Forked from {source.team.slug}/{source.slug} r{head.number}",
        forked_from=source,
        forked_from_number=head.number,
    )


@transaction.atomic
def design_delete(*, user: AnyUser, design: Design) -> None:
    """Delete a design with all its revisions (team owners only)."""
    require_design_owner(user=user, design=design)
    design.delete()
