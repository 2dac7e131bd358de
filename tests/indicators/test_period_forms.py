"""The area and period form of the dashboard and the comparison pages: months, dates of the
user's choice (GOV.UK date inputs) and, on the dashboard, before and after go-live."""

from datetime import date

import pytest

from indicators.forms import (
    RANGE_BACKWARDS,
    RANGE_NEEDS_DATES,
    DashboardForm,
    dashboard_query,
)
from indicators.periods import Period
from indicators.scopes import ALL
from tests.indicators.builders import adopted

TODAY = date(2024, 5, 1)
CELL = '<td class="govuk-table__cell govuk-table__cell--numeric portal-nowrap">'


def form(**data) -> DashboardForm:
    return DashboardForm({"scope": "all", "year": "2022", **data}, scopes=[ALL], today=TODAY)


class TestDashboardForm:
    def test_dates_of_your_choice_are_a_range_from_day_month_and_year_boxes(self):
        chosen = form(part="range", start_day="1", start_month="6", start_year="2022",
                      end_day="30", end_month="9", end_year="2022")  # fmt: skip
        assert chosen.is_valid(), chosen.errors
        assert chosen.period() == Period.between(date(2022, 6, 1), date(2022, 9, 30))
        assert chosen.period().label == "2022-06-01 to 2022-09-30"

    def test_a_range_needs_both_days_in_order(self):
        missing = form(part="range", start_day="1", start_month="6", start_year="2022")
        assert not missing.is_valid()
        assert missing.errors["end"] == [RANGE_NEEDS_DATES]
        backwards = form(part="range", start="2022-09-30", end="2022-06-01")
        assert not backwards.is_valid()
        assert backwards.errors["end"] == [RANGE_BACKWARDS]
        not_real = form(part="range", start_day="31", start_month="2", start_year="2022",
                        end="2022-06-01")  # fmt: skip
        assert not not_real.is_valid()
        assert not_real.errors["start"] == ["From must be a real date"]

    def test_other_periods_ignore_the_dates_and_months_still_work(self):
        month = form(part="M3", start="2022-09-30")
        assert month.is_valid()
        assert month.period() == Period.parse("2022-23 M3")

    def test_go_live_is_offered_only_where_the_page_asks_for_it(self):
        assert not form(part="go-live").is_valid()
        offered = DashboardForm(
            {"scope": "all", "year": "2022", "part": "go-live"},
            scopes=[ALL],
            today=TODAY,
            go_live=True,
        )
        assert offered.is_valid() and offered.go_live_chosen

    def test_the_query_of_a_range_gives_the_range_back(self):
        period = Period.between(date(2022, 6, 1), date(2022, 9, 30))
        query = dashboard_query(ALL, period)
        assert query["part"] == "range"
        back = form(**{key: str(value) for key, value in query.items() if key != "scope"})
        assert back.is_valid()
        assert back.period() == period


@pytest.mark.django_db
class TestPagesWithTheNewPeriods:
    def test_the_dashboard_shows_a_range_of_dates(self, client, users, world):
        client.force_login(users.raa_manager)
        page = client.get(
            "/dashboard/?scope=raa%3Anorth&part=range&start_day=1&start_month=6&start_year=2022"
            "&end_day=30&end_month=9&end_year=2022"
        ).content.decode()
        assert "North Adoption, 2022-06-01 to 2022-09-30" in page
        assert 'id="id_start_day"' in page and 'name="end_year"' in page

    def test_a_backwards_range_is_an_error_in_the_summary(self, client, users, world):
        client.force_login(users.raa_manager)
        page = client.get(
            "/dashboard/?scope=raa%3Anorth&part=range&start=2022-09-30&end=2022-06-01"
        ).content.decode()
        assert "There is a problem" in page and RANGE_BACKWARDS in page

    def test_by_partner_la_and_year_on_year_take_a_range(self, client, users, world):
        client.force_login(users.raa_manager)
        query = "scope=raa%3Anorth&part=range&start=2022-06-01&end=2022-09-30"
        by_la = client.get(f"/dashboard/by-partner-la/?{query}").content.decode()
        assert "2022-06-01 to 2022-09-30" in by_la
        years = client.get(f"/dashboard/year-on-year/?{query}").content.decode()
        assert "2020-06-01 to 2020-09-30" in years  # two years earlier, the same days

    def test_before_and_after_go_live_compares_the_years_either_side(self, client, users, world):
        world.north.go_live = date(2022, 10, 1)
        world.north.save()
        # Before go-live (adopted 1 Sep 2022): A10 = 1 Apr 2022 - 1 Sep 2021 = 212 days.
        adopted(world.la101, date(2021, 9, 1), date(2022, 4, 1), date(2022, 9, 1))
        # From go-live: 1 Nov 2022 - 1 Mar 2022 = 245 days and 1 Dec 2022 - 1 Jun 2022 = 183
        # days, mean 214 days: 2 days (0.9%) more; adoptions 1 then 2 (+100%).
        adopted(world.la101, date(2022, 3, 1), date(2022, 11, 1), date(2023, 3, 1))
        adopted(world.la102, date(2022, 6, 1), date(2022, 12, 1), date(2023, 6, 1))
        client.force_login(users.raa_manager)
        page = client.get("/dashboard/?scope=raa%3Anorth&year=2022&part=go-live").content.decode()
        assert "Before and after go-live on 1 October 2022" in page
        assert "Before go-live (2021-10-01 to 2022-09-30)" in page
        assert "From go-live (2022-10-01 to 2023-09-30)" in page
        assert "North Adoption, 2022-10-01 to 2023-09-30" in page
        assert f"(days)</th>{CELL}212 days</td>{CELL}214 days</td>{CELL}+2 days, +0.9%</td>" in page
        assert f"Adoption orders (A4)</th>{CELL}1</td>{CELL}2</td>{CELL}+1, +100.0%</td>" in page

    def test_go_live_without_a_date_is_an_error_on_the_form(self, client, users, world):
        client.force_login(users.raa_manager)
        page = client.get("/dashboard/?scope=raa%3Anorth&year=2022&part=go-live").content.decode()
        assert "There is a problem" in page
        assert "North Adoption has no go-live date recorded." in page
