"""The import's lifecycle: an upload kept as an import record and run by its task ends either
imported or failed with every problem; it never stays queued."""

import pytest

from journeys.models import ImportRecord, Journey
from journeys.ssda903.services import import_record_create
from tests.journeys.ssda903_returns import ChildReturn, render_csv


def _return_with(*episodes):
    return list(render_csv([ChildReturn("C1", episodes=list(episodes))]).items())


@pytest.mark.django_db(transaction=True)
class TestImportRecord:
    def test_an_adoption_with_dec_before_decom_fails_the_record_with_the_row(self, world, users):
        files = _return_with(
            ("01/04/2021", "S", "E1", "U1", "PR1", "01/10/2021", "X1"),
            ("01/10/2021", "P", "E1", "A6", "PR1", "01/09/2021", "E11"),
        )
        record = import_record_create(
            user=users.raa_manager, la=world.la101, year="2021-22", uploads=files
        )
        record.refresh_from_db()
        assert record.status == ImportRecord.Status.FAILED
        assert [(e["file"], e["row"], e["column"]) for e in record.errors] == [
            ("Episodes.csv", 3, "DEC")
        ]
        assert not Journey.objects.exists()

    def test_an_adoption_with_no_dec_is_imported_with_a_warning(self, world, users):
        files = _return_with(
            ("01/04/2021", "S", "E1", "U1", "PR1", "01/10/2021", "X1"),
            ("01/10/2021", "P", "E1", "A6", "PR1", "", "E12"),
        )
        record = import_record_create(
            user=users.raa_manager, la=world.la101, year="2021-22", uploads=files
        )
        record.refresh_from_db()
        assert record.status == ImportRecord.Status.SUCCEEDED
        assert {w["check"] for w in record.warnings} >= {"episode end"}
        assert record.files[1]["rows"] == {"Episodes": 2}
        assert Journey.objects.get().placed is not None
