"""Cached figures are replaced as soon as a change to the records behind them commits: through a
service, the API, an import or the admin; reads never move the data version on."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.figure_cache import data_version
from journeys import services
from journeys.models import Journey
from tests.factories import journey
from tests.journeys.test_ssda903 import ADOPTED_RETURN, return_files, run

pytestmark = pytest.mark.django_db(transaction=True)

FIGURES = "/api/v1/indicators/?scope=la:101&period={period}"


@pytest.fixture(autouse=True)
def cached(settings, restore_migration_data):
    settings.FIGURE_CACHE_SECONDS = 60
    cache.clear()


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


def test_recording_attendance_moves_the_version_on(users, world):
    from panels import services as panels
    from panels.models import Panel, PanelMember

    panel = Panel.objects.create(raa=world.north, name="North panel")
    chair = PanelMember.objects.create(panel=panel, name="Chair", role="chair")
    meeting = panels.meeting_schedule(user=users.panel_adviser, panel=panel, on=date(2022, 6, 1))
    version = data_version()
    panels.attendance_record(user=users.panel_adviser, meeting=meeting, members=[chair])
    assert data_version() > version
    version = data_version()
    panels.attendance_record(user=users.panel_adviser, meeting=meeting, members=[])
    assert data_version() > version
