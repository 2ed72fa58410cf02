"""Validate, import, export and the version list: inputs and results."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from designer.domain.operations import WORKLOAD_KINDS
from designer.domain.versions import format_version, parse_version
from designer.library.api.serializers.designs import MAX_YAML, DocumentOrYamlInput
from designer.library.api.serializers.fields import (
    DocumentField,
    Flag,
    StrictSerializer,
    Text,
    tag_list,
)
from designer.library.models import Visibility


class KubernetesVersion(Text):
    """A supported target version, normalized to ``major.minor``."""

    def to_internal_value(self, data: Any) -> str:
        text = super().to_internal_value(data)
        try:
            return format_version(parse_version(text))
        except ValueError as exc:
            raise serializers.ValidationError(str(exc)) from None


class ValidateInput(DocumentOrYamlInput):
    kubernetes_version = KubernetesVersion(
        required=False, allow_null=True, allow_blank=True, max_length=20
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if "document" not in attrs and "yaml" not in attrs:
            raise serializers.ValidationError("Send a document or yaml to validate.")
        return attrs


class ImportInput(StrictSerializer):
    yaml = Text(required=False, max_length=MAX_YAML, trim_whitespace=False)
    file = serializers.FileField(required=False, help_text="The manifest file (multipart).")
    kubernetes_version = KubernetesVersion(
        required=False, allow_null=True, allow_blank=True, max_length=20
    )
    team = Text(
        required=False, allow_null=True, max_length=16, help_text="With name: save into this team."
    )
    name = Text(required=False, max_length=120, help_text="Save the import as a new design.")
    description = Text(required=False, allow_blank=True, max_length=5000)
    tags = tag_list()
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    message = Text(required=False, allow_blank=True, max_length=500)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("yaml" in attrs) == ("file" in attrs):
            raise serializers.ValidationError("Send the manifests as yaml or as a file upload.")
        saving = {"team", "description", "tags", "visibility", "message"} & attrs.keys()
        if saving and "name" not in attrs:
            raise serializers.ValidationError({"name": ["Name the design to save the import."]})
        return attrs


class ExportOptions(serializers.Serializer):
    format = serializers.ChoiceField(choices=("yaml", "json"), default="yaml", required=False)
    kind = serializers.ChoiceField(
        choices=WORKLOAD_KINDS, required=False, allow_null=True, allow_blank=True
    )
    version = KubernetesVersion(required=False, allow_null=True, allow_blank=True, max_length=20)


class ExportQuery(ExportOptions):
    revision = serializers.IntegerField(required=False, min_value=1)


class ExportInput(StrictSerializer, ExportOptions):
    document = DocumentField()
    draft = Flag(required=False, default=False)
    filename = Text(required=False, max_length=80, help_text="Base name of the download.")


class FindingSerializer(serializers.Serializer):
    severity = serializers.ChoiceField(choices=("error", "warning", "info"))
    rule = serializers.CharField()
    path = serializers.CharField()
    message = serializers.CharField()
    hint = serializers.CharField()
    type = serializers.CharField()
    element = serializers.CharField(allow_null=True)
    layer = serializers.CharField()


class ReportCountsSerializer(serializers.Serializer):
    error = serializers.IntegerField()
    warning = serializers.IntegerField()
    info = serializers.IntegerField()


class ReportSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    kubernetes_version = serializers.CharField()
    counts = ReportCountsSerializer()
    findings = FindingSerializer(many=True)


class ImportResultSerializer(serializers.Serializer):
    document = serializers.JSONField()
    notes = serializers.ListField(child=serializers.CharField())


class VersionsSerializer(serializers.Serializer):
    versions = serializers.ListField(child=serializers.CharField())
    default = serializers.CharField()
