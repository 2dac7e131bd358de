"""The states at a date, each defined once (indicators/calculations/states.py): a journey's status
(and the API's ?status=), harder to place for waiting and for adopted children, quorate and late.
Small hand-built journeys with the answers worked out by hand."""

from datetime import date

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from indicators.calculations import states
from indicators.calculations.states import (
    DECISION_DUE_WORKING_DAYS,
    STATUS_FILTERS,
    decision_late,
    decision_late_q,
    harder_to_place_adopted,
    harder_to_place_waiting,
    journey_status_at,
    move_in_due,
    next_milestone,
    not_quorate,
    placed_at,
    quorum_missing,
    waiting_at,
    with_quorum,
)
from indicators.periods import add_months
from indicators.scopes import ALL
from indicators.selectors import waiting_children
from journeys.models import Journey, Placement, SiblingGroup
from panels.models import (
    AgencyDecision,
    Attendance,
    Meeting,
    Panel,
    PanelItem,
    PanelMember,
    QuorumRule,
)
from tests.factories import ChildFactory, HouseholdFactory, RaaFactory, journey

DAY = date(2023, 3, 31)
DISRUPTED = Placement.EndReason.DISRUPTION


def statuses_at(day: date) -> dict[int, str]:
    return dict(Journey.objects.annotate(s=journey_status_at(day)).values_list("pk", "s"))


@pytest.fixture
def journeys_at_day(world):
    """One journey in each status at DAY (31 March 2023)."""
    la = world.la101
    decided = {"entered_care": date(2022, 1, 1), "adm_decision": date(2022, 5, 1)}
    ordered = {**decided, "placement_order": date(2022, 8, 1)}
    matched = {**ordered, "matched": date(2022, 10, 1)}
    return {
        "in care": journey(la, entered_care=date(2022, 1, 1)),
        "decision to adopt": journey(la, **decided),
        "placement order": journey(la, **ordered),
        "matched": journey(la, **matched),
        "placed": journey(la, **matched, placed=date(2022, 11, 1)),
        # Placed, then the placement disrupted: the match is undone and the child waits again.
        "disrupted": journey(
            la,
            **matched,
            placed=date(2022, 11, 1),
            placements=[(date(2022, 11, 1), None, date(2023, 1, 10), DISRUPTED)],
        ),
        "adopted": journey(
            la, **matched, placed=date(2022, 11, 1), adoption_order=date(2023, 2, 1)
        ),
        "plan ceased": journey(
            la, **decided, plan_ceased=date(2023, 1, 1), plan_ceased_reason="RD1"
        ),
    }


@pytest.mark.django_db
class TestJourneyStatus:
    def test_each_journey_has_the_status_its_dates_and_placements_give(self, journeys_at_day):
        found = statuses_at(DAY)
        expected = {name: name for name in journeys_at_day} | {"disrupted": "placement order"}
        assert {name: found[record.pk] for name, record in journeys_at_day.items()} == expected

    def test_before_the_dates_the_status_is_earlier(self, journeys_at_day):
        found = statuses_at(date(2022, 6, 1))
        assert found[journeys_at_day["adopted"].pk] == "decision to adopt"
        assert found[journeys_at_day["plan ceased"].pk] == "decision to adopt"
        assert found[journeys_at_day["disrupted"].pk] == "decision to adopt"
        assert found[journeys_at_day["in care"].pk] == "in care"

    def test_the_waiting_statuses_are_exactly_waiting_at(self, journeys_at_day):
        found = statuses_at(DAY)
        waiting = set(Journey.objects.filter(waiting_at(DAY)).values_list("pk", flat=True))
        placed = set(Journey.objects.filter(placed_at(DAY)).values_list("pk", flat=True))
        assert waiting == {pk for pk, s in found.items() if s in STATUS_FILTERS["waiting"]}
        assert placed == {pk for pk, s in found.items() if s in STATUS_FILTERS["placed"]}
        names = {record.pk: name for name, record in journeys_at_day.items()}
        assert {names[pk] for pk in waiting} == {
            "decision to adopt",
            "placement order",
            "matched",
            "disrupted",
        }

    def test_the_model_gives_the_status_today(self, journeys_at_day):
        assert journeys_at_day["disrupted"].status == "placement order"
        assert journeys_at_day["placed"].status == "placed"


@pytest.mark.django_db
class TestJourneyStatusInTheApi:
    def test_a_disrupted_journey_listed_as_waiting_is_not_placed_in_its_body(
        self, journeys_at_day, users
    ):
        client = APIClient()
        client.force_authenticate(users.superuser)
        listed = client.get("/api/v1/journeys/", {"status": "waiting"}).json()["results"]
        disrupted = journeys_at_day["disrupted"].pk
        assert disrupted in [row["id"] for row in listed]
        body = next(row for row in listed if row["id"] == disrupted)
        assert body["status"] == "placement order"
        single = client.get(f"/api/v1/journeys/{disrupted}/").json()
        assert single["status"] == "placement order"

    def test_every_journey_listed_by_a_status_says_that_status(self, journeys_at_day, users):
        client = APIClient()
        client.force_authenticate(users.superuser)
        for value, statuses in STATUS_FILTERS.items():
            listed = client.get("/api/v1/journeys/", {"status": value}).json()["results"]
            assert listed, value
            assert {row["status"] for row in listed} <= set(statuses), value


def _child(world, *, born: date, group=None, **fields):
    return ChildFactory(la=world.la101, date_of_birth=born, sibling_group=group, **fields)


def _waiting(world, child, decided: date):
    return journey(world.la101, child=child, entered_care=decided, adm_decision=decided)


@pytest.mark.django_db
class TestHarderToPlaceWaiting:
    def test_two_waiting_siblings_aged_8_and_4_are_flagged_on_the_worklist(self, world, users):
        group = SiblingGroup.objects.create(la=world.la101, reference="G1")
        older = _waiting(world, _child(world, born=date(2015, 3, 1), group=group), date(2022, 6, 1))
        younger = _waiting(
            world, _child(world, born=date(2018, 9, 1), group=group), date(2022, 6, 1)
        )
        # Aged 4, White British, no disability and no sibling waiting: not harder to place.
        alone = _waiting(world, _child(world, born=date(2018, 9, 1)), date(2022, 6, 1))
        listed = waiting_children(user=users.superuser, scope=ALL, on=DAY)
        flags = {child.journey_id: child.harder_to_place for child in listed}
        assert flags == {older.pk: True, younger.pk: True, alone.pk: False}
        harder = waiting_children(user=users.superuser, scope=ALL, on=DAY, harder_only=True)
        assert {child.journey_id for child in harder} == {older.pk, younger.pk}

    def test_the_api_filter_lists_the_waiting_siblings(self, world, users):
        today = timezone.localdate()
        group = SiblingGroup.objects.create(la=world.la101, reference="G1")
        decided = add_months(today, -3)
        siblings = {
            _waiting(world, _child(world, born=add_months(today, -months), group=group), decided).pk
            for months in (8 * 12 + 6, 4 * 12 + 6)
        }
        alone = _waiting(world, _child(world, born=add_months(today, -30)), decided)
        client = APIClient()
        client.force_authenticate(users.superuser)
        harder = client.get("/api/v1/journeys/", {"harder_to_place": "true"}).json()["results"]
        assert {row["id"] for row in harder} == siblings
        others = client.get("/api/v1/journeys/", {"harder_to_place": "false"}).json()["results"]
        assert {row["id"] for row in others} == {alone.pk}

    def test_a_sibling_already_adopted_does_not_make_a_waiting_child_harder_to_place(self, world):
        group = SiblingGroup.objects.create(la=world.la101, reference="G1")
        waiting = _waiting(
            world, _child(world, born=date(2020, 1, 1), group=group), date(2022, 6, 1)
        )
        journey(
            world.la101,
            child=_child(world, born=date(2019, 1, 1), group=group),
            adm_decision=date(2021, 6, 1),
            placed=date(2021, 9, 1),
            adoption_order=date(2022, 3, 1),
        )
        assert not Journey.objects.filter(harder_to_place_waiting(DAY), pk=waiting.pk).exists()

    @pytest.mark.parametrize(
        ("born", "fields", "harder"),
        [
            (date(2018, 3, 31), {}, True),  # fifth birthday on the day counts
            (date(2018, 4, 1), {}, False),  # five tomorrow
            (date(2021, 1, 1), {"disability": True}, True),
            (date(2021, 1, 1), {"ethnicity": "MWBC"}, True),
            (date(2021, 1, 1), {"ethnicity": "REFU"}, False),  # refused is unknown
        ],
    )
    def test_age_on_the_day_disability_and_ethnicity(self, world, born, fields, harder):
        record = _waiting(world, _child(world, born=born, **fields), date(2022, 6, 1))
        assert Journey.objects.filter(harder_to_place_waiting(DAY), pk=record.pk).exists() is harder

    def test_a_child_not_waiting_is_not_harder_to_place_waiting(self, world):
        record = journey(
            world.la101,
            child=_child(world, born=date(2010, 1, 1)),
            adm_decision=date(2021, 6, 1),
            placed=date(2021, 9, 1),
        )
        assert not Journey.objects.filter(harder_to_place_waiting(DAY), pk=record.pk).exists()


@pytest.mark.django_db
class TestHarderToPlaceAdopted:
    def test_siblings_adopted_together_are_harder_to_place_aged_under_5(self, world):
        group = SiblingGroup.objects.create(la=world.la101, reference="G1")
        household = HouseholdFactory(la=world.la101)
        adopted = {
            "placed": date(2022, 1, 1),
            "adoption_order": date(2022, 9, 1),
            "adopters": household,
        }
        pair = [
            journey(world.la101, child=_child(world, born=date(2020, 1, 1), group=group), **adopted)
            for _ in range(2)
        ]
        alone = journey(world.la101, child=_child(world, born=date(2020, 1, 1)), **adopted)
        flagged = set(
            Journey.objects.filter(harder_to_place_adopted()).values_list("pk", flat=True)
        )
        assert flagged == {pair[0].pk, pair[1].pk}
        assert alone.pk not in flagged


ROLES = [role for role, _ in PanelMember.Role.choices]


def _sql_quorate(meeting: Meeting) -> bool:
    return not with_quorum(Meeting.objects.filter(pk=meeting.pk)).filter(not_quorate()).exists()


@pytest.mark.django_db
class TestQuorum:
    @settings(max_examples=60, deadline=None)
    @given(
        roles=st.lists(st.sampled_from(ROLES), max_size=8),
        joint=st.booleans(),
        rule=st.none()
        | st.fixed_dictionaries(
            {
                "min_members": st.integers(0, 7),
                "min_members_joint": st.integers(0, 8),
                "needs_chair_or_vice": st.booleans(),
                "needs_social_worker": st.booleans(),
                "needs_independent": st.booleans(),
            }
        ),
    )
    def test_python_and_sql_give_the_same_answer(self, roles, joint, rule):
        with transaction.atomic():
            raa = RaaFactory()
            if rule is not None:
                QuorumRule.objects.create(raa=raa, **rule)
            panel = Panel.objects.create(raa=raa, name="Panel", joint=joint)
            meeting = Meeting.objects.create(panel=panel, date=DAY)
            for index, role in enumerate(roles):
                member = PanelMember.objects.create(panel=panel, name=f"M{index}", role=role)
                Attendance.objects.create(meeting=meeting, member=member)
            python = not quorum_missing(
                rule=QuorumRule(**rule) if rule else QuorumRule(), joint=joint, roles=roles
            )
            assert _sql_quorate(meeting) is python
            transaction.set_rollback(True)

    def test_the_default_rule_by_hand(self):
        rule = QuorumRule()
        five = ["chair", "social_worker", "independent", "other", "other"]
        assert quorum_missing(rule=rule, joint=False, roles=five) == []
        assert quorum_missing(rule=rule, joint=True, roles=five) == ["6 members (only 5 present)"]
        assert quorum_missing(rule=rule, joint=False, roles=["vice_chair", *five[1:]]) == []
        assert quorum_missing(rule=rule, joint=False, roles=["other", *five[1:]]) == [
            "the chair or a vice-chair"
        ]


@pytest.mark.django_db
class TestLate:
    def test_python_and_sql_agree_around_seven_working_days(self, world):
        panel = Panel.objects.create(raa=world.north, name="Panel")
        meeting = Meeting.objects.create(panel=panel, date=DAY)
        household = HouseholdFactory(la=world.la101)
        decisions = {}
        for days in range(0, 15):
            item = PanelItem.objects.create(
                meeting=meeting, business_type="adopter_approval", household=household
            )
            decisions[days] = AgencyDecision.objects.create(
                item=item, decision_maker="ADM", decided=DAY, working_days=days
            )
        late = set(
            AgencyDecision.objects.filter(decision_late_q()).values_list("working_days", flat=True)
        )
        assert late == {days for days in decisions if decision_late(days)}
        assert late == set(range(DECISION_DUE_WORKING_DAYS + 1, 15))
        assert decision_late(7) is False and decision_late(8) is True
        assert decisions[8].late and not decisions[7].late


class TestNextMilestone:
    """states.next_milestone, with due days worked out by hand."""

    def test_a_match_is_due_121_days_after_the_placement_order(self):
        record = Journey(placement_order=date(2024, 1, 10))
        # 21 days to 31 January, 29 to 29 February, 31, 30, then 10: 10 May 2024
        on_time = next_milestone(record, states.PLACEMENT_ORDER, date(2024, 5, 10))
        assert (on_time.field, on_time.due, on_time.overdue) == (
            "matched",
            date(2024, 5, 10),
            False,
        )
        assert next_milestone(record, states.PLACEMENT_ORDER, date(2024, 5, 11)).overdue

    def test_moving_in_is_due_on_the_last_day_within_14_months(self):
        record = Journey(entered_care=date(2023, 1, 1))
        # 365 days to 1 January 2024, 31 and 29 more: 1 March 2024, 425 days (A3: under 426)
        milestone = next_milestone(record, states.MATCHED, date(2024, 3, 1))
        assert (milestone.field, milestone.due, milestone.overdue) == (
            "moved_in_with_adopters",
            date(2024, 3, 1),
            False,
        )
        assert move_in_due(record) == date(2024, 3, 1)

    def test_no_date_without_the_starting_date_or_for_the_courts_steps(self):
        assert next_milestone(Journey(), states.PLACEMENT_ORDER, date(2024, 1, 1)).due is None
        decided = Journey(entered_care=date(2023, 1, 1), adm_decision=date(2023, 3, 1))
        milestone = next_milestone(decided, states.DECIDED, date(2025, 1, 1))
        assert (milestone.field, milestone.due, milestone.overdue) == (
            "placement_order",
            None,
            False,
        )

    def test_an_ended_journey_has_no_next_milestone(self):
        for status in (states.ADOPTED, states.PLAN_CEASED):
            assert next_milestone(Journey(), status, date(2024, 1, 1)) is None
