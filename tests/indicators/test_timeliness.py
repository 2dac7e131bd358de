"""Timeliness figures (docs/indicators.md §2 and §2.1, indicators/calculations/timeliness.py) on
small hand-built journeys; every expected number is worked out by hand in the comment beside it."""

from datetime import date

import pytest

from indicators.calculations.engine import figure_series, figures_for
from indicators.models import ReferenceValue
from indicators.periods import Period
from indicators.scopes import parse_scope
from tests.factories import ChildFactory, journey
from tests.indicators.builders import ADOPTED, DISRUPTION, Y2022, adopted, figure


@pytest.mark.django_db
class TestTimeliness:
    def test_a1_is_a_child_weighted_mean_rounded_half_up(self, world):
        # 1 Jan 2022 -> 1 Oct 2022: 31+28+31+30+31+30+31+31+30 = 273 days
        adopted(world.la101, date(2022, 1, 1), date(2022, 10, 1), date(2023, 1, 10))
        # 1 Jun 2021 -> 2 Jun 2022: 365 + 1 = 366 days
        adopted(world.la102, date(2021, 6, 1), date(2022, 6, 2), date(2022, 12, 1))
        assert figure("la:101", Y2022, "A1").value == 273
        assert figure("la:102", Y2022, "A1").value == 366
        # (273 + 366) / 2 = 319.5, rounded half up to 320, over 2 children
        pooled = figure("raa:north", Y2022, "A1")
        assert (pooled.value, pooled.n) == (320, 2)
        assert figure(f"hub:{world.hub_one.pk}", Y2022, "A1").value == 320
        assert figure(f"hub:{world.hub_two.pk}", Y2022, "A1").value is None

    def test_a10_uses_the_day_the_child_moved_in_with_its_foster_carers(self, world):
        # Foster carers from 1 Mar 2022 (59 days after 1 Jan), adoption placement 1 Aug 2022
        # (31+28+31+30+31+30+31 = 212 days).
        adopted(
            world.la101,
            date(2022, 1, 1),
            date(2022, 8, 1),
            date(2023, 2, 1),
            moved_in_with_adopters=date(2022, 3, 1),
            foster_carer_adoption=True,
        )
        figures = figures_for(parse_scope("la:101"), Y2022)
        assert figures["A1"].value == 212
        assert figures["A10"].value == 59

    def test_stages_split_the_journey_into_court_and_family_finding(self, world):
        # Entered care 1 Jan 2021; order 1 Jul 2021 (181 days: 31+28+31+30+31+30); matched
        # 1 Sep 2021 (62 days: 31+31); moved in with foster carers 15 Aug 2021, before the match
        # (a negative interval: 0); placed 1 Oct 2021; order 1 May 2022: 259 days from moving in
        # (16 Aug-31 Aug = 17 days, Sep-Apr = 30+31+30+31+31+28+31+30 = 242).
        adopted(
            world.la101,
            date(2021, 1, 1),
            date(2021, 10, 1),
            date(2022, 5, 1),
            placement_order=date(2021, 7, 1),
            matched=date(2021, 9, 1),
            moved_in_with_adopters=date(2021, 8, 15),
        )
        # No placement order or match: only the last stage, 1 Jun 2022 -> 1 Jul 2022, 30 days.
        adopted(world.la101, date(2021, 5, 1), date(2022, 6, 1), date(2022, 7, 1))
        figures = figures_for(parse_scope("la:101"), Y2022)
        assert (figures["A20"].value, figures["A20"].n) == (181, 1)
        assert (figures["A2"].value, figures["A2"].n) == (62, 1)
        assert (figures["match_to_move_in"].value, figures["match_to_move_in"].n) == (0, 1)
        # (259 + 30) / 2 = 144.5, rounded half up
        assert (figures["move_in_to_order"].value, figures["move_in_to_order"].n) == (145, 2)

    def test_a_series_gives_each_quarter_the_figure_it_has_alone(self, world):
        # Adopted in Q1 (May 2022) after 100 days, and in Q3 (Nov 2022) after 200 days.
        adopted(world.la101, date(2022, 1, 1), date(2022, 4, 11), date(2022, 5, 1))
        adopted(world.la102, date(2022, 1, 1), date(2022, 7, 20), date(2022, 11, 1))
        quarters = Y2022.quarters()
        series = figure_series(parse_scope("raa:north"), quarters, ["A1", "adoptions"])
        assert [row["A1"].value for row in series] == [100, None, 200, None]
        assert [row["adoptions"].value for row in series] == [1, 0, 1, 0]
        for row, quarter in zip(series, quarters, strict=True):
            alone = figure("raa:north", quarter, "A1")
            assert (row["A1"].value, row["A1"].trend) == (alone.value, alone.trend)
        assert series[2]["adoptions"].trend == "up"  # 0 in Q2, 1 in Q3

    def test_a2_counts_zero_when_matched_before_placement_order(self, world):
        # Matched a month before the order: 0 days.
        adopted(
            world.la101,
            date(2021, 1, 1),
            date(2022, 7, 1),
            date(2023, 1, 1),
            placement_order=date(2022, 6, 1),
            matched=date(2022, 5, 1),
        )
        # Order 1 Jan 2022, match 2 Mar 2022: 31 + 28 + 1 = 60 days.
        adopted(
            world.la101,
            date(2021, 1, 1),
            date(2022, 4, 1),
            date(2022, 9, 1),
            placement_order=date(2022, 1, 1),
            matched=date(2022, 3, 2),
        )
        a2 = figure("la:101", Y2022, "A2")
        assert (a2.value, a2.n) == (30, 2)  # (0 + 60) / 2

    def test_consent_adoptions_drop_out_of_a2_and_a20_only(self, world):
        # No placement order: adopted with parental consent.
        adopted(
            world.la101,
            date(2022, 1, 1),
            date(2022, 2, 1),
            date(2022, 9, 1),
            matched=date(2022, 1, 20),
        )
        figures = figures_for(parse_scope("la:101"), Y2022)
        assert (figures["A2"].value, figures["A2"].n) == (None, 0)
        assert (figures["A20"].value, figures["A20"].n) == (None, 0)
        assert (figures["A1"].value, figures["A1"].n) == (31, 1)
        assert (figures["A10"].n, figures["A3"].n) == (1, 1)

    def test_a20_from_entering_care_to_placement_order(self, world):
        # 1 Jan 2022 -> 1 Apr 2022: 31 + 28 + 31 = 90 days
        adopted(
            world.la101,
            date(2022, 1, 1),
            date(2022, 6, 1),
            date(2023, 1, 1),
            placement_order=date(2022, 4, 1),
            matched=date(2022, 5, 1),
        )
        assert figure("la:101", Y2022, "A20").value == 90

    def test_a3_counts_children_who_moved_in_within_426_days(self, world):
        # 425 days: counted. 2021-01-01 + 425 days = 2022-03-02.
        adopted(world.la101, date(2021, 1, 1), date(2022, 3, 2), date(2022, 10, 1))
        # 426 days: not counted (must be less than 426). 2021-01-01 + 426 = 2022-03-03.
        adopted(world.la101, date(2021, 1, 1), date(2022, 3, 3), date(2022, 10, 1))
        # Placed after 500 days but moved in with the carers after 100: counted (A3 uses A10's
        # adjusted interval). 2021-01-01 + 100 = 2021-04-11; + 500 = 2022-05-16.
        adopted(
            world.la101,
            date(2021, 1, 1),
            date(2022, 5, 16),
            date(2022, 11, 1),
            moved_in_with_adopters=date(2021, 4, 11),
            foster_carer_adoption=True,
        )
        a3 = figure("la:101", Y2022, "A3")
        assert (a3.count, a3.n, a3.value) == (2, 3, 66.7)  # 2/3 = 66.67 %

    def test_three_year_mean_is_pooled_over_children_not_a_mean_of_years(self, world):
        # 2020-21: one child, 100 days (2020-01-01 + 100 = 2020-04-10).
        adopted(world.la101, date(2020, 1, 1), date(2020, 4, 10), date(2020, 9, 1))
        # 2022-23: three children, 200 days each (2022-01-01 + 200 = 2022-07-20).
        for _ in range(3):
            adopted(world.la101, date(2022, 1, 1), date(2022, 7, 20), date(2022, 12, 1))
        a1 = figure("la:101", Period.parse("2020-23"), "A1")
        # (100 + 3 * 200) / 4 = 175; a mean of yearly means would give (100 + 200) / 2 = 150.
        assert (a1.value, a1.n) == (175, 4)

    def test_an_empty_cohort_has_no_value_rather_than_zero(self, world):
        figures = figures_for(parse_scope("la:101"), Y2022)
        for code in ("A1", "A10", "A2", "A20", "A3", "A2_live", "A10_live", "A20_live"):
            assert (figures[code].value, figures[code].n) == (None, 0), code
        assert figures["adoptions"].value == 0

    def test_period_boundaries_are_inclusive(self, world):
        for order in (date(2022, 4, 1), date(2023, 3, 31), date(2023, 4, 1), date(2022, 3, 31)):
            adopted(world.la101, date(2021, 1, 1), date(2022, 1, 1), order)
        assert figure("la:101", Y2022, "adoptions").value == 2

    def test_disruption_then_replacement_counts_from_the_last_placement(self, world):
        journey(
            world.la101,
            entered_care=date(2021, 1, 1),
            adm_decision=date(2021, 3, 1),
            placement_order=date(2021, 4, 1),
            matched=date(2021, 12, 1),
            placed=date(2022, 1, 1),
            moved_in_with_adopters=date(2022, 1, 1),
            adoption_order=date(2022, 6, 1),
            placements=[
                (date(2021, 6, 1), None, date(2021, 9, 1), DISRUPTION),
                (date(2022, 1, 1), None, date(2022, 6, 1), ADOPTED),
            ],
        )
        y2021 = figures_for(parse_scope("la:101"), Period.parse("2021-22"))
        # Placements in 2021-22: 1 Jun 2021 and 1 Jan 2022; one of them disrupted.
        assert y2021["placements"].value == 2
        assert y2021["disruptions"].value == 1
        # 1 Jun 2021 -> 1 Sep 2021: 30 + 31 + 31 = 92 days in the placement
        assert y2021["disruption_days"].value == 92
        # A1 from the last placement: 1 Jan 2021 -> 1 Jan 2022 = 365 days (adopted in 2022-23)
        assert figure("la:101", Y2022, "A1").value == 365

    def test_a_child_with_several_periods_of_care_is_counted_for_the_adoptive_one(self, world):
        child = ChildFactory(la=world.la101)
        journey(
            world.la101,
            child=child,
            entered_care=date(2019, 1, 1),
            adm_decision=date(2019, 6, 1),
            plan_ceased=date(2019, 9, 1),
            plan_ceased_reason="RD1",
        )
        # Second period of care: 1 Jan 2022 -> 1 May 2022 = 31+28+31+30 = 120 days
        adopted(world.la101, date(2022, 1, 1), date(2022, 5, 1), date(2022, 11, 1), child=child)
        figures = figures_for(parse_scope("la:101"), Y2022)
        assert (figures["A1"].value, figures["A1"].n) == (120, 1)
        assert figure("la:101", Period.parse("2019-20"), "plan_changes").value == 1

    def test_quarters_and_rolling_twelve_months(self, world):
        for order in (
            date(2022, 1, 15),
            date(2022, 6, 30),
            date(2022, 10, 1),
            date(2022, 12, 31),
            date(2023, 1, 1),
        ):
            adopted(world.la101, date(2021, 1, 1), date(2021, 12, 1), order)
        # Q3 2022-23 is 1 Oct - 31 Dec 2022.
        assert figure("la:101", Period.parse("2022-23 Q3"), "adoptions").value == 2
        # R12 to Q3 2022-23 is 1 Jan - 31 Dec 2022.
        assert figure("la:101", Period.parse("R12 2022-23 Q3"), "adoptions").value == 4

    def test_scopes_pool_child_by_child_and_all_includes_every_raa(self, world):
        adopted(world.la101, date(2022, 1, 1), date(2022, 1, 11), date(2022, 6, 1))  # 10 days
        adopted(world.la103, date(2022, 1, 1), date(2022, 1, 21), date(2022, 6, 1))  # 20 days
        adopted(world.la103, date(2022, 1, 1), date(2022, 1, 31), date(2022, 6, 1))  # 30 days
        adopted(world.la201, date(2022, 1, 1), date(2022, 2, 10), date(2022, 6, 1))  # 40 days
        # North: (10 + 20 + 30) / 3 = 20 (the mean of LA means would be (10 + 25) / 2 = 17.5).
        assert figure("raa:north", Y2022, "A1").value == 20
        # All: (10 + 20 + 30 + 40) / 4 = 25
        assert figure("all", Y2022, "A1").value == 25

    def test_live_cohorts_end_at_the_milestone_reached_in_the_period(self, world):
        # Matched 1 Mar 2023, 59 days after the order of 1 Jan 2023 (31 + 28); not yet placed.
        journey(
            world.la101,
            entered_care=date(2022, 1, 1),
            adm_decision=date(2022, 6, 1),
            placement_order=date(2023, 1, 1),
            matched=date(2023, 3, 1),
        )
        figures = figures_for(parse_scope("la:101"), Y2022)
        assert (figures["A2_live"].value, figures["A2_live"].n) == (59, 1)
        # Placement order 1 Jan 2023, 365 days after entering care on 1 Jan 2022.
        assert figures["A20_live"].value == 365
        assert figures["A2"].n == 0  # not adopted yet

    def test_target_england_average_trend_and_status_come_from_reference_data(self, world):
        ReferenceValue.objects.update_or_create(
            indicator="A10", kind="england", period="2022-23", defaults={"value": 400}
        )
        # 2021-22: 500 days (2020-01-01 + 500 = 2021-05-15); 2022-23: 300 days (2021-06-01 + 300
        # = 2022-03-28).
        adopted(world.la101, date(2020, 1, 1), date(2021, 5, 15), date(2021, 9, 1))
        adopted(world.la101, date(2021, 6, 1), date(2022, 3, 28), date(2022, 9, 1))
        a10 = figure("la:101", Y2022, "A10")
        assert (a10.value, a10.target, a10.england) == (300, 426, 400)
        assert (a10.trend, a10.status) == ("better", "met")
        assert figure("la:101", Period.parse("2021-22"), "A10").status == "not met"  # 500 > 468.6
