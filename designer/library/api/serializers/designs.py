"""Designs: the input of create/update/fork and the shapes of a design in lists and in detail."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from designer.library.api.serializers.fields import (
    DocumentField,
    Number,
    StrictSerializer,
    Text,
    tag_list,
)
from designer.library.models import Design, Visibility

MAX_YAML = 2 * 1024 * 1024


class DocumentOrYamlInput(StrictSerializer):
    """A document given as design-document JSON or as Kubernetes YAML (not both)."""

    document = DocumentField(required=False)
    yaml = Text(required=False, max_length=MAX_YAML, trim_whitespace=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "document" in attrs and "yaml" in attrs:
            raise serializers.ValidationError("Send either document or yaml, not both.")
        return attrs


class DesignCreateInput(DocumentOrYamlInput):
    team = Text(
        required=False, allow_null=True, max_length=16, help_text="Team id; default: your own."
    )
    name = Text(max_length=120)
    slug = Text(required=False, max_length=80)
    description = Text(required=False, allow_blank=True, max_length=5000)
    tags = tag_list()
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    message = Text(required=False, allow_blank=True, max_length=500)


class DesignUpdateInput(DocumentOrYamlInput):
    name = Text(max_length=120)
    slug = Text(required=False, max_length=80)
    description = Text(required=False, allow_blank=True, max_length=5000)
    tags = tag_list()
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    message = Text(required=False, allow_blank=True, max_length=500)
    base_revision = Number(
        required=False,
        allow_null=True,
        min_value=0,
        help_text="The revision this save is based on (or If-Match).",
    )


class ForkInput(StrictSerializer):
    team = Text(
        required=False, allow_null=True, max_length=16, help_text="Team id; default: your own."
    )
    name = Text(required=False, max_length=120)
    slug = Text(required=False, max_length=80)


class TeamRefSerializer(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    slug = serializers.CharField()
    name = serializers.CharField()


class ForkOriginSerializer(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    revision = serializers.IntegerField(allow_null=True)


class CountsSerializer(serializers.Serializer):
    errors = serializers.IntegerField(source="error_count")
    warnings = serializers.IntegerField(source="warning_count")


class DesignSerializer(serializers.Serializer):
    """A design as lists show it: metadata and the summary of its latest revision."""

    id = serializers.CharField(source="public_id")
    team = TeamRefSerializer()
    name = serializers.CharField()
    slug = serializers.CharField()
    description = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())
    visibility = serializers.ChoiceField(choices=Visibility.choices)
    is_template = serializers.BooleanField()
    kubernetes_version = serializers.CharField()
    revision = serializers.IntegerField(source="head_number")
    valid = serializers.BooleanField()
    counts = CountsSerializer(source="*")
    images = serializers.ListField(child=serializers.CharField())
    forked_from = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(ForkOriginSerializer(allow_null=True))
    def get_forked_from(self, design: Design) -> dict[str, Any] | None:
        if design.forked_from_id is None or design.forked_from is None:
            return None
        return {"id": design.forked_from.public_id, "revision": design.forked_from_number}


class PermissionsSerializer(serializers.Serializer):
    edit = serializers.BooleanField()
    delete = serializers.BooleanField()
    role = serializers.CharField(allow_null=True)


class DesignDetailSerializer(DesignSerializer):
    """A design with its latest document, who saved it, and what the reader may do with it."""

    message = serializers.CharField(source="head.message")
    author = serializers.CharField(source="head.author.username", allow_null=True, default=None)
    saved_at = serializers.DateTimeField(source="head.created_at")
    document = serializers.JSONField(source="head.document")
    permissions = serializers.SerializerMethodField()

    @extend_schema_field(PermissionsSerializer)
    def get_permissions(self, design: Design) -> dict[str, Any]:
        role = self.context.get("role")
        editable = not design.is_template and role in ("owner", "editor")
        return {
            "edit": editable,
            "delete": not design.is_template and role == "owner",
            "role": role,
        }
