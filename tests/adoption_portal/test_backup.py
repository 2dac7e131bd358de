"""`make backup` and `make restore`: a database backed up, then changed, is restored to exactly
what it held at the backup."""

import subprocess
from pathlib import Path

import pytest
from django.db import connection

from journeys.models import Child, Journey
from tests.adoption_portal.test_access_matrix import database_contents
from tests.factories import casework

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def make(target: str, **variables) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", target, *(f"{k}={v}" for k, v in variables.items())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump backs up PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_the_database_as_it_was(world, users, tmp_path, restore_migration_data):
    casework(users.superuser, world.la101, "B")
    before = database_contents()
    backup = tmp_path / "portal.dump"

    backed_up = make("backup", DATABASE_URL=database_url(), BACKUP=backup)
    assert backed_up.returncode == 0, backed_up.stderr
    assert f"Backed up to {backup}" in backed_up.stdout

    Journey.objects.filter(adm_decision__isnull=False).update(adm_decision=None)
    Child.objects.update(la_child_id="Changed")
    casework(users.superuser, world.la201, "After")
    assert database_contents() != before

    restored = make("restore", DATABASE_URL=database_url(), BACKUP=backup)
    assert restored.returncode == 0, restored.stderr
    connection.close()  # the restore replaced the tables under this connection
    assert database_contents() == before
    assert Child.objects.get().la_child_id == "B-1"
    assert Journey.objects.get().adm_decision is not None


def test_restore_needs_a_backup_file(tmp_path):
    refused = make("restore", DATABASE_URL="postgres://nowhere/none", BACKUP=tmp_path / "no.dump")
    assert refused.returncode != 0
    assert "Name the backup to restore: make restore BACKUP=file" in refused.stderr


def test_backup_needs_a_database_url():
    refused = make("backup", DATABASE_URL="")
    assert refused.returncode != 0 and "Set DATABASE_URL" in refused.stderr
