"""Teams and memberships are managed here; designs and revisions are shown read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone

from designer.library.models import Design, Membership, Revision, Team
from designer.library.services import reindex


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ("user",)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "public_id", "personal_owner", "is_system", "created_at")
    list_filter = ("is_system",)
    search_fields = ("name", "slug", "public_id")
    readonly_fields = ("public_id", "created_at")
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("team", "user", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("team__name", "team__slug", "user__username")
    autocomplete_fields = ("team", "user")


@admin.register(Design)
class DesignAdmin(admin.ModelAdmin):
    list_display = ("name", "team", "slug", "visibility", "is_template", "head_number", "valid")
    list_filter = ("visibility", "is_template", "valid")
    search_fields = ("name", "slug", "public_id")
    list_select_related = ("team",)
    raw_id_fields = ("team", "forked_from")
    readonly_fields = (
        "public_id",
        "head",
        "head_number",
        "kubernetes_version",
        "valid",
        "error_count",
        "warning_count",
        "images",
        "search_text",
        "created_at",
        "updated_at",
        "forked_from_number",
    )

    def save_model(self, request: HttpRequest, obj: Design, form: Any, change: bool) -> None:
        obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)
        reindex(obj)
        obj.save(update_fields=["search_text"])

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A design is born with revision 1: the API and editor create them, not a bare form.
        return False


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ("design", "number", "author", "message", "valid", "created_at")
    list_select_related = ("design__team", "author")
    search_fields = ("design__name", "design__public_id", "message")
    raw_id_fields = ("design", "parent", "author")

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).defer("document")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
