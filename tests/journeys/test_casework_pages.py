"""The family finder's pages: a journey's timeline and the steps recorded on it, through the
services, for one child or a sibling group together."""

import re
from datetime import date

import pytest

from agencies.models import AuditEvent
from indicators.calculations.engine import figures_for
from indicators.periods import Period
from indicators.scopes import parse_scope
from indicators.selectors import waiting_children
from journeys.casework import NOT_LINKED
from journeys.models import Journey, SiblingGroup
from panels.models import AgencyDecision, Meeting, Panel, PanelItem
from tests.factories import ChildFactory, HouseholdFactory, journey


@pytest.fixture
def siblings(world):
    """Two brothers in LA 101 with a placement order, and an approved household."""
    group = SiblingGroup.objects.create(la=world.la101, reference="SG1")
    older = journey(
        world.la101,
        child=ChildFactory(la=world.la101, la_child_id="OLDER", sibling_group=group),
        entered_care=date(2024, 1, 1),
        adm_decision=date(2024, 3, 1),
        placement_order=date(2024, 6, 1),
    )
    younger = journey(
        world.la101,
        child=ChildFactory(
            la=world.la101,
            la_child_id="YOUNGER",
            sibling_group=group,
            date_of_birth=date(2022, 1, 1),
        ),
        entered_care=date(2024, 1, 1),
        adm_decision=date(2024, 3, 1),
        placement_order=date(2024, 6, 1),
    )
    household = HouseholdFactory(
        la=world.la101, reference="HH-7", approved=date(2024, 1, 10), max_siblings=2
    )
    return older, younger, household


@pytest.fixture
def placed(world):
    """An LA 101 child placed for adoption on 1 July 2024, matched a month before."""
    return journey(
        world.la101,
        entered_care=date(2024, 1, 1),
        adm_decision=date(2024, 2, 1),
        placement_order=date(2024, 4, 1),
        matched=date(2024, 6, 1),
        placed=date(2024, 7, 1),
    )


def step(client, user, journey_pk, slug, data):
    client.force_login(user)
    return client.post(f"/journeys/{journey_pk}/{slug}/", data)


@pytest.mark.django_db
class TestJourneyPage:
    def test_shows_the_timeline_and_the_steps_to_a_family_finder(self, client, users, siblings):
        older, younger, _ = siblings
        client.force_login(users.family_finder)
        response = client.get(f"/journeys/{older.pk}/")
        html = response.content.decode()
        assert response.status_code == 200
        assert (
            html.index("Entered care") < html.index("ADM decision") < html.index("Placement order")
        )
        assert f'href="/journeys/{younger.pk}/"' in html  # the brother waiting with him
        assert "Link the child with a household" in html
        assert "Record the match" not in html  # no link yet to match
        assert AuditEvent.objects.filter(model="journey", action="view", via="page").exists()

    def test_the_timeline_shows_the_match_panel_and_its_agency_decision(
        self, client, users, siblings, world
    ):
        older, _, household = siblings
        panel = Panel.objects.create(raa=world.north, name="North panel")
        meeting = Meeting.objects.create(panel=panel, date=date(2024, 8, 15))
        item = PanelItem.objects.create(
            meeting=meeting,
            business_type="match",
            journey=older,
            household=household,
            recommendation="recommended",
        )
        AgencyDecision.objects.create(
            item=item, decision_maker="ADM", decided=date(2024, 8, 20), working_days=3
        )
        client.force_login(users.family_finder)
        html = client.get(f"/journeys/{older.pk}/").content.decode()
        assert "Panel: Match, recommended" in html
        assert "Agency decision maker agreed (3 working days after the panel)" in html

    def test_an_la_manager_reads_but_records_nothing(self, client, users, siblings):
        older, _, _ = siblings
        client.force_login(users.la_manager)
        assert b"Record the match" not in client.get(f"/journeys/{older.pk}/").content
        assert client.get(f"/journeys/{older.pk}/match/").status_code == 403

    def test_board_members_and_other_las_cannot_open_it(self, client, users, world):
        southern = journey(world.la201, entered_care=date(2024, 1, 1))
        client.force_login(users.board_member)
        assert client.get(f"/journeys/{southern.pk}/").status_code == 403
        client.force_login(users.la_manager)
        assert client.get(f"/journeys/{southern.pk}/").status_code == 404


@pytest.mark.django_db
class TestSteps:
    def test_a_sibling_group_is_linked_matched_and_placed_together(self, client, users, siblings):
        older, younger, household = siblings
        user = users.family_finder
        together = {"siblings": [younger.pk]}
        response = step(
            client,
            user,
            older.pk,
            "link",
            {"household": household.pk, "linked": "2024-08-01", **together},
        )
        assert response.status_code == 302, response.content
        step(
            client,
            user,
            older.pk,
            "match",
            {"household": household.pk, "matched": "2024-09-02", **together},
        )
        response = step(
            client,
            user,
            older.pk,
            "placement",
            {"placed": "2024-10-01", "source": "PR1", **together},
        )
        assert response.status_code == 302
        for record in (older, younger):
            record.refresh_from_db()
            assert (record.matched, record.placed) == (date(2024, 9, 2), date(2024, 10, 1))
            assert record.adopters == household
        figures = figures_for(parse_scope("la:101"), Period.parse("2024-25"))
        assert figures["matches"].value == 2
        assert figures["placements"].value == 2
        # Placement order 1 Jun 2024 -> match 2 Sep 2024: 30 + 31 + 31 + 2 = 93 days (A2_live).
        assert figures["A2_live"].value == 93

    def test_one_siblings_refusal_records_nothing_for_either(self, client, users, siblings):
        older, younger, household = siblings
        step(
            client,
            users.family_finder,
            older.pk,
            "link",
            {"household": household.pk, "linked": "2024-08-01"},
        )
        response = step(
            client,
            users.family_finder,
            older.pk,
            "match",
            {"household": household.pk, "matched": "2024-09-02", "siblings": [younger.pk]},
        )
        assert response.status_code == 200
        expected = "For YOUNGER: Household: " + NOT_LINKED.format(child="YOUNGER")
        assert expected in response.content.decode()
        older.refresh_from_db()
        assert older.matched is None  # rolled back with the sibling's refusal

    def test_a_date_that_contradicts_the_journey_names_both_and_keeps_what_was_typed(
        self, client, users, siblings
    ):
        older, _, _ = siblings
        response = step(
            client,
            users.family_finder,
            older.pk,
            "placement",
            {"placed": "2023-12-01", "source": "PR1"},
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "govuk-error-summary" in html
        assert (
            "Placed for adoption (2023-12-01) cannot be before entered care (2024-01-01)." in html
        )
        # What was typed stays in the day, month and year boxes.
        for part, value in (("day", "1"), ("month", "12"), ("year", "2023")):
            assert re.search(rf'name="placed_{part}"[^>]*value="{value}"', html)
        older.refresh_from_db()
        assert older.placed is None and not older.placements.exists()

    def test_an_order_before_the_placement_is_refused_on_its_own_field(self, client, users, placed):
        response = step(client, users.family_finder, placed.pk, "order", {"granted": "2024-06-20"})
        html = response.content.decode()
        # The order ends the placement: the placement's own check names both dates.
        message = "Ended (2024-06-20) cannot be before placed for adoption (2024-07-01)."
        summary = f'<a href="#id_granted_day">Date the adoption order was granted: {message}</a>'
        assert summary in html
        placed.refresh_from_db()
        assert placed.adoption_order is None and placed.placements.get().ended is None

    def test_a_missing_date_is_named_in_the_error_summary(self, client, users, siblings):
        older, _, _ = siblings
        response = step(client, users.family_finder, older.pk, "decision", {"decided": ""})
        assert (
            '<a href="#id_decided_day">Date of the decision: Enter the date of the decision</a>'
            in response.content.decode()
        )

    def test_a_disruption_puts_the_child_back_on_the_worklist(self, client, users, placed):
        scope = parse_scope("la:101")
        on = date(2024, 12, 31)
        assert waiting_children(user=users.family_finder, scope=scope, on=on) == []
        response = step(
            client,
            users.family_finder,
            placed.pk,
            "disruption",
            {
                "ended": "2024-11-15",
                "meeting": "2024-12-01",
                "chair": "Independent reviewing officer",
                "chair_independent": "on",
                "learning": "Introductions were too quick.",
            },
        )
        assert response.status_code == 302
        waiting = waiting_children(user=users.family_finder, scope=scope, on=on)
        assert [child.journey_id for child in waiting] == [placed.pk]
        assert waiting[0].no_match_3_months  # the match went with the placement
        page = client.get(f"/journeys/{placed.pk}/").content.decode()
        assert "Placement ended: disruption" in page
        assert "Disruption meeting (independent chair)" in page

    def test_every_step_is_audited(self, client, users, siblings):
        older, _, _ = siblings
        step(
            client,
            users.family_finder,
            older.pk,
            "note",
            {"recorded_on": "2024-07-01", "delay_reason": "court", "text": "Hearing adjourned."},
        )
        assert AuditEvent.objects.filter(model="journeynote", action="create", via="page").exists()
        assert Journey.objects.get(pk=older.pk).notes.get().delay_reason == "court"
