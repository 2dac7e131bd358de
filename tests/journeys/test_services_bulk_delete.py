"""Deleting an LA's children at once: their journeys and placements go with them, the LA's
figures move on once (other LAs' stay cached), the work does not grow query by query with the
number of children, and only a superuser or the RAA manager of the LA may do it."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from agencies.models import AuditEvent, Role
from indicators.figure_cache import data_versions
from journeys.models import AdopterHousehold, AdopterSource, Child, Journey, Link, Placement
from journeys.services import CHILDREN_KEPT, la_children_delete, note_add
from panels.models import PanelItem
from support.models import FundApplication, SupportReferral
from tests.factories import casework, journey, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def version(key: str) -> int:
    return dict(data_versions([key]))[key]


def adopted(la, day: int = 1):
    return journey(
        la,
        entered_care=date(2021, 1, day),
        placed=date(2022, 1, day),
        adoption_order=date(2022, 9, day),
    )


def test_it_deletes_the_las_children_journeys_and_placements_only(users, world):
    for day in range(1, 4):
        adopted(world.la101, day)
    kept = adopted(world.la102)

    deleted = la_children_delete(user=users.raa_manager, la=world.la101, via="command")

    assert deleted == 3
    assert list(Child.objects.all()) == [kept.child]
    assert list(Journey.objects.all()) == [kept]
    assert list(Placement.objects.values_list("journey", flat=True)) == [kept.pk]
    event = AuditEvent.objects.get(action=AuditEvent.Action.DELETE, model="child")
    assert (event.la_id, len(event.object_ids)) == (world.la101.pk, 3)


def test_it_moves_the_las_data_version_on_once_and_leaves_other_las(users, world):
    for day in range(1, 6):
        adopted(world.la101, day)
    adopted(world.la102)
    la101, la102 = f"la:{world.la101.pk}", f"la:{world.la102.pk}"
    before = version(la101), version(la102), version("all")

    la_children_delete(user=users.superuser, la=world.la101)

    assert (version(la101), version(la102), version("all")) == (
        before[0] + 1,
        before[1],
        before[2] + 1,
    )


def _queries_to_delete(user, la) -> int:
    with CaptureQueriesContext(connection) as queries:
        la_children_delete(user=user, la=la)
    return len(queries)


def test_its_queries_do_not_grow_with_the_number_of_children(users, world):
    for day in range(1, 3):
        adopted(world.la101, day)
    for day in range(1, 13):
        adopted(world.la102, day)
    few = _queries_to_delete(users.superuser, world.la101)
    many = _queries_to_delete(users.superuser, world.la102)
    assert many == few


def _cascading_from_child() -> dict:
    """Every model whose rows go with a child's, with its lookup path to the child's LA."""
    found, waiting = {}, [(Child, "la")]
    while waiting:
        model, path = waiting.pop()
        for relation in model._meta.get_fields(include_hidden=True):
            if (
                relation.auto_created
                and not relation.concrete
                and relation.on_delete is models.CASCADE
            ):
                related = relation.related_model
                found[related] = f"{relation.field.name}__{path}"
                waiting.append((related, found[related]))
    return found


def _rows_by_la(la) -> dict:
    return {
        model._meta.label: model.objects.filter(**{path: la}).count()
        for model, path in {Child: "la", **_cascading_from_child()}.items()
    }


def test_every_row_that_goes_with_the_children_goes_and_no_other_las(users, world):
    for la, tag in ((world.la101, "N"), (world.la201, "S")):
        record = casework(users.superuser, la, tag)
        note_add(user=users.superuser, journey=record, recorded_on=date(2021, 9, 1), text="Late")
    PanelItem.objects.filter(journey__child__la=world.la101).delete()
    FundApplication.objects.filter(child__la=world.la101).delete()
    SupportReferral.objects.filter(child__la=world.la101).delete()
    before, other_before = _rows_by_la(world.la101), _rows_by_la(world.la201)
    # Every dependent model has a row here: a model added later without one fails this test.
    assert all(before.values()), before

    la_children_delete(user=users.superuser, la=world.la101)

    assert set(_rows_by_la(world.la101).values()) == {0}
    assert _rows_by_la(world.la201) == other_before


def test_records_protecting_a_journey_keep_everything_and_say_why(users, world):
    casework(users.superuser, world.la101, "N")
    FundApplication.objects.filter(child__la=world.la101).delete()
    SupportReferral.objects.filter(child__la=world.la101).delete()
    before = _rows_by_la(world.la101)
    with pytest.raises(ValidationError) as refusal:
        la_children_delete(user=users.superuser, la=world.la101)
    assert refusal.value.messages == [CHILDREN_KEPT.format(la=world.la101, records="panel items")]
    assert _rows_by_la(world.la101) == before


def test_only_a_superuser_or_the_las_raa_manager_may_delete_all_its_children(users, world):
    record = adopted(world.la101)
    south_manager = user_with_role(Role.RAA_MANAGER, raa=world.south)
    for user in (users.family_finder, users.la_manager, south_manager):
        with pytest.raises(PermissionDenied):
            la_children_delete(user=user, la=world.la101)
    assert Journey.objects.filter(pk=record.pk).exists()


def test_children_named_in_adoption_support_records_keep_everything_and_say_why(users, world):
    record = adopted(world.la101)
    adopted(world.la101, 2)
    FundApplication.objects.create(
        child=record.child,
        financial_year="2022-23",
        therapy_type="Theraplay",
        provider="Provider",
        amount_applied=1500,
    )
    with pytest.raises(ValidationError) as refusal:
        la_children_delete(user=users.superuser, la=world.la101)
    assert refusal.value.messages == [
        CHILDREN_KEPT.format(la=world.la101, records="fund applications")
    ]
    assert Child.objects.filter(la=world.la101).count() == 2


def test_the_command_deletes_through_the_service(users, world):
    adopted(world.la101)
    call_command("delete_la_children", "--la", "101", "--user", users.raa_manager.username)
    assert not Child.objects.filter(la=world.la101).exists()
    with pytest.raises(CommandError):
        call_command("delete_la_children", "--la", "101", "--user", users.family_finder.username)


def test_it_moves_on_the_areas_of_the_households_its_children_were_matched_with(users, world):
    """A match counts among its household's LA's adopters' figures, and a placement among the
    fees its household's RAA receives, so deleting the child moves them on too."""
    record = adopted(world.la101)
    household = AdopterHousehold.objects.create(
        reference="H-201", la=world.la201, raa=world.south, approved=date(2021, 6, 1)
    )
    Link.objects.create(
        journey=record, household=household, linked=date(2021, 8, 1), matched=date(2021, 9, 1)
    )
    Placement.objects.filter(journey=record).update(
        household=household, source=AdopterSource.OTHER_LA
    )
    la201, south = f"la:{world.la201.pk}", f"raa:{world.south.pk}"
    before = version(la201), version(south)
    la_children_delete(user=users.superuser, la=world.la101)
    assert (version(la201), version(south)) == (before[0] + 1, before[1] + 1)
