"""A child's journey page says where the child is now and what comes next, with its due day and
whether it is overdue, and offers only the steps that make sense at that point."""

from datetime import timedelta

import pytest
from django.utils import timezone

from journeys.models import Link
from tests.factories import HouseholdFactory, journey

TODAY = timezone.localdate()


def days_ago(days):
    return TODAY - timedelta(days=days)


def page(client, user, record) -> str:
    client.force_login(user)
    response = client.get(f"/journeys/{record.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def offered(html: str) -> set[str]:
    """The titles of the steps the page links to."""
    titles = {
        "decision": "Record the decision that the child should be adopted",
        "placement-order": "Record the placement order",
        "link": "Link the child with a household",
        "match": "Record the match",
        "placement": "Record the adoption placement",
        "disruption": "Record a disruption",
        "application": "Record the adoption application",
        "order": "Record the adoption order",
        "plan-ceased": "Record that the adoption plan ended",
        "note": "Add a note or a reason for delay",
    }
    return {slug for slug, title in titles.items() if f">{title}</a>" in html}


@pytest.mark.django_db
class TestWhereNowAndWhatNext:
    def test_a_child_in_care_waits_for_the_adm_decision(self, client, users, world):
        record = journey(world.la101, entered_care=days_ago(30))
        html = page(client, users.family_finder, record)
        assert "In care since" in html and "no ADM decision yet" in html
        assert "The ADM decision that the child should be adopted" in html
        assert "No national time limit applies to this step." in html
        assert offered(html) == {"decision", "plan-ceased", "note"}

    def test_a_match_is_overdue_121_days_after_the_placement_order(self, client, users, world):
        record = journey(
            world.la101,
            entered_care=days_ago(200),
            adm_decision=days_ago(180),
            placement_order=days_ago(122),
        )
        html = page(client, users.family_finder, record)
        assert "Waiting for a match: the placement order was made on" in html
        assert "A match with adopters" in html
        due = days_ago(1)  # 122 days ago + 121 days
        assert f"Due by {due:%-d %B %Y} (121 days after the placement order)" in html
        assert html.count("govuk-tag--red") == 1  # the match, not the move (due in 225 days)
        move_in = days_ago(200) + timedelta(days=425)
        assert f"Moving in with the adopters is due by {move_in:%-d %B %Y}" in html
        # no link yet: link, not match; no placement before a match
        assert offered(html) == {"link", "plan-ceased", "note"}

    def test_a_match_on_its_121st_day_is_not_overdue(self, client, users, world):
        record = journey(world.la101, adm_decision=days_ago(180), placement_order=days_ago(121))
        html = page(client, users.family_finder, record)
        assert f"Due by {TODAY:%-d %B %Y}" in html and "Overdue" not in html

    def test_a_link_awaiting_its_match_offers_the_match(self, client, users, world):
        record = journey(world.la101, adm_decision=days_ago(100), placement_order=days_ago(60))
        household = HouseholdFactory(la=world.la101, reference="HH-9")
        Link.objects.create(journey=record, household=household, linked=days_ago(10))
        html = page(client, users.family_finder, record)
        assert "Linked with household HH-9" in html
        assert offered(html) == {"link", "match", "plan-ceased", "note"}
        assert "Find households for this child" in html

    def test_a_matched_child_is_overdue_to_move_in_after_14_months(self, client, users, world):
        record = journey(
            world.la101,
            entered_care=days_ago(426),
            adm_decision=days_ago(300),
            placement_order=days_ago(250),
            matched=days_ago(20),
        )
        html = page(client, users.family_finder, record)
        assert "Matched on" in html and "not yet living with them" in html
        due = days_ago(1)  # 426 days ago + 425 days
        assert f"Due by {due:%-d %B %Y} (14 months after entering care)" in html
        assert "Overdue" in html
        assert offered(html) == {"placement", "plan-ceased", "note"}
        assert "Find households for this child" not in html  # matched: no new link to make

    def test_a_placed_child_waits_for_the_order_with_no_date_due(self, client, users, world):
        record = journey(
            world.la101,
            entered_care=days_ago(500),
            adm_decision=days_ago(400),
            placement_order=days_ago(300),
            matched=days_ago(200),
            placed=days_ago(150),
        )
        html = page(client, users.family_finder, record)
        assert "Placed for adoption since" in html
        assert "The adoption application and the adoption order" in html
        assert "Overdue" not in html
        assert offered(html) == {"disruption", "application", "order", "note"}

    def test_an_adopted_childs_journey_has_ended(self, client, users, world):
        record = journey(
            world.la101,
            entered_care=days_ago(700),
            adm_decision=days_ago(600),
            matched=days_ago(400),
            placed=days_ago(300),
            adoption_order=days_ago(30),
        )
        html = page(client, users.family_finder, record)
        assert "Adopted: the adoption order was made on" in html
        assert "Nothing: this journey has ended." in html
        assert offered(html) == {"note"}

    def test_an_la_manager_reads_where_the_child_is_but_is_offered_no_step(
        self, client, users, world
    ):
        record = journey(world.la101, entered_care=days_ago(30))
        html = page(client, users.la_manager, record)
        assert "no ADM decision yet" in html and offered(html) == set()
