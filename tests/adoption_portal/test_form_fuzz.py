"""Hypothesis over the pages' forms and the SSDA903 upload: whatever is posted, the answer is a
page (never a server error), and a form that is refused changes nothing.

Each form gets values built from its own field names with awkward text: dates in other formats,
impossible dates, huge and negative numbers, NUL bytes, markup, long and non-Latin text. The
examples are bounded so that `make test` stays short.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeys.casework import STEPS
from journeys.casework_forms import HouseholdForm
from journeys.models import AdopterHousehold, ImportRecord
from panels.forms import ItemForm, MeetingForm, RecommendationForm
from panels.models import Meeting, PanelItem
from support.forms import AssessmentForm, FundApplicationForm, ReferralForm
from support.models import SupportReferral
from tests.adoption_portal.test_access_matrix import database_contents
from tests.factories import casework

pytestmark = pytest.mark.slow

AWKWARD = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "2023-02-29",
            "2024-02-29",
            "31/12/2023",
            "2023-13-01",
            "0001-01-01",
            "9999-12-31",
            "-1",
            "0",
            "1e309",
            "99999999999999999999999",
            "12.345",
            "NaN",
            "\x00",
            "<script>alert(1)</script>",
            "on",
            "true",
            "x" * 5000,
            "Zoë Ó'Brien — 安",
        ]
    ),
    st.text(max_size=40),
)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def posted(fields, prefix="") -> st.SearchStrategy[dict]:
    names = [f"{prefix}{name}" for name in fields]
    return st.fixed_dictionaries({}, optional={name: AWKWARD for name in names})


def post_and_check(client, url: str, data: dict):
    """Post; a refusal (anything but a redirect) must leave the records as they were."""
    before = database_contents()
    response = client.post(url, data)
    assert response.status_code in (200, 302, 400, 403, 404), response.status_code
    if response.status_code != 302:
        assert database_contents() == before, url


@pytest.fixture
def placed(world, users):
    return casework(users.superuser, world.la101, "F")


@pytest.mark.django_db
@FUZZ
@given(
    slug=st.sampled_from(sorted(STEPS)),
    data=st.data(),
)
def test_journey_steps_refuse_bad_input_and_change_nothing(client, users, placed, slug, data):
    client.force_login(users.family_finder)
    fields = list(STEPS[slug].form.base_fields) + ["siblings"]
    post_and_check(client, f"/journeys/{placed.pk}/{slug}/", data.draw(posted(fields)))


@pytest.mark.django_db
@FUZZ
@given(data=posted(HouseholdForm.base_fields))
def test_the_household_form_refuses_bad_input(client, users, placed, data):
    client.force_login(users.family_finder)
    household = AdopterHousehold.objects.get(reference="F-H")
    post_and_check(client, f"/adopters/{household.pk}/", data)


@pytest.mark.django_db
@FUZZ
@given(
    form=st.sampled_from(["assessment", "apply", "referral"]),
    data=st.data(),
)
def test_support_forms_refuse_bad_input(client, users, placed, form, data):
    client.force_login(users.support_worker)
    referral = SupportReferral.objects.get(child=placed.child)
    if form == "referral":
        post_and_check(client, "/support/", data.draw(posted(ReferralForm.base_fields)))
        return
    fields = {"assessment": AssessmentForm, "apply": FundApplicationForm}[form].base_fields
    values = data.draw(posted(fields, prefix=f"{form}-"))
    post_and_check(client, f"/support/referrals/{referral.pk}/", {"form": form, **values})


@pytest.mark.django_db
@FUZZ
@given(
    form=st.sampled_from(["meeting", "item", "rec"]),
    data=st.data(),
)
def test_panel_forms_refuse_bad_input(client, users, placed, form, data):
    client.force_login(users.panel_adviser)
    item = PanelItem.objects.get(journey=placed)
    if form == "meeting":
        post_and_check(client, "/panels/", data.draw(posted(MeetingForm.base_fields)))
        return
    fields = {"item": ItemForm, "rec": RecommendationForm}[form].base_fields
    selector = "item" if form == "item" else f"rec-{item.pk}"
    values = data.draw(posted(fields, prefix=f"{selector}-"))
    meeting = Meeting.objects.get(pk=item.meeting_id)
    post_and_check(client, f"/panels/meetings/{meeting.pk}/", {"form": selector, **values})


@pytest.mark.django_db
@FUZZ
@given(
    name=st.sampled_from(["episodes.csv", "return.xml", "a.txt", "photo.png", "x.csv.exe", ""]),
    content=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)),
    year=AWKWARD,
)
def test_an_upload_of_any_file_is_refused_or_imported_whole(
    client, users, world, django_capture_on_commit_callbacks, name, content, year
):
    client.force_login(users.raa_manager)
    upload = SimpleUploadedFile(name or "unnamed", content)
    before = database_contents()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/imports/ssda903/", {"la": "101", "year": year, "files": upload})
    assert response.status_code in (200, 302)
    if response.status_code == 200:  # refused at once: nothing kept
        assert database_contents() == before
    else:  # queued and run: it failed whole or imported whole
        record = ImportRecord.objects.latest("pk")
        assert record.status in (ImportRecord.Status.FAILED, ImportRecord.Status.SUCCEEDED)
        if record.status == ImportRecord.Status.FAILED:
            assert record.errors and all(error["reason"] for error in record.errors)
