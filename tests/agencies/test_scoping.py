"""Every role's reach through the selectors: which records it sees, and what it is refused."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from journeys.selectors import child_list, household_list, journey_list, placement_list
from panels.models import Panel
from panels.selectors import panel_list
from support.models import SupportReferral
from support.selectors import fund_application_list, referral_list
from tests.factories import ROLES, ChildFactory, HouseholdFactory, journey


@pytest.fixture
def records(world):
    """A child, household, panel and referral in LA 101, 102 (north) and 201 (south)."""
    for la in (world.la101, world.la102, world.la201):
        child = ChildFactory(la=la, la_child_id=f"child-{la.code}")
        journey(la, child=child, entered_care=date(2022, 1, 1), placed=date(2022, 5, 1))
        HouseholdFactory(la=la, reference=f"hh-{la.code}")
        SupportReferral.objects.create(la=la, child=child, referred=date(2023, 1, 1))
    Panel.objects.create(raa=world.north, name="North panel")
    Panel.objects.create(raa=world.south, name="South panel")


# role -> LA codes of children it sees (None: refused)
CHILD_REACH = {
    "raa_manager": {"101", "102"},
    "la_manager": {"101"},
    "family_finder": {"101", "102"},
    "panel_adviser": None,
    "support_worker": None,
    "board_member": None,
    "superuser": {"101", "102", "201"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_child_level_selectors_apply_role_and_la(users, records, role):
    user = getattr(users, role)
    expected = CHILD_REACH[role]
    for selector, la_path in [
        (child_list, "la__code"),
        (journey_list, "child__la__code"),
        (placement_list, "journey__child__la__code"),
    ]:
        if expected is None:
            with pytest.raises(PermissionDenied):
                selector(user=user)
        else:
            assert set(selector(user=user).values_list(la_path, flat=True)) == expected


HOUSEHOLD_REACH = {
    "raa_manager": {"hh-101", "hh-102"},
    "family_finder": {"hh-101", "hh-102"},
    "panel_adviser": {"hh-101", "hh-102"},
    "superuser": {"hh-101", "hh-102", "hh-201"},
}
PANEL_REACH = {
    "raa_manager": {"North panel"},
    "family_finder": {"North panel"},
    "panel_adviser": {"North panel"},
    "superuser": {"North panel", "South panel"},
}
SUPPORT_REACH = {
    "raa_manager": {"101", "102"},
    "support_worker": {"101", "102"},
    "superuser": {"101", "102", "201"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_households_panels_and_support_follow_the_role_table(users, records, role):
    user = getattr(users, role)
    cases = [
        (
            HOUSEHOLD_REACH,
            lambda: set(household_list(user=user).values_list("reference", flat=True)),
        ),
        (PANEL_REACH, lambda: set(panel_list(user=user).values_list("name", flat=True))),
        (SUPPORT_REACH, lambda: set(referral_list(user=user).values_list("la__code", flat=True))),
    ]
    for reach, seen in cases:
        if role in reach:
            assert seen() == reach[role]
        else:
            with pytest.raises(PermissionDenied):
                seen()
    if role in SUPPORT_REACH:
        fund_application_list(user=user)  # allowed, even when empty


@pytest.mark.django_db
def test_an_la_family_finder_sees_only_its_own_la(world, records):
    from agencies.models import Role
    from tests.factories import user_with_role

    finder = user_with_role(Role.FAMILY_FINDER, la=world.la102)
    assert set(child_list(user=finder).values_list("la__code", flat=True)) == {"102"}


@pytest.mark.django_db
def test_a_user_without_a_role_sees_nothing(db, records):
    from django.contrib.auth.models import User

    nobody = User.objects.create_user("nobody", password="x")
    with pytest.raises(PermissionDenied):
        child_list(user=nobody)


def test_the_role_table_has_readers_and_writers_for_every_area_and_writers_read():
    from agencies.scoping import READ, WRITE

    assert READ.keys() == WRITE.keys()
    for area, writers in WRITE.items():
        assert set(writers) <= set(READ[area]), area
