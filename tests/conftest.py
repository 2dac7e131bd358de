"""Shared fixtures: a small world of two RAAs, hubs and LAs, and a user for every role."""

from types import SimpleNamespace

import pytest
from django.core import serializers
from django.test.client import ClientMixin
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.models import Role
from agencies.two_factor import two_factor_required
from indicators.models import ReferenceValue
from support.models import FundRule
from tests.factories import HubFactory, LaFactory, RaaFactory, user_with_role


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Hashing with the production hasher costs ~0.3 s a user; tests do not need its strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def figures_computed_live(settings):
    """Figures are computed on every request in tests: a test's transaction never commits, so
    the data version that replaces cached figures would not move on
    (tests/indicators/test_figure_cache.py tests the cache with commits)."""
    settings.FIGURE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def force_login_passes_two_factor(monkeypatch):
    """`client.force_login(user)` stands for a complete sign-in: for a user whose role needs a
    second factor, the session is verified with a confirmed authenticator app, as after the
    two-factor page (tests/agencies/test_two_factor.py tests that page itself)."""
    force_login = ClientMixin.force_login

    def force_login_verified(self, user, backend=None):
        force_login(self, user, backend)
        if two_factor_required(user):
            device, _ = TOTPDevice.objects.get_or_create(
                user=user, confirmed=True, defaults={"name": "Test app"}
            )
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(ClientMixin, "force_login", force_login_verified)


@pytest.fixture
def today(monkeypatch):
    """Today's date, the same for the test and for the code it runs (timezone.localdate()) even
    when the test runs across midnight, so no test races the clock."""
    fixed, localdate = timezone.localdate(), timezone.localdate

    def localdate_fixed(value=None, timezone=None):
        return fixed if value is None else localdate(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate_fixed)
    return fixed


@pytest.fixture
def world(db):
    """RAA north (LAs 101 and 102 in hub one, 103 in hub two) and RAA south (LA 201)."""
    north = RaaFactory(slug="north", name="North Adoption")
    south = RaaFactory(slug="south", name="South Adoption")
    hub_one = HubFactory(raa=north, name="Hub one")
    hub_two = HubFactory(raa=north, name="Hub two")
    return SimpleNamespace(
        north=north,
        south=south,
        hub_one=hub_one,
        hub_two=hub_two,
        la101=LaFactory(code="101", name="Riverside", raa=north, hub=hub_one),
        la102=LaFactory(code="102", name="Hillside", raa=north, hub=hub_one),
        la103=LaFactory(code="103", name="Seaside", raa=north, hub=hub_two),
        la201=LaFactory(code="201", name="Southtown", raa=south),
    )


@pytest.fixture
def users(world):
    """One user per role, scoped to RAA north or to LA 101, plus a superuser."""
    from django.contrib.auth.models import User

    return SimpleNamespace(
        raa_manager=user_with_role(Role.RAA_MANAGER, raa=world.north),
        la_manager=user_with_role(Role.LA_MANAGER, la=world.la101),
        family_finder=user_with_role(Role.FAMILY_FINDER, raa=world.north),
        panel_adviser=user_with_role(Role.PANEL_ADVISER, raa=world.north),
        support_worker=user_with_role(Role.SUPPORT_WORKER, raa=world.north),
        board_member=user_with_role(Role.BOARD_MEMBER, raa=world.north),
        superuser=User.objects.create_superuser("root", password="x"),
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> str:
    """The test database; its value is a copy of the reference data the migrations loaded
    (targets and England averages, fund rules), taken before any transactional test empties
    the tables."""
    with django_db_blocker.unblock():
        rows = [row for model in (ReferenceValue, FundRule) for row in model.objects.all()]
    return serializers.serialize("json", rows)


@pytest.fixture
def migration_data(django_db_setup) -> str:
    """The reference data the migrations loaded, serialized (see django_db_setup)."""
    return django_db_setup


@pytest.fixture
def restore_migration_data(transactional_db, migration_data):
    """Put the targets, England averages and fund rules back for a transactional test: earlier
    transactional tests empty every table when they end."""
    if not FundRule.objects.exists():
        for row in serializers.deserialize("json", migration_data):
            row.save()
