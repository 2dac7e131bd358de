"""Starting records: a child (found first if already in the portal) with their sibling group, a
child's journey, an adopter household's enquiry; through the services, the pages and the API.
The adopters page: the RAA's own households only, filtered and paged."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from agencies.models import AuditEvent, ExternalAgency
from journeys import services
from journeys.models import AdopterHousehold, Child, HeardFrom, Journey, SiblingGroup
from tests.factories import ChildFactory, HouseholdFactory, LinkFactory, journey

CHILD = {"sex": "2", "ethnicity": "WBRI", "date_of_birth": date(2023, 2, 14)}


def add(user, la, reference, **fields):
    return services.child_add(user=user, la=la, la_child_id=reference, **{**CHILD, **fields})


@pytest.mark.django_db
class TestChildAdd:
    def test_a_child_joins_an_existing_sibling_group_of_the_la_or_starts_one(self, world, users):
        existing = SiblingGroup.objects.create(la=world.la101, reference="SG-4")
        joined = add(users.family_finder, world.la101, "A1", sibling_group_reference="SG-4")
        started = add(users.family_finder, world.la102, "A2", sibling_group_reference="SG-4")
        assert joined.sibling_group == existing
        assert started.sibling_group.la == world.la102 and started.sibling_group != existing
        assert AuditEvent.objects.filter(model="child", action="create").count() == 2

    def test_the_same_la_reference_is_refused_whatever_its_case(self, world, users):
        ChildFactory(la=world.la101, la_child_id="R-77")
        with pytest.raises(ValidationError) as refused:
            add(users.family_finder, world.la101, "r-77")
        assert refused.value.message_dict == {
            "la_child_id": [services.DUPLICATE_REFERENCE.format(la="Riverside", reference="r-77")]
        }

    def test_the_same_name_and_birth_needs_confirming_as_a_different_child(self, world, users):
        ChildFactory(la=world.la102, first_name="Ava", last_name="Lane", **CHILD)
        with pytest.raises(ValidationError) as refused:
            add(users.family_finder, world.la101, "NEW", first_name="ava", last_name="LANE")
        assert list(refused.value.message_dict) == ["not_a_duplicate"]
        assert "102/" in refused.value.message_dict["not_a_duplicate"][0]
        child = add(
            users.family_finder,
            world.la101,
            "NEW",
            first_name="Ava",
            last_name="Lane",
            not_a_duplicate=True,
        )
        assert child.la_child_id == "NEW"

    def test_a_child_outside_the_users_scope_is_not_revealed(self, world, users):
        ChildFactory(la=world.la201, first_name="Ava", last_name="Lane", **CHILD)
        child = add(users.family_finder, world.la101, "NEW", first_name="Ava", last_name="Lane")
        assert child.pk

    def test_an_la_manager_cannot_add_a_child(self, world, users, client):
        client.force_login(users.la_manager)
        assert client.get("/children/add/").status_code == 403


@pytest.mark.django_db
class TestJourneyStart:
    def test_a_second_open_journey_is_refused_and_one_after_the_plan_ended_allowed(
        self, world, users
    ):
        child = ChildFactory(la=world.la101, date_of_birth=date(2021, 1, 1))
        first = services.journey_start(
            user=users.family_finder, child=child, entered_care=date(2022, 1, 1)
        )
        with pytest.raises(ValidationError) as refused:
            services.journey_start(
                user=users.family_finder, child=child, entered_care=date(2023, 1, 1)
            )
        assert refused.value.message_dict == {
            "entered_care": [services.JOURNEY_OPEN.format(entered="2022-01-01")]
        }
        services.plan_cease(
            user=users.family_finder, journey=first, decided=date(2022, 6, 1), reason="RD1"
        )
        second = services.journey_start(
            user=users.family_finder, child=child, entered_care=date(2023, 1, 1)
        )
        assert child.journeys.count() == 2 and second.entered_care == date(2023, 1, 1)


@pytest.mark.django_db
class TestEnquiry:
    def test_an_enquiry_is_recorded_for_the_las_raa_with_how_they_heard(self, world, users):
        household = services.household_enquiry_record(
            user=users.family_finder,
            la=world.la103,
            reference="ENQ-1",
            enquiry=date(2025, 9, 1),
            heard_from=HeardFrom.EVENT,
            heard_from_detail="Adoption week, Seaside library",
        )
        assert (household.raa, household.la, household.stage) == (
            world.north,
            world.la103,
            "enquiry",
        )
        assert household.get_heard_from_display() == "An information event"

    def test_how_they_heard_and_a_free_reference_are_required(self, world, users):
        HouseholdFactory(la=world.la101, reference="ENQ-1")
        arguments = {"user": users.family_finder, "la": world.la101, "enquiry": date(2025, 9, 1)}
        with pytest.raises(ValidationError) as no_source:
            services.household_enquiry_record(**arguments, reference="ENQ-2", heard_from="")
        assert no_source.value.message_dict == {"heard_from": [services.HEARD_FROM_MISSING]}
        with pytest.raises(ValidationError) as taken:
            services.household_enquiry_record(**arguments, reference="enq-1", heard_from="website")
        assert list(taken.value.message_dict) == ["reference"]
        assert AdopterHousehold.objects.count() == 1


def error_summary(html: str) -> list[str]:
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    return [
        re.sub(r"<[^>]+>", "", item).strip()
        for item in re.findall(r"<li>(.*?)</li>", summary, re.S)
    ]


def date_parts(prefix: str, day: date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


@pytest.mark.django_db
class TestPages:
    def test_a_child_added_on_the_page_goes_on_to_start_their_journey(self, client, users, world):
        client.force_login(users.family_finder)
        form = {
            "la": world.la101.pk,
            "la_child_id": "P-1",
            "sex": "1",
            "ethnicity": "WBRI",
            "sibling_group_reference": "SG-9",
            **date_parts("date_of_birth", date(2022, 3, 4)),
        }
        added = client.post("/children/add/", form)
        child = Child.objects.get(la_child_id="P-1")
        assert (
            added.status_code == 302 and added["Location"] == f"/children/{child.pk}/journeys/new/"
        )
        assert child.sibling_group.reference == "SG-9"
        page = client.get(added["Location"])
        assert "Start the child's adoption journey" in page.content.decode()
        started = client.post(added["Location"], date_parts("entered_care", date(2024, 1, 5)))
        record = Journey.objects.get(child=child)
        assert started["Location"] == f"/journeys/{record.pk}/"
        assert record.entered_care == date(2024, 1, 5)

    def test_a_possible_duplicate_is_shown_with_a_link_before_a_new_child_is_made(
        self, client, users, world
    ):
        same = ChildFactory(la=world.la102, first_name="Ava", last_name="Lane", **CHILD)
        client.force_login(users.family_finder)
        form = {
            "la": world.la101.pk,
            "la_child_id": "P-2",
            "first_name": "Ava",
            "last_name": "Lane",
            "sex": "2",
            "ethnicity": "WBRI",
            **date_parts("date_of_birth", CHILD["date_of_birth"]),
        }
        refused = client.post("/children/add/", form)
        html = refused.content.decode()
        assert refused.status_code == 200
        assert error_summary(html) == [
            "This is a different child from the one already recorded: "
            + services.POSSIBLE_DUPLICATE.format(children=str(same)).replace("'", "&#x27;")
        ]
        assert f'href="/children/{same.pk}/journeys/new/"' in html
        assert 'type="checkbox" name="not_a_duplicate"' in html
        assert not Child.objects.filter(la_child_id="P-2").exists()
        confirmed = client.post("/children/add/", {**form, "not_a_duplicate": "on"})
        assert confirmed.status_code == 302
        assert Child.objects.filter(la_child_id="P-2").exists()

    def test_a_birth_in_the_future_is_refused_in_the_error_summary(
        self, client, users, world, today
    ):
        client.force_login(users.family_finder)
        born = today + timedelta(days=2)
        form = {"la": world.la101.pk, "la_child_id": "P-3", "sex": "2", "ethnicity": "WBRI"}
        refused = client.post("/children/add/", {**form, **date_parts("date_of_birth", born)})
        assert refused.status_code == 200
        assert error_summary(refused.content.decode()) == [
            f"Date of birth: Date of birth ({born.isoformat()}) cannot be in the future."
        ]
        assert not Child.objects.filter(la_child_id="P-3").exists()

    def test_a_journey_starting_before_birth_is_refused_in_the_error_summary(
        self, client, users, world
    ):
        child = ChildFactory(la=world.la101, date_of_birth=date(2023, 6, 1))
        client.force_login(users.family_finder)
        refused = client.post(
            f"/children/{child.pk}/journeys/new/", date_parts("entered_care", date(2023, 5, 1))
        )
        assert error_summary(refused.content.decode()) == [
            "Date the child entered care: Entered care (2023-05-01) cannot be before the "
            "child&#x27;s date of birth (2023-06-01)."
        ]
        assert not child.journeys.exists()

    def test_a_date_missing_its_month_is_named(self, client, users, world):
        child = ChildFactory(la=world.la101)
        client.force_login(users.family_finder)
        refused = client.post(
            f"/children/{child.pk}/journeys/new/",
            {"entered_care_day": "3", "entered_care_month": "", "entered_care_year": "2024"},
        )
        html = refused.content.decode()
        assert error_summary(html) == [
            "Date the child entered care: Date the child entered care must include a month"
        ]
        # The summary's link leads to the day box, and what was typed stays in the boxes.
        assert 'href="#id_entered_care_day"' in html
        assert re.search(r'id="id_entered_care_day"[^>]*value="3"', html)

    def test_an_enquiry_in_the_future_is_refused_and_one_today_recorded(
        self, client, users, world, today
    ):
        client.force_login(users.family_finder)
        form = {"la": world.la101.pk, "reference": "ENQ-9", "heard_from": "campaign"}
        future = client.post(
            "/adopters/enquiry/",
            {**form, "number_of_adopters": 1, **date_parts("enquiry", today + timedelta(days=1))},
        )
        tomorrow = (today + timedelta(days=1)).isoformat()
        assert error_summary(future.content.decode()) == [
            f"Date of the enquiry: Enquiry ({tomorrow}) cannot be in the future."
        ]
        recorded = client.post(
            "/adopters/enquiry/", {**form, "number_of_adopters": 1, **date_parts("enquiry", today)}
        )
        household = AdopterHousehold.objects.get(reference="ENQ-9")
        assert recorded["Location"] == f"/adopters/{household.pk}/"
        assert (household.number_of_adopters, household.heard_from) == (1, "campaign")

    def test_the_household_form_shows_the_recorded_dates_in_the_boxes(self, client, users, world):
        household = HouseholdFactory(la=world.la101, registration=date(2025, 2, 3))
        client.force_login(users.family_finder)
        html = client.get(f"/adopters/{household.pk}/").content.decode()
        for part, value in (("day", "3"), ("month", "2"), ("year", "2025")):
            assert re.search(rf'name="registration_{part}"[^>]*value="{value}"', html)


@pytest.mark.django_db
class TestAdoptersPage:
    @pytest.fixture
    def pipeline(self, world, today):
        """North's own households in hubs one and two, one approved elsewhere and linked with a
        north child, and one of RAA south."""
        agency = ExternalAgency.objects.create(name="Faraway VAA", kind="vaa")
        external = HouseholdFactory(la=None, raa=None, approving_agency=agency, reference="EXT")
        LinkFactory(
            journey=journey(world.la101, entered_care=date(2024, 1, 1)),
            household=external,
            linked=date(2024, 5, 1),
        )
        HouseholdFactory(la=world.la201, reference="SOUTH")
        HouseholdFactory(la=world.la101, reference="ENQ", enquiry=date(2025, 1, 1))
        HouseholdFactory(
            la=world.la101,
            reference="LATE",
            registration=today - timedelta(days=90),
            early_permanence=True,
        )
        HouseholdFactory(la=world.la103, reference="HUB2", registration=today - timedelta(days=5))

    def references(self, response) -> list[str]:
        return sorted(household.reference for household in response.context["page"])

    def test_only_the_raas_own_households_are_counted(self, client, users, pipeline):
        client.force_login(users.family_finder)
        response = client.get("/adopters/")
        assert self.references(response) == ["ENQ", "HUB2", "LATE"]
        assert response.context["counts"]["enquiry"] == 1
        assert response.context["counts"]["Stage 1"] == 2

    def test_filters_by_stage_hub_overdue_and_early_permanence(
        self, client, users, world, pipeline
    ):
        client.force_login(users.family_finder)
        get = lambda **query: self.references(client.get("/adopters/", query))  # noqa: E731
        assert get(stage="Stage 1") == ["HUB2", "LATE"]
        assert get(hub=world.hub_two.pk) == ["HUB2"]
        assert get(overdue="on") == ["LATE"]
        assert get(early_permanence="on") == ["LATE"]

    def test_pages_of_fifty(self, client, users, world):
        for number in range(51):
            HouseholdFactory(la=world.la101, reference=f"H-{number:02d}")
        client.force_login(users.family_finder)
        first = client.get("/adopters/", {"stage": "enquiry"})
        second = client.get("/adopters/", {"stage": "enquiry", "page": 2})
        assert len(first.context["page"]) == 50 and len(second.context["page"]) == 1
        assert "stage=enquiry&amp;page=2" in first.content.decode()


@pytest.mark.django_db
class TestApi:
    def test_adding_a_child_through_the_api_finds_the_duplicate_first(self, client, users, world):
        ChildFactory(la=world.la101, first_name="Ava", last_name="Lane", **CHILD)
        client.force_login(users.family_finder)
        body = {
            "la": "101",
            "la_child_id": "API-1",
            "first_name": "Ava",
            "last_name": "Lane",
            "sex": "2",
            "ethnicity": "WBRI",
            "date_of_birth": "2023-02-14",
            "sibling_group_reference": "SG-API",
        }
        refused = client.post("/api/v1/children/", body, content_type="application/json")
        assert refused.status_code == 400
        assert [error["field"] for error in refused.json()["errors"]] == ["not_a_duplicate"]
        added = client.post(
            "/api/v1/children/", {**body, "not_a_duplicate": True}, content_type="application/json"
        )
        assert added.status_code == 201
        assert Child.objects.get(pk=added.json()["id"]).sibling_group.reference == "SG-API"

    def test_a_second_open_journey_is_refused_by_the_api(self, client, users, world):
        record = journey(world.la101, entered_care=date(2024, 1, 1))
        client.force_login(users.family_finder)
        refused = client.post(
            "/api/v1/journeys/",
            {"child": record.child.pk, "entered_care": "2024-06-01"},
            content_type="application/json",
        )
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["field"] == "entered_care"
