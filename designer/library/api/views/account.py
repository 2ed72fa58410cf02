"""``/api/me`` and ``/api/auth/token``: who is signed in, and API tokens for scripts."""

from __future__ import annotations

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from designer.library import selectors, services
from designer.library.api.base import ApiView
from designer.library.api.schema import errors
from designer.library.api.serializers.teams import (
    MeSerializer,
    TeamSerializer,
    TokenInput,
    TokenSerializer,
)
from designer.library.errors import Invalid


class MeView(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me", responses={200: MeSerializer, **errors(401)})
    def get(self, request: Request) -> Response:
        personal = services.team_personal_get_or_create(user=request.user)
        memberships = selectors.team_list(user=request.user)
        return Response(
            {
                "username": request.user.get_username(),
                "email": getattr(request.user, "email", ""),
                "personal_team": personal.public_id,
                "teams": TeamSerializer(memberships, many=True).data,
            }
        )


class TokenView(ApiView):
    def get_permissions(self) -> list[object]:
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    @extend_schema(
        operation_id="auth_token_create",
        request=TokenInput,
        responses={200: TokenSerializer, **errors(400)},
        description="Trade a username and password for an API token (send it as "
        "`Authorization: Token <key>`).",
    )
    def post(self, request: Request) -> Response:
        data = TokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(request._request, **data.validated_data)
        if user is None:
            raise Invalid("Wrong username or password.")
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})

    @extend_schema(operation_id="auth_token_destroy", responses={204: None, **errors(401)})
    def delete(self, request: Request) -> Response:
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
