"""The family finder's work queues: children waiting without a link, links without a match."""

from datetime import date

import pytest

from journeys.models import Link, Placement
from journeys.selectors import links_without_match, waiting_without_link
from tests.factories import HouseholdFactory, LinkFactory, journey

ON = date(2024, 6, 30)


@pytest.fixture
def journeys(world):
    """Hand-built journeys of RAA north at 30 June 2024, and one of RAA south."""
    la, household = world.la101, HouseholdFactory(la=world.la101)
    records = {
        "a": journey(la, adm_decision=date(2024, 1, 10)),
        "b": journey(la, adm_decision=date(2024, 3, 1)),
        # linked in May, the link awaiting its match
        "c": journey(la, adm_decision=date(2023, 12, 1)),
        # matched in April, the match standing
        "d": journey(la, adm_decision=date(2023, 11, 1), matched=date(2024, 4, 1)),
        # placed in February: not waiting
        "e": journey(la, adm_decision=date(2023, 10, 1), matched=date(2024, 1, 1)),
        # matched, placed, and the placement disrupted in March: waiting again, no match stands
        "f": journey(
            la,
            adm_decision=date(2023, 9, 1),
            matched=date(2023, 11, 15),
            placements=[
                (date(2023, 12, 1), None, date(2024, 3, 1), Placement.EndReason.DISRUPTION)
            ],
        ),
        "g": journey(la, entered_care=date(2024, 2, 1)),  # no ADM decision: not waiting
        "south": journey(world.la201, adm_decision=date(2023, 1, 1)),
        # linked only after the day
        "i": journey(la, adm_decision=date(2024, 1, 1)),
        # linked, then the plan ceased in June
        "j": journey(
            la,
            adm_decision=date(2023, 6, 1),
            plan_ceased=date(2024, 6, 1),
            plan_ceased_reason="RD1",
        ),
        "k": journey(world.la102, adm_decision=date(2023, 8, 1)),
    }
    journey_e = records["e"]
    Placement.objects.create(journey=journey_e, placed=date(2024, 2, 1), moved_in=date(2024, 2, 1))
    link = LinkFactory
    link(journey=records["c"], household=household, linked=date(2024, 5, 1))
    link(
        journey=records["d"],
        household=household,
        linked=date(2024, 3, 1),
        matched=date(2024, 4, 1),
        status=Link.Status.MATCHED,
    )
    link(
        journey=records["f"],
        household=household,
        linked=date(2023, 11, 1),
        matched=date(2023, 11, 15),
        status=Link.Status.MATCHED,
    )
    link(journey=records["i"], household=household, linked=date(2024, 7, 15))
    link(journey=records["j"], household=household, linked=date(2024, 1, 1))
    link(journey=records["k"], household=household, linked=date(2024, 2, 1))
    link(
        journey=records["b"], household=household, linked=date(2024, 4, 1), status="ended"
    )  # a link that ended without a match leaves the child without one
    return records


def _names(journeys, records):
    by_pk = {record.pk: name for name, record in records.items()}
    return [by_pk[pk] for pk in journeys]


@pytest.mark.django_db
class TestWaitingWithoutLink:
    def test_the_waiting_children_with_no_link_or_match_longest_first(self, users, journeys):
        queue = waiting_without_link(user=users.family_finder, on=ON)
        # f waits again after its disruption (ADM 1 Sep 2023), i's link came after the day,
        # b's link ended; c is linked, d matched, e placed, g has no decision, j's plan ceased.
        assert _names(queue.values_list("pk", flat=True), journeys) == ["f", "i", "a", "b"]

    def test_an_la_manager_sees_their_own_las_children(self, users, journeys):
        la_manager = waiting_without_link(user=users.la_manager, on=ON)
        assert set(_names(la_manager.values_list("pk", flat=True), journeys)) == {
            "f",
            "i",
            "a",
            "b",
        }

    def test_a_child_whose_link_came_later_was_without_one_before(self, users, journeys):
        queue = waiting_without_link(user=users.family_finder, on=date(2024, 4, 15))
        # at 15 April c had no link yet, d's match stood and j's plan had not ceased (linked)
        assert _names(queue.values_list("pk", flat=True), journeys) == ["f", "c", "i", "a", "b"]


@pytest.mark.django_db
class TestLinksWithoutMatch:
    def test_open_links_awaiting_the_match_decision_oldest_first(self, users, journeys):
        queue = links_without_match(user=users.family_finder, on=ON)
        # k (linked 1 Feb) then c (1 May); j's plan ceased, i was linked after the day, d and f
        # were matched, b's link ended.
        assert _names(queue.values_list("journey", flat=True), journeys) == ["k", "c"]

    def test_an_la_manager_sees_only_their_las_links(self, users, journeys):
        queue = links_without_match(user=users.la_manager, on=ON)
        assert _names(queue.values_list("journey", flat=True), journeys) == ["c"]

    def test_nothing_awaits_before_any_link(self, users, journeys):
        assert not links_without_match(user=users.family_finder, on=date(2023, 10, 1)).exists()
