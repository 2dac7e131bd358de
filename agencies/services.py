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
    access_for,
)

UNKNOWN_ROLE = "Unknown role {role!r}: choose one of {choices}."
NEEDS_RAA = "The role {role} is scoped to an RAA: give --raa."
NEEDS_LA = "The role {role} is scoped to an LA: give --la."
ONE_SCOPE = "Give either an RAA or an LA, not both."
NEEDS_SCOPE = "The role {role} needs a scope: give --raa or --la."


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


@transaction.atomic
def role_grant(
    *,
    username: str,
    role: str,
    raa: RegionalAdoptionAgency | None = None,
    la: LocalAuthority | None = None,
    password: str | None = None,
) -> StaffRole:
    """Give a user (created if new) one role over one RAA or one LA, replacing any previous role."""
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
    user, _ = User.objects.get_or_create(username=username)
    if password:
        user.set_password(password)
    elif not user.has_usable_password():
        user.set_unusable_password()
    # RAA managers keep settings and read the audit trail in the admin.
    user.is_staff = role in READ[ADMIN] or user.is_superuser  # the admin needs is_staff
    user.save()
    staff_role, _ = StaffRole.objects.update_or_create(
        user=user, defaults={"role": role, "raa": raa, "la": la}
    )
    staff_role.full_clean()
    return staff_role


SETTINGS_OUTSIDE_RAA = "That belongs to another RAA."
RAA_CHANGE_REFUSED = "Only a superuser moves an LA to another RAA."


def raa_of(obj, fields: dict) -> int | None:
    """The RAA an agency record belongs to: an RAA itself; an LA's or hub's RAA before the
    change (the RAA in `fields` when the record is new); none for an external agency."""
    if isinstance(obj, RegionalAdoptionAgency):
        return obj.pk
    if not hasattr(obj, "raa_id"):
        return None
    if obj.pk is None:
        return getattr(fields.get("raa"), "pk", None)
    return obj.raa_id


def _require_settings(user, raa_id: int | None) -> None:
    """Superusers change any setting; RAA managers those of their own RAA."""
    access = access_for(user)
    if access.is_superuser:
        return
    if not access.can_write(SETTINGS) or (raa_id is not None and raa_id != access.raa_id):
        raise PermissionDenied(SETTINGS_OUTSIDE_RAA)


@transaction.atomic
def settings_save(obj, *, user, raa_id: int | None, **fields):
    """Create or change an agency record within the user's RAA (superusers: anywhere)."""
    _require_settings(user, raa_id)
    moves_raa = isinstance(obj, LocalAuthority) and fields.get("raa", obj.raa) != obj.raa
    if moves_raa and not access_for(user).is_superuser:
        raise PermissionDenied(RAA_CHANGE_REFUSED)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


def superuser_save(obj, *, user, **fields):
    """National settings (fund rules, reference values, new RAAs): superusers only."""
    if not user.is_superuser:
        raise PermissionDenied("Only a superuser changes national settings.")
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


def superuser_delete(obj, *, user) -> None:
    if not user.is_superuser:
        raise PermissionDenied("Only a superuser changes national settings.")
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
