"""Activity counts and snapshots at period end (docs/indicators.md §3,
indicators/calculations/activity.py) on small hand-built journeys; every expected number is worked
out by hand in the comment beside it."""

from datetime import date

import pytest

from indicators.calculations.engine import figures_by_scope, figures_for
from indicators.scopes import ALL, parse_scope
from indicators.selectors import figure_rows
from tests.factories import journey
from tests.indicators.builders import DISRUPTION, Y2022, adopted


@pytest.mark.django_db
class TestActivityAndSnapshots:
    def test_activity_counts_count_children_with_the_milestone_in_the_period(self, world):
        journey(
            world.la101,
            entered_care=date(2021, 1, 1),
            adm_decision=date(2022, 4, 1),
            placement_order=date(2022, 7, 1),
            matched=date(2022, 12, 1),
            placed=date(2023, 1, 5),
            adoption_application=date(2023, 3, 31),
        )
        journey(
            world.la101,
            entered_care=date(2021, 1, 1),
            adm_decision=date(2021, 4, 1),
            plan_ceased=date(2022, 5, 1),
            plan_ceased_reason="RD3",
        )
        figures = figures_for(parse_scope("la:101"), Y2022)
        counts = {
            code: figures[code].value
            for code in (
                "adm_decisions",
                "placement_orders",
                "matches",
                "placements",
                "adoption_applications",
                "adoptions",
                "plan_changes",
            )
        }
        assert counts == {
            "adm_decisions": 1,
            "placement_orders": 1,
            "matches": 1,
            "placements": 1,
            "adoption_applications": 1,
            "adoptions": 0,
            "plan_changes": 1,
        }

    def test_snapshot_counts_at_period_end(self, world, users):
        decided = {"entered_care": date(2022, 1, 1), "adm_decision": date(2022, 5, 1)}
        with_order = {**decided, "placement_order": date(2022, 8, 1)}
        journey(world.la101, **decided)  # waiting, no order
        journey(world.la101, **with_order)  # waiting, order, no match
        journey(world.la101, **with_order, matched=date(2023, 2, 1))  # matched, not moved in
        journey(world.la101, **with_order, matched=date(2022, 12, 1), placed=date(2023, 1, 1))
        journey(  # placement disrupted: waiting again and no longer matched
            world.la101,
            **with_order,
            matched=date(2022, 9, 1),
            placed=date(2022, 10, 1),
            placements=[(date(2022, 10, 1), None, date(2022, 12, 1), DISRUPTION)],
        )
        journey(world.la101, **decided, plan_ceased=date(2023, 1, 1), plan_ceased_reason="RD1")
        journey(
            world.la101,
            **with_order,
            matched=date(2022, 9, 1),
            placed=date(2022, 10, 1),
            adoption_order=date(2023, 2, 1),
        )
        journey(world.la101, entered_care=date(2022, 1, 1), adm_decision=date(2023, 4, 5))
        figures = figures_for(parse_scope("la:101"), Y2022)
        assert figures["waiting_at_end"].value == 4
        assert figures["po_awaiting_match_at_end"].value == 2
        assert figures["placed_at_end"].value == 1
        # The figures are differences of join-based counts; the drill-down lists the same
        # children from the row-by-row definition.
        for code in ("waiting_at_end", "po_awaiting_match_at_end", "placed_at_end"):
            rows = figure_rows(
                user=users.superuser, code=code, scope=parse_scope("la:101"), period=Y2022
            )
            assert rows.count() == figures[code].value, code

    def test_figures_for_every_scope_at_once_match_one_scope_at_a_time(self, world):
        adopted(world.la101, date(2022, 1, 1), date(2022, 1, 11), date(2022, 6, 1))
        adopted(world.la201, date(2022, 1, 1), date(2022, 2, 10), date(2022, 6, 1))
        every = figures_by_scope(Y2022)
        assert len(every) == 4 + 2 + 2 + 1  # LAs, hubs, RAAs and all
        for scope, figures in every.items():
            assert figures["A1"].value == figures_for(scope, Y2022)["A1"].value
        assert every[ALL]["adoptions"].value == 2
