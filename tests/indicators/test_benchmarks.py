"""Benchmarks: which reference value a figure is shown beside (hand-worked cases of the matching
rules), the CSV loader and its command, and the published values shipped."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators.benchmarks import (
    ReferenceFileError,
    Row,
    benchmark,
    reference_values_load,
)
from indicators.calculations.engine import figures_for
from indicators.models import ReferenceValue
from indicators.periods import Period
from indicators.scopes import parse_scope
from tests.factories import journey

Y2022 = Period.parse("2022-23")


def row(period, value, la_id=None, kind="england", indicator="A10"):
    start = end = None
    if period:
        parsed = Period.parse(period)
        start, end = parsed.start, parsed.end
    return Row(indicator, kind, period, la_id, value, "test", start, end)


class TestMatchingRules:
    def test_the_periods_own_value_comes_first(self):
        rows = [row("2020-23", 400), row("2022-23", 390), row("", 426)]
        assert benchmark(rows, "A10", "england", Y2022).value == 390

    def test_a_three_year_value_stands_beside_a_year_it_covers_with_its_period_named(self):
        rows = [row("2020-23", 400), row("2018-21", 409), row("", 426)]
        found = benchmark(rows, "A10", "england", Y2022)
        assert (found.value, found.period) == (400, "2020-23")
        # a quarter of 2021-22 lies in 2019-22 and in 2020-23: the later one of the same span
        quarter = Period.parse("2021-22 Q2")
        rows = [row("2019-22", 410), row("2020-23", 400)]
        assert benchmark(rows, "A10", "england", quarter).period == "2020-23"

    def test_a_value_for_a_period_that_does_not_cover_the_figure_is_not_shown(self):
        # 2018-21 ends on 31 March 2021: nothing to set beside 2022-23
        assert benchmark([row("2018-21", 409)], "A10", "england", Y2022) is None

    def test_the_narrowest_covering_period_wins(self):
        rows = [row("2020-23", 400), row("2022-23 H1", 380)]
        half = Period.parse("2022-23 Q1")
        assert benchmark(rows, "A10", "england", half).value == 380

    def test_an_las_own_value_comes_before_the_national_one(self):
        rows = [row("", 426, kind="target"), row("", 400, la_id=7, kind="target")]
        assert benchmark(rows, "A10", "target", Y2022, la_id=7).value == 400
        assert benchmark(rows, "A10", "target", Y2022, la_id=8).value == 426
        assert benchmark(rows, "A10", "target", Y2022).value == 426

    def test_nothing_for_another_figure_or_kind(self):
        assert benchmark([row("2022-23", 390)], "A2", "england", Y2022) is None
        assert benchmark([row("2022-23", 390)], "A10", "neighbours", Y2022) is None


@pytest.mark.django_db
class TestFiguresCarryTheirBenchmarks:
    def test_england_and_neighbours_fill_in_with_status_against_england(self, world):
        # 1 Jan 2022 -> 11 Apr 2022: 100 days (31 + 28 + 31 + 10)
        journey(
            world.la101,
            entered_care=date(2022, 1, 1),
            placed=date(2022, 4, 11),
            adoption_order=date(2022, 10, 1),
        )
        ReferenceValue.objects.create(indicator="A10", kind="england", period="2020-23", value=105)
        ReferenceValue.objects.create(
            indicator="A10", kind="neighbours", period="2022-23", la=world.la101, value=95
        )
        la = figures_for(parse_scope("la:101"), Y2022)["A10"]
        # 100 days against England's 105 (2020-23): met; against the target 426: met
        assert (la.england, la.england_period, la.england_status) == (105, "2020-23", "met")
        assert la.neighbours == 95
        assert la.as_dict()["england_period"] == "2020-23"
        raa = figures_for(parse_scope("raa:north"), Y2022)["A10"]
        assert (raa.england, raa.neighbours) == (105, None)  # neighbours: LA 101's own

    def test_the_published_values_are_loaded_with_their_sources(self, db):
        a1 = ReferenceValue.objects.get(indicator="A1", kind="england", period="2015-18")
        assert a1.value == 486 and "year ending March 2018" in a1.source
        assert not ReferenceValue.objects.filter(source="").exists()


CSV_HEAD = "indicator,kind,period,la_code,value,source\n"


@pytest.mark.django_db
class TestLoading:
    def test_a_file_loads_and_a_second_load_replaces(self, world):
        text = CSV_HEAD + "A2,neighbours,2022-23,101,150,LAIT 2023\nA2,england,2020-23,,170,DfE\n"
        assert reference_values_load(text=text) == (2, 0)
        assert reference_values_load(text=text.replace("150", "140")) == (0, 2)
        value = ReferenceValue.objects.get(kind="neighbours", la=world.la101)
        assert value.value == 140 and value.period == "2022-23"

    def test_every_fault_is_named_by_line_and_column_and_nothing_is_loaded(self, world):
        before = ReferenceValue.objects.count()
        text = CSV_HEAD + (
            "A2,england,2022-23,,150,DfE\n"
            "B9,average,2022-2023,999,lots,\n"
        )  # fmt: skip
        with pytest.raises(ReferenceFileError) as caught:
            reference_values_load(text=text)
        errors = caught.value.errors
        assert errors[0] == "Line 3, indicator: no figure has the code 'B9'."
        assert [error.split(":")[0] for error in errors] == [
            "Line 3, indicator",
            "Line 3, kind",
            "Line 3, period",
            "Line 3, la_code",
            "Line 3, value",
            "Line 3, source",
        ]
        assert ReferenceValue.objects.count() == before

    def test_a_file_without_the_columns_is_refused(self, db):
        with pytest.raises(ReferenceFileError, match="lacks la_code, source"):
            reference_values_load(text="indicator,kind,period,value\nA2,england,,1\n")

    def test_the_command_loads_the_shipped_file_and_reports_faults(self, world, tmp_path, capsys):
        call_command("load_reference_values", "indicators/reference_data/published_values.csv")
        assert "0 values added, 8 replaced" in capsys.readouterr().out
        bad = tmp_path / "bad.csv"
        bad.write_text(CSV_HEAD + "A2,england,,,x,DfE\n")
        with pytest.raises(CommandError, match="Line 2, value: 'x' is not a number."):
            call_command("load_reference_values", str(bad))
        with pytest.raises(CommandError, match="Cannot read"):
            call_command("load_reference_values", str(tmp_path / "missing.csv"))
