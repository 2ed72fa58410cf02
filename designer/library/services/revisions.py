"""Revisions: append-only saves with optimistic concurrency, and restores."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from designer.library import documents
from designer.library.errors import PreconditionRequired, StaleRevision
from designer.library.models import Design, Revision
from designer.library.permissions import AnyUser, require_design_edit
from designer.library.selectors import revision_get
from designer.library.services.search import reindex


def append_revision(
    *,
    design: Design,
    summary: documents.Summary,
    author: AnyUser | None,
    message: str,
) -> Revision:
    """Add the next revision and make it the design's head (call inside a transaction)."""
    now = timezone.now()
    revision = Revision.objects.create(
        design=design,
        number=design.head_number + 1,
        document=summary.document,
        author=author if author is not None and author.is_authenticated else None,
        message=message[:500],
        created_at=now,
        parent_id=design.head_id,
        kubernetes_version=summary.kubernetes_version,
        valid=summary.valid,
        error_count=summary.error_count,
        warning_count=summary.warning_count,
        info_count=summary.info_count,
    )
    design.head = revision
    design.head_number = revision.number
    design.kubernetes_version = summary.kubernetes_version
    design.valid = summary.valid
    design.error_count = summary.error_count
    design.warning_count = summary.warning_count
    design.images = summary.images
    design.updated_at = now
    reindex(design)
    design.save()
    transaction.on_commit(lambda: _notify_viewers(design, revision))
    return revision


def _notify_viewers(design: Design, revision: Revision) -> None:
    """Tell the design's open websockets about the new revision (designer.live)."""
    from designer.live.notify import design_saved

    author = revision.author.get_username() if revision.author is not None else None
    design_saved(
        design_id=design.public_id,
        revision=revision.number,
        author=author,
        message=revision.message,
    )


def lock_design(design: Design, base_revision: int | None) -> Design:
    """The design re-read under a write lock; StaleRevision when it moved past ``base_revision``."""
    fresh = Design.objects.select_for_update().select_related("team").get(pk=design.pk)
    if base_revision is not None and base_revision != fresh.head_number:
        raise StaleRevision(
            f"This save is based on r{base_revision}, but the design is at r{fresh.head_number}: "
            "reload it and apply your change again.",
            current=fresh.head_number,
            design_id=fresh.pk,
        )
    return fresh


def design_save(
    *,
    user: AnyUser,
    design: Design,
    document: Mapping[str, Any],
    base_revision: int | None,
    message: str = "",
) -> Revision:
    """Append a revision with a new document, only when ``base_revision`` is still the latest."""
    require_design_edit(user=user, design=design)
    if base_revision is None:
        raise PreconditionRequired(
            "Say which revision this save is based on: an If-Match header with the ETag, or "
            "base_revision in the body."
        )
    # Validation runs before the write lock is taken: it is the slow part of a save.
    summary = documents.summarize(document)
    return _commit(user=user, design=design, summary=summary, base=base_revision, message=message)


@transaction.atomic
def _commit(
    *,
    user: AnyUser,
    design: Design,
    summary: documents.Summary,
    base: int | None,
    message: str,
) -> Revision:
    fresh = lock_design(design, base)
    try:
        with transaction.atomic():
            revision = append_revision(design=fresh, summary=summary, author=user, message=message)
    except IntegrityError:
        # A concurrent save took the same number between our check and our insert.
        current = Design.objects.values_list("head_number", flat=True).get(pk=design.pk)
        raise StaleRevision(
            f"Another save landed first: the design is at r{current}.",
            current=current,
            design_id=design.pk,
        ) from None
    design.refresh_from_db()
    return revision


def design_restore(
    *, user: AnyUser, design: Design, number: int, base_revision: int | None = None
) -> Revision:
    """Append a new revision that copies revision ``number``; nothing is rewritten."""
    require_design_edit(user=user, design=design)
    old = revision_get(design=design, number=number)
    summary = documents.summarize(old.document)
    return _commit(
        user=user, design=design, summary=summary, base=base_revision, message=f"Restored r{number}"
    )
