"""Why the time went (docs/indicators.md §2.3, indicators/calculations/delays.py) on small
hand-built journeys; every expected number is worked out by hand beside it."""

from datetime import date

import pytest

from indicators.calculations.delays import DelayReasons, DelayRow, delay_reasons
from indicators.reports import delay_part
from indicators.scopes import ALL, parse_scope
from journeys.models import DelayReason, JourneyNote
from tests.factories import journey
from tests.indicators.builders import Y2022

CELL = '<td class="govuk-table__cell govuk-table__cell--numeric portal-nowrap">'
DASHBOARD = "/dashboard/"


def note(record, on: date, reason: str, text: str = "") -> JourneyNote:
    return JourneyNote.objects.create(
        journey=record, recorded_on=on, delay_reason=reason, text=text
    )


def counts(result) -> dict[str, tuple[int, float | None]]:
    return {row.reason: (row.children, row.share) for row in result.rows}


@pytest.mark.django_db
class TestDelayReasons:
    def test_counts_children_once_per_reason_and_shares_of_those_with_any(self, world):
        first = journey(world.la101, entered_care=date(2021, 1, 1))
        second = journey(world.la101, entered_care=date(2021, 1, 1))
        third = journey(world.la102, entered_care=date(2021, 1, 1))
        # first: court twice (one child), and sufficiency: counts under both reasons.
        note(first, date(2022, 4, 1), "court")
        note(first, date(2022, 9, 1), "court")
        note(first, date(2023, 3, 31), "sufficiency")
        # second: court once.
        note(second, date(2022, 6, 1), "court")
        # third (LA 102): ethnicity matching.
        note(third, date(2022, 6, 1), "ethnicity")
        result = delay_reasons(parse_scope("raa:north"), Y2022)
        # 3 children with a reason; court 2 of 3 = 66.7%, sufficiency and ethnicity 1 of 3 = 33.3%
        assert result.children == 3
        by_reason = counts(result)
        assert by_reason["court"] == (2, 66.7)
        assert by_reason["sufficiency"] == (1, 33.3)
        assert by_reason["ethnicity"] == (1, 33.3)
        assert by_reason["complex_needs"] == (0, 0.0)
        # The shares add up to more than 100% because the first child has two reasons.
        assert sum(share for _, share in by_reason.values()) > 100
        assert [row.title for row in result.rows][:2] == ["Court delay", "Complex needs"]

    def test_only_notes_of_the_period_and_of_the_scope_count(self, world):
        own = journey(world.la101, entered_care=date(2021, 1, 1))
        other_la = journey(world.la201, entered_care=date(2021, 1, 1))
        note(own, date(2022, 3, 31), "court")  # the day before 2022-23 starts
        note(own, date(2023, 4, 1), "court")  # the day after it ends
        note(own, date(2022, 5, 1), "", text="Visited the foster carers.")  # no reason
        note(own, date(2023, 3, 31), "complex_needs")  # the last day: counts
        note(other_la, date(2022, 5, 1), "court")  # RAA south
        result = delay_reasons(parse_scope("la:101"), Y2022)
        # LA 101: only the complex-needs note of 31 March 2023 is a reason in the period: 1 of 1.
        assert result.children == 1
        assert counts(result)["complex_needs"] == (1, 100.0)
        assert counts(result)["court"] == (0, 0.0)
        # All data takes LA 201's court note too: 2 children, 1 each = 50%.
        everything = delay_reasons(ALL, Y2022)
        assert everything.children == 2
        assert counts(everything)["court"] == (1, 50.0)

    def test_no_reasons_recorded_gives_zero_children_and_no_shares(self, world):
        journey(world.la101, entered_care=date(2021, 1, 1))
        result = delay_reasons(parse_scope("la:101"), Y2022)
        assert result.children == 0
        assert all(row.children == 0 and row.share is None for row in result.rows)
        assert len(result.rows) == 6


def reasons(children: int, **counts) -> DelayReasons:
    rows = [
        DelayRow(reason.value, reason.label, counts.get(reason.value, 0), None)
        for reason in DelayReason
    ]
    return DelayReasons(
        [
            DelayRow(r.reason, r.title, r.children, round(100 * r.children / children, 1))
            for r in rows
        ],
        children,
    )


class TestDelayTable:
    def test_a_table_of_each_reason_and_the_children_with_any(self):
        part = delay_part(reasons(8, court=6, sibling_group=2), Y2022)
        assert part.title == "Why the time went: reasons for delay recorded, 2022-23"
        assert part.lines[0] == ["Court delay", "6", "75.0%"]
        assert part.lines[2] == ["Sibling group", "2", "25.0%"]
        assert part.lines[-1] == ["Children with a reason for delay recorded", "8", ""]

    def test_published_withholds_counts_under_five_and_the_shares_that_reveal_them(self):
        part = delay_part(reasons(8, court=6, sibling_group=2), Y2022, published=True)
        assert part.lines[0] == ["Court delay", "6", "75.0%"]
        assert part.lines[2] == ["Sibling group", "fewer than 5", "withheld"]
        assert part.lines[1] == ["Complex needs", "0", "0.0%"]
        few = delay_part(reasons(3, court=3), Y2022, published=True)
        assert few.lines[0] == ["Court delay", "fewer than 5", "withheld"]
        assert few.lines[1] == ["Complex needs", "0", "withheld"]  # 0 of 3 reveals the 3


@pytest.mark.django_db
class TestDashboardSection:
    def test_the_dashboard_shows_why_the_time_went_for_the_area(self, client, users, world):
        child = journey(world.la101, entered_care=date(2021, 1, 1))
        note(child, date(2022, 7, 1), "court")
        client.force_login(users.raa_manager)
        page = client.get(f"{DASHBOARD}?scope=raa%3Anorth&year=2022&part=year").content.decode()
        assert "Why the time went" in page
        # The RAA manager's own area: one child, court delay, 100%.
        assert f"Court delay</th>{CELL}1</td>{CELL}100.0%</td>" in page
        # All data is not the manager's own area: the one child is withheld.
        other = client.get(f"{DASHBOARD}?scope=all&year=2022&part=year").content.decode()
        assert f"Court delay</th>{CELL}fewer than 5</td>{CELL}withheld</td>" in other
