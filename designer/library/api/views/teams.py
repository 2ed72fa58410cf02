"""``/api/teams/``: my teams, and their members (managed by owners)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from designer.library import selectors, services
from designer.library.api.base import ApiView
from designer.library.api.schema import errors
from designer.library.api.serializers.teams import (
    MemberInput,
    MemberSerializer,
    RoleInput,
    TeamInput,
    TeamSerializer,
)
from designer.library.models import Membership, Team


def team_data(request: Request, team: Team) -> dict[str, object]:
    membership = Membership.objects.select_related("team").get(team=team, user_id=request.user.pk)
    return dict(TeamSerializer(membership).data)


class TeamListView(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="teams_list",
        responses={200: TeamSerializer(many=True), **errors(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        services.team_personal_get_or_create(user=request.user)
        memberships = selectors.team_list(user=request.user)
        return Response(TeamSerializer(memberships, many=True).data)

    @extend_schema(
        operation_id="teams_create",
        request=TeamInput,
        responses={201: TeamSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request) -> Response:
        data = TeamInput(data=request.data)
        data.is_valid(raise_exception=True)
        team = services.team_create(user=request.user, **data.validated_data)
        return Response(team_data(request, team), status=status.HTTP_201_CREATED)


class TeamDetailView(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="teams_retrieve", responses={200: TeamSerializer, **errors(400, 401, 403, 404)}
    )
    def get(self, request: Request, team_id: str) -> Response:
        team = selectors.team_get(user=request.user, public_id=team_id)
        return Response(team_data(request, team))

    @extend_schema(
        operation_id="teams_partial_update",
        request=TeamInput,
        responses={200: TeamSerializer, **errors(400, 401, 403, 404)},
    )
    def patch(self, request: Request, team_id: str) -> Response:
        team = selectors.team_get(user=request.user, public_id=team_id)
        data = TeamInput(data=request.data)
        data.is_valid(raise_exception=True)
        team = services.team_update(user=request.user, team=team, **data.validated_data)
        return Response(team_data(request, team))

    @extend_schema(
        operation_id="teams_destroy", responses={204: None, **errors(400, 401, 403, 404)}
    )
    def delete(self, request: Request, team_id: str) -> Response:
        team = selectors.team_get(user=request.user, public_id=team_id)
        services.team_delete(user=request.user, team=team)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MemberListView(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="members_list",
        responses={200: MemberSerializer(many=True), **errors(400, 401, 403, 404)},
    )
    def get(self, request: Request, team_id: str) -> Response:
        team = selectors.team_get(user=request.user, public_id=team_id)
        return Response(MemberSerializer(selectors.membership_list(team=team), many=True).data)

    @extend_schema(
        operation_id="members_create",
        request=MemberInput,
        responses={201: MemberSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, team_id: str) -> Response:
        team = selectors.team_get(user=request.user, public_id=team_id)
        data = MemberInput(data=request.data)
        data.is_valid(raise_exception=True)
        membership = services.member_add(user=request.user, team=team, **data.validated_data)
        return Response(MemberSerializer(membership).data, status=status.HTTP_201_CREATED)


class MemberDetailView(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="members_partial_update",
        request=RoleInput,
        responses={200: MemberSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, team_id: str, username: str) -> Response:
        team = selectors.team_get(user=request.user, public_id=team_id)
        data = RoleInput(data=request.data)
        data.is_valid(raise_exception=True)
        membership = services.member_set_role(
            user=request.user, team=team, username=username, **data.validated_data
        )
        return Response(MemberSerializer(membership).data)

    @extend_schema(
        operation_id="members_destroy",
        responses={204: None, **errors(400, 401, 403, 404, 409)},
        description="Owners remove members; any member may remove themselves (leave). The last "
        "owner cannot be removed.",
    )
    def delete(self, request: Request, team_id: str, username: str) -> Response:
        team = selectors.team_get(user=request.user, public_id=team_id)
        services.member_remove(user=request.user, team=team, username=username)
        return Response(status=status.HTTP_204_NO_CONTENT)
