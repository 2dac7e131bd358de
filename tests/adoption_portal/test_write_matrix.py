"""The write matrix: every API write that gives a record an owner (an LA, an RAA, a hub or a panel),
for every role, with each of the user's own LA, a sibling LA of the same RAA and another RAA's LA
as the record's old owner and as its new one.

A write is allowed only when the role writes that kind of record and its scope covers both the old
and the new owner (moving a child between LAs is for the roles that move children); every other
write is refused (403, or 404 when the record is out of sight) and leaves the database unchanged.
The expectations are written out here from domain.md's roles, not read from the role table.
"""

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from agencies.models import AuditEvent, Hub, LocalAuthority, RegionalAdoptionAgency, Role
from journeys.models import AdopterHousehold, Child, Journey
from panels.models import Panel
from recruitment.models import InformationEvent, PreparationCourse
from support.models import SupportReferral
from tests.factories import ROLES, ChildFactory, HouseholdFactory, journey, user_with_role

SIDES = ("own", "sibling", "other")
# Which sides each user's scope covers: RAA-wide users cover LAs 101 and 102 of RAA north,
# LA-scoped users LA 101 only, the superuser every LA.
RAA_WIDE = {"own", "sibling"}
LA_ONLY = {"own"}
EVERY = set(SIDES)
# The roles that write each kind of record.
CHILD_WRITERS = {"raa_manager", "family_finder", "superuser", "la_family_finder"}
CHILD_MOVERS = {"raa_manager", "superuser"}
HOUSEHOLD_WRITERS = CHILD_WRITERS
SUPPORT_WRITERS = {"raa_manager", "support_worker", "superuser", "la_support_worker"}
PANEL_WRITERS = {"raa_manager", "panel_adviser", "superuser"}
SETTINGS_WRITERS = {"raa_manager", "superuser"}
RECRUITMENT_WRITERS = {"raa_manager", "family_finder", "superuser", "la_family_finder"}
USERS = [*ROLES, "la_family_finder", "la_support_worker"]


@dataclass(frozen=True)
class Write:
    """One owner-giving write, the roles that make it and those that may change the owner."""

    name: str
    writers: set
    movers: set | None = None  # roles that may change the owner (None: every writer)


@pytest.fixture
def place(world, users):
    """The three sides' LAs, RAAs and hubs, a panel for each RAA and the extra LA-scoped users."""
    world.la102.hub = world.hub_one
    users.la_family_finder = user_with_role(Role.FAMILY_FINDER, la=world.la101)
    users.la_support_worker = user_with_role(Role.SUPPORT_WORKER, la=world.la101)
    south_hub = Hub.objects.create(raa=world.south, name="South hub")
    world.la201.hub = south_hub
    world.la201.save()
    panels = {
        world.north.pk: Panel.objects.create(raa=world.north, name="North panel"),
        world.south.pk: Panel.objects.create(raa=world.south, name="South panel"),
    }
    las = {"own": world.la101, "sibling": world.la102, "other": world.la201}
    hubs = {"own": world.hub_one, "sibling": world.hub_two, "other": south_hub}
    return SimpleNamespace(las=las, hubs=hubs, panels=panels, users=users, world=world)


def scope_of(user_name: str) -> set:
    if user_name == "superuser":
        return EVERY
    return LA_ONLY if user_name.startswith("la_") else RAA_WIDE


def allowed(write: Write, user_name: str, old: str | None, new: str) -> bool:
    if user_name not in write.writers:
        return False
    sides = {new} if old is None else {old, new}
    if not sides <= scope_of(user_name):
        return False
    moving = old is not None and old != new
    return not moving or write.movers is None or user_name in write.movers


def _raa_of(place, side):
    return place.las[side].raa


def child_record(place, side):
    return ChildFactory(la=place.las[side], la_child_id=f"W-{side}")


def referral_record(place, side):
    return SupportReferral.objects.create(la=place.las[side], referred=date(2024, 1, 1))


def household_record(place, side):
    return HouseholdFactory(la=place.las[side], reference=f"W-{side}")


# name -> (the write, the record owned by a side, its URL, the body giving it a side's owner)
WRITES = {
    "child-move": (
        Write("children PATCH la", CHILD_WRITERS, CHILD_MOVERS),
        child_record,
        lambda r: f"/api/v1/children/{r.pk}/",
        lambda place, new: {"la": place.las[new].code},
    ),
    "referral-move": (
        Write("support-referrals PATCH la", SUPPORT_WRITERS),
        referral_record,
        lambda r: f"/api/v1/support-referrals/{r.pk}/",
        lambda place, new: {"la": place.las[new].code},
    ),
    "household-move": (
        Write("households PATCH la and raa", HOUSEHOLD_WRITERS),
        household_record,
        lambda r: f"/api/v1/households/{r.pk}/",
        lambda place, new: {"la": place.las[new].code, "raa": _raa_of(place, new).slug},
    ),
    "hub-move": (
        Write("hubs PATCH raa", SETTINGS_WRITERS),
        lambda place, side: place.hubs[side],
        lambda r: f"/api/v1/hubs/{r.pk}/",
        lambda place, new: {"raa": _raa_of(place, new).slug},
    ),
    "la-hub": (
        Write("local-authorities PATCH hub", SETTINGS_WRITERS),
        lambda place, side: place.las[side],
        lambda r: f"/api/v1/local-authorities/{r.pk}/",
        lambda place, new: {"hub": place.hubs[new].pk},
    ),
    "panel-move": (
        Write("panels PATCH raa", PANEL_WRITERS),
        lambda place, side: place.panels[_raa_of(place, side).pk],
        lambda r: f"/api/v1/panels/{r.pk}/",
        lambda place, new: {"raa": _raa_of(place, new).slug},
    ),
}
CREATES = {
    "child-create": (
        Write("children POST", CHILD_WRITERS),
        "/api/v1/children/",
        lambda place, new: {
            "la": place.las[new].code,
            "la_child_id": "NEW-1",
            "sex": "1",
            "date_of_birth": "2020-01-01",
            "ethnicity": "WBRI",
        },
    ),
    "referral-create": (
        Write("support-referrals POST", SUPPORT_WRITERS),
        "/api/v1/support-referrals/",
        lambda place, new: {"la": place.las[new].code, "referred": "2024-01-01"},
    ),
    "household-create": (
        Write("households POST", HOUSEHOLD_WRITERS),
        "/api/v1/households/",
        lambda place, new: {
            "reference": "NEW-H",
            "la": place.las[new].code,
            "raa": _raa_of(place, new).slug,
        },
    ),
    "hub-create": (
        Write("hubs POST", SETTINGS_WRITERS),
        "/api/v1/hubs/",
        lambda place, new: {"raa": _raa_of(place, new).slug, "name": "New hub", "kind": "locality"},
    ),
    "panel-create": (
        Write("panels POST", PANEL_WRITERS),
        "/api/v1/panels/",
        lambda place, new: {"raa": _raa_of(place, new).slug, "name": "New panel"},
    ),
    "event-create": (
        Write("information-events POST", RECRUITMENT_WRITERS),
        "/api/v1/information-events/",
        lambda place, new: {
            "raa": _raa_of(place, new).slug,
            "held": "2024-01-01",
            "format": "online",
        },
    ),
    "course-create": (
        Write("preparation-courses POST", RECRUITMENT_WRITERS),
        "/api/v1/preparation-courses/",
        lambda place, new: {
            "raa": _raa_of(place, new).slug,
            "starts": "2024-01-01",
            "ends": "2024-01-02",
        },
    ),
}
# Recruitment records belong to an RAA: its staff write them, whether their role covers the
# whole RAA or one of its LAs.
RAA_OWNED_CREATES = ("event-create", "course-create")


def _same_raa(old: str, new: str) -> bool:
    return (old == "other") == (new == "other")


def expectation(key: str, write: Write, user_name: str, old: str, new: str) -> bool:
    """Hubs, LAs' hubs and panels belong to an RAA: both sides of RAA north are one owner."""
    if key in ("hub-move", "panel-move"):
        covered = EVERY if user_name == "superuser" else RAA_WIDE
        if user_name.startswith("la_") or user_name not in write.writers:
            return False
        return {old, new} <= covered
    if key == "la-hub":
        if user_name not in write.writers:
            return False
        if user_name != "superuser" and not {old, new} <= RAA_WIDE:
            return False
        return _same_raa(old, new)  # an LA's hub is one of its own RAA's (400 otherwise)
    return allowed(write, user_name, old, new)


OWNED = (
    Child,
    Journey,
    AdopterHousehold,
    SupportReferral,
    Panel,
    Hub,
    LocalAuthority,
    RegionalAdoptionAgency,
    InformationEvent,
    PreparationCourse,
)


def owned_records() -> dict:
    """Every row of the records these writes give owners to (test_access_matrix compares every
    table for other writes; here a few hundred requests each compare these)."""
    return {model._meta.label: sorted(map(repr, model.objects.values())) for model in OWNED}


def attempt(client, method, request):
    """Make the record and the request (`request()` gives the URL and body) in a transaction
    rolled back afterwards; the response and whether the request changed the owned records."""
    with transaction.atomic():
        url, body = request()
        before = owned_records()
        response = getattr(client, method)(url, body, format="json")
        changed = owned_records() != before
        transaction.set_rollback(True)
    return response, changed


@pytest.mark.django_db
@pytest.mark.parametrize("user_name", USERS)
def test_every_owner_giving_write_for_every_role_and_side(place, user_name):
    client = APIClient()
    client.force_authenticate(getattr(place.users, user_name))
    wrong = []
    for key, (write, make, url_of, body_of) in WRITES.items():
        for old in SIDES:
            for new in SIDES:

                def request(make=make, url_of=url_of, body_of=body_of, old=old, new=new):
                    return url_of(make(place, old)), body_of(place, new)

                response, changed = attempt(client, "patch", request)
                want = expectation(key, write, user_name, old, new)
                if want and response.status_code != 200:
                    wrong.append((write.name, old, new, response.status_code, "should pass"))
                if not want and (response.status_code not in (400, 403, 404) or changed):
                    status = response.status_code
                    wrong.append((write.name, old, new, status, "changed" if changed else ""))
    for key, (write, url, body_of) in CREATES.items():
        for new in SIDES:
            response, changed = attempt(
                client, "post", lambda url=url, body_of=body_of, new=new: (url, body_of(place, new))
            )
            want = allowed(write, user_name, None, new)
            if key in ("hub-create", "panel-create") and user_name.startswith("la_"):
                want = False
            if key in RAA_OWNED_CREATES:
                want = user_name in write.writers and (user_name == "superuser" or new != "other")
            if want and response.status_code != 201:
                wrong.append((write.name, None, new, response.status_code, "should pass"))
            if not want and (response.status_code not in (400, 403, 404) or changed):
                wrong.append((write.name, None, new, response.status_code, changed))
    assert wrong == [], "\n".join(map(str, wrong))


@pytest.mark.django_db
def test_a_child_moved_between_las_is_in_both_las_audit_trails(place):
    child = child_record(place, "own")
    client = APIClient()
    client.force_authenticate(place.users.raa_manager)
    response = client.patch(f"/api/v1/children/{child.pk}/", {"la": "102"}, format="json")
    assert response.status_code == 200
    events = AuditEvent.objects.filter(model="child", object_ids=[child.pk], action="update")
    assert {event.la.code for event in events} == {"101", "102"}


def page_attempt(client, request):
    """A page's form POSTed in a transaction rolled back afterwards (see attempt)."""
    with transaction.atomic():
        url, data = request()
        before = owned_records()
        response = client.post(url, data)
        changed = owned_records() != before
        transaction.set_rollback(True)
    return response, changed


@pytest.mark.django_db
@pytest.mark.parametrize("user_name", USERS)
def test_page_forms_write_only_the_users_own_las(client, place, user_name):
    """The pages' forms that write a child's journey or give a referral an LA: a success
    (a redirect) only for the roles that write them and over an LA the user covers."""
    client.force_login(getattr(place.users, user_name))
    wrong = []
    for side in SIDES:

        def step(side=side):
            record = journey(place.las[side], entered_care=date(2021, 1, 1))
            return f"/journeys/{record.pk}/decision/", {"decided": "2021-03-01"}

        def referral(side=side):
            return "/support/", {"la": place.las[side].pk, "referred": "2024-01-01"}

        for name, writers, request in (
            ("decision", CHILD_WRITERS, step),
            ("referral", SUPPORT_WRITERS, referral),
        ):
            response, changed = page_attempt(client, request)
            want = user_name in writers and side in scope_of(user_name)
            if want and (response.status_code != 302 or not changed):
                wrong.append((name, side, response.status_code, "should pass"))
            if not want and (response.status_code == 302 or changed):
                wrong.append((name, side, response.status_code, changed))
    assert wrong == [], "\n".join(map(str, wrong))
