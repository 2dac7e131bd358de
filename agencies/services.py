"""Writes for agencies and staff roles."""

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from agencies.models import Hub, LocalAuthority, RegionalAdoptionAgency, Role, StaffRole
from agencies.scoping import (
    ADMIN,
    LA_SCOPED_ROLES,
    RAA_SCOPED_ROLES,
    READ,
    SETTINGS,
    STAFF,
    access_for,
    require_write,
)

UNKNOWN_ROLE = "Unknown role {role!r}: choose one of {choices}."
NEEDS_RAA = "The role {role} is scoped to an RAA: give --raa."
NEEDS_LA = "The role {role} is scoped to an LA: give --la."
ONE_SCOPE = "Give either an RAA or an LA, not both."
NEEDS_SCOPE = "The role {role} needs a scope: give --raa or --la."
STAFF_OUTSIDE_RAA = "{username} has a role outside your RAA, or no role in it."
SCOPE_OUTSIDE_RAA = "You can give roles over your own RAA and its LAs only."
OWN_ROLE = "You cannot take away your own role."
SUPERUSER_ROLE = "{username} is an administrator: their account is not changed here."


@transaction.atomic
def raa_create(*, slug: str, name: str, go_live: date | None = None) -> RegionalAdoptionAgency:
    """Create a regional adoption agency."""
    raa = RegionalAdoptionAgency(slug=slug, name=name, go_live=go_live)
    raa.full_clean()
    raa.save()
    return raa


@transaction.atomic
def hub_create(*, raa: RegionalAdoptionAgency, name: str, kind: str = Hub.Kind.LOCALITY) -> Hub:
    """Create a hub of an RAA."""
    hub = Hub(raa=raa, name=name, kind=kind)
    hub.full_clean()
    hub.save()
    return hub


@transaction.atomic
def la_create(
    *,
    code: str,
    name: str,
    raa: RegionalAdoptionAgency | None = None,
    raa_go_live: date | None = None,
    hub: Hub | None = None,
) -> LocalAuthority:
    """Create a partner LA, optionally joining an RAA (and one of its hubs)."""
    la = LocalAuthority(code=code, name=name, raa=raa, raa_go_live=raa_go_live, hub=hub)
    la.full_clean()
    if hub is not None and hub.raa_id != (raa.pk if raa else None):
        raise ValidationError({"hub": "The hub belongs to another RAA."})
    la.save()
    return la


def _require_staff(user, *, username: str, raa_id: int | None, la: LocalAuthority | None):
    """An RAA manager gives and takes roles over their own RAA and its LAs only, and only to
    users who are new or already hold a role in it (both the old and the new scope checked);
    `user` None is the command line (grant_role), which is trusted."""
    if user is None or access_for(user).is_superuser:
        return
    access = require_write(user, STAFF)
    new_raa = raa_id if la is None else la.raa_id
    if new_raa != access.raa_id:
        raise PermissionDenied(SCOPE_OUTSIDE_RAA)
    grantee = User.objects.filter(username=username).select_related("staff_role__la").first()
    if grantee is None:
        return
    if grantee.is_superuser:
        raise PermissionDenied(SUPERUSER_ROLE.format(username=username))
    current = getattr(grantee, "staff_role", None)
    current_raa = None if current is None else current.raa_id or current.la.raa_id
    if current_raa != access.raa_id:
        raise PermissionDenied(STAFF_OUTSIDE_RAA.format(username=username))


@transaction.atomic
def role_grant(
    *,
    username: str,
    role: str,
    raa: RegionalAdoptionAgency | None = None,
    la: LocalAuthority | None = None,
    password: str | None = None,
    user: User | None = None,
) -> StaffRole:
    """Give a user (created if new) one role over one RAA or one LA, replacing any previous role;
    `user` is who grants it (None from the command line)."""
    if role not in Role.values:
        raise ValidationError(UNKNOWN_ROLE.format(role=role, choices=", ".join(Role.values)))
    if raa and la:
        raise ValidationError(ONE_SCOPE)
    if role in RAA_SCOPED_ROLES and not raa:
        raise ValidationError(NEEDS_RAA.format(role=role))
    if role in LA_SCOPED_ROLES and not la:
        raise ValidationError(NEEDS_LA.format(role=role))
    if not raa and not la:
        raise ValidationError(NEEDS_SCOPE.format(role=role))
    _require_staff(user, username=username, raa_id=raa.pk if raa else None, la=la)
    grantee, _ = User.objects.get_or_create(username=username)
    if password:
        grantee.set_password(password)
    elif not grantee.has_usable_password():
        grantee.set_unusable_password()
    # The admin is for superusers only (docs/adr/0007-admin.md): the role table's ADMIN area.
    grantee.is_staff = role in READ[ADMIN] or grantee.is_superuser  # the admin needs is_staff
    grantee.save()
    staff_role, _ = StaffRole.objects.update_or_create(
        user=grantee, defaults={"role": role, "raa": raa, "la": la}
    )
    staff_role.full_clean()
    return staff_role


@transaction.atomic
def role_revoke(*, user: User | None, staff_role: StaffRole) -> None:
    """Take a user's role away (their account stays, with no access to any record)."""
    _require_staff(
        user, username=staff_role.user.username, raa_id=staff_role.raa_id, la=staff_role.la
    )
    if user is not None and staff_role.user_id == user.pk:
        raise PermissionDenied(OWN_ROLE)
    staff_role.delete()


SETTINGS_OUTSIDE_RAA = "{field}: {owner} is not your RAA."
SETTINGS_REFUSED = "Only an RAA manager changes their RAA's settings."
RAA_CHANGE_REFUSED = "raa: only a superuser moves an LA to another RAA."
NATIONAL_REFUSED = "Only a superuser changes national settings."


def _settings_owners(obj) -> list[tuple[str, RegionalAdoptionAgency | None]]:
    """The RAAs an agency record belongs to or points at, by field: an RAA itself (and its host
    LA's RAA), a hub's RAA, an LA's RAA and its hub's RAA, an RAA's own setting's (its quorum
    rule's) RAA."""
    if isinstance(obj, RegionalAdoptionAgency):
        host = obj.host_la
        return [("raa", obj if obj.pk else None), ("host_la", host.raa if host else None)]
    if isinstance(obj, Hub) or obj._meta.label == "panels.QuorumRule":
        return [("raa", obj.raa if obj.raa_id else None)]
    if isinstance(obj, LocalAuthority):
        return [("raa", obj.raa), ("hub", obj.hub.raa if obj.hub else None)]
    raise PermissionDenied(NATIONAL_REFUSED)


def _require_settings(user, obj) -> None:
    """Superusers change any setting; RAA managers those of their own RAA, every RAA the record
    belongs to or points at being theirs."""
    access = access_for(user)
    if access.is_superuser:
        return
    if not access.can_write(SETTINGS):
        raise PermissionDenied(SETTINGS_REFUSED)
    for field, raa in _settings_owners(obj):
        if field == "raa" and raa is None:  # an LA outside every RAA is national
            raise PermissionDenied(SETTINGS_OUTSIDE_RAA.format(field=field, owner="no RAA"))
        if raa is not None and raa.pk != access.raa_id:
            raise PermissionDenied(SETTINGS_OUTSIDE_RAA.format(field=field, owner=raa))


@transaction.atomic
def settings_save(obj, *, user, **fields):
    """Create or change an RAA's own agency record (its LAs, hubs, the RAA itself) within the
    user's RAA, checking the record's RAAs before and after the change (superusers: anywhere).
    The national list of external agencies and new RAAs are superuser_save's."""
    if obj.pk is not None:
        _require_settings(user, obj)
    moves_raa = isinstance(obj, LocalAuthority) and fields.get("raa", obj.raa) != obj.raa
    if moves_raa and obj.pk is not None and not access_for(user).is_superuser:
        raise PermissionDenied(RAA_CHANGE_REFUSED)
    for name, value in fields.items():
        setattr(obj, name, value)
    _require_settings(user, obj)
    if isinstance(obj, LocalAuthority) and obj.hub is not None and obj.hub.raa_id != obj.raa_id:
        raise ValidationError({"hub": "The hub belongs to another RAA."})
    obj.full_clean()
    obj.save()
    return obj


def superuser_save(obj, *, user, **fields):
    """National settings (fund rules, reference values, new RAAs): superusers only."""
    if not user.is_superuser:
        raise PermissionDenied(NATIONAL_REFUSED)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


def superuser_delete(obj, *, user) -> None:
    if not user.is_superuser:
        raise PermissionDenied(NATIONAL_REFUSED)
    obj.delete()


@transaction.atomic
def token_create(*, user) -> str:
    """A new API token for the user (replacing any earlier one); the key is shown once."""
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user).key


def token_revoke(*, user) -> bool:
    """Revoke the user's API token; whether there was one."""
    from rest_framework.authtoken.models import Token

    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)
