"""Stateless tools anyone may use: validate, import, export an unsaved design, list versions."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from designer.domain import operations, versions
from designer.library import selectors, services
from designer.library.api.base import ApiView, attachment
from designer.library.api.inputs import team_from
from designer.library.api.parsers import LimitedJSONParser, LimitedMultiPartParser
from designer.library.api.schema import errors
from designer.library.api.serializers.designs import DesignDetailSerializer
from designer.library.api.serializers.tools import (
    ExportInput,
    ImportInput,
    ImportResultSerializer,
    ReportSerializer,
    ValidateInput,
    VersionsSerializer,
)
from designer.library.api.views.designs import detail_response

FILE_RESPONSES: dict[Any, Any] = {
    (200, "application/yaml"): OpenApiTypes.STR,
    (200, "application/json"): OpenApiTypes.OBJECT,
    **errors(400, 422),
}


def file_response(exported: operations.Exported, basename: str) -> HttpResponse:
    """An export as a download."""
    return HttpResponse(
        exported.text,
        content_type=f"{exported.content_type}; charset=utf-8",
        headers=attachment(f"{basename}.{exported.extension}"),
    )


class ValidateView(ApiView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="validate",
        request=ValidateInput,
        responses={200: ReportSerializer, **errors(400)},
        description="Validate a design document (or Kubernetes YAML) against a target version.",
    )
    def post(self, request: Request) -> Response:
        data = ValidateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        version = values.get("kubernetes_version") or None
        if "yaml" in values:
            design: Any = operations.import_text(values["yaml"], kubernetes_version=version).design
        else:
            design = values["document"]
        return Response(operations.validate(design, version).as_dict())


class ImportView(ApiView):
    permission_classes = [AllowAny]
    parser_classes = [LimitedJSONParser, LimitedMultiPartParser]

    @extend_schema(
        operation_id="import",
        request={"application/json": ImportInput, "multipart/form-data": ImportInput},
        responses={
            200: ImportResultSerializer,
            201: DesignDetailSerializer,
            **errors(400),
        },
        description="Read Kubernetes manifests into a design document; with `name` (and `team`) "
        "save it as a new design.",
    )
    def post(self, request: Request) -> Response:
        data = ImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        values: dict[str, Any] = dict(data.validated_data)
        upload = values.pop("file", None)
        text = upload.read() if upload is not None else values.pop("yaml")
        result = operations.import_text(
            text, kubernetes_version=values.pop("kubernetes_version", None) or None
        )
        document = result.design.to_dict()
        if "name" not in values:
            return Response({"document": document, "notes": list(result.notes)})
        if not request.user.is_authenticated:
            raise NotAuthenticated("Sign in to save an import as a design.")
        team = team_from(request.user, values.pop("team", None))
        values.setdefault("message", "Imported")
        design = services.design_create(user=request.user, team=team, document=document, **values)
        response = detail_response(
            request, selectors.design_get(user=request.user, public_id=design.public_id), 201
        )
        response.data = {**response.data, "notes": list(result.notes)}
        return response


class ExportView(ApiView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="export",
        request=ExportInput,
        responses=FILE_RESPONSES,
        description="Export an unsaved design document as a file download (422 when it has errors, "
        "unless draft).",
    )
    def post(self, request: Request) -> HttpResponse:
        data = ExportInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        exported = operations.export(
            values["document"],
            kind=values.get("kind") or None,
            version=values.get("version") or None,
            fmt=values.get("format", "yaml"),
            draft=values.get("draft", False),
        )
        basename = slugify(values.get("filename") or "") or "design"
        return file_response(exported, basename)


class VersionsView(ApiView):
    permission_classes = [AllowAny]

    @extend_schema(operation_id="kubernetes_versions", responses={200: VersionsSerializer})
    def get(self, request: Request) -> Response:
        return Response(
            {"versions": list(versions.SUPPORTED_VERSIONS), "default": versions.DEFAULT_VERSION},
            status=status.HTTP_200_OK,
        )
