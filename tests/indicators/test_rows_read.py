"""A family's query reads only the rows some figure of the periods asked for counts: rows with a
date in a period, or open at a period's end. Rows wholly outside change no figure."""

from datetime import date

from indicators.calculations.engine import FAMILY_BY_NAME, figures_by_scope, rows_read
from indicators.periods import Period
from indicators.scopes import ALL, scope_for_la
from journeys.models import Journey, Placement
from tests.factories import journey

YEAR = Period.parse("2022-23")
PERIODS = [YEAR, YEAR.previous()]


def adopted_in_year(la) -> Journey:
    """Adopted on 1 September 2022: 455 days from entering care (1 January 2021) to moving in
    (1 April 2022)."""
    return journey(
        la,
        entered_care=date(2021, 1, 1),
        adm_decision=date(2021, 3, 1),
        placement_order=date(2022, 1, 1),
        matched=date(2022, 3, 2),
        placed=date(2022, 4, 1),
        adoption_order=date(2022, 9, 1),
    )


def waiting_since_2015(la) -> Journey:
    """Decision to adopt in 2015, nothing since: open, and waiting, at the end of every year."""
    return journey(la, entered_care=date(2015, 1, 1), adm_decision=date(2015, 6, 1))


def adopted_in_2016(la) -> Journey:
    return journey(
        la,
        entered_care=date(2015, 1, 1),
        adm_decision=date(2015, 3, 1),
        placement_order=date(2015, 6, 1),
        matched=date(2015, 8, 1),
        placed=date(2015, 9, 1),
        adoption_order=date(2016, 1, 1),
    )


def ceased_in_2017(la) -> Journey:
    return journey(
        la,
        entered_care=date(2016, 1, 1),
        adm_decision=date(2016, 5, 1),
        plan_ceased=date(2017, 1, 1),
        plan_ceased_reason="RD1",
    )


def _numbers(figures):
    return {
        code: (figure.value, figure.n, figure.count, figure.previous)
        for code, figure in figures.items()
    }


def test_a_years_figures_are_the_same_with_earlier_years_rows_present(world):
    adopted_in_year(world.la101)
    waiting_since_2015(world.la101)
    scopes = [scope_for_la(world.la101), ALL]
    before = {scope: _numbers(figures) for scope, figures in figures_by_scope(YEAR, scopes).items()}

    adopted_in_2016(world.la101)
    ceased_in_2017(world.la101)
    adopted_in_2016(world.la201)
    after = {scope: _numbers(figures) for scope, figures in figures_by_scope(YEAR, scopes).items()}

    assert after == before
    la = after[scope_for_la(world.la101)]
    assert la["A10"][:2] == (455, 1)
    assert la["adoptions"][:2] == (1, 1)
    assert la["waiting_at_end"][0] == 1


def test_a_journeys_rows_read_are_those_dated_in_the_periods_or_open_at_their_ends(world):
    in_year = adopted_in_year(world.la101)
    waiting = waiting_since_2015(world.la101)
    adopted_in_2016(world.la101)
    ceased_in_2017(world.la101)

    read = Journey.objects.filter(rows_read(FAMILY_BY_NAME["journeys"], PERIODS))

    assert set(read) == {in_year, waiting}


def test_a_placements_rows_read_leave_out_placements_ended_before_the_periods(world):
    in_year = adopted_in_year(world.la101)
    adopted_in_2016(world.la101)

    read = Placement.objects.filter(rows_read(FAMILY_BY_NAME["placements"], PERIODS))

    assert set(read) == set(in_year.placements.all())


def test_a_ten_year_span_reads_the_earlier_years_rows(world):
    adopted_in_year(world.la101)
    adopted_in_2016(world.la101)
    ten_years = Period.between(date(2013, 4, 1), date(2023, 3, 31))

    figures = figures_by_scope(ten_years, [scope_for_la(world.la101)])[scope_for_la(world.la101)]

    assert figures["adoptions"].value == 2
