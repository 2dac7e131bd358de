"""Recruitment and early-permanence figures (docs/indicators.md §7, indicators/calculations/
recruitment.py) on hand-built records, answers worked out by hand in the comments."""

from datetime import date

import pytest

from indicators.calculations.engine import figure_series, figures_for
from indicators.calculations.recruitment import enquiries_by_campaign
from indicators.periods import Period
from indicators.scopes import parse_scope
from recruitment.models import InformationEvent, InitialVisit, PreparationCourse
from tests.factories import HouseholdFactory

Y2022 = Period.parse("2022-23")  # 1 Apr 2022 to 31 Mar 2023
IN_PERSON, ONLINE = InformationEvent.Format.IN_PERSON, InformationEvent.Format.ONLINE


def _values(scope_text: str, period: Period, *codes: str) -> dict:
    figures = figures_for(parse_scope(scope_text), period)
    return {code: figures[code].value for code in codes if code in figures}


@pytest.fixture
def events(world):
    def event(raa, held, kind, attendance):
        InformationEvent.objects.create(raa=raa, held=held, format=kind, attendance=attendance)

    event(world.north, date(2022, 5, 10), IN_PERSON, 12)
    event(world.north, date(2022, 9, 1), ONLINE, 30)
    event(world.north, date(2023, 3, 31), ONLINE, 8)  # the period's last day: in
    event(world.north, date(2023, 4, 1), IN_PERSON, 50)  # the next year: out
    event(world.south, date(2022, 6, 1), IN_PERSON, 100)


@pytest.mark.django_db
def test_events_and_attendance_count_each_raa_on_its_own(events):
    codes = ("information_events", "information_events_online", "event_attendance")
    # North: 10 May, 1 Sep, 31 Mar; two online; 12 + 30 + 8 = 50 people.
    assert _values("raa:north", Y2022, *codes) == dict(zip(codes, (3, 2, 50), strict=True))
    assert _values("raa:south", Y2022, *codes) == dict(zip(codes, (1, 0, 100), strict=True))
    assert _values("all", Y2022, *codes) == dict(zip(codes, (4, 2, 150), strict=True))


@pytest.mark.django_db
def test_events_are_an_raas_not_an_las_and_empty_years_count_zero(events):
    # Events belong to an RAA: an LA has no such figure; a year without events counts 0.
    assert _values("la:101", Y2022, "information_events") == {}
    assert _values("raa:north", Period.parse("2020-21"), "event_attendance") == {
        "event_attendance": 0
    }


@pytest.fixture
def households(world):
    def household(**fields):
        return HouseholdFactory(la=world.la101, **fields)

    return {
        "h1": household(
            enquiry=date(2022, 4, 1),
            heard_from="campaign",
            heard_from_detail="Summer 2022",
            registration=date(2022, 5, 1),
            stage1_decision=date(2022, 6, 15),
            stage2_start=date(2022, 6, 20),
            approved=date(2022, 10, 31),
            early_permanence=True,
            offers_fostering_for_adoption=True,
            offers_concurrent_planning=True,
        ),
        "h2": household(
            enquiry=date(2022, 7, 1),
            heard_from="campaign",
            heard_from_detail="Summer 2022",
            registration=date(2022, 8, 1),
            stage1_decision=date(2022, 10, 1),
        ),
        "h3": household(enquiry=date(2022, 10, 1), heard_from="campaign"),
        "h4": household(
            enquiry=date(2023, 1, 1), heard_from="website", registration=date(2023, 2, 1)
        ),
        "h5": household(enquiry=date(2023, 3, 1)),
        "h6": household(
            enquiry=date(2022, 2, 1),
            registration=date(2022, 3, 1),
            stage1_decision=date(2022, 5, 1),
            stage2_start=date(2022, 6, 1),
            approved=date(2023, 2, 1),
            early_permanence=True,
            offers_fostering_for_adoption=True,
        ),
        "h7": household(  # withdrawn before the period ends: not counted at its end
            registration=date(2020, 12, 1),
            approved=date(2021, 6, 1),
            withdrawn=date(2023, 1, 1),
            early_permanence=True,
            offers_concurrent_planning=True,
        ),
        "h8": household(registration=date(2020, 12, 1), approved=date(2021, 6, 1)),
        # Another RAA's household: never in LA 101's figures.
        "south": HouseholdFactory(la=world.la201, enquiry=date(2022, 4, 1), heard_from="event"),
    }


@pytest.mark.django_db
def test_enquiries_by_source(households):
    # h1, h2, h3 heard through a campaign, h4 the website, h5 did not say; h6 enquired in 2021-22.
    assert _values(
        "la:101",
        Y2022,
        "enquiries",
        "enquiries_campaign",
        "enquiries_website",
        "enquiries_event",
        "enquiries_source_unknown",
    ) == {
        "enquiries": 5,
        "enquiries_campaign": 3,
        "enquiries_website": 1,
        "enquiries_event": 0,
        "enquiries_source_unknown": 1,
    }
    assert _values("la:201", Y2022, "enquiries_event") == {"enquiries_event": 1}


@pytest.mark.django_db
def test_enquiries_by_campaign_name_most_first(households, world):
    assert enquiries_by_campaign(frozenset({world.la101.pk}), Y2022) == [
        {"campaign": "Summer 2022", "enquiries": 2},
        {"campaign": "", "enquiries": 1},
    ]
    assert enquiries_by_campaign(frozenset({world.la201.pk}), Y2022) == []
    assert enquiries_by_campaign(None, Period.parse("2020-21")) == []


@pytest.mark.django_db
def test_conversion_at_each_step(households):
    figures = figures_for(parse_scope("la:101"), Y2022)
    # Steps in the year: enquiries h1-h5; registrations h1, h2, h4; Stage 1 decisions h1, h2, h6;
    # Stage 2 starts h1, h6; approvals h1, h6.
    assert [
        figures[code].value
        for code in ("enquiries", "registrations", "stage1_decisions", "stage2_starts", "approvals")
    ] == [5, 3, 3, 2, 2]
    # Of the 5 enquiries h1, h2, h4 registered: 60.0 %. Of registrations h1, h2, h4, Stage 1
    # decided for h1, h2: 66.7 %. Of decisions h1, h2, h6, Stage 2 for h1, h6: 66.7 %. Both Stage 2
    # starts approved: 100 %.
    expected = {
        "conversion_to_registration": (60.0, 3, 5),
        "conversion_to_stage1_decision": (66.7, 2, 3),
        "conversion_to_stage2": (66.7, 2, 3),
        "conversion_to_approval": (100.0, 2, 2),
    }
    for code, (value, count, n) in expected.items():
        assert (figures[code].value, figures[code].count, figures[code].n) == (value, count, n)
    # h1: 1 May to 31 Oct is 183 days, within six months; h6: 337 days, not.
    assert figures["approved_within_6_months"].value == 50.0


@pytest.mark.django_db
def test_conversion_counts_by_quarter(households):
    quarters = Y2022.quarters()
    series = figure_series(
        parse_scope("la:101"), quarters, ["enquiries", "registrations", "stage1_decisions"]
    )
    # Q1 Apr-Jun: enquiry h1; registration h1; Stage 1 decisions h6 (1 May) and h1 (15 Jun).
    # Q2 Jul-Sep: h2 enquires and registers. Q3 Oct-Dec: h3 enquires, h2's Stage 1 decision.
    # Q4 Jan-Mar: h4 and h5 enquire, h4 registers.
    assert [[row[code].value for code in row] for row in series] == [
        [1, 1, 2],
        [1, 1, 0],
        [1, 0, 1],
        [2, 1, 0],
    ]


@pytest.mark.django_db
def test_early_permanence_households_at_period_end(households):
    # Approved and open on 31 Mar 2023: h1 (both kinds), h6 (fostering for adoption), h8 (no
    # early permanence); h7 withdrew in January.
    assert _values(
        "la:101",
        Y2022,
        "early_permanence_households",
        "ep_fostering_for_adoption",
        "ep_concurrent_planning",
    ) == {
        "early_permanence_households": 2,
        "ep_fostering_for_adoption": 2,
        "ep_concurrent_planning": 1,
    }
    # On 31 Mar 2022 only h7 was approved with early permanence (h8 without).
    assert _values("la:101", Period.parse("2021-22"), "early_permanence_households") == {
        "early_permanence_households": 1
    }


@pytest.mark.django_db
def test_initial_visits_and_preparation_courses(households, world):
    InitialVisit.objects.create(household=households["h1"], visited=date(2022, 4, 10))
    InitialVisit.objects.create(household=households["h2"], visited=date(2022, 7, 10))
    InitialVisit.objects.create(household=households["h6"], visited=date(2022, 2, 10))

    def course(starts, ends, *attendees, raa=world.north):
        made = PreparationCourse.objects.create(raa=raa, starts=starts, ends=ends)
        made.attendees.set([households[name] for name in attendees])

    course(date(2022, 6, 1), date(2022, 6, 3), "h1", "h6")
    course(date(2022, 9, 1), date(2022, 9, 2), "h1", "h2")
    course(date(2022, 12, 1), date(2022, 12, 1))  # nobody came: still a course run
    course(date(2022, 3, 1), date(2022, 3, 2), "h6")  # 2021-22
    course(date(2022, 6, 1), date(2022, 6, 1), "south", raa=world.south)
    # Visits to h1 and h2 in the year (h6's was in 2021-22).
    assert _values("la:101", Y2022, "initial_visits") == {"initial_visits": 2}
    # Three courses started in the year; h1, h6 and h2 attended (h1 twice, counted once).
    assert _values("raa:north", Y2022, "preparation_courses", "preparation_attendees") == {
        "preparation_courses": 3,
        "preparation_attendees": 3,
    }
    assert _values("all", Y2022, "preparation_courses", "preparation_attendees") == {
        "preparation_courses": 4,
        "preparation_attendees": 4,
    }


@pytest.mark.django_db
def test_the_report_shows_recruitment_steps_by_quarter_and_campaigns(households, events):
    from indicators.report_charts import chart_svg
    from indicators.reports import report_for

    report = report_for(parse_scope("raa:north"), Y2022, today=date(2023, 5, 1))
    sections = {section.key: section for section in report.sections}
    recruitment = {line.code: line.values for line in sections["recruitment"].lines}
    assert recruitment["information_events"] == ["3"]
    assert recruitment["event_attendance"] == ["50"]
    assert recruitment["enquiries_campaign"] == ["3"]
    conversion = {line.code: line.values for line in sections["conversion"].lines}
    assert conversion["conversion_to_registration"] == ["60.0% (3 of 5)"]
    early = {line.code: line.values for line in sections["early_permanence"].lines}
    assert early["ep_concurrent_planning"] == ["1"]
    parts = {part.title: part for part in report.comparisons}
    steps = parts["From enquiry to approval by quarter, 2022-23"]
    assert steps.headings == ["Step", "2022-23 Q1", "2022-23 Q2", "2022-23 Q3", "2022-23 Q4"]
    assert steps.lines[0] == ["Enquiries", "1", "1", "1", "2"]
    campaigns = parts["Enquiries by recruitment campaign, 2022-23"]
    assert campaigns.lines == [["Summer 2022", "2"], ["Campaign not named", "1"]]
    chart = next(chart for chart in report.charts if chart.key == "conversion")
    assert chart.labels == steps.headings[1:]
    assert chart.series["Enquiries"] == [1, 1, 1, 2]
    assert "Stage 1 decisions" in chart_svg(chart)


@pytest.mark.django_db
def test_an_las_half_year_report_leaves_out_the_raas_events(households, events):
    from indicators.reports import report_for

    report = report_for(parse_scope("la:101"), Period.parse("2022-23 H1"), today=date(2023, 5, 1))
    recruitment = next(s for s in report.sections if s.key == "recruitment")
    assert "information_events" not in [line.code for line in recruitment.lines]
    steps = report.comparisons[1]
    assert steps.headings == ["Step", "2022-23 Q1", "2022-23 Q2"]


@pytest.mark.django_db
def test_the_dashboard_section_shows_the_quarters_begun(households, events):
    from indicators.recruitment_report import recruitment_dashboard

    section = recruitment_dashboard(parse_scope("raa:north"), Y2022, today=date(2022, 8, 15))
    # Q1 and Q2 have begun by 15 Aug 2022; Q1's steps as in test_conversion_counts_by_quarter.
    assert section.chart.table.head == ["Step", "2022-23 Q1", "2022-23 Q2"]
    assert [cell.text for cell in section.chart.table.rows[0]] == ["Enquiries", "1", "1"]
    figures = {row[0].text: row[1].text for row in section.figures.rows}
    assert figures["Information events held"] == "3"
    assert figures["Of those, offering fostering for adoption"] == "2"
