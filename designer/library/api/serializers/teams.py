"""Teams, members, and the signed-in user."""

from __future__ import annotations

from rest_framework import serializers

from designer.library.api.serializers.fields import StrictSerializer, Text
from designer.library.models import Membership, Role


class TeamInput(StrictSerializer):
    name = Text(max_length=100)


class MemberInput(StrictSerializer):
    username = Text(max_length=150)
    role = serializers.ChoiceField(choices=Role.choices, default=Role.VIEWER)


class RoleInput(StrictSerializer):
    role = serializers.ChoiceField(choices=Role.choices)


class TeamSerializer(serializers.Serializer):
    """A team as one of its members sees it (``role``: theirs)."""

    id = serializers.CharField(source="team.public_id")
    slug = serializers.CharField(source="team.slug")
    name = serializers.CharField(source="team.name")
    personal = serializers.SerializerMethodField()
    role = serializers.ChoiceField(choices=Role.choices)
    created_at = serializers.DateTimeField(source="team.created_at")

    def get_personal(self, membership: Membership) -> bool:
        return membership.team.personal_owner_id is not None


class MemberSerializer(serializers.Serializer):
    username = serializers.CharField(source="user.username")
    role = serializers.ChoiceField(choices=Role.choices)
    joined_at = serializers.DateTimeField(source="created_at")


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    email = serializers.CharField()
    personal_team = serializers.CharField(help_text="Id of the personal team.")
    teams = TeamSerializer(many=True)


class TokenInput(StrictSerializer):
    username = Text(max_length=150)
    password = Text(max_length=4096, trim_whitespace=False)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
