"""Reads: what a user may see, found with the indexes the list and search need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When

from designer.library.documents import TAG_PREFIX, prefix_range, words
from designer.library.errors import NotFound
from designer.library.models import (
    Design,
    DesignToken,
    Membership,
    Revision,
    Role,
    Team,
    Visibility,
)
from designer.library.permissions import AnyUser, role_in, team_ids_of

MAX_QUERY_WORDS = 8
CANDIDATE_LIMIT = 2000
LIST_FIELDS = (
    "id",
    "public_id",
    "team__public_id",
    "team__slug",
    "team__name",
    "name",
    "slug",
    "description",
    "tags",
    "visibility",
    "is_template",
    "forked_from__public_id",
    "forked_from_number",
    "head_number",
    "kubernetes_version",
    "valid",
    "error_count",
    "warning_count",
    "images",
    "created_at",
    "updated_at",
)


@dataclass(frozen=True, slots=True)
class DesignFilters:
    """The list filters of ``GET /api/designs/``; None means not filtered."""

    q: str = ""
    team: str | None = None
    tag: str | None = None
    visibility: str | None = None
    kubernetes_version: str | None = None
    template: bool | None = None


def readable_designs(*, user: AnyUser) -> QuerySet[Design]:
    """Every design the user may read: public ones and their teams' ones."""
    team_ids = team_ids_of(user)
    if not team_ids:
        return Design.objects.filter(visibility=Visibility.PUBLIC)
    return Design.objects.filter(Q(visibility=Visibility.PUBLIC) | Q(team_id__in=team_ids))


def _has_token(token_q: Q) -> Exists:
    return Exists(DesignToken.objects.filter(token_q, design_id=OuterRef("pk")))


def _token_conditions(filters: DesignFilters) -> list[Q]:
    conditions = []
    if filters.tag is not None:
        conditions.append(Q(token=f"{TAG_PREFIX}{filters.tag.lower()}"))
    for word in words(filters.q)[:MAX_QUERY_WORDS]:
        low, high = prefix_range(word)
        conditions.append(Q(token__gte=low, token__lt=high))
    return conditions


def _rare_candidates(conditions: list[Q]) -> list[int] | None:
    """The designs of the rarest token condition, when it matches few enough to drive the query.

    Walking the designs newest first and probing each one's tokens is fast when matches are
    common; a rare word would make that walk visit every design, so its (bounded) list of
    designs is fetched from the token index instead and the rest is checked on those only.
    """
    best: list[int] | None = None
    for condition in conditions:
        rows = DesignToken.objects.filter(condition).values_list("design_id", flat=True)
        ids = list(rows[: CANDIDATE_LIMIT + 1])
        if len(ids) <= CANDIDATE_LIMIT and (best is None or len(ids) < len(best)):
            best = ids
            if not ids:
                break
    return best


def design_list(*, user: AnyUser, filters: DesignFilters) -> QuerySet[Design]:
    """Readable designs matching the filters, newest change first (without the document)."""
    qs = readable_designs(user=user)
    if filters.team is not None:
        qs = qs.filter(team__public_id=filters.team)
    if filters.visibility is not None:
        qs = qs.filter(visibility=filters.visibility)
    if filters.kubernetes_version is not None:
        qs = qs.filter(kubernetes_version=filters.kubernetes_version)
    if filters.template is not None:
        qs = qs.filter(is_template=filters.template)
    conditions = _token_conditions(filters)
    candidates = _rare_candidates(conditions)
    if candidates is not None:
        qs = qs.filter(pk__in=candidates)
    for condition in conditions:
        qs = qs.filter(_has_token(condition))
    return qs.select_related("team", "forked_from").only(*LIST_FIELDS).order_by("-updated_at")


def design_get(*, user: AnyUser, public_id: str) -> Design:
    """A design the user may read (NotFound otherwise, whether it exists or not)."""
    design = (
        Design.objects.select_related("team", "forked_from__team", "head", "head__author")
        .filter(public_id=public_id)
        .first()
    )
    if design is None:
        raise NotFound("No such design.")
    if design.visibility != Visibility.PUBLIC and role_in(user=user, team=design.team) is None:
        raise NotFound("No such design.")
    return design


def can_read_design(*, user: AnyUser, design_id: str) -> bool:
    """Whether the design exists and the user may read it (the websocket's check)."""
    try:
        design_get(user=user, public_id=design_id)
    except NotFound:
        return False
    return True


def readable_document(
    *, user: AnyUser, design_id: str, revision: int | None = None
) -> dict[str, Any] | None:
    """The document of a design's latest (or given) revision, None when it may not be read."""
    try:
        design = design_get(user=user, public_id=design_id)
        if revision is None:
            return design.head.document if design.head is not None else None
        return revision_get(design=design, number=revision).document
    except NotFound:
        return None


def revision_list(*, design: Design) -> QuerySet[Revision]:
    """The revisions of a design, newest first, without their documents."""
    return (
        Revision.objects.filter(design=design)
        .select_related("author", "parent")
        .defer("document", "parent__document")
        .order_by("-number")
    )


def revision_get(*, design: Design, number: int) -> Revision:
    """One revision of a readable design."""
    revision = (
        Revision.objects.filter(design=design, number=number)
        .select_related("author", "parent")
        .defer("parent__document")
        .first()
    )
    if revision is None:
        raise NotFound(f"Design {design.slug!r} has no revision {number}.")
    return revision


def team_list(*, user: AnyUser) -> QuerySet[Membership]:
    """The user's memberships with their teams: personal team first, then by name."""
    return (
        Membership.objects.filter(user_id=user.pk)
        .select_related("team")
        .order_by(F("team__personal_owner").asc(nulls_last=True), "team__name")
    )


def team_get(*, user: AnyUser, public_id: str) -> Team:
    """A team the user belongs to (NotFound otherwise)."""
    team = Team.objects.filter(public_id=public_id).first()
    if team is None or role_in(user=user, team=team) is None:
        raise NotFound("No such team.")
    return team


def membership_list(*, team: Team) -> QuerySet[Membership]:
    """A team's members: owners, editors, then viewers, each by username."""
    rank = Case(
        When(role=Role.OWNER, then=Value(0)),
        When(role=Role.EDITOR, then=Value(1)),
        default=Value(2),
    )
    return (
        Membership.objects.filter(team=team).select_related("user").order_by(rank, "user__username")
    )
