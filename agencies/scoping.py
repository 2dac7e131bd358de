"""What each role may see and do, and over which local authorities (domain.md, roles).

READ and WRITE below are the one role table: selectors, services, views, the API, the admin and
the navigation all ask it (through Access.can_read and can_write); no role list lives elsewhere.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from agencies.models import LocalAuthority, Role

CHILDREN = "children"
HOUSEHOLDS = "households"
PANELS = "panels"
SUPPORT = "support"
SETTINGS = "settings"
IMPORTS = "imports"
FIGURES = "figures"
SCORECARD_FILES = "scorecards"
REPORTS = "adoption reports"  # reading: the report and its files; writing: its commentary
# Django's admin is for superusers only (docs/adr/0007-admin.md): no role reads or writes it.
ADMIN = "the admin"
# Staff roles and the audit trail of an RAA, on the portal's pages.
STAFF = "staff"
AUDIT_TRAIL = "the audit trail"
# Information events, initial visits and preparation courses (recruitment/).
RECRUITMENT = "recruitment"
# Hub budgets and outturns: the finance lead works under the RAA manager's role.
FINANCE = "money"

EVERY_ROLE = frozenset(Role)
# Roles granted over a whole RAA, and over one LA; the others may have either.
RAA_SCOPED_ROLES = {Role.RAA_MANAGER}
LA_SCOPED_ROLES = {Role.LA_MANAGER}
# Superusers may do everything; every other user has one role.
READ = {
    CHILDREN: {Role.RAA_MANAGER, Role.LA_MANAGER, Role.FAMILY_FINDER},
    HOUSEHOLDS: {Role.RAA_MANAGER, Role.FAMILY_FINDER, Role.PANEL_ADVISER},
    PANELS: {Role.RAA_MANAGER, Role.FAMILY_FINDER, Role.PANEL_ADVISER},
    SUPPORT: {Role.RAA_MANAGER, Role.SUPPORT_WORKER},
    SETTINGS: {Role.RAA_MANAGER},
    IMPORTS: {Role.RAA_MANAGER, Role.LA_MANAGER},
    FIGURES: EVERY_ROLE,
    SCORECARD_FILES: {Role.RAA_MANAGER, Role.BOARD_MEMBER},
    REPORTS: {Role.RAA_MANAGER, Role.LA_MANAGER, Role.BOARD_MEMBER},
    ADMIN: set(),
    STAFF: {Role.RAA_MANAGER},
    AUDIT_TRAIL: {Role.RAA_MANAGER},
    RECRUITMENT: {Role.RAA_MANAGER, Role.FAMILY_FINDER},
    FINANCE: {Role.RAA_MANAGER},
}
WRITE = {
    CHILDREN: {Role.RAA_MANAGER, Role.FAMILY_FINDER},
    HOUSEHOLDS: {Role.RAA_MANAGER, Role.FAMILY_FINDER},
    PANELS: {Role.RAA_MANAGER, Role.PANEL_ADVISER},
    SUPPORT: {Role.RAA_MANAGER, Role.SUPPORT_WORKER},
    SETTINGS: {Role.RAA_MANAGER},
    IMPORTS: {Role.RAA_MANAGER, Role.LA_MANAGER},
    FIGURES: set(),
    SCORECARD_FILES: set(),
    REPORTS: {Role.RAA_MANAGER, Role.LA_MANAGER},
    ADMIN: set(),
    STAFF: {Role.RAA_MANAGER},
    AUDIT_TRAIL: set(),
    RECRUITMENT: {Role.RAA_MANAGER, Role.FAMILY_FINDER},
    FINANCE: {Role.RAA_MANAGER},
}
# Who may write, of an area, what speaks for a whole RAA (the commentary of an RAA's report); the
# area's other writers write only for their own LA.
RAA_WIDE_WRITE = {REPORTS: {Role.RAA_MANAGER}}
# Who may move a child's record from one LA to another (both LAs must be in their scope).
MOVE = {CHILDREN: {Role.RAA_MANAGER}}
# Who may delete every record of an area for one LA at once (the LA must be in their scope).
DELETE_ALL = {CHILDREN: {Role.RAA_MANAGER}}
NO_ACCESS_MESSAGE = "Your role does not give access to {area}."
OTHER_LA_MESSAGE = "That record belongs to a local authority outside your scope."
NEW_OWNER_OUTSIDE = "{field}: {owner} is outside your scope; a record can only be given to it by "
NEW_OWNER_OUTSIDE += "someone who may write both its old and its new owner."
OTHER_RAA_MESSAGE = "{field}: {owner} belongs to another RAA; you may only write your own RAA's."
MOVE_REFUSED = "Your role does not move children between local authorities."
DELETE_ALL_REFUSED = "Your role does not delete all of a local authority's {area} at once."


@dataclass(frozen=True)
class Access:
    """A user's role and the LAs it covers; `la_ids` None means every LA (superusers)."""

    role: str | None
    la_ids: frozenset[int] | None
    raa_id: int | None
    home_la_id: int | None

    @property
    def is_superuser(self) -> bool:
        return self.la_ids is None

    def can_read(self, area: str) -> bool:
        return self.is_superuser or self.role in READ[area]

    def can_write(self, area: str) -> bool:
        return self.is_superuser or self.role in WRITE[area]

    def can_write_raa_wide(self, area: str) -> bool:
        """Whether the user writes, of `area`, what speaks for their whole RAA."""
        return self.is_superuser or self.role in RAA_WIDE_WRITE.get(area, set())

    def covers(self, la_id: int | None) -> bool:
        return self.la_ids is None or la_id in self.la_ids

    def covers_raa(self, raa_id: int | None) -> bool:
        """Whether the user's scope is this RAA (superusers: any)."""
        return self.la_ids is None or (raa_id is not None and raa_id == self.raa_id)


NO_ACCESS = Access(role=None, la_ids=frozenset(), raa_id=None, home_la_id=None)


def access_for(user: User | AnonymousUser) -> Access:
    """The role and LA scope of a user (cached on the user object for the request)."""
    if not user.is_authenticated:
        return NO_ACCESS
    cached = getattr(user, "_access", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        access = Access(role=None, la_ids=None, raa_id=None, home_la_id=None)
    else:
        staff_role = getattr(user, "staff_role", None)
        if staff_role is None:
            access = NO_ACCESS
        elif staff_role.la_id:
            la = staff_role.la
            access = Access(staff_role.role, frozenset({la.pk}), la.raa_id, la.pk)
        else:
            la_ids = LocalAuthority.objects.filter(raa_id=staff_role.raa_id).values_list(
                "pk", flat=True
            )
            access = Access(staff_role.role, frozenset(la_ids), staff_role.raa_id, None)
    user._access = access
    return access


def require_read(user, area: str) -> Access:
    access = access_for(user)
    if not access.can_read(area):
        raise PermissionDenied(NO_ACCESS_MESSAGE.format(area=area))
    return access


def require_write(user, area: str, la_id: int | None = None) -> Access:
    access = access_for(user)
    if not access.can_write(area):
        raise PermissionDenied(NO_ACCESS_MESSAGE.format(area=area))
    if la_id is not None and not access.covers(la_id):
        raise PermissionDenied(OTHER_LA_MESSAGE)
    return access


def require_owners(user, area: str, *owners: tuple[str, object]) -> Access:
    """Check the user may write a record's every owner, old and new: each (field, LA) pair names
    the field and gives an LA, or None for a record without one (write services pass both the
    record's current LAs and the ones a change gives it)."""
    access = require_write(user, area)
    for field, la in owners:
        if la is not None and not access.covers(la.pk):
            raise PermissionDenied(NEW_OWNER_OUTSIDE.format(field=field, owner=la))
    return access


def require_raa(user, area: str, *owners: tuple[str, object]) -> Access:
    """Check the user may write every RAA a record has or will have (see require_owners)."""
    access = require_write(user, area)
    for field, raa in owners:
        if raa is not None and not access.covers_raa(raa.pk):
            raise PermissionDenied(OTHER_RAA_MESSAGE.format(field=field, owner=raa))
    return access


def require_move(user, area: str, *, old_la, new_la) -> Access:
    """Check the user's role moves records of `area` between LAs, and covers both LAs."""
    access = access_for(user)
    if not access.is_superuser and access.role not in MOVE.get(area, set()):
        raise PermissionDenied(MOVE_REFUSED)
    return require_owners(user, area, ("la", old_la), ("la", new_la))


def require_delete_all(user, area: str, *, la) -> Access:
    """Check the user's role deletes every record of `area` of an LA at once, and covers it."""
    access = access_for(user)
    if not access.is_superuser and access.role not in DELETE_ALL.get(area, set()):
        raise PermissionDenied(DELETE_ALL_REFUSED.format(area=area))
    return require_owners(user, area, ("la", la))


def scope_by_la(queryset: QuerySet, access: Access, la_path: str) -> QuerySet:
    """Keep the rows whose LA (reached through `la_path`) is within the user's scope."""
    if access.la_ids is None:
        return queryset
    return queryset.filter(**{f"{la_path}__in": access.la_ids})
