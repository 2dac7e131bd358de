"""factory_boy factories for hand-built test data."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth.models import User

from agencies.models import Hub, LocalAuthority, RegionalAdoptionAgency
from agencies.services import role_grant
from journeys.models import AdopterHousehold, Child, Journey, Link, Placement

# Every role of the role table, and a superuser (tests/conftest.py `users`).
ROLES = [
    "raa_manager",
    "la_manager",
    "family_finder",
    "panel_adviser",
    "support_worker",
    "board_member",
    "superuser",
]


class RaaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalAdoptionAgency
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"raa-{n}")
    name = factory.Sequence(lambda n: f"Adoption Agency {n}")


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub

    raa = factory.SubFactory(RaaFactory)
    name = factory.Sequence(lambda n: f"Hub {n}")


class LaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{300 + n:03d}")
    name = factory.Sequence(lambda n: f"Council {n}")
    raa = factory.SubFactory(RaaFactory)


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    la = factory.SubFactory(LaFactory)
    la_child_id = factory.Sequence(lambda n: f"C{n:05d}")
    sex = Child.Sex.FEMALE
    date_of_birth = date(2020, 1, 1)
    ethnicity = "WBRI"


class JourneyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Journey

    child = factory.SubFactory(ChildFactory)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdopterHousehold

    reference = factory.Sequence(lambda n: f"H{n:04d}")
    la = factory.SubFactory(LaFactory)
    raa = factory.LazyAttribute(lambda household: household.la.raa)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    journey = factory.SubFactory(JourneyFactory)
    moved_in = factory.LazyAttribute(lambda placement: placement.placed)


class LinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Link

    journey = factory.SubFactory(JourneyFactory)
    household = factory.SubFactory(HouseholdFactory)


def user_with_role(role: str, *, raa=None, la=None, username=None) -> User:
    """A user holding one role over an RAA or an LA, granted as `grant_role` does."""
    username = username or f"{role}-{User.objects.count()}"
    return role_grant(username=username, role=role, raa=raa, la=la, password="x").user


def journey(la, *, child=None, placements=(), **dates) -> Journey:
    """A journey with its dates and its placements [(placed, moved_in, ended, end_reason)].

    Without explicit placements, a `placed` date gets one placement, ended by the adoption
    order if there is one, so that the journey is consistent."""
    child = child or ChildFactory(la=la)
    record = Journey.objects.create(child=child, **dates)
    if not placements and dates.get("placed"):
        order = dates.get("adoption_order")
        placements = [
            (
                dates["placed"],
                dates.get("moved_in_with_adopters") or dates["placed"],
                order,
                Placement.EndReason.ADOPTION_ORDER if order else "",
            )
        ]
    for placed, moved_in, ended, end_reason in placements:
        Placement.objects.create(
            journey=record,
            placed=placed,
            moved_in=moved_in or placed,
            ended=ended,
            end_reason=end_reason or "",
        )
    return record


def casework(admin, la, tag: str) -> Journey:
    """One of every record for an LA, written through the services by `admin`; the child's LA
    reference is `{tag}-1` and the household's `{tag}-H`."""
    from journeys import services as journeys
    from journeys.models import ImportRecord
    from panels import services as panels
    from panels.models import Panel, PanelMember
    from recruitment import services as recruitment
    from support import services as support

    child = journeys.child_create(
        user=admin,
        la=la,
        la_child_id=f"{tag}-1",
        sex="1",
        date_of_birth=date(2020, 1, 1),
        ethnicity="WBRI",
    )
    record = journeys.journey_create(
        user=admin,
        child=child,
        entered_care=date(2021, 1, 1),
        adm_decision=date(2021, 3, 1),
        placement_order=date(2021, 5, 1),
    )
    household = HouseholdFactory(la=la, reference=f"{tag}-H", approved=date(2020, 6, 1))
    link = journeys.link_create(
        user=admin, journey=record, household=household, linked=date(2021, 6, 1)
    )
    journeys.match_record(user=admin, link=link, matched=date(2021, 7, 1))
    placement = journeys.placement_record(user=admin, journey=record, placed=date(2021, 8, 1))
    journeys.disruption_record(
        user=admin, placement=placement, ended=date(2021, 10, 1), reason="needs not met"
    )
    panel = Panel.objects.create(raa=la.raa, name=f"{tag} panel")
    member = PanelMember.objects.create(panel=panel, name="Chair", role="chair")
    meeting = panels.meeting_schedule(user=admin, panel=panel, on=date(2021, 6, 20))
    panels.attendance_record(user=admin, meeting=meeting, members=[member])
    item = panels.item_add(user=admin, meeting=meeting, business_type="match", journey=record)
    panels.recommendation_record(user=admin, item=item, recommendation="recommended")
    panels.agency_decision_record(
        user=admin, item=item, decision_maker="ADM", decided=date(2021, 6, 25)
    )
    referral = support.referral_create(user=admin, la=la, child=child, referred=date(2022, 1, 1))
    support.assessment_record(user=admin, referral=referral, started=date(2022, 1, 10))
    support.fund_application_create(
        user=admin,
        child=child,
        therapy_type="theraplay",
        provider="Kite",
        amount_applied=Decimal(1000),
        submitted=date(2022, 5, 1),
    )
    ImportRecord.objects.create(la=la, year="2021-22", user=admin, status="succeeded")
    recruitment.information_event_create(
        user=admin, raa=la.raa, held=date(2022, 5, 1), format="online", attendance=10
    )
    recruitment.initial_visit_record(user=admin, household=household, visited=date(2020, 1, 10))
    recruitment.preparation_course_create(
        user=admin,
        raa=la.raa,
        starts=date(2020, 2, 1),
        ends=date(2020, 2, 2),
        attendees=[household],
    )
    _support_and_money(admin, la, child)
    return record


def _support_and_money(admin, la, child) -> None:
    """A contact arrangement with an exchange, a group with a session and a hub's budget."""
    from finance import services as finance
    from support import services as support

    arrangement = support.contact_arrangement_create(
        user=admin,
        child=child,
        kind="letterbox",
        with_whom="Birth mother",
        started=date(2022, 1, 1),
    )
    support.contact_exchange_record(user=admin, arrangement=arrangement, exchanged=date(2022, 6, 1))
    group = support.support_group_create(
        user=admin, raa=la.raa, name=f"{la.name} group", kind="group"
    )
    support.group_session_record(user=admin, support_group=group, held=date(2022, 6, 1), attended=8)
    hub = la.hub or Hub.objects.create(raa=la.raa, name=f"{la.name} hub")
    finance.hub_budget_record(user=admin, hub=hub, financial_year="2022-23", budget=Decimal(100000))
