"""Adopter pages: the pipeline board with its statutory clocks, households moved through their
stages, and households ranked for a child with the reason for each rank."""

from datetime import date, timedelta

import pytest

from journeys.casework import age_in_years, household_fit
from journeys.models import AdopterHousehold
from tests.factories import ChildFactory, HouseholdFactory, journey


def test_age_in_years_counts_a_birthday_on_the_day():
    assert age_in_years(date(2020, 5, 10), date(2026, 5, 9)) == 5
    assert age_in_years(date(2020, 5, 10), date(2026, 5, 10)) == 6


def test_household_fit_names_each_need_met_or_not():
    household = AdopterHousehold(
        age_min=0, age_max=4, max_siblings=2, considers_disability=False, early_permanence=True
    )
    fit = household_fit(household, age=3, children=2, disability=True, early_permanence=True)
    assert fit.met == [
        "considers ages 0 to 4; the child is 3",
        "considers up to 2 children together; 2 to place",
        "can offer early permanence",
    ]
    assert fit.unmet == ["considers a disability"]
    assert not fit.meets_every_need


@pytest.mark.django_db
class TestPipeline:
    def test_overdue_clocks_are_marked_with_the_recorded_extension(
        self, client, users, world, today
    ):
        HouseholdFactory(
            la=world.la101,
            reference="SLOW-1",
            registration=today - timedelta(days=75),
            stage1_extension_reason="Medical report awaited",
        )
        HouseholdFactory(
            la=world.la101, reference="FINE-1", registration=today - timedelta(days=20)
        )
        HouseholdFactory(
            la=world.la101, reference="SLOW-2", stage2_start=today - timedelta(days=130)
        )
        client.force_login(users.family_finder)
        response = client.get("/adopters/")
        households = list(response.context["page"])
        stage1 = [h for h in households if h.pipeline_stage == "Stage 1"]
        assert [h.reference for h in stage1] == ["SLOW-1", "FINE-1"]
        assert [h.stage1_overdue for h in stage1] == [True, False]
        assert [h.stage2_overdue for h in households if h.pipeline_stage == "Stage 2"] == [True]
        html = response.content.decode()
        assert "Extended: Medical report awaited" in html
        assert html.count("overdue</strong>") == 2

    def test_a_household_moves_on_through_the_form_and_dates_out_of_order_are_refused(
        self, client, users, world
    ):
        household = HouseholdFactory(la=world.la101, registration=date(2026, 3, 1))
        client.force_login(users.family_finder)
        form = {"registration": "2026-03-01", "age_min": 0, "age_max": 17, "max_siblings": 1}
        moved = client.post(f"/adopters/{household.pk}/", {**form, "stage1_decision": "2026-04-20"})
        assert moved.status_code == 302
        household.refresh_from_db()
        assert household.stage1_decision == date(2026, 4, 20)
        refused = client.post(f"/adopters/{household.pk}/", {**form, "approved": "2026-02-01"})
        assert refused.status_code == 200
        assert "govuk-error-summary" in refused.content.decode()
        household.refresh_from_db()
        assert household.approved is None


@pytest.mark.django_db
def test_households_are_ranked_for_a_child_with_reasons(client, users, world, today):
    child = ChildFactory(la=world.la101, date_of_birth=today - timedelta(days=3 * 365 + 100))
    waiting = journey(
        world.la101, child=child, entered_care=date(2024, 1, 1), placement_order=date(2024, 6, 1)
    )
    approved = date(2025, 1, 1)
    HouseholdFactory(la=world.la101, reference="OLDER-ONLY", approved=approved, age_min=5)
    HouseholdFactory(la=world.la101, reference="FITS", approved=approved, age_max=4)
    HouseholdFactory(
        la=world.la101, reference="WITHDRAWN", approved=approved, withdrawn=date(2025, 6, 1)
    )
    client.force_login(users.family_finder)
    response = client.get(f"/journeys/{waiting.pk}/households/")
    fits = response.context["fits"]
    assert [fit.household.reference for fit in fits] == ["FITS", "OLDER-ONLY"]
    assert "Does not meet: considers ages 5 to 17; the child is 3" in response.content.decode()
    strict = client.get(
        f"/journeys/{waiting.pk}/households/",
        {"age": 3, "children": 1, "every_need": "on"},
    )
    assert [fit.household.reference for fit in strict.context["fits"]] == ["FITS"]
