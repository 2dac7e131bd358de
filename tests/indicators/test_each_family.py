"""On PostgreSQL the families' queries run two at a time, each thread on its own connection, and
give the figures they give one after another; inside a transaction they run on its connection,
which alone sees its changes."""

import threading
import time
from datetime import date

import pytest
from django.db import connection, transaction

from indicators.calculations import engine
from indicators.periods import Period
from indicators.scopes import all_scopes, scope_for_la
from tests.factories import HouseholdFactory, journey

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="one connection at a time on SQLite"
    ),
]

YEAR = Period.years(2022)


@pytest.fixture
def records(world, restore_migration_data):
    """Records for several families in three LAs of two RAAs."""
    household = HouseholdFactory(la=world.la101, raa=world.north, approved=date(2021, 5, 1))
    journey(
        world.la101,
        entered_care=date(2020, 1, 1),
        placement_order=date(2021, 3, 1),
        matched=date(2021, 6, 1),
        placed=date(2021, 7, 1),
        adoption_order=date(2022, 6, 1),
        adopters=household,
    )
    journey(world.la102, entered_care=date(2021, 2, 1), adm_decision=date(2021, 8, 1))
    journey(world.la201, entered_care=date(2019, 4, 1), adoption_order=date(2023, 1, 9))
    HouseholdFactory(la=world.la102, raa=world.north, enquiry=date(2022, 9, 1))
    return world


def as_dicts(by_scope) -> dict:
    return {
        scope: {code: figure.as_dict() for code, figure in found.items()}
        for scope, found in by_scope.items()
    }


def noting_threads(threads: set):
    """engine.family_components, noting in `threads` the thread each family runs on."""

    def components(*args, **kwargs):
        threads.add(threading.current_thread().name)
        return engine.family_components(*args, **kwargs)

    return components


def test_the_figures_of_families_run_two_at_a_time_are_those_run_one_after_another(
    settings, records
):
    scopes = all_scopes()
    settings.FIGURE_QUERY_THREADS = 1
    one_after_another = as_dicts(engine.figures_by_scope(YEAR, scopes))
    settings.FIGURE_QUERY_THREADS = 2
    threads = set()

    two_at_a_time = engine.figures_by_scope(YEAR, scopes, components_of=noting_threads(threads))

    assert as_dicts(two_at_a_time) == one_after_another
    assert one_after_another[scope_for_la(records.la101)]["adoptions"]["value"] == 1
    assert threading.current_thread().name in threads
    assert any(name.startswith("families") for name in threads)


def test_inside_a_transaction_the_families_run_on_its_connection(settings, world):
    settings.FIGURE_QUERY_THREADS = 2
    threads = set()

    with transaction.atomic():
        journey(world.la101, entered_care=date(2020, 1, 1), adoption_order=date(2022, 6, 1))
        scope = scope_for_la(world.la101)
        found = engine.figures_by_scope(YEAR, [scope], components_of=noting_threads(threads))
        transaction.set_rollback(True)

    assert found[scope]["adoptions"].value == 1  # the change not yet committed is counted
    assert threads == {threading.current_thread().name}


def test_a_helper_threads_error_reaches_the_caller_and_leaves_no_connection_open(settings, world):
    settings.FIGURE_QUERY_THREADS = 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        (before,) = cursor.fetchone()

    def failing(family):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if family.name == "placements":
            raise ValueError("no placements")
        return {}

    with pytest.raises(ValueError, match="no placements"):
        engine.each_family(failing, None)

    deadline = time.monotonic() + 5
    while True:  # a closed connection's server process ends a moment after
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            )
            (after,) = cursor.fetchone()
        if after == before or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert after == before


def test_with_the_helper_thread_busy_the_caller_runs_every_family_and_does_not_wait(settings):
    """Another request's families hold the helper thread: this one's run on the caller's thread
    and it returns at once, not after the other request's."""
    settings.FIGURE_QUERY_THREADS = 2
    release = threading.Event()
    busy = engine._helpers(1).submit(release.wait, 30)
    while not busy.running():
        time.sleep(0.01)
    threads = set()

    def noting_the_thread(family):
        threads.add(threading.current_thread().name)
        return {}

    try:
        assert set(engine.each_family(noting_the_thread, None)) == {
            family.name for family in engine.FAMILIES
        }
        assert busy.running()  # returned while the other request's work still ran
    finally:
        release.set()
    assert threads == {threading.current_thread().name}
