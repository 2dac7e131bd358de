"""Comparison tables on small hand-built journeys: by partner LA (the RAA's total pooled child by
child) and year on year (the change in the figure's unit and in %); each expected number is worked
out by hand in the comment beside it."""

import csv
import io
from datetime import date

import pytest
from rest_framework.test import APIClient

from indicators.calculations.engine import figures_for, title_of
from indicators.comparisons import (
    YEAR_ON_YEAR_COUNT,
    ComparisonError,
    by_la_csv,
    by_la_json,
    by_la_table,
    change,
    parse_periods,
    year_on_year,
)
from indicators.periods import Period, PeriodError
from indicators.scopes import parse_scope
from journeys.models import AdopterSource, Placement
from tests.factories import journey

Y2022 = Period.parse("2022-23")


def adopted(la, entered, placed, order):
    return journey(la, entered_care=entered, placed=placed, adoption_order=order)


@pytest.fixture
def north_journeys(world):
    """LA 101: A10 of 100 and 110 days in 2022-23 and 366 days in 2020-21; LA 102: 212 days in
    2022-23 and 181 days in 2021-22; LA 103: nobody."""
    # 1 Jan -> 11 Apr 2022: 31 + 28 + 31 + 10 = 100 days
    adopted(world.la101, date(2022, 1, 1), date(2022, 4, 11), date(2022, 10, 1))
    # 1 Jan -> 21 Apr 2022: 110 days; placed with a voluntary agency's adopters
    vaa = adopted(world.la101, date(2022, 1, 1), date(2022, 4, 21), date(2022, 11, 1))
    Placement.objects.filter(journey=vaa).update(source=AdopterSource.VAA)
    # 1 Jan -> 1 Aug 2022: 90 + 30 + 31 + 30 + 31 = 212 days
    adopted(world.la102, date(2022, 1, 1), date(2022, 8, 1), date(2023, 2, 1))
    # 1 Jan 2020 -> 1 Jan 2021: 366 days (2020 is a leap year), adopted in 2020-21
    adopted(world.la101, date(2020, 1, 1), date(2021, 1, 1), date(2021, 3, 1))
    # 1 Jan -> 1 Jul 2021: 31 + 28 + 31 + 30 + 31 + 30 = 181 days, adopted in 2021-22
    adopted(world.la102, date(2021, 1, 1), date(2021, 7, 1), date(2021, 12, 1))


def column(table, code, period_label):
    return next(
        index
        for index, c in enumerate(table.columns)
        if c.code == code and c.period.label == period_label
    )


@pytest.mark.django_db
class TestByPartnerLa:
    def test_the_raa_total_is_pooled_child_by_child_not_a_mean_of_the_las(self, north_journeys):
        table = by_la_table(parse_scope("raa:north"), Y2022)
        by_area = {row.scope.label: row for row in table.rows}
        assert [row.scope.label for row in table.rows] == [
            "Hillside",
            "Riverside",
            "Seaside",
            "North Adoption",
        ]
        a10 = column(table, "A10", "2022-23")
        # LA 101: (100 + 110) / 2 = 105; LA 102: 212; LA 103: no children
        assert by_area["Riverside"].figures[a10].value == 105
        assert by_area["Hillside"].figures[a10].value == 212
        assert by_area["Seaside"].figures[a10].value is None
        # Pooled: (100 + 110 + 212) / 3 = 140.67 -> 141 over 3 children; the mean of the LAs'
        # means would be (105 + 212) / 2 = 158.5 -> 159.
        total = by_area["North Adoption"].figures[a10]
        assert (total.value, total.n) == (141, 3)
        assert by_area["North Adoption"].total

    def test_three_year_columns_pool_the_three_years(self, north_journeys):
        table = by_la_table(parse_scope("raa:north"), Y2022)
        assert table.three_years.label == "2020-23"
        a10 = column(table, "A10", "2020-23")
        rows = {row.scope.label: row.figures[a10] for row in table.rows}
        # LA 101: (100 + 110 + 366) / 3 = 192; LA 102: (212 + 181) / 2 = 196.5 -> 197
        assert rows["Riverside"].value == 192
        assert rows["Hillside"].value == 197
        # RAA: (100 + 110 + 366 + 212 + 181) / 5 = 969 / 5 = 193.8 -> 194 over 5 children
        assert (rows["North Adoption"].value, rows["North Adoption"].n) == (194, 5)

    def test_activity_and_where_homes_were_found_add_up_to_the_total(self, north_journeys):
        table = by_la_table(parse_scope("raa:north"), Y2022)
        adoptions = column(table, "adoptions", "2022-23")
        vaa = column(table, "placements_vaa", "2022-23")
        rows = {row.scope.label: row.figures for row in table.rows}
        assert [rows[name][adoptions].value for name in rows] == [1, 2, 0, 3]
        # Placements begun in 2022-23: LA 101 two (one with a VAA), LA 102 one -> 1 of 3 = 33.3%
        assert (rows["Riverside"][vaa].count, rows["Riverside"][vaa].value) == (1, 50.0)
        assert (rows["North Adoption"][vaa].count, rows["North Adoption"][vaa].n) == (1, 3)
        assert rows["North Adoption"][vaa].value == 33.3

    def test_only_the_las_the_user_may_see_get_a_row_but_all_count_in_the_total(
        self, north_journeys
    ):
        table = by_la_table(
            parse_scope("raa:north"), Y2022, may_see=lambda scope: scope.key == "101"
        )
        assert [row.scope.label for row in table.rows] == ["Riverside", "North Adoption"]
        assert table.hidden == 2
        assert table.rows[-1].figures[column(table, "A10", "2022-23")].value == 141

    def test_an_la_or_all_data_has_no_table_by_partner_la(self, world):
        with pytest.raises(ComparisonError, match="not one"):
            by_la_table(parse_scope("la:101"), Y2022)

    def test_csv_has_plain_headings_and_a_count_and_a_share_for_each_share(self, north_journeys):
        table = by_la_table(parse_scope("raa:north"), Y2022)
        lines = list(csv.reader(io.StringIO(by_la_csv(table))))
        head = lines[0]
        assert head[:2] == ["Area", "LA code"]
        assert "Adoption orders (A4), 2022-23" in head
        assert not any("_" in heading for heading in head)
        total = dict(zip(head, lines[-1], strict=True))
        assert total["Area"] == "North Adoption (total)"
        assert (
            total["Placements with a voluntary adoption agency's adopters, 2022-23: number"] == "1"
        )
        assert total["Placements with a voluntary adoption agency's adopters, 2022-23: %"] == "33.3"

    def test_json_gives_each_area_by_period(self, north_journeys):
        body = by_la_json(by_la_table(parse_scope("raa:north"), Y2022))
        total = body["areas"][-1]
        assert total["total"] and total["scope"] == "raa:north"
        assert total["figures"]["2022-23"]["A10"]["value"] == 141
        assert total["figures"]["2020-23"]["A10"]["value"] == 194
        assert "adoptions" not in total["figures"]["2020-23"]


@pytest.mark.django_db
class TestYearOnYear:
    def test_change_in_days_and_percent_from_each_year_to_the_next(self, north_journeys):
        periods = parse_periods("2022-23, 2020-21,2021-22")
        table = year_on_year(parse_scope("la:102"), periods, ["A10", "adoptions"])
        rows = {row.code: row for row in table.rows}
        assert [p.label for p in table.periods] == ["2020-21", "2021-22", "2022-23"]
        assert [f.value for f in rows["A10"].figures] == [None, 181, 212]
        # nothing to compare in 2020-21; 181 -> 212: +31 days, 31 / 181 = 17.13% -> 17.1
        assert rows["A10"].changes[0].amount is None
        assert (rows["A10"].changes[1].amount, rows["A10"].changes[1].percent) == (31, 17.1)
        # adoptions 0 -> 1 (no % from nothing) -> 1 (no change, 0.0%)
        assert [f.value for f in rows["adoptions"].figures] == [0, 1, 1]
        assert (rows["adoptions"].changes[0].amount, rows["adoptions"].changes[0].percent) == (
            1,
            None,
        )
        assert (rows["adoptions"].changes[1].amount, rows["adoptions"].changes[1].percent) == (
            0,
            0.0,
        )

    def test_a_fall_is_negative(self):
        # 200 -> 150: -50, -25.0%; 33.3% -> 25.0%: -8.3 points, -24.9%
        assert (change(200, 150).amount, change(200, 150).percent) == (-50, -25.0)
        assert (change(33.3, 25.0).amount, change(33.3, 25.0).percent) == (-8.3, -24.9)

    @pytest.mark.parametrize(
        "text", ["2022-23,2023-24", "2019-20,2020-21,2021-22,2022-23,2023-24,2024-25", ""]
    )
    def test_three_to_five_periods(self, text):
        with pytest.raises(PeriodError, match=YEAR_ON_YEAR_COUNT):
            parse_periods(text)

    def test_a_malformed_period_is_named(self):
        with pytest.raises(PeriodError, match="2022-2023"):
            parse_periods("2022-2023,2023-24,2024-25")


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
class TestComparisonsApi:
    def test_by_la_gives_each_partner_la_and_the_pooled_total(self, north_journeys, users):
        body = (
            api(users.raa_manager)
            .get("/api/v1/indicators/", {"scope": "raa:north", "by": "la", "period": "2022-23"})
            .json()
        )
        assert [area["scope"] for area in body["areas"]] == [
            "la:102",
            "la:101",
            "la:103",
            "raa:north",
        ]
        assert body["areas"][-1]["figures"]["2022-23"]["A10"]["value"] == 141

    def test_an_la_manager_sees_their_la_and_the_total_only(self, north_journeys, users):
        body = (
            api(users.la_manager)
            .get("/api/v1/indicators/", {"scope": "raa:north", "by": "la", "period": "2022-23"})
            .json()
        )
        assert [area["scope"] for area in body["areas"]] == ["la:101", "raa:north"]
        assert body["partner_las_not_shown"] == 2

    def test_several_periods_give_each_figure_year_on_year(self, north_journeys, users):
        response = api(users.board_member).get(
            "/api/v1/indicators/", {"scope": "la:102", "period": "2020-21,2021-22,2022-23"}
        )
        a10 = response.json()["figures"]["A10"]
        assert a10["values"]["2022-23"]["value"] == 212
        assert a10["changes"][1] == {
            "from": "2021-22",
            "to": "2022-23",
            "change": 31,
            "change_percent": 17.1,
        }

    @pytest.mark.parametrize(
        "params, field",
        [
            ({"scope": "la:101", "by": "la", "period": "2022-23"}, "scope"),
            ({"scope": "raa:north", "by": "hub", "period": "2022-23"}, "by"),
            ({"scope": "raa:north", "by": "la", "period": "2021-22,2022-23,2023-24"}, "period"),
            ({"scope": "raa:north", "period": "2022-23,2023-24"}, "period"),
            ({"scope": "raa:north", "period": "2022-23,bad,2023-24"}, "period"),
        ],
    )
    def test_bad_requests_name_the_field(self, users, params, field):
        response = api(users.raa_manager).get("/api/v1/indicators/", params)
        assert response.status_code == 400
        assert {error["field"] for error in response.json()["errors"]} == {field}

    def test_another_raa_is_refused(self, users):
        response = api(users.raa_manager).get(
            "/api/v1/indicators/", {"scope": "raa:south", "by": "la", "period": "2022-23"}
        )
        assert response.status_code == 403


@pytest.mark.django_db
class TestComparisonPages:
    def test_by_partner_la_page_and_csv(self, north_journeys, users, client):
        client.force_login(users.raa_manager)
        query = {"scope": "raa:north", "year": 2022, "part": "year"}
        page = client.get("/dashboard/by-partner-la/", query).content.decode()
        assert "North Adoption (total)" in page and "141 days" in page
        assert "1 (33.3%)" in page
        response = client.get("/dashboard/by-partner-la/", {**query, "format": "csv"})
        assert response["Content-Type"].startswith("text/csv")
        assert response.content.decode().splitlines()[-1].startswith("North Adoption (total)")

    def test_by_partner_la_tells_an_la_manager_what_they_see(self, north_journeys, users, client):
        client.force_login(users.la_manager)
        page = client.get(
            "/dashboard/by-partner-la/", {"scope": "raa:north", "year": 2022, "part": "year"}
        ).content.decode()
        assert "Riverside" in page and "Hillside" not in page
        assert "2 partner LAs not shown" in page

    def test_year_on_year_page_shows_the_change(self, north_journeys, users, client):
        client.force_login(users.raa_manager)
        page = client.get(
            "/dashboard/year-on-year/", {"scope": "la:102", "year": 2022, "part": "year"}
        ).content.decode()
        assert "+31 days, +17.1% on the year before" in page
        bad = client.get("/dashboard/year-on-year/", {"scope": "la:102", "years": "9"})
        assert "Choose 3 to 5 years." in bad.content.decode()


@pytest.mark.django_db
class TestComparisonsInBoardFiles:
    def test_the_scorecard_has_a_sheet_by_partner_la(self, north_journeys):
        from openpyxl import load_workbook

        from indicators.exports import scorecard_xlsx
        from indicators.scorecards import scorecard_for

        card = scorecard_for(parse_scope("raa:north"), Period.parse("2022-23 Q4"))
        sheet = load_workbook(io.BytesIO(scorecard_xlsx(card)))["By partner LA"]
        rows = list(sheet.iter_rows(values_only=True))
        head, total = rows[0], dict(zip(rows[0], rows[-1], strict=True))
        assert [row[0] for row in rows[1:]] == [
            "Hillside",
            "Riverside",
            "Seaside",
            "North Adoption (total)",
        ]
        # R12 to 2022-23 Q4 is the year 2022-23: 141 days pooled, 3 adoptions
        assert total[f"{title_of('A10')}, R12 2022-23 Q4"] == 141
        assert total["Adoption orders (A4), R12 2022-23 Q4"] == 3
        assert not any("_" in str(heading) for heading in head)

    def test_an_raas_report_has_its_tables_by_partner_la_in_word_and_pdf(self, north_journeys):
        from docx import Document

        from indicators.exports import report_docx, report_pdf
        from indicators.reports import report_for
        from tests.indicators.test_scorecards import pdf_text

        report = report_for(parse_scope("raa:north"), Y2022)
        assert [part.title for part in report.comparisons] == [
            "Year on year, 2020-21 to 2022-23",
            "From enquiry to approval by quarter, 2022-23",
            "Enquiries by recruitment campaign, 2022-23",
            "Activity by partner LA, 2022-23",
            "Timeliness by partner LA, 2022-23",
            "Where homes were found by partner LA, 2022-23",
        ]
        words = Document(io.BytesIO(report_docx(report)))
        # A4: 210 mm x 297 mm
        page = words.sections[0]
        assert (round(page.page_width.mm), round(page.page_height.mm)) == (210, 297)
        headings = [p.text for p in words.paragraphs if p.style.name.startswith("Heading")]
        assert "Timeliness by partner LA, 2022-23" in headings
        timeliness = words.tables[-2]
        total = [cell.text for cell in timeliness.rows[-1].cells]
        assert total[0] == "North Adoption (total)" and "141 days" in total
        assert "Where homes were found by partner LA" in pdf_text(report_pdf(report))
        only_la = report_for(parse_scope("la:101"), Y2022).comparisons
        assert [part.title for part in only_la] == [
            "Year on year, 2020-21 to 2022-23",
            "From enquiry to approval by quarter, 2022-23",
            "Enquiries by recruitment campaign, 2022-23",
        ]

    def test_the_report_shows_each_year_with_its_change(self, north_journeys):
        from indicators.reports import report_for

        part = report_for(parse_scope("la:102"), Y2022).comparisons[0]
        lines = {line[0]: line[1:] for line in part.lines}
        assert part.headings == ["Figure", "2020-21", "2021-22", "2022-23"]
        assert lines[title_of("A10")] == [
            "no children",
            "181 days",
            "212 days (+31 days, +17.1%)",
        ]
        assert lines[title_of("adoptions")] == ["0", "1 (+1)", "1 (+0, +0.0%)"]

    def test_an_la_managers_copy_of_the_raa_report_holds_only_their_la_and_the_total(
        self, north_journeys, users, client, settings, tmp_path, django_capture_on_commit_callbacks
    ):
        from docx import Document

        from indicators.models import Export

        settings.MEDIA_ROOT = tmp_path
        client.force_login(users.la_manager)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                "/exports/", {"kind": "report_docx", "scope": "raa:north", "period": "2022-23"}
            )
        export = Export.objects.get()
        assert export.status == "done", export.error
        words = Document(export.file.open("rb"))
        areas = [row.cells[0].text for row in words.tables[-1].rows[1:]]
        assert areas == ["Riverside", "North Adoption (total)"]


@pytest.mark.django_db
def test_the_dashboard_shows_the_headline_figures_year_on_year(north_journeys, users, client):
    client.force_login(users.raa_manager)
    page = client.get("/dashboard/", {"scope": "la:102", "year": 2022, "part": "year"})
    text = page.content.decode()
    assert "Year on year, 2020-21 to 2022-23" in text
    assert "212 days (+31 days, +17.1%)" in text


class TestMonthsAndRanges:
    def test_months_of_the_financial_year(self):
        april = Period.parse("2024-25 M1")
        assert (april.start, april.end, april.kind) == (
            date(2024, 4, 1),
            date(2024, 4, 30),
            "month",
        )
        assert Period.parse("2024-25 M10").start == date(2025, 1, 1)
        assert Period.parse("2024-25 M11").end == date(2025, 2, 28)
        assert april.previous().label == "2023-24 M12"
        assert april.year_earlier().label == "2023-24 M1"

    def test_any_date_range_and_the_same_number_of_days_before_it(self):
        # 1 April to 27 September 2020: 30 + 31 + 30 + 31 + 31 + 27 = 180 days
        half = Period.parse("2020-04-01 to 2020-09-27")
        assert (half.start, half.end, half.kind) == (date(2020, 4, 1), date(2020, 9, 27), "range")
        # the 180 days to 31 March 2020: 91 in 2020 (Jan-Mar, a leap year), 61 in Nov-Dec,
        # 28 in October from the 4th
        assert half.previous().label == "2019-10-04 to 2020-03-31"
        assert half.year_earlier().label == "2019-04-01 to 2019-09-27"

    @pytest.mark.parametrize(
        "text, message",
        [
            ("2020-09-27 to 2020-04-01", "ends before it starts"),
            ("2020-02-30 to 2020-04-01", "Malformed period"),
            ("2024-25 M13", "Malformed period"),
            ("R12 2024-25 M1", "Malformed period"),
        ],
    )
    def test_bad_ranges_and_months_are_named(self, text, message):
        with pytest.raises(PeriodError, match=message):
            Period.parse(text)


@pytest.fixture
def go_live_year(world):
    """RAA north went live on 28 September 2020; LA 101 adopted one child before it and two
    after it in 2020-21."""
    world.north.go_live = date(2020, 9, 28)
    world.north.save()
    # 1 Jan -> 1 May 2020: 31 + 29 + 31 + 30 = 121 days; adopted before go-live
    adopted(world.la101, date(2020, 1, 1), date(2020, 5, 1), date(2020, 9, 1))
    # 1 Jan -> 1 Jul 2020: 121 + 30 + 31 = 182 days; adopted after
    adopted(world.la101, date(2020, 1, 1), date(2020, 7, 1), date(2020, 12, 1))
    # 1 Jun -> 1 Oct 2020: 30 + 31 + 31 + 30 = 122 days; adopted on the last day of the year
    adopted(world.la101, date(2020, 6, 1), date(2020, 10, 1), date(2021, 3, 31))


@pytest.mark.django_db
class TestGoLive:
    def test_the_year_splits_at_go_live(self, go_live_year, users):
        from indicators.comparisons import go_live_split

        before, after = go_live_split(parse_scope("raa:north"), Period.parse("2020-21"))
        assert before.label == "2020-04-01 to 2020-09-27"
        assert after.label == "2020-09-28 to 2021-03-31"
        body = (
            api(users.raa_manager)
            .get(
                "/api/v1/indicators/",
                {"scope": "raa:north", "period": "2020-21", "split": "go-live"},
            )
            .json()
        )
        assert body["go_live"] == "2020-09-28"
        assert body["before"]["figures"]["adoptions"]["value"] == 1
        assert body["before"]["figures"]["A10"]["value"] == 121
        # (182 + 122) / 2 = 152 over 2 children
        assert body["after"]["figures"]["adoptions"]["value"] == 2
        assert body["after"]["figures"]["A10"]["value"] == 152

    def test_an_las_own_go_live_comes_first(self, go_live_year, world):
        from indicators.comparisons import go_live_of

        assert go_live_of(parse_scope("la:101")) == date(2020, 9, 28)  # its RAA's
        world.la101.raa_go_live = date(2021, 1, 4)
        world.la101.save()
        assert go_live_of(parse_scope("la:101")) == date(2021, 1, 4)

    @pytest.mark.parametrize(
        "params, message",
        [
            ({"scope": "raa:north", "period": "2022-23"}, "does not split 2022-23"),
            ({"scope": "raa:south", "period": "2020-21"}, "no go-live date"),
            ({"scope": "raa:north", "period": "2020-21", "split": "x"}, "split=go-live"),
        ],
    )
    def test_a_period_go_live_does_not_split_is_refused(self, go_live_year, users, params, message):
        params = {"split": "go-live", **params}
        response = api(users.superuser).get("/api/v1/indicators/", params)
        assert response.status_code == 400
        error = response.json()["errors"][0]
        assert error["field"] == "split" and message in error["reason"], error

    def test_a_month_on_the_dashboard(self, go_live_year, users, client):
        client.force_login(users.raa_manager)
        page = client.get("/dashboard/figures/", {"scope": "la:101", "year": 2020, "part": "M6"})
        assert page.status_code == 200
        figures = {figure.code: figure for figure, _ in page.context["figures"]}
        assert figures["adoptions"].value == 1  # 1 September 2020


@pytest.mark.django_db
class TestDisruptionsAsTheSectorCounts:
    def test_a_sibling_group_placed_together_is_one_disruption_of_several_children(self, world):
        from journeys.models import SiblingGroup
        from tests.factories import ChildFactory, HouseholdFactory

        group = SiblingGroup.objects.create(la=world.la101, reference="S1")
        together = HouseholdFactory(la=world.la101)
        disrupted = Placement.EndReason.DISRUPTION
        # A brother and sister placed together on 1 May 2022, placement ended 1 Sep 2022
        for _ in range(2):
            record = journey(
                world.la101,
                child=ChildFactory(la=world.la101, sibling_group=group),
                entered_care=date(2021, 1, 1),
                placements=[(date(2022, 5, 1), None, date(2022, 9, 1), disrupted)],
            )
            Placement.objects.filter(journey=record).update(household=together)
        # A child on their own, placed with a voluntary agency's adopters, disrupted in June 2022
        alone = journey(
            world.la101,
            entered_care=date(2021, 1, 1),
            placements=[(date(2022, 5, 1), None, date(2022, 6, 1), disrupted)],
        )
        Placement.objects.filter(journey=alone).update(source=AdopterSource.VAA)
        figures = figures_for(parse_scope("la:101"), Y2022)
        # two disruptions (the siblings' one, the single child's one) affecting three children
        assert figures["disruptions"].value == 2
        assert figures["disruption_children"].value == 3
        # own adopters: the siblings' one; inter-agency: 1 of 2 = 50.0%
        assert figures["disruptions_own"].value == 1
        inter = figures["disruptions_inter_agency"]
        assert (inter.count, inter.n, inter.value) == (1, 2, 50.0)

    def test_the_reports_activity_table_counts_children_awaiting_a_match(self, world):
        from indicators.reports import report_for

        # placement order 1 Jun 2022, no match by 31 March 2023
        journey(
            world.la101,
            entered_care=date(2021, 1, 1),
            adm_decision=date(2022, 2, 1),
            placement_order=date(2022, 6, 1),
        )
        activity = report_for(parse_scope("la:101"), Y2022).sections[0]
        line = next(line for line in activity.lines if line.code == "po_awaiting_match_at_end")
        assert line.values == ["0", "0", "1"]
