"""Who may do what: team roles, and the checks services run before they change anything."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from designer.library.errors import Forbidden, NotFound
from designer.library.models import Design, Membership, Role, Team, Visibility

AnyUser = User | AnonymousUser
EDIT_ROLES = frozenset({Role.OWNER, Role.EDITOR})
_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.OWNER: 3}


def role_in(*, user: AnyUser, team: Team) -> str | None:
    """The user's role in the team, or None when they are not a member."""
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(team=team, user_id=user.pk).values_list("role", flat=True).first()
    )


def team_ids_of(user: AnyUser) -> list[int]:
    """Primary keys of every team the user belongs to."""
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user_id=user.pk).values_list("team_id", flat=True))


def can_read_design(*, user: AnyUser, design: Design) -> bool:
    """Public designs are readable by anyone; private ones by the members of their team."""
    return (
        design.visibility == Visibility.PUBLIC or role_in(user=user, team=design.team) is not None
    )


def require_team_role(*, user: AnyUser, team: Team, minimum: str) -> str:
    """The user's role, at least ``minimum``; 404 for non-members, 403 for a lower role."""
    role = role_in(user=user, team=team)
    if role is None:
        raise NotFound("No such team.")
    if _RANK[Role(role)] < _RANK[Role(minimum)]:
        raise Forbidden(f"This needs the {minimum} role in team {team.slug!r}; you are {role}.")
    return role


def require_design_edit(*, user: AnyUser, design: Design) -> None:
    """Editors and owners change a design; templates are read-only for everyone."""
    role = role_in(user=user, team=design.team)
    if role is None and design.visibility != Visibility.PUBLIC:
        raise NotFound("No such design.")
    if design.is_template:
        raise Forbidden("Pattern templates are read-only: fork one to change it.")
    if role not in EDIT_ROLES:
        raise Forbidden("Only editors and owners of the design's team can change it.")


def require_design_owner(*, user: AnyUser, design: Design) -> None:
    """Only a team owner deletes a design."""
    role = role_in(user=user, team=design.team)
    if role is None and design.visibility != Visibility.PUBLIC:
        raise NotFound("No such design.")
    if design.is_template:
        raise Forbidden("Pattern templates are read-only.")
    if role != Role.OWNER:
        raise Forbidden("Only owners of the design's team can delete it.")
