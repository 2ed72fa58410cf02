"""``GET /api/designs/{id}/export``: a saved design as a manifest download."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request

from designer.domain import operations
from designer.library import selectors
from designer.library.api.base import ApiView, etag, query_bool
from designer.library.api.schema import errors
from designer.library.api.serializers.tools import ExportQuery
from designer.library.api.views.tools import FILE_RESPONSES, file_response


class DesignExportView(ApiView):
    @extend_schema(
        operation_id="designs_export",
        parameters=[
            ExportQuery,
            OpenApiParameter("draft", bool, description="Export even when the design has errors."),
        ],
        responses={**FILE_RESPONSES, **errors(404)},
        description="Download the latest (or `revision`) document as YAML or JSON manifests; "
        "422 with the findings when the design has errors, unless `draft=1`.",
    )
    def get(self, request: Request, design_id: str) -> HttpResponse:
        design = selectors.design_get(user=request.user, public_id=design_id)
        query = ExportQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        options = query.validated_data
        number = options.get("revision")
        revision = (
            design.head if number is None else selectors.revision_get(design=design, number=number)
        )
        assert revision is not None, "every design has at least one revision"
        exported = operations.export(
            revision.document,
            kind=options.get("kind") or None,
            version=options.get("version") or None,
            fmt=options.get("format", "yaml"),
            draft=bool(query_bool(request, "draft")),
        )
        response = file_response(exported, design.slug)
        response["ETag"] = etag(revision.number)
        return response
