"""Cached figures are replaced as soon as a change to the records behind them commits: through a
service, the API, an import or the admin; only the changed areas' figures are replaced; reads and
records no figure reads never move a data version on."""

import threading
import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core.changes import figures_changed
from finance.models import HubBudget
from indicators import figure_cache, support_money
from indicators.calculations import engine
from indicators.calculations.money import fund_by_year, inter_agency_fees_paid
from indicators.calculations.support_services import assessment_median_days, fund_by
from indicators.figure_cache import data_versions
from indicators.models import KeptSums
from indicators.periods import Period
from indicators.scopes import all_scopes, scope_for_la, scope_for_raa
from indicators.support_money import support_and_money_for
from journeys import services
from journeys.models import AdopterHousehold, AdopterSource, Journey, JourneyNote, Placement
from panels.models import Meeting, Panel, PanelItem, PanelMember
from panels.services import attendance_record
from support.models import (
    ContactArrangement,
    FundApplication,
    FundRule,
    GroupSession,
    SupportAssessment,
    SupportGroup,
)
from tests.factories import HouseholdFactory, journey
from tests.journeys.test_ssda903 import ADOPTED_RETURN, return_files, run

pytestmark = pytest.mark.django_db(transaction=True)

FIGURES = "/api/v1/indicators/?scope=la:101&period={period}"


@pytest.fixture(autouse=True)
def cached(settings, restore_migration_data):
    """The cache on, with keys of this test's own: test processes running side by side share
    Redis, and their databases give the same data versions to different records."""
    settings.FIGURE_CACHE_SECONDS = 60
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": uuid.uuid4().hex}}


def data_version(key: str = "all") -> int:
    return dict(data_versions([key]))[key]


def adoptions(client, period="2022-23") -> int:
    return client.get(FIGURES.format(period=period)).json()["figures"]["adoptions"]["value"]


def test_a_second_request_uses_the_cache(client, users, world):
    journey(world.la101, entered_care=date(2021, 1, 1), adoption_order=date(2022, 6, 1))
    client.force_login(users.la_manager)
    with CaptureQueriesContext(connection) as first:
        assert adoptions(client) == 1
    with CaptureQueriesContext(connection) as second:
        assert adoptions(client) == 1
    assert len(second) < len(first)


def test_a_change_through_a_service_replaces_the_cached_figures(client, users, world):
    record = journey(world.la101, entered_care=date(2021, 1, 1), placed=date(2021, 6, 1))
    client.force_login(users.la_manager)
    assert adoptions(client) == 0
    version = data_version()
    services.adoption_order_record(
        user=users.raa_manager, journey=record, granted=date(2022, 6, 1), via="page"
    )
    assert data_version() > version
    assert adoptions(client) == 1


def test_an_import_replaces_the_cached_figures(client, users, world):
    client.force_login(users.la_manager)
    before = adoptions(client, "2021-22")
    version = data_version()
    run(users, world.la101, return_files(**ADOPTED_RETURN))  # adopted in September 2021
    assert data_version() > version
    assert Journey.objects.filter(child__la=world.la101).count() == 1
    assert before == 0 and adoptions(client, "2021-22") == 1


def test_reading_pages_and_the_api_does_not_move_the_version_on(client, users, world):
    journey(world.la101, entered_care=date(2021, 1, 1), adoption_order=date(2022, 6, 1))
    client.force_login(users.la_manager)
    version = data_version()
    for url in (
        "/",
        "/dashboard/",
        "/children/",
        FIGURES.format(period="2022-23"),
        "/api/v1/journeys/",
    ):
        assert client.get(url).status_code == 200
    assert data_version() == version


def figure_queries(client, scope: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/indicators/?scope={scope}&period=2022-23")
        assert response.status_code == 200
    return len(queries)


def test_a_change_in_one_la_leaves_another_las_figures_cached(client, users, world):
    record = journey(world.la101, entered_care=date(2021, 1, 1), placed=date(2021, 6, 1))
    journey(world.la102, entered_care=date(2021, 1, 1), adoption_order=date(2022, 6, 1))
    client.force_login(users.raa_manager)
    cold = figure_queries(client, "la:102")
    warm = figure_queries(client, "la:102")
    figure_queries(client, "la:101")
    services.adoption_order_record(
        user=users.raa_manager, journey=record, granted=date(2022, 6, 1), via="page"
    )
    assert figure_queries(client, "la:102") == warm < cold
    assert client.get(FIGURES.format(period="2022-23")).json()["figures"]["adoptions"]["value"] == 1


def test_a_note_moves_no_data_version_on(users, world):
    record = journey(world.la101, entered_care=date(2021, 1, 1))
    before = data_version(), data_version(f"la:{world.la101.pk}")
    JourneyNote.objects.create(journey=record, recorded_on=date(2022, 1, 1), text="Court delay")
    assert (data_version(), data_version(f"la:{world.la101.pk}")) == before


def test_a_transaction_of_many_changes_moves_each_area_on_once(users, world):
    before = data_version(f"la:{world.la101.pk}")
    with transaction.atomic():
        for day in range(1, 11):
            journey(world.la101, entered_care=date(2021, 1, day))
    assert data_version(f"la:{world.la101.pk}") == before + 1


def test_a_rolled_back_change_still_lets_the_next_commit_move_on(users, world):
    before = data_version(f"la:{world.la101.pk}")
    with pytest.raises(RuntimeError), transaction.atomic():
        journey(world.la101, entered_care=date(2021, 1, 1))
        raise RuntimeError
    journey(world.la101, entered_care=date(2021, 1, 2))
    assert data_version(f"la:{world.la101.pk}") > before


def test_a_figure_being_computed_elsewhere_is_waited_for_not_computed_again():
    key = "figures:test-single-flight"
    cache.add(f"{key}:computing", 1, 30)  # another worker is computing it
    found = {}

    def computed_elsewhere():
        raise AssertionError("computed twice")

    waiter = threading.Thread(
        target=lambda: found.update(value=figure_cache._single_flight(key, computed_elsewhere))
    )
    waiter.start()
    cache.set(key, {"A10": 400}, 60)  # the other worker finishes (its lock goes after)
    waiter.join(10)
    cache.delete(f"{key}:computing")
    assert found == {"value": {"A10": 400}}


def test_a_figure_whose_computer_never_finishes_is_computed_after_the_wait(monkeypatch):
    monkeypatch.setattr(figure_cache, "SINGLE_FLIGHT_WAIT_SECONDS", 0.2)
    key = "figures:test-single-flight-abandoned"
    cache.add(f"{key}:computing", 1, 30)  # a worker that died while computing
    assert figure_cache._single_flight(key, lambda: {"A10": 401}) == {"A10": 401}


def test_a_meetings_attendance_written_in_bulk_moves_the_version_on(users, world):
    panel = Panel.objects.create(raa=world.north, name="North panel")
    member = PanelMember.objects.create(panel=panel, name="Chair", role=PanelMember.Role.CHAIR)
    meeting = Meeting.objects.create(panel=panel, date=date(2022, 5, 5))
    version = data_version(f"raa:{world.north.pk}")
    attendance_record(user=users.panel_adviser, meeting=meeting, members=[member])
    assert data_version(f"raa:{world.north.pk}") > version


def panel_items_heard(scope) -> int:
    return figure_cache.figures_for(scope, Period.parse("2022-23"))["panel_items"].value


def test_a_panel_item_moves_on_the_figures_of_the_childs_la(world):
    """Panel items count in the LA of their child (or household), though the meeting is the
    RAA's: an item heard, or its meeting moved, is seen at once in that LA's cached figures."""
    record = journey(world.la101, entered_care=date(2021, 1, 1))
    panel = Panel.objects.create(raa=world.north, name="North panel")
    meeting = Meeting.objects.create(panel=panel, date=date(2022, 5, 5))
    scope = scope_for_la(world.la101)
    assert panel_items_heard(scope) == 0
    PanelItem.objects.create(
        meeting=meeting, journey=record, business_type=PanelItem.BusinessType.MATCH
    )
    assert panel_items_heard(scope) == 1
    meeting.date = date(2023, 5, 5)  # into the next year
    meeting.save()
    assert panel_items_heard(scope) == 0


def test_after_a_change_in_one_la_only_that_las_sums_are_computed_again(world, monkeypatch):
    """An RAA's figures after a change in one of its LAs: every other LA's sums come from the
    cache, and only the changed LA's rows are read again."""
    record = journey(world.la101, entered_care=date(2021, 1, 1), placed=date(2021, 6, 1))
    journey(world.la102, entered_care=date(2021, 1, 1), adoption_order=date(2022, 6, 1))
    north = scope_for_raa(world.north)
    period = Period.parse("2022-23")
    assert figure_cache.figures_for(north, period)["adoptions"].value == 1
    computed = []
    family_components = engine.family_components

    def recorded(family, periods, la_ids=None, raa_ids=None, codes=None):
        computed.append((family.name, la_ids, raa_ids))
        return family_components(family, periods, la_ids, raa_ids, codes)

    monkeypatch.setattr(engine, "family_components", recorded)
    record.adoption_order = date(2022, 7, 1)
    record.save()
    assert figure_cache.figures_for(north, period)["adoptions"].value == 2
    assert computed and all(
        la_ids == [world.la101.pk] and raa_ids is None for _, la_ids, raa_ids in computed
    )


def test_after_a_change_in_one_la_only_the_scopes_it_is_in_are_pooled_again(world, monkeypatch):
    """Every LA, hub and RAA the change is not in keeps its figures: only the LA's own, its
    hub's, its RAA's and all data's are pooled again."""
    record = journey(world.la101, entered_care=date(2021, 1, 1), placed=date(2021, 6, 1))
    period = Period.parse("2022-23")
    scopes = all_scopes()
    figure_cache.figures_by_scope(period, scopes)
    pooled = []
    figures_by_scope = engine.figures_by_scope

    def recorded(period, scopes, codes=None, components_of=engine.family_components):
        pooled.extend(scopes)
        return figures_by_scope(period, scopes, codes, components_of)

    monkeypatch.setattr(engine, "figures_by_scope", recorded)
    record.adoption_order = date(2022, 7, 1)
    record.save()
    figures = figure_cache.figures_by_scope(period, scopes)
    assert (
        {scope.text for scope in pooled}
        == {
            scope.text for scope in scopes if scope.la_ids is None or world.la101.pk in scope.la_ids
        }
        == {"la:101", f"hub:{world.hub_one.pk}", "raa:north", "all"}
    )
    assert figures[scope_for_la(world.la101)]["adoptions"].value == 1


def families_computed(monkeypatch) -> list[str]:
    """The names of the families whose sums are computed from the records from now on."""
    computed = []
    family_components = engine.family_components

    def recorded(family, *args, **kwargs):
        computed.append(family.name)
        return family_components(family, *args, **kwargs)

    monkeypatch.setattr(engine, "family_components", recorded)
    return computed


def test_after_the_cache_is_emptied_the_sums_kept_in_the_database_are_read_not_computed(
    world, monkeypatch
):
    """Redis restarted, or the figures expired overnight: every LA's sums come back from the
    database, and no row of the records is read again."""
    journey(world.la101, entered_care=date(2021, 1, 1), adoption_order=date(2022, 6, 1))
    journey(world.la201, entered_care=date(2021, 1, 1), adoption_order=date(2022, 9, 1))
    period = Period.parse("2022-23")
    before = figure_cache.figures_by_scope(period, all_scopes())
    cache.clear()
    computed = families_computed(monkeypatch)
    after = figure_cache.figures_by_scope(period, all_scopes())
    assert computed == []
    assert {scope: figures["adoptions"].value for scope, figures in after.items()} == {
        scope: figures["adoptions"].value for scope, figures in before.items()
    }
    assert after[scope_for_raa(world.north)]["adoptions"].value == 1


def test_a_change_deletes_only_its_areas_sums_kept_in_the_database(world, monkeypatch):
    """The changed LA's kept sums are gone with its old version, so an emptied cache cannot
    bring them back; every other LA's stay. A change to the national records keeps them (no
    LA's sums read those); a change whose areas cannot be named deletes them all."""
    record = journey(world.la101, entered_care=date(2021, 1, 1), placed=date(2021, 6, 1))
    journey(world.la102, entered_care=date(2021, 1, 1), adoption_order=date(2022, 6, 1))
    period = Period.parse("2022-23")
    figure_cache.figures_by_scope(period, all_scopes())
    assert KeptSums.objects.filter(area=f"la:{world.la101.pk}").exists()
    kept_elsewhere = KeptSums.objects.filter(area=f"la:{world.la102.pk}").count()

    record.adoption_order = date(2022, 7, 1)
    record.save()
    assert not KeptSums.objects.filter(area=f"la:{world.la101.pk}").exists()
    assert KeptSums.objects.filter(area=f"la:{world.la102.pk}").count() == kept_elsewhere
    cache.clear()
    figures = figure_cache.figures_by_scope(period, [scope_for_raa(world.north)])
    assert figures[scope_for_raa(world.north)]["adoptions"].value == 2

    world.la102.name = "Hillside and Dale"
    world.la102.save()
    cache.clear()
    computed = families_computed(monkeypatch)
    figures = figure_cache.figures_by_scope(period, [scope_for_raa(world.north)])
    assert computed == []
    assert figures[scope_for_raa(world.north)]["adoptions"].value == 2

    figures_changed(everything=True)
    assert not KeptSums.objects.exists()
    figure_cache.figures_by_scope(period, [scope_for_raa(world.north)])
    assert "journeys" in computed


def test_sums_kept_by_other_code_are_never_read_and_are_deleted_by_a_migration(world, monkeypatch):
    """A deploy that changes how a figure is computed must not read the sums the old code kept:
    the keys hold a digest of the code, and migrating deletes what other code kept."""
    journey(world.la101, entered_care=date(2021, 1, 1), adoption_order=date(2022, 6, 1))
    period = Period.parse("2022-23")
    monkeypatch.setattr(figure_cache, "DEFINITIONS", "the-old-code")
    figure_cache.figures_by_scope(period, all_scopes())
    assert set(KeptSums.objects.values_list("definitions", flat=True)) == {"the-old-code"}
    monkeypatch.undo()
    cache.clear()
    computed = families_computed(monkeypatch)
    figure_cache.figures_by_scope(period, all_scopes())
    assert "journeys" in computed

    call_command("migrate", verbosity=0)
    assert set(KeptSums.objects.values_list("definitions", flat=True)) == {figure_cache.DEFINITIONS}


def test_figures_pooled_from_kept_sums_are_the_figures_computed_afresh(world):
    """Every figure of every scope, after changes in one LA, to a household of no LA and to a
    panel, is what the engine computes from the records with no cache."""
    record = journey(world.la101, entered_care=date(2020, 1, 1), placed=date(2021, 6, 1))
    journey(world.la102, entered_care=date(2020, 3, 1), adoption_order=date(2022, 6, 1))
    journey(world.la201, entered_care=date(2020, 5, 1), adoption_order=date(2022, 9, 1))
    household = AdopterHousehold.objects.create(reference="VAA-1", enquiry=date(2022, 5, 1))
    panel = Panel.objects.create(raa=world.north, name="North panel")
    period = Period.parse("2022-23")

    def every_figure(compute):
        return {
            scope.text: {code: (f.value, f.n, f.previous) for code, f in figures.items()}
            for scope, figures in compute(period, all_scopes()).items()
        }

    assert every_figure(figure_cache.figures_by_scope) == every_figure(engine.figures_by_scope)
    record.adoption_order = date(2022, 7, 1)
    record.save()
    household.enquiry = date(2021, 5, 1)
    household.save()
    Meeting.objects.create(panel=panel, date=date(2022, 5, 5))
    cached = every_figure(figure_cache.figures_by_scope)
    assert cached == every_figure(engine.figures_by_scope)
    assert cached["all"]["adoptions"][0] == 3 and cached["all"]["enquiries"][0] == 0
    assert cached[f"raa:{world.north.slug}"]["meetings_held"][0] == 1


def test_every_family_of_figures_moves_its_areas_on():
    """A model a family of figures is computed from, and not listed with its areas, would leave
    its cached figures stale after a change."""
    read = {family.model._meta.label for family in engine.FAMILIES}
    assert read - set(figure_cache.OWNERS) == set()


def test_a_group_session_and_a_contact_arrangement_move_their_areas_on(world):
    group = SupportGroup.objects.create(
        raa=world.north, name="Parents' group", kind=SupportGroup.Kind.GROUP
    )
    child = journey(world.la101, entered_care=date(2021, 1, 1)).child
    period = Period.parse("2022-23")
    north, riverside = scope_for_raa(world.north), scope_for_la(world.la101)
    assert figure_cache.figures_for(north, period)["group_sessions"].value == 0
    assert (
        figure_cache.figures_for(riverside, period)["contact_arrangements_open_at_end"].value == 0
    )
    GroupSession.objects.create(support_group=group, held=date(2022, 6, 1), attended=6)
    ContactArrangement.objects.create(
        child=child,
        kind=ContactArrangement.Kind.LETTERBOX,
        with_whom="Birth mother",
        started=date(2022, 6, 1),
    )
    assert figure_cache.figures_for(north, period)["group_sessions"].value == 1
    assert (
        figure_cache.figures_for(riverside, period)["contact_arrangements_open_at_end"].value == 1
    )


def test_the_dashboards_support_and_money_section_is_kept_until_its_records_change(
    client, users, world
):
    """The section is kept like the figures; a hub's budget is among the records it reads."""
    client.force_login(users.raa_manager)
    page = "/dashboard/?scope=raa:north&year=2022&part=year"
    assert "104,500.50" not in client.get(page).content.decode()
    HubBudget.objects.create(
        hub=world.hub_one, financial_year="2022-23", budget=100000, outturn="104500.50"
    )
    assert "104,500.50" in client.get(page).content.decode()


def test_a_child_moved_to_another_la_moves_both_las_on(world):
    """The LA a record leaves loses its figures as the LA it joins gains them."""
    record = journey(world.la101, entered_care=date(2021, 1, 1), adoption_order=date(2022, 6, 1))
    period = Period.parse("2022-23")
    before, after = scope_for_la(world.la101), scope_for_la(world.la201)
    assert figure_cache.figures_for(before, period)["adoptions"].value == 1
    assert figure_cache.figures_for(after, period)["adoptions"].value == 0
    child = record.child
    child.la = world.la201
    child.save()
    assert figure_cache.figures_for(before, period)["adoptions"].value == 0
    assert figure_cache.figures_for(after, period)["adoptions"].value == 1


def test_every_family_moves_on_the_areas_it_counts_its_rows_in():
    """A record moves on the LA (or RAA) its family groups it by: a match of a child of one LA
    with a household of another counts among the household's LA's adopters' figures."""
    for family in engine.FAMILIES:
        la_paths, raa_path = figure_cache.OWNERS[family.model._meta.label]
        if family.by_raa:
            assert family.group_path == raa_path, family.name
        elif family.group_path == "panel_la":  # the item's child's LA, else its household's
            assert set(la_paths) == set(figure_cache.ITEM_LAS)
        else:
            assert family.group_path in la_paths, family.name


def test_a_placement_with_an_raas_adopters_moves_that_raa_on(client, users, world):
    """The RAA's kept section lists the fees received for other RAAs' children placed with its
    adopters: such a placement, in an LA outside the RAA, moves the RAA on too."""
    north_adopters = HouseholdFactory(la=world.la101)
    record = journey(world.la201, entered_care=date(2020, 1, 1), placement_order=date(2021, 1, 1))
    client.force_login(users.raa_manager)
    page = "/dashboard/?scope=raa:north&year=2022&part=year"
    assert "27,000.00" not in client.get(page).content.decode()
    Placement.objects.create(
        journey=record,
        household=north_adopters,
        placed=date(2022, 5, 1),
        moved_in=date(2022, 5, 1),
        source=AdopterSource.OTHER_LA,
        inter_agency_fee=27000,
    )
    assert "27,000.00" in client.get(page).content.decode()


def support_records(world) -> FundApplication:
    """Fund applications, assessments and inter-agency placements in two of North's LAs and in
    South; returns one of Riverside's applications."""
    from tests.indicators.test_money import placed
    from tests.indicators.test_support_services import application, assessment

    kept = None
    for la, amount, days in (
        (world.la101, 6000, 10),
        (world.la102, 2500, 30),
        (world.la201, 900, 5),
    ):
        child = journey(la, entered_care=date(2020, 1, 1)).child
        first = application(child, date(2022, 5, 1), approved=Decimal(amount))
        kept = kept or first
        application(child, date(2022, 6, 1), provider="", approved=Decimal(400))
        assessment(
            la, date(2022, 4, 1), date(2022, 4, 2), completed=date(2022, 4, 1) + timedelta(days)
        )
        placed(la, date(2022, 7, 1), AdopterSource.VAA, Decimal(amount * 5))
    return kept


def test_the_support_tables_pooled_from_each_las_kept_tables_are_the_areas_own(world):
    """The section's Fund tables, median assessment and fees paid, pooled from each LA's kept
    tables after a change in one LA, are those computed over the area's records at once."""
    riverside_application = support_records(world)
    period = Period.parse("2022-23")

    def direct(scope):
        applications = FundApplication.objects.filter(child__la_id__in=scope.la_ids)
        assessments = SupportAssessment.objects.filter(referral__la_id__in=scope.la_ids)
        placements = Placement.objects.filter(journey__child__la_id__in=scope.la_ids)
        return {
            "assessment_median_days": assessment_median_days(assessments, period),
            "fund_by_therapy_type": fund_by(applications, period, "therapy_type"),
            "fund_by_provider": fund_by(applications, period, "provider"),
            "fund_by_year": fund_by_year(applications),
            "fees_paid": inter_agency_fees_paid(placements, period),
        }

    def pooled(scope):
        data = support_and_money_for(scope, period).data
        return {key: data[key] for key in direct(scope)}

    north = scope_for_raa(world.north)
    assert pooled(north) == direct(north)
    riverside_application.amount_approved = Decimal(5500)
    riverside_application.save()
    assert pooled(north) == direct(north)
    assert pooled(north)["fund_by_year"][0]["children_over_limit"] == 1  # 5,900 over 5,000
    assert pooled(north)["assessment_median_days"] == 20  # (10 + 30) / 2


def test_a_changed_fund_rule_changes_the_kept_support_tables(world):
    """The Fund by year reads the Fund rules: a rule changed, the tables are read again, from
    the cache or from the sums kept in the database alike."""
    support_records(world)
    period = Period.parse("2022-23")
    north = scope_for_raa(world.north)

    def over_limit():
        return support_and_money_for(north, period).data["fund_by_year"][0]["children_over_limit"]

    assert over_limit() == 1  # 6,400 over 5,000
    FundRule.objects.update(fair_access_limit=Decimal(7000))
    FundRule.objects.first().save()  # an update sends no signal; a save does
    cache.clear()
    assert over_limit() == 0


def test_after_a_change_in_one_la_only_its_support_tables_are_read_again(world, monkeypatch):
    riverside_application = support_records(world)
    period = Period.parse("2022-23")
    north = scope_for_raa(world.north)
    support_and_money_for(north, period)
    read = []
    la_tables = support_money._la_tables

    def recorded(la_ids, period):
        read.append(la_ids)
        return la_tables(la_ids, period)

    monkeypatch.setattr(support_money, "_la_tables", recorded)
    riverside_application.amount_approved = Decimal(100)
    riverside_application.save()
    data = support_and_money_for(north, period).data
    assert read == [[world.la101.pk]]
    assert data["fund_by_year"][0]["approved"] == Decimal(100 + 2500 + 400 + 400)
