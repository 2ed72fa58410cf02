"""OpenAPI helpers: the error body, paginated lists."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable machine-readable code, e.g. stale_revision.")
    message = serializers.CharField()
    details = serializers.JSONField(allow_null=True, help_text="Per-field errors, findings …")


class ErrorSerializer(serializers.Serializer):
    """The body of every error response."""

    error = ErrorDetailSerializer()


def errors(*codes: int) -> dict[int, Any]:
    """Error responses for the given status codes."""
    return {code: OpenApiResponse(ErrorSerializer) for code in codes}


def page_of(serializer: type[serializers.Serializer], name: str) -> serializers.Serializer:
    """A cursor-paginated list of ``serializer``."""
    return inline_serializer(
        name,
        {
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer(many=True),
        },
    )
