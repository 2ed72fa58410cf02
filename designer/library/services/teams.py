"""Users, teams and memberships."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from designer.library.errors import Forbidden, Invalid, LastOwner, NotFound
from designer.library.models import Membership, Role, Team
from designer.library.permissions import AnyUser, require_team_role

SYSTEM_TEAM_SLUG = "pod-designer"
SYSTEM_TEAM_NAME = "Pod Designer patterns"


def unique_team_slug(base: str) -> str:
    """A team slug from a name, suffixed (-2, -3 …) until it is free."""
    root = (slugify(base) or "team")[:50].strip("-") or "team"
    candidate, n = root, 1
    while Team.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{root}-{n}"
    return candidate


@transaction.atomic
def user_create(*, username: str, password: str | None, email: str = "") -> User:
    """A new user with a personal team they own."""
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise Invalid("That username is taken.", details={"username": ["That username is taken."]})
    user = user_model.objects.create_user(username=username, email=email, password=password)
    team_personal_get_or_create(user=user)
    return user


@transaction.atomic
def team_personal_get_or_create(*, user: User) -> Team:
    """The user's personal team, made on first need (createsuperuser and admin users lack one)."""
    team = Team.objects.filter(personal_owner=user).first()
    if team is not None:
        return team
    username = user.get_username()
    team = Team.objects.create(
        name=f"{username} (personal)", slug=unique_team_slug(username), personal_owner=user
    )
    Membership.objects.create(team=team, user=user, role=Role.OWNER)
    return team


@transaction.atomic
def team_system_get_or_create() -> Team:
    """The team that owns the pattern templates; it has no members."""
    team = Team.objects.filter(is_system=True).first()
    if team is None:
        team = Team.objects.create(
            name=SYSTEM_TEAM_NAME, slug=unique_team_slug(SYSTEM_TEAM_SLUG), is_system=True
        )
    return team


def _clean_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise Invalid("A team needs a name.", details={"name": ["This field may not be blank."]})
    return name


@transaction.atomic
def team_create(*, user: User, name: str) -> Team:
    """A new shared team, owned by its creator."""
    name = _clean_name(name)
    team = Team.objects.create(name=name, slug=unique_team_slug(name))
    Membership.objects.create(team=team, user=user, role=Role.OWNER)
    return team


@transaction.atomic
def team_update(*, user: AnyUser, team: Team, name: str) -> Team:
    """Rename a team (owners only; its slug stays, so links keep working)."""
    require_team_role(user=user, team=team, minimum=Role.OWNER)
    team.name = _clean_name(name)
    team.save(update_fields=["name"])
    return team


@transaction.atomic
def team_delete(*, user: AnyUser, team: Team) -> None:
    """Delete a shared team and all its designs (owners only; personal teams stay)."""
    require_team_role(user=user, team=team, minimum=Role.OWNER)
    if team.personal_owner_id is not None:
        raise Forbidden("A personal team cannot be deleted.")
    team.delete()


def _member(team: Team, username: str) -> Membership:
    membership = (
        Membership.objects.select_for_update()
        .filter(team=team, user__username=username)
        .select_related("user")
        .first()
    )
    if membership is None:
        raise NotFound(f"{username!r} is not a member of team {team.slug!r}.")
    return membership


def _other_owners(team: Team, membership: Membership) -> bool:
    return Membership.objects.filter(team=team, role=Role.OWNER).exclude(pk=membership.pk).exists()


@transaction.atomic
def member_add(*, user: AnyUser, team: Team, username: str, role: str) -> Membership:
    """Add an existing user to a team (owners only)."""
    require_team_role(user=user, team=team, minimum=Role.OWNER)
    if team.personal_owner_id is not None:
        raise Forbidden("A personal team has only its owner: create a team to share designs.")
    new_member = get_user_model().objects.filter(username=username, is_active=True).first()
    if new_member is None:
        raise Invalid(f"There is no user {username!r}.", details={"username": ["No such user."]})
    try:
        with transaction.atomic():
            return Membership.objects.create(team=team, user=new_member, role=Role(role))
    except IntegrityError:
        raise Invalid(
            f"{username!r} is already a member.", details={"username": ["Already a member."]}
        ) from None


@transaction.atomic
def member_set_role(*, user: AnyUser, team: Team, username: str, role: str) -> Membership:
    """Change a member's role (owners only; the last owner stays an owner)."""
    require_team_role(user=user, team=team, minimum=Role.OWNER)
    membership = _member(team, username)
    if membership.role == Role.OWNER and role != Role.OWNER and not _other_owners(team, membership):
        raise LastOwner("A team needs at least one owner: make someone else owner first.")
    membership.role = Role(role)
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def member_remove(*, user: AnyUser, team: Team, username: str) -> None:
    """Remove a member (owners), or leave a team (anyone); the last owner cannot go."""
    leaving = user.is_authenticated and user.get_username() == username
    require_team_role(user=user, team=team, minimum=Role.VIEWER if leaving else Role.OWNER)
    membership = _member(team, username)
    if membership.role == Role.OWNER and not _other_owners(team, membership):
        raise LastOwner("A team needs at least one owner: make someone else owner first.")
    membership.delete()
