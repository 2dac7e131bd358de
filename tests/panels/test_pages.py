"""Panel pages: calendar with gaps, attendance with the quorum warning, recommendations and the
7-working-day clock, all through the services."""

from datetime import date, timedelta

import pytest

from panels.models import Meeting, PanelItem
from tests.factories import HouseholdFactory
from tests.panels.test_services import panel  # noqa: F401  (fixture)


def meeting_page(client, user, meeting, form, data):
    client.force_login(user)
    return client.post(
        f"/panels/meetings/{meeting.pk}/",
        {"form": form, **{f"{form}-{key}": value for key, value in data.items()}},
    )


@pytest.fixture
def meeting(panel):  # noqa: F811
    return Meeting.objects.create(panel=panel, date=date(2026, 5, 7))


@pytest.mark.django_db
class TestCalendar:
    def test_lists_meetings_and_warns_of_a_month_without_one(self, client, users, panel, today):  # noqa: F811
        Meeting.objects.create(panel=panel, date=today)
        client.force_login(users.panel_adviser)
        html = client.get("/panels/").content.decode()
        assert today.strftime("%-d %B %Y") in html
        last_month = (today.replace(day=1) - timedelta(days=1)).strftime("%B %Y")
        assert f"North panel: no meeting in {last_month}" in html

    def test_a_meeting_is_scheduled_through_the_form(self, client, users, panel):  # noqa: F811
        client.force_login(users.panel_adviser)
        response = client.post("/panels/", {"panel": panel.pk, "on": "2026-12-03"})
        assert response.status_code == 302
        assert Meeting.objects.filter(panel=panel, date=date(2026, 12, 3)).exists()

    def test_roles_without_panels_are_refused(self, client, users):
        for user in (users.board_member, users.support_worker):
            client.force_login(user)
            assert client.get("/panels/").status_code == 403


@pytest.mark.django_db
class TestMeeting:
    def test_attendance_that_is_not_quorate_shows_the_warning(self, client, users, meeting):
        members = meeting.panel.members.filter(role__in=["chair", "social_worker", "other"])
        response = meeting_page(
            client, users.panel_adviser, meeting, "attendance", {"members": [m.pk for m in members]}
        )
        assert response.status_code == 302
        html = client.get(f"/panels/meetings/{meeting.pk}/").content.decode()
        assert "Not quorate" in html
        assert "5 members (only 3 present)" in html and "an independent member" in html

    def test_a_late_agency_decision_is_flagged(self, client, users, meeting):
        household = HouseholdFactory(la=meeting.panel.raa.local_authorities.first())
        item = PanelItem.objects.create(
            meeting=meeting,
            business_type="adopter_approval",
            household=household,
            recommendation="recommended",
        )
        # Panel Thursday 7 May 2026; decision Wednesday 20 May: 9 working days (no bank holiday
        # between; the late-May holiday is 25 May).
        response = meeting_page(
            client,
            users.panel_adviser,
            meeting,
            f"dec-{item.pk}",
            {"decision_maker": "Agency decision maker", "decided": "2026-05-20", "approves": "yes"},
        )
        assert response.status_code == 302
        html = client.get(f"/panels/meetings/{meeting.pk}/").content.decode()
        assert "9 working days after the panel" in html
        assert "Late: more than 7 working days" in html

    def test_a_deferral_without_a_reason_is_refused_in_the_error_summary(
        self, client, users, meeting
    ):
        household = HouseholdFactory(la=meeting.panel.raa.local_authorities.first())
        item = PanelItem.objects.create(
            meeting=meeting, business_type="adopter_approval", household=household
        )
        later = Meeting.objects.create(panel=meeting.panel, date=date(2026, 6, 4))
        response = meeting_page(
            client, users.panel_adviser, meeting, f"defer-{item.pk}", {"to_meeting": later.pk}
        )
        assert response.status_code == 200
        assert (
            f'<a href="#id_defer-{item.pk}-reason">Why the panel deferred the item: Give the reason'
            in response.content.decode()
        )
        item.refresh_from_db()
        assert item.recommendation == ""

    def test_a_family_finder_reads_the_agenda_but_cannot_change_it(self, client, users, meeting):
        client.force_login(users.family_finder)
        html = client.get(f"/panels/meetings/{meeting.pk}/").content.decode()
        assert "Save attendance" not in html
        response = meeting_page(client, users.family_finder, meeting, "attendance", {"members": []})
        assert response.status_code == 403


@pytest.mark.django_db
def test_an_la_scoped_role_does_not_see_other_las_children_on_a_meeting_page(client, world, users):
    from agencies.models import AuditEvent, Role
    from panels.models import Panel
    from tests.factories import ChildFactory, JourneyFactory, user_with_role

    own = JourneyFactory(child=ChildFactory(la=world.la101, la_child_id="OWN-LA-CHILD"))
    sibling_la = JourneyFactory(child=ChildFactory(la=world.la102, la_child_id="SIBLING-LA-CHILD"))
    meeting = Meeting.objects.create(
        panel=Panel.objects.create(raa=world.north, name="North"), date=date(2026, 5, 7)
    )
    for record in (own, sibling_la):
        PanelItem.objects.create(meeting=meeting, business_type="match", journey=record)
    finder = user_with_role(Role.FAMILY_FINDER, la=world.la101)
    client.force_login(finder)
    html = client.get(f"/panels/meetings/{meeting.pk}/").content.decode()
    assert "OWN-LA-CHILD" in html
    assert "SIBLING-LA-CHILD" not in html
    assert "A child of another local authority" in html
    read = AuditEvent.objects.get(user=finder)
    assert read.object_ids == [own.pk]
    # The RAA's panel adviser, over the whole RAA, sees both.
    client.force_login(users.panel_adviser)
    html = client.get(f"/panels/meetings/{meeting.pk}/").content.decode()
    assert "OWN-LA-CHILD" in html and "SIBLING-LA-CHILD" in html


@pytest.mark.django_db
class TestDecisionsOnThePage:
    """The meeting page records papers, deferrals, recommendations and agency decisions, and
    shows each refusal in the error summary with nothing saved."""

    @pytest.fixture
    def item(self, meeting):
        household = HouseholdFactory(
            la=meeting.panel.raa.local_authorities.first(), reference="PAGE-H"
        )
        return PanelItem.objects.create(
            meeting=meeting, business_type="adopter_approval", household=household
        )

    def decision(self, client, users, meeting, item, **data):
        fields = {"decision_maker": "ADM", "decided_day": "12", "decided_month": "5"}
        return meeting_page(
            client,
            users.panel_adviser,
            meeting,
            f"dec-{item.pk}",
            {**fields, "decided_year": "2026", **data},
        )

    def test_papers_recommendation_and_approval_reach_the_household(
        self, client, users, meeting, item
    ):
        adviser = users.panel_adviser
        papers = {"received_day": "27", "received_month": "4", "received_year": "2026"}
        assert (
            meeting_page(client, adviser, meeting, f"papers-{item.pk}", papers).status_code == 302
        )
        rec = {"recommendation": "recommended", "reason": "Strong assessment"}
        assert meeting_page(client, adviser, meeting, f"rec-{item.pk}", rec).status_code == 302
        response = self.decision(client, users, meeting, item, approves="yes")
        assert response.status_code == 302
        item.household.refresh_from_db()
        assert item.household.approved == date(2026, 5, 12)
        html = client.get(f"/panels/meetings/{meeting.pk}/").content.decode()
        assert "27 April 2026" in html and "Recommended: Strong assessment" in html
        assert "Approved the household, as the panel recommended." in html
        assert "The household&#x27;s approval is on its record." in html or (
            "On the record: the household" in html
        )

    def test_a_decision_against_the_panel_without_a_reason_is_in_the_error_summary(
        self, client, users, meeting, item
    ):
        item.recommendation = "recommended"
        item.save()
        response = self.decision(client, users, meeting, item, approves="no")
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html
        assert (
            f'<a href="#id_dec-{item.pk}-reason">Reason, if the decision differs from the '
            "panel&#x27;s recommendation: Give the reason" in html
        )
        assert not hasattr(PanelItem.objects.get(pk=item.pk), "decision")

    def test_a_decision_on_another_raas_household_is_in_the_error_summary(
        self, client, users, meeting, world
    ):
        south = HouseholdFactory(la=world.la201, reference="SOUTH-H")
        item = PanelItem.objects.create(
            meeting=meeting,
            business_type="adopter_approval",
            household=south,
            recommendation="recommended",
        )
        response = self.decision(client, users, meeting, item, approves="yes")
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html
        assert "Household SOUTH-H is recorded by Southtown (201), outside your scope" in html
        south.refresh_from_db()
        assert south.approved is None

    def test_withdrawing_a_match_once_the_child_is_placed_is_in_the_error_summary(
        self, client, users, meeting, world
    ):
        from journeys import services as journeys
        from panels import services
        from tests.factories import ChildFactory, JourneyFactory

        household = HouseholdFactory(la=world.la101, reference="MATCH-H")
        child = JourneyFactory(child=ChildFactory(la=world.la101), entered_care=date(2025, 1, 1))
        item = PanelItem.objects.create(
            meeting=meeting,
            business_type="match",
            journey=child,
            household=household,
            recommendation="recommended",
        )
        services.agency_decision_record(
            user=users.panel_adviser, item=item, decision_maker="ADM", decided=date(2026, 5, 12)
        )
        journeys.placement_record(
            user=users.superuser, journey=child, placed=date(2026, 6, 1), household=household
        )
        response = meeting_page(client, users.panel_adviser, meeting, f"undo-{item.pk}", {})
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html
        assert "The child was placed with household MATCH-H on 2026-06-01" in html
        child.refresh_from_db()
        assert child.matched == date(2026, 5, 12)

    def test_a_match_item_needs_the_child_and_the_household(self, client, users, meeting, world):
        from tests.factories import ChildFactory, JourneyFactory

        child = JourneyFactory(child=ChildFactory(la=world.la101))
        response = meeting_page(
            client,
            users.panel_adviser,
            meeting,
            "item",
            {"business_type": "match", "journey": child.pk},
        )
        assert response.status_code == 200
        assert "Choose the child and the household of the match" in response.content.decode()
        assert not PanelItem.objects.exists()

    def test_a_deferral_moves_the_item_to_the_later_meeting(self, client, users, meeting, item):
        later = Meeting.objects.create(panel=meeting.panel, date=date(2026, 6, 4))
        response = meeting_page(
            client,
            users.panel_adviser,
            meeting,
            f"defer-{item.pk}",
            {"to_meeting": later.pk, "reason": "Medical report due"},
        )
        assert response.status_code == 302
        html = client.get(f"/panels/meetings/{meeting.pk}/").content.decode()
        assert "Deferred: Medical report due" in html and "meeting of 4 June 2026" in html
        assert later.items.get().household == item.household
