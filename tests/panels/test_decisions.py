"""Agency decisions that reach the record (issue 17): an approval makes the household approved
on the decision's date, a match decision records the child's match with the household, a
decision against the panel is recorded as such with its reason, and undoing a decision undoes
its effect (refused when a later step depends on it). Also papers received and deferrals."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agencies.models import AuditEvent
from journeys import services as journeys_services
from journeys.models import Link
from panels import services
from panels.models import AgencyDecision, Meeting, Panel, PanelItem
from tests.factories import ChildFactory, HouseholdFactory, JourneyFactory, LinkFactory

PANEL_DAY = date(2026, 5, 7)  # a Thursday
DECIDED = date(2026, 5, 12)  # Tuesday: 3 working days later


@pytest.fixture
def meeting(world):
    return Meeting.objects.create(
        panel=Panel.objects.create(raa=world.north, name="North panel"), date=PANEL_DAY
    )


@pytest.fixture
def household(world):
    return HouseholdFactory(
        la=world.la101,
        reference="H-APPROVE",
        enquiry=date(2025, 6, 1),
        registration=date(2025, 7, 1),
        stage1_decision=date(2025, 9, 1),
        stage2_start=date(2025, 9, 15),
    )


def heard(user, meeting, recommendation="recommended", **subject) -> PanelItem:
    business = "match" if "journey" in subject else "adopter_approval"
    item = services.item_add(user=user, meeting=meeting, business_type=business, **subject)
    reason = "" if recommendation == "recommended" else "Not ready yet"
    return services.recommendation_record(
        user=user, item=item, recommendation=recommendation, reason=reason
    )


def decide(user, item, **fields) -> AgencyDecision:
    return services.agency_decision_record(
        user=user, item=item, decision_maker="ADM", decided=DECIDED, **fields
    )


@pytest.mark.django_db
class TestApproval:
    def test_an_approval_makes_the_household_approved_on_the_decisions_date(
        self, users, meeting, household
    ):
        decision = decide(
            users.panel_adviser, heard(users.panel_adviser, meeting, household=household)
        )
        household.refresh_from_db()
        assert (household.panel, household.approved) == (PANEL_DAY, DECIDED)
        assert household.stage == "approved"
        assert (decision.approves, decision.agreed, decision.working_days) == (True, True, 3)
        assert decision.effect == AgencyDecision.Effect.APPROVAL

    def test_a_decision_not_to_approve_leaves_the_household_unapproved(
        self, users, meeting, household
    ):
        item = heard(users.panel_adviser, meeting, household=household)
        decision = decide(users.panel_adviser, item, approves=False, reason="Health checks")
        household.refresh_from_db()
        assert household.approved is None
        assert (decision.agreed, decision.effect) == (False, AgencyDecision.Effect.NONE)

    def test_a_decision_against_the_panel_is_recorded_as_such_and_needs_its_reason(
        self, users, meeting, household
    ):
        item = heard(users.panel_adviser, meeting, "not_recommended", household=household)
        with pytest.raises(ValidationError, match="differs from the panel"):
            decide(users.panel_adviser, item, approves=True)
        decision = decide(users.panel_adviser, item, approves=True, reason="New references")
        assert (decision.approves, decision.agreed, decision.reason) == (
            True,
            False,
            "New references",
        )
        household.refresh_from_db()
        assert household.approved == DECIDED
        # Agreeing with "not recommended" is a decision not to approve.
        other = HouseholdFactory(la=household.la)
        item = heard(users.panel_adviser, meeting, "not_recommended", household=other)
        assert decide(users.panel_adviser, item, agreed=True).approves is False

    def test_withdrawing_the_approval_undoes_it_and_is_audited(self, users, meeting, household):
        decision = decide(
            users.panel_adviser, heard(users.panel_adviser, meeting, household=household)
        )
        services.agency_decision_delete(user=users.panel_adviser, decision=decision)
        household.refresh_from_db()
        assert (household.panel, household.approved) == (None, None)
        assert not AgencyDecision.objects.exists()
        changes = AuditEvent.objects.filter(user=users.panel_adviser)
        assert set(changes.values_list("model", "action")) >= {
            ("adopterhousehold", "update"),
            ("agencydecision", "create"),
            ("agencydecision", "delete"),
        }

    def test_changing_the_decision_to_not_approved_undoes_the_approval(
        self, users, meeting, household
    ):
        decision = decide(
            users.panel_adviser, heard(users.panel_adviser, meeting, household=household)
        )
        services.agency_decision_update(
            user=users.panel_adviser, decision=decision, approves=False, reason="Withdrew"
        )
        household.refresh_from_db()
        assert household.approved is None
        decision.refresh_from_db()
        assert (decision.agreed, decision.effect) == (False, AgencyDecision.Effect.NONE)

    def test_moving_the_decisions_date_moves_the_approval(self, users, meeting, household):
        decision = decide(
            users.panel_adviser, heard(users.panel_adviser, meeting, household=household)
        )
        services.agency_decision_update(
            user=users.panel_adviser, decision=decision, decided=date(2026, 5, 14)
        )
        household.refresh_from_db()
        assert household.approved == date(2026, 5, 14)

    def test_an_approval_already_on_record_is_left_and_not_undone(self, users, meeting, household):
        household.approved = date(2026, 5, 8)
        household.save()
        decision = decide(
            users.panel_adviser, heard(users.panel_adviser, meeting, household=household)
        )
        assert decision.effect == AgencyDecision.Effect.ALREADY_RECORDED
        services.agency_decision_delete(user=users.panel_adviser, decision=decision)
        household.refresh_from_db()
        assert household.approved == date(2026, 5, 8)

    def test_withdrawing_is_refused_once_a_child_is_matched_with_the_household(
        self, users, meeting, household, world
    ):
        decision = decide(
            users.panel_adviser, heard(users.panel_adviser, meeting, household=household)
        )
        LinkFactory(
            household=household,
            journey=JourneyFactory(child=ChildFactory(la=world.la101)),
            linked=date(2026, 6, 1),
            matched=date(2026, 6, 10),
            status=Link.Status.MATCHED,
        )
        with pytest.raises(ValidationError, match="record the end of that match"):
            services.agency_decision_delete(user=users.panel_adviser, decision=decision)
        household.refresh_from_db()
        assert household.approved == DECIDED
        assert AgencyDecision.objects.filter(pk=decision.pk).exists()

    def test_a_decision_on_another_raas_household_is_refused(self, users, meeting, world):
        south = HouseholdFactory(la=world.la201, reference="SOUTH-H")
        item = PanelItem.objects.create(
            meeting=meeting,
            business_type="adopter_approval",
            household=south,
            recommendation="recommended",
        )
        with pytest.raises(PermissionDenied, match="Household SOUTH-H is recorded by Southtown"):
            decide(users.panel_adviser, item)
        south.refresh_from_db()
        assert south.approved is None
        assert not AgencyDecision.objects.exists()

    def test_another_raas_adviser_cannot_decide_on_this_raas_item(
        self, users, meeting, household, world
    ):
        from agencies.models import Role
        from tests.factories import user_with_role

        item = heard(users.panel_adviser, meeting, household=household)
        with pytest.raises(PermissionDenied):
            decide(user_with_role(Role.PANEL_ADVISER, raa=world.south), item)


@pytest.fixture
def child(world):
    return JourneyFactory(
        child=ChildFactory(la=world.la102, la_child_id="C-1", date_of_birth=date(2024, 1, 1)),
        entered_care=date(2024, 2, 1),
        adm_decision=date(2024, 8, 1),
        placement_order=date(2025, 3, 1),
    )


@pytest.mark.django_db
class TestMatch:
    def test_a_match_decision_records_the_childs_match_with_the_household(
        self, users, meeting, household, child
    ):
        household.approved = date(2026, 1, 10)
        household.save()
        item = heard(users.panel_adviser, meeting, journey=child, household=household)
        decision = decide(users.panel_adviser, item)
        child.refresh_from_db()
        assert (child.matched, child.adopters) == (DECIDED, household)
        link = Link.objects.get(journey=child)
        assert (link.household, link.status, link.linked, link.matched) == (
            household,
            Link.Status.MATCHED,
            PANEL_DAY,
            DECIDED,
        )
        assert (decision.effect, decision.link) == (AgencyDecision.Effect.MATCH_NEW_LINK, link)

    def test_a_match_decision_uses_the_households_existing_link(
        self, users, meeting, household, child
    ):
        link = LinkFactory(journey=child, household=household, linked=date(2026, 3, 1))
        decision = decide(
            users.panel_adviser,
            heard(users.panel_adviser, meeting, journey=child, household=household),
        )
        link.refresh_from_db()
        assert (link.status, link.matched, link.linked) == ("matched", DECIDED, date(2026, 3, 1))
        services.agency_decision_delete(user=users.panel_adviser, decision=decision)
        link.refresh_from_db()
        child.refresh_from_db()
        assert (link.status, link.matched) == ("linked", None)
        assert (child.matched, child.adopters) == (None, None)

    def test_not_matched_records_nothing(self, users, meeting, household, child):
        item = heard(users.panel_adviser, meeting, journey=child, household=household)
        decide(users.panel_adviser, item, approves=False, reason="Needs more support")
        child.refresh_from_db()
        assert child.matched is None
        assert not Link.objects.exists()

    def test_undoing_a_match_it_made_removes_the_link_and_is_audited(
        self, users, meeting, household, child
    ):
        item = heard(users.panel_adviser, meeting, journey=child, household=household)
        decision = decide(users.panel_adviser, item)
        link_pk = decision.link_id
        services.agency_decision_delete(user=users.panel_adviser, decision=decision)
        child.refresh_from_db()
        assert (child.matched, child.adopters) == (None, None)
        assert not Link.objects.exists()
        assert AuditEvent.objects.filter(
            user=users.panel_adviser, model="link", action="delete", object_ids=[link_pk]
        ).exists()

    def test_undoing_a_match_is_refused_once_the_child_is_placed(
        self, users, meeting, household, child
    ):
        decision = decide(
            users.panel_adviser,
            heard(users.panel_adviser, meeting, journey=child, household=household),
        )
        journeys_services.placement_record(
            user=users.superuser, journey=child, placed=date(2026, 6, 1), household=household
        )
        with pytest.raises(ValidationError, match="placed with household H-APPROVE on 2026-06-01"):
            services.agency_decision_delete(user=users.panel_adviser, decision=decision)
        child.refresh_from_db()
        assert child.matched == DECIDED

    def test_a_match_while_the_child_is_placed_elsewhere_is_refused(
        self, users, meeting, household, child, world
    ):
        other = HouseholdFactory(la=world.la101)
        journeys_services.placement_record(
            user=users.superuser, journey=child, placed=date(2026, 4, 1), household=other
        )
        item = heard(users.panel_adviser, meeting, journey=child, household=household)
        with pytest.raises(ValidationError, match="still in an adoption placement"):
            decide(users.panel_adviser, item)
        assert not AgencyDecision.objects.exists()

    def test_undoing_a_rematch_restores_the_earlier_match(
        self, users, meeting, household, child, world
    ):
        first = HouseholdFactory(la=world.la101)
        LinkFactory(
            journey=child,
            household=first,
            linked=date(2025, 5, 1),
            matched=date(2025, 6, 1),
            status=Link.Status.MATCHED,
        )
        child.matched, child.adopters = date(2025, 6, 1), first
        child.save()
        decision = decide(
            users.panel_adviser,
            heard(users.panel_adviser, meeting, journey=child, household=household),
        )
        child.refresh_from_db()
        assert (child.matched, child.adopters) == (DECIDED, household)
        services.agency_decision_delete(user=users.panel_adviser, decision=decision)
        child.refresh_from_db()
        assert (child.matched, child.adopters) == (date(2025, 6, 1), first)


@pytest.mark.django_db
class TestPapersAndDeferral:
    def test_papers_received_are_recorded(self, users, meeting, household):
        item = services.item_add(
            user=users.panel_adviser,
            meeting=meeting,
            business_type="adopter_approval",
            household=household,
        )
        services.item_papers_record(user=users.panel_adviser, item=item, received=date(2026, 4, 27))
        item.refresh_from_db()
        assert item.papers_received == date(2026, 4, 27)

    def test_a_deferral_names_the_later_meeting_and_puts_the_item_on_its_agenda(
        self, users, meeting, household
    ):
        later = Meeting.objects.create(panel=meeting.panel, date=date(2026, 6, 4))
        item = services.item_add(
            user=users.panel_adviser,
            meeting=meeting,
            business_type="adopter_approval",
            household=household,
            papers_received=date(2026, 4, 27),
        )
        moved = services.item_defer(
            user=users.panel_adviser, item=item, to_meeting=later, reason="Medical report due"
        )
        item.refresh_from_db()
        assert (item.recommendation, item.recommendation_reason, item.deferred_to) == (
            "deferred",
            "Medical report due",
            later,
        )
        assert (moved.meeting, moved.household, moved.papers_received) == (
            later,
            household,
            date(2026, 4, 27),
        )
        with pytest.raises(ValidationError, match="deferred this item"):
            decide(users.panel_adviser, item)
        with pytest.raises(ValidationError, match="already made its recommendation"):
            services.item_defer(
                user=users.panel_adviser, item=item, to_meeting=later, reason="Again"
            )

    def test_a_deferral_to_an_earlier_meeting_or_without_a_reason_is_refused(
        self, users, meeting, household
    ):
        earlier = Meeting.objects.create(panel=meeting.panel, date=date(2026, 4, 2))
        later = Meeting.objects.create(panel=meeting.panel, date=date(2026, 6, 4))
        item = services.item_add(
            user=users.panel_adviser,
            meeting=meeting,
            business_type="adopter_approval",
            household=household,
        )
        with pytest.raises(ValidationError, match="after this one"):
            services.item_defer(user=users.panel_adviser, item=item, to_meeting=earlier, reason="x")
        with pytest.raises(ValidationError):
            services.item_defer(user=users.panel_adviser, item=item, to_meeting=later, reason="")
        assert PanelItem.objects.count() == 1
