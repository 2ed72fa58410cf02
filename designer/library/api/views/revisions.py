"""``/api/designs/{id}/revisions/``: history, saves, restores, and the diff of two revisions."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from designer.domain import operations
from designer.library import selectors, services
from designer.library.api.base import ApiView, base_revision, etag, query_int
from designer.library.api.inputs import take_document
from designer.library.api.pagination import RevisionCursor
from designer.library.api.schema import errors, page_of
from designer.library.api.serializers.revisions import (
    DiffSerializer,
    RestoreInput,
    RevisionCreateInput,
    RevisionDetailSerializer,
    RevisionSerializer,
)
from designer.library.diffing import diff_documents, diff_text
from designer.library.errors import Invalid

IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, description='The ETag of the design, e.g. "3".'
)


def revision_response(revision: Any, code: int) -> Response:
    return Response(
        RevisionDetailSerializer(revision).data,
        status=code,
        headers={"ETag": etag(revision.number)},
    )


class RevisionListView(ApiView):
    @extend_schema(
        operation_id="revisions_list",
        parameters=[OpenApiParameter("cursor", str), OpenApiParameter("page_size", int)],
        responses={200: page_of(RevisionSerializer, "RevisionPage"), **errors(404)},
    )
    def get(self, request: Request, design_id: str) -> Response:
        design = selectors.design_get(user=request.user, public_id=design_id)
        paginator = RevisionCursor()
        page = paginator.paginate_queryset(
            selectors.revision_list(design=design), request, view=self
        )
        return paginator.get_paginated_response(RevisionSerializer(page, many=True).data)

    @extend_schema(
        operation_id="revisions_create",
        request=RevisionCreateInput,
        parameters=[IF_MATCH],
        responses={201: RevisionDetailSerializer, **errors(400, 401, 403, 404, 428)},
        description="Save: append a revision. Names the revision it is based on (If-Match or "
        "base_revision); 409 with the current revision when someone saved in between.",
    )
    def post(self, request: Request, design_id: str) -> Response:
        design = selectors.design_get(user=request.user, public_id=design_id)
        data = RevisionCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        document = take_document(values)
        if document is None:
            raise Invalid(
                "Send the design as document or yaml.", details={"document": ["Required."]}
            )
        revision = services.design_save(
            user=request.user,
            design=design,
            document=document,
            base_revision=base_revision(request, values.get("base_revision")),
            message=values.get("message", ""),
        )
        return revision_response(revision, status.HTTP_201_CREATED)


class RevisionDetailView(ApiView):
    @extend_schema(
        operation_id="revisions_retrieve",
        responses={200: RevisionDetailSerializer, **errors(404)},
    )
    def get(self, request: Request, design_id: str, number: int) -> Response:
        design = selectors.design_get(user=request.user, public_id=design_id)
        return revision_response(selectors.revision_get(design=design, number=number), 200)


class RevisionRestoreView(ApiView):
    @extend_schema(
        operation_id="revisions_restore",
        request=RestoreInput,
        parameters=[IF_MATCH],
        responses={201: RevisionDetailSerializer, **errors(400, 401, 403, 404)},
        description="Append a new revision that copies this one (history is never rewritten).",
    )
    def post(self, request: Request, design_id: str, number: int) -> Response:
        design = selectors.design_get(user=request.user, public_id=design_id)
        data = RestoreInput(data=request.data)
        data.is_valid(raise_exception=True)
        revision = services.design_restore(
            user=request.user,
            design=design,
            number=number,
            base_revision=base_revision(request, data.validated_data.get("base_revision")),
        )
        return revision_response(revision, status.HTTP_201_CREATED)


class DiffView(ApiView):
    @extend_schema(
        operation_id="designs_diff",
        parameters=[
            OpenApiParameter("from", int, description="Default: the revision before `to`."),
            OpenApiParameter("to", int, description="Default: the latest revision."),
        ],
        responses={200: DiffSerializer, **errors(400, 404)},
    )
    def get(self, request: Request, design_id: str) -> Response:
        design = selectors.design_get(user=request.user, public_id=design_id)
        new_number = query_int(request, "to") or design.head_number
        old_number = query_int(request, "from") or max(new_number - 1, 1)
        old = selectors.revision_get(design=design, number=old_number)
        new = selectors.revision_get(design=design, number=new_number)
        old_yaml = operations.export(old.document, draft=True).text
        new_yaml = operations.export(new.document, draft=True).text
        diff = {
            "old": old.number,
            "new": new.number,
            "document": diff_documents(old.document, new.document),
            "yaml": diff_text(
                old_yaml,
                new_yaml,
                old_name=f"{design.slug}.yaml@r{old.number}",
                new_name=f"{design.slug}.yaml@r{new.number}",
            ),
        }
        return Response(DiffSerializer(diff).data)
