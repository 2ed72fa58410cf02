"""``/api/designs/``: list and search, create, read, change, fork and delete designs."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from designer.library import selectors, services
from designer.library.api.base import ApiView, base_revision, etag, query_bool
from designer.library.api.inputs import take_document, team_from
from designer.library.api.pagination import DesignCursor
from designer.library.api.schema import errors, page_of
from designer.library.api.serializers.designs import (
    DesignCreateInput,
    DesignDetailSerializer,
    DesignSerializer,
    DesignUpdateInput,
    ForkInput,
)
from designer.library.models import Design, Visibility
from designer.library.permissions import role_in


class DesignListQuery(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    team = serializers.CharField(required=False, max_length=16)
    tag = serializers.CharField(required=False, max_length=40)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    kubernetes_version = serializers.CharField(required=False, max_length=10)


def detail_response(request: Request, design: Design, code: int = 200) -> Response:
    """A design in full, with its ETag."""
    role = role_in(user=request.user, team=design.team)
    data = DesignDetailSerializer(design, context={"role": role}).data
    headers = {"ETag": etag(design.head_number)}
    if code == status.HTTP_201_CREATED:
        headers["Location"] = f"/api/designs/{design.public_id}/"
    return Response(data, status=code, headers=headers)


class DesignListView(ApiView):
    @extend_schema(
        operation_id="designs_list",
        parameters=[
            DesignListQuery,
            OpenApiParameter(
                "template", bool, description="Only pattern templates (1) or no templates (0)."
            ),
            OpenApiParameter("cursor", str),
            OpenApiParameter("page_size", int, description="At most 100."),
        ],
        responses={200: page_of(DesignSerializer, "DesignPage"), **errors(400)},
        description="Designs you can read, newest change first. `q` matches word prefixes of the "
        "name, description, tags and image names.",
    )
    def get(self, request: Request) -> Response:
        query = DesignListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = selectors.DesignFilters(
            **query.validated_data, template=query_bool(request, "template")
        )
        paginator = DesignCursor()
        page = paginator.paginate_queryset(
            selectors.design_list(user=request.user, filters=filters), request, view=self
        )
        return paginator.get_paginated_response(DesignSerializer(page, many=True).data)

    @extend_schema(
        operation_id="designs_create",
        request=DesignCreateInput,
        responses={201: DesignDetailSerializer, **errors(400, 401, 403, 404)},
        description="A new design in a team you edit (default: your personal team), from a design "
        "document, from Kubernetes YAML, or empty.",
    )
    def post(self, request: Request) -> Response:
        data = DesignCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values: dict[str, Any] = dict(data.validated_data)
        team = team_from(request.user, values.pop("team", None))
        values["document"] = take_document(values)
        design = services.design_create(user=request.user, team=team, **values)
        return detail_response(
            request, selectors.design_get(user=request.user, public_id=design.public_id), 201
        )


class DesignDetailView(ApiView):
    @extend_schema(
        operation_id="designs_retrieve",
        parameters=[
            OpenApiParameter(
                "If-None-Match", str, OpenApiParameter.HEADER, description="304 when unchanged."
            )
        ],
        responses={200: DesignDetailSerializer, 304: None, **errors(404)},
    )
    def get(self, request: Request, design_id: str) -> Response:
        design = selectors.design_get(user=request.user, public_id=design_id)
        tag = etag(design.head_number)
        if request.headers.get("If-None-Match") == tag:
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": tag})
        return detail_response(request, design)

    def _update(self, request: Request, design_id: str, *, partial: bool) -> Response:
        design = selectors.design_get(user=request.user, public_id=design_id)
        data = DesignUpdateInput(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values: dict[str, Any] = dict(data.validated_data)
        values["document"] = take_document(values)
        values["base_revision"] = base_revision(request, values.pop("base_revision", None))
        services.design_update(user=request.user, design=design, **values)
        return detail_response(
            request, selectors.design_get(user=request.user, public_id=design_id)
        )

    @extend_schema(
        operation_id="designs_update",
        request=DesignUpdateInput,
        responses={
            200: DesignDetailSerializer,
            **errors(400, 401, 403, 404, 409, 428),
        },
        parameters=[
            OpenApiParameter(
                "If-Match", str, OpenApiParameter.HEADER, description='The ETag, e.g. "3".'
            )
        ],
        description="Change the metadata; with a `document` (or `yaml`) also append a revision, "
        "which needs the revision it is based on (If-Match or base_revision).",
    )
    def put(self, request: Request, design_id: str) -> Response:
        return self._update(request, design_id, partial=False)

    @extend_schema(
        operation_id="designs_partial_update",
        request=DesignUpdateInput(partial=True),
        responses={
            200: DesignDetailSerializer,
            **errors(400, 401, 403, 404, 409, 428),
        },
        parameters=[
            OpenApiParameter(
                "If-Match", str, OpenApiParameter.HEADER, description='The ETag, e.g. "3".'
            )
        ],
    )
    def patch(self, request: Request, design_id: str) -> Response:
        return self._update(request, design_id, partial=True)

    @extend_schema(
        operation_id="designs_destroy", responses={204: None, **errors(400, 401, 403, 404)}
    )
    def delete(self, request: Request, design_id: str) -> Response:
        design = selectors.design_get(user=request.user, public_id=design_id)
        services.design_delete(user=request.user, design=design)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DesignForkView(ApiView):
    @extend_schema(
        operation_id="designs_fork",
        request=ForkInput,
        responses={201: DesignDetailSerializer, **errors(400, 401, 403, 404)},
        description="Copy a design you can read into a team you edit (default: your own team).",
    )
    def post(self, request: Request, design_id: str) -> Response:
        source = selectors.design_get(user=request.user, public_id=design_id)
        data = ForkInput(data=request.data)
        data.is_valid(raise_exception=True)
        values: dict[str, Any] = dict(data.validated_data)
        team = team_from(request.user, values.pop("team", None))
        fork = services.design_fork(user=request.user, source=source, team=team, **values)
        return detail_response(
            request, selectors.design_get(user=request.user, public_id=fork.public_id), 201
        )
