"""Revisions: the input of a save or restore, and a revision's shape."""

from __future__ import annotations

from rest_framework import serializers

from designer.library.api.serializers.designs import DocumentOrYamlInput
from designer.library.api.serializers.fields import Number, StrictSerializer, Text


class RevisionCreateInput(DocumentOrYamlInput):
    message = Text(required=False, allow_blank=True, max_length=500)
    base_revision = Number(
        required=False,
        allow_null=True,
        min_value=0,
        help_text="The revision this save is based on (or If-Match).",
    )


class RestoreInput(StrictSerializer):
    base_revision = Number(
        required=False,
        allow_null=True,
        min_value=0,
        help_text="Refuse the restore if the design moved past this.",
    )


class RevisionCountsSerializer(serializers.Serializer):
    errors = serializers.IntegerField(source="error_count")
    warnings = serializers.IntegerField(source="warning_count")
    infos = serializers.IntegerField(source="info_count")


class RevisionSerializer(serializers.Serializer):
    """A revision without its document."""

    number = serializers.IntegerField()
    parent = serializers.IntegerField(source="parent.number", allow_null=True, default=None)
    message = serializers.CharField()
    author = serializers.CharField(source="author.username", allow_null=True, default=None)
    created_at = serializers.DateTimeField()
    kubernetes_version = serializers.CharField()
    valid = serializers.BooleanField()
    counts = RevisionCountsSerializer(source="*")


class RevisionDetailSerializer(RevisionSerializer):
    """A revision with its full design document."""

    document = serializers.JSONField()


class JsonChangeSerializer(serializers.Serializer):
    path = serializers.CharField()
    before = serializers.JSONField(source="old")
    after = serializers.JSONField(source="new")


class DocumentDiffSerializer(serializers.Serializer):
    added = serializers.ListField(child=serializers.CharField())
    removed = serializers.ListField(child=serializers.CharField())
    changed = JsonChangeSerializer(many=True)


class DiffSerializer(serializers.Serializer):
    """Two revisions compared: as design documents and as exported YAML."""

    from_revision = serializers.IntegerField(source="old")
    to_revision = serializers.IntegerField(source="new")
    document = DocumentDiffSerializer()
    yaml = serializers.CharField(help_text="A unified diff of the exported YAML.")
