"""seed_demo builds the same demo every time, and its users sign in to their home pages."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.models import AuditEvent, LocalAuthority
from agencies.two_factor import two_factor_required
from demo.builder import DEMO_PASSWORD, USERS
from indicators.calculations.engine import figures_for
from indicators.periods import Period
from indicators.scopes import parse_scope
from journeys.models import AdopterHousehold, Child, Disruption, Journey, Placement
from recruitment.models import InformationEvent, InitialVisit, PreparationCourse


def demo_counts():
    return {
        "las": LocalAuthority.objects.filter(raa__slug="demo").count(),
        "children": Child.objects.count(),
        "journeys": Journey.objects.count(),
        "disrupted": Placement.objects.filter(end_reason="disruption").count(),
        "adopted": Journey.objects.filter(adoption_order__isnull=False).count(),
        "foster_carer": Journey.objects.filter(foster_carer_adoption=True).count(),
        "early_permanence": Journey.objects.exclude(early_permanence="").count(),
        "reversed": Journey.objects.filter(plan_ceased__isnull=False).count(),
        "siblings": Child.objects.filter(sibling_group__isnull=False).count(),
        "information_events": InformationEvent.objects.count(),
        "initial_visits": InitialVisit.objects.count(),
        "preparation_courses": PreparationCourse.objects.filter(attendees__isnull=False).count(),
        "campaign_enquiries": AdopterHousehold.objects.exclude(heard_from_detail="").count(),
        "fostering_for_adoption": AdopterHousehold.objects.filter(
            offers_fostering_for_adoption=True
        ).count(),
        "disruption_reports": Disruption.objects.filter(report_received__isnull=False).count(),
    }


@pytest.mark.slow  # builds six years of a demo RAA, twice
@pytest.mark.django_db(transaction=False)
def test_seed_demo_is_deterministic_rerunnable_and_covers_every_path(client, capsys):
    call_command("seed_demo")
    first = demo_counts()
    a10 = figures_for(parse_scope("raa:demo"), Period.parse("2023-24"))["A10"].value
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    call_command("seed_demo")
    assert demo_counts() == first
    assert figures_for(parse_scope("raa:demo"), Period.parse("2023-24"))["A10"].value == a10
    assert first["las"] == 4 and 200 <= first["children"] <= 500
    for path in (
        "disrupted",
        "adopted",
        "foster_carer",
        "early_permanence",
        "reversed",
        "siblings",
        "information_events",
        "initial_visits",
        "preparation_courses",
        "campaign_enquiries",
        "fostering_for_adoption",
        "disruption_reports",
    ):
        assert first[path] > 0, path
    call_command("seed_demo", "--if-empty")
    assert "already holds data" in capsys.readouterr().out
    assert AuditEvent.objects.filter(action="create", model="journey").exists()

    for username, _, _ in USERS:
        signed_in = client.post("/sign-in/", {"username": username, "password": DEMO_PASSWORD})
        assert signed_in.status_code == 302, username
        if two_factor_required(User.objects.get(username=username)):
            # The demo's RAA manager sets up an authenticator app on first sign-in.
            assert client.get("/").url == "/two-factor/?next=/"
            assert b"Set up two-factor sign-in" in client.get("/two-factor/?next=/").content
            device = TOTPDevice.objects.get(user__username=username)
            code = f"{totp(device.bin_key):06d}"
            assert client.post("/two-factor/", {"code": code, "next": "/"}).url == "/"
        response = client.get("/")
        assert response.status_code == 200, username
        assert b"Your work" in response.content, username
        client.post("/sign-out/")
