"""Cached figures are replaced as soon as a change to the records behind them commits: through a
service, the API, an import or the admin; only the changed areas' figures are replaced; reads and
records no figure reads never move a data version on."""

import threading
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from indicators import figure_cache
from indicators.figure_cache import data_versions
from journeys import services
from journeys.models import Journey, JourneyNote
from panels.models import Meeting, Panel, PanelMember
from panels.services import attendance_record
from tests.factories import journey
from tests.journeys.test_ssda903 import ADOPTED_RETURN, return_files, run

pytestmark = pytest.mark.django_db(transaction=True)

FIGURES = "/api/v1/indicators/?scope=la:101&period={period}"


@pytest.fixture(autouse=True)
def cached(settings, restore_migration_data):
    settings.FIGURE_CACHE_SECONDS = 60
    cache.clear()


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
