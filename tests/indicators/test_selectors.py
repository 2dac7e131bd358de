"""The data-quality report and the drill-down rows behind a figure."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from agencies.scoping import access_for
from indicators.periods import Period
from indicators.scopes import ALL, parse_scope
from indicators.selectors import data_quality, figure_rows, scope_allowed
from tests.factories import journey


@pytest.mark.django_db
class TestDataQuality:
    def test_contradictory_and_incomplete_journeys_are_listed_with_the_reason(self, world, users):
        journey(
            world.la101,
            adoption_order=date(2022, 9, 1),
            placed=date(2022, 3, 1),
            adm_decision=date(2021, 6, 1),
            matched=date(2022, 2, 1),
        )
        journey(world.la101, entered_care=date(2022, 5, 1), adm_decision=date(2022, 4, 1))
        journey(
            world.la101,
            entered_care=date(2022, 1, 1),
            adm_decision=date(2022, 3, 1),
            matched=date(2022, 6, 1),
            placed=date(2022, 5, 1),
        )
        journey(world.la101, entered_care=date(2022, 1, 1), adm_decision=date(2022, 3, 1))
        reasons = sorted(row["reason"] for row in data_quality(user=users.raa_manager, scope=ALL))
        assert reasons == sorted(
            [
                "Adopted with no date of entering care: left out of A1, A3, A10 and A20.",
                "ADM decision before the child entered care (a negative interval, counted as 0).",
                "Match decision after the child was placed.",
            ]
        )

    def test_a_placement_date_with_no_placement_record_is_reported(self, world, users):
        from journeys.models import Journey
        from tests.factories import ChildFactory

        Journey.objects.create(
            child=ChildFactory(la=world.la101),
            entered_care=date(2022, 1, 1),
            adm_decision=date(2022, 2, 1),
            matched=date(2022, 4, 1),
            placed=date(2022, 5, 1),
        )
        reasons = [row["reason"] for row in data_quality(user=users.raa_manager, scope=ALL)]
        assert reasons == ["Date placed for adoption with no placement record behind it."]

    def test_board_members_get_no_child_level_report(self, world, users):
        with pytest.raises(PermissionDenied):
            data_quality(user=users.board_member, scope=ALL)


@pytest.mark.django_db
class TestFigureRows:
    def test_rows_of_a_percentage_say_which_children_count(self, world, users):
        # 425 days: within 14 months; 500 days: not.
        journey(
            world.la101,
            entered_care=date(2021, 1, 1),
            placed=date(2022, 3, 2),
            adoption_order=date(2022, 10, 1),
        )
        journey(
            world.la101,
            entered_care=date(2021, 1, 1),
            placed=date(2022, 5, 16),
            adoption_order=date(2022, 10, 1),
        )
        rows = figure_rows(
            user=users.raa_manager,
            code="A3",
            scope=parse_scope("la:101"),
            period=Period.parse("2022-23"),
        )
        assert sorted(rows.values_list("counted", flat=True)) == [False, True]

    def test_scope_allowed_follows_the_role(self, world, users):
        la_manager = access_for(users.la_manager)
        assert scope_allowed(la_manager, parse_scope("la:101"))
        assert scope_allowed(la_manager, parse_scope("raa:north"))
        assert not scope_allowed(la_manager, parse_scope(f"hub:{world.hub_two.pk}"))
        board = access_for(users.board_member)
        assert scope_allowed(board, parse_scope(f"hub:{world.hub_two.pk}"))
        assert not scope_allowed(board, parse_scope("la:201"))
