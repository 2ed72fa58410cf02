"""Teams, their designs and the append-only revision history of each design."""

from __future__ import annotations

import secrets
from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone

PUBLIC_ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
PUBLIC_ID_LENGTH = 12


def new_public_id() -> str:
    """A short random id for URLs: 12 of 32 unambiguous characters (60 bits)."""
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(PUBLIC_ID_LENGTH))


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    EDITOR = "editor", "Editor"
    VIEWER = "viewer", "Viewer"


class Visibility(models.TextChoices):
    PRIVATE = "private", "Private (team only)"
    PUBLIC = "public", "Public (anyone)"


class Team(models.Model):
    """A group of users owning designs; every user has a personal team of their own."""

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=60, unique=True)
    personal_owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="personal_team",
    )
    is_system = models.BooleanField(default=False, help_text="Owns the seeded pattern templates.")
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="teams"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.slug


class Membership(models.Model):
    """A user's role in a team."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("team", "user"), name="one_membership")]
        indexes = [models.Index(fields=("user", "team"), name="membership_user")]

    def __str__(self) -> str:
        return f"{self.user} in {self.team} ({self.role})"


class Design(models.Model):
    """A named design owned by a team; its content lives in its latest revision."""

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="designs")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80)
    description = models.TextField(blank=True, max_length=5000)
    tags = models.JSONField(default=list, blank=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    is_template = models.BooleanField(default=False)
    forked_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="forks"
    )
    forked_from_number = models.PositiveIntegerField(null=True, blank=True)
    # Denormalized from the latest revision so the list needs no join and search one index.
    head = models.ForeignKey(
        "Revision",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
    )
    head_number = models.PositiveIntegerField(default=0)
    kubernetes_version = models.CharField(max_length=10, blank=True)
    valid = models.BooleanField(default=True)
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    images = models.JSONField(default=list, blank=True)
    search_text = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("team", "slug"), name="design_slug_per_team")
        ]
        indexes = [
            models.Index(fields=("team", "updated_at"), name="design_team_updated"),
            models.Index(fields=("visibility", "updated_at"), name="design_visibility_updated"),
            models.Index(fields=("is_template", "updated_at"), name="design_template_updated"),
            models.Index(
                fields=("kubernetes_version", "updated_at"), name="design_version_updated"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team.slug}/{self.slug}"


class DesignToken(models.Model):
    """One search word (or ``tag:<tag>``) of a design: the index behind ``?q=`` and ``?tag=``."""

    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="tokens")
    token = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("token", "design"), name="design_token_unique")
        ]
        # (design, token) answers "does this design have a word starting with …" in one probe.
        indexes = [models.Index(fields=("design", "token"), name="design_token_design")]

    def __str__(self) -> str:
        return self.token


class ImmutableRevision(Exception):
    """Raised on any attempt to change or delete a revision outside its design's deletion."""


class RevisionQuerySet(models.QuerySet["Revision"]):
    """Revisions are append-only: bulk updates and deletes are refused."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise ImmutableRevision("revisions are append-only: they cannot be updated")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ImmutableRevision("revisions are append-only: they cannot be updated")

    def delete(self) -> NoReturn:
        raise ImmutableRevision("revisions are deleted only with their design")


class Revision(models.Model):
    """One immutable saved state of a design: the full document plus its validation summary."""

    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    document = models.JSONField()
    # RESTRICT: a user whose revisions live in another team's designs cannot be deleted (deactivate
    # them instead); deleting a user together with their personal team's designs is allowed.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )
    message = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+"
    )
    kubernetes_version = models.CharField(max_length=10)
    valid = models.BooleanField()
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    info_count = models.PositiveIntegerField(default=0)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("design", "number"), name="revision_number_per_design")
        ]
        ordering = ("-number",)

    def __str__(self) -> str:
        return f"{self.design_id} r{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableRevision("revisions are append-only: they cannot be updated")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ImmutableRevision("revisions are deleted only with their design")
