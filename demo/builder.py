"""A realistic, deterministic demo: one RAA, four partner LAs, about five years of casework.

Every record is written through the services, as the admin user, so the demo obeys the same rules
(and leaves the same audit trail) as work typed into the portal.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from agencies.models import ExternalAgency, LocalAuthority, RegionalAdoptionAgency, Role
from agencies.services import hub_create, la_create, raa_create, role_grant
from demo.support_and_money import build_support_and_money
from journeys import services as journeys
from journeys.models import (
    AdopterHousehold,
    AdopterSource,
    Child,
    DelayReason,
    Disruption,
    EarlyPermanence,
    Journey,
)
from panels import services as panels
from panels.models import Meeting, Panel, PanelItem, PanelMember, QuorumRule
from recruitment import services as recruitment
from recruitment.models import InformationEvent, PreparationCourse
from support import services as support
from support.models import FundApplication, FundRule, SupportReferral

DEMO_RAA = "demo"
DEMO_PASSWORD = "adopt-demo-2026"
# A fixed "today" keeps the demo the same on every machine and every day.
DEMO_TODAY = date(2026, 9, 30)
START = date(2020, 4, 1)
SEED = 903

LAS = [
    ("991", "Riverford", "North locality"),
    ("992", "Hollowmere", "East locality"),
    ("993", "Ashby Vale", "West locality"),
    ("994", "Kingsbrook", "West locality"),
]
USERS = [
    ("manager", Role.RAA_MANAGER, None),
    ("la-manager", Role.LA_MANAGER, "991"),
    ("finder", Role.FAMILY_FINDER, None),
    ("panel", Role.PANEL_ADVISER, None),
    ("support", Role.SUPPORT_WORKER, None),
    ("board", Role.BOARD_MEMBER, None),
]
ETHNICITIES = ["WBRI"] * 14 + ["WOTH", "MWBC", "MWBA", "MOTH", "BAFR", "BCRB", "APKN", "AOTH"]


@dataclass
class Summary:
    children: int = 0
    journeys: int = 0
    households: int = 0
    meetings: int = 0
    referrals: int = 0
    users: list[tuple[str, str]] = field(default_factory=list)


def _after(rng: random.Random, day: date, low: int, high: int) -> date:
    return day + timedelta(days=rng.randint(low, high))


def _known(day: date | None) -> date | None:
    """Only milestones reached by the demo's 'today' are recorded."""
    return day if day and day <= DEMO_TODAY else None


def remove_demo() -> None:
    """Delete the demo RAA and everything under it, so the demo can be rebuilt."""
    raa = RegionalAdoptionAgency.objects.filter(slug=DEMO_RAA).first()
    if raa is None:
        return
    las = LocalAuthority.objects.filter(raa=raa)
    FundApplication.objects.filter(child__la__in=las).delete()
    SupportReferral.objects.filter(la__in=las).delete()
    PanelItem.objects.filter(meeting__panel__raa=raa).delete()
    InformationEvent.objects.filter(raa=raa).delete()
    PreparationCourse.objects.filter(raa=raa).delete()
    Meeting.objects.filter(panel__raa=raa).delete()
    Panel.objects.filter(raa=raa).delete()
    Journey.objects.filter(child__la__in=las).delete()
    Child.objects.filter(la__in=las).delete()
    AdopterHousehold.objects.filter(raa=raa).delete()
    AdopterHousehold.objects.filter(
        la__isnull=True, raa__isnull=True, reference__startswith="EXT"
    ).delete()
    User.objects.filter(username__in=[name for name, _, _ in USERS]).delete()
    raa.host_la = None
    raa.save()
    las.delete()
    raa.delete()


@transaction.atomic
def build_demo() -> Summary:
    """Rebuild the demo from scratch (same data every time)."""
    remove_demo()
    rng = random.Random(SEED)
    summary = Summary()
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User.objects.create_superuser("admin", password=DEMO_PASSWORD)
    summary.users.append(("admin", "superuser"))

    raa = raa_create(slug=DEMO_RAA, name="Adopt Northvale (demo)", go_live=date(2019, 4, 1))
    hub_create(raa=raa, name="Central hub", kind="central")
    hubs = {name: hub_create(raa=raa, name=name) for name in sorted({h for _, _, h in LAS})}
    las = [
        la_create(code=code, name=name, raa=raa, raa_go_live=date(2019, 4, 1), hub=hubs[hub])
        for code, name, hub in LAS
    ]
    raa.host_la = las[0]
    raa.save()
    QuorumRule.objects.create(raa=raa)
    for username, role, la_code in USERS:
        la = next((la for la in las if la.code == la_code), None)
        role_grant(
            username=username, role=role, raa=None if la else raa, la=la, password=DEMO_PASSWORD
        )
        summary.users.append((username, Role(role).label))

    externals = [
        ExternalAgency.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in [
            ("Coastal Adoption (RAA)", "raa"),
            ("Greenfield Council", "la"),
            ("Family Adoption Links (VAA)", "vaa"),
        ]
    ]
    households = _households(rng, admin, raa, las)
    summary.households = len(households)
    meetings = _panels(rng, admin, raa)
    summary.meetings = sum(len(m) for m in meetings.values())
    adopted = _children(rng, admin, las, households, externals, meetings, summary)
    _household_panels(rng, admin, households, meetings)
    summary.referrals = _support(rng, admin, adopted)
    # Its own random stream, so that the records above stay as they were.
    _recruitment(random.Random(SEED + 19), admin, raa, list(hubs.values()), households)
    build_support_and_money(admin=admin, raa=raa, las=las, adopted=adopted, today=DEMO_TODAY)
    _delay_notes(admin, las)
    return summary


def _delay_notes(admin, las) -> None:
    """Reasons for delay on the journeys whose placement order waited over six months for a
    match (or still waits), from a generator of their own so the rest of the demo is unchanged."""
    rng = random.Random(SEED + 1)
    reasons = [reason for reason in DelayReason if reason != DelayReason.OTHER]
    slow = Journey.objects.filter(child__la__in=las, placement_order__isnull=False).order_by("pk")
    for journey in slow:
        noted = journey.placement_order + timedelta(days=183)
        if noted > DEMO_TODAY or (journey.matched and journey.matched <= noted):
            continue
        journeys.note_add(
            user=admin,
            journey=journey,
            recorded_on=noted,
            delay_reason=rng.choices([*reasons, DelayReason.OTHER], weights=[4, 3, 2, 2, 3, 1])[0],
            text="Six months since the placement order with no match.",
        )


def _households(rng, admin, raa, las) -> list[AdopterHousehold]:
    households = []
    for number in range(1, 141):
        enquiry = _after(rng, START - timedelta(days=365), 0, (DEMO_TODAY - START).days + 300)
        if enquiry > DEMO_TODAY:
            continue
        dates = {"enquiry": enquiry}
        registration = _known(_after(rng, enquiry, 10, 60)) if rng.random() < 0.85 else None
        if registration:
            dates["registration"] = registration
            # Most Stage 1 decisions come within two months; some run late.
            stage1 = _known(_after(rng, registration, 30, 62 if rng.random() < 0.8 else 110))
            if stage1:
                dates["stage1_decision"] = stage1
                stage2 = _known(_after(rng, stage1, 3, 30))
                if stage2:
                    dates["stage2_start"] = stage2
                    panel_day = _known(_after(rng, stage2, 80, 125 if rng.random() < 0.8 else 170))
                    if panel_day:
                        dates["panel"] = panel_day
                        dates["approved"] = _known(_after(rng, panel_day, 2, 9))
        withdrawn = None
        if rng.random() < 0.12:
            last = max(d for d in dates.values() if d)
            withdrawn = _known(_after(rng, last, 5, 60))
        age_min = rng.choice([0, 0, 0, 1, 2])
        household = journeys.household_create(
            user=admin,
            reference=f"HH{number:03d}",
            raa=raa,
            la=rng.choice(las),
            number_of_adopters=rng.choice([1, 2, 2, 2]),
            legal_status=rng.choice(["L0", "L11", "L11", "L12", "L2"]),
            age_min=age_min,
            age_max=age_min + rng.choice([2, 4, 6]),
            max_siblings=rng.choice([1, 1, 2, 3]),
            considers_disability=rng.random() < 0.3,
            early_permanence=rng.random() < 0.2,
            withdrawn=withdrawn,
            withdrawal_reason="Decided not to continue" if withdrawn else "",
            stage1_extension_reason=(
                "Medical report delayed" if registration and rng.random() < 0.1 else ""
            ),
            **{k: v for k, v in dates.items() if v},
        )
        households.append(household)
    return households


def _panels(rng, admin, raa) -> dict[Panel, list]:
    meetings = {}
    roles = [
        ("chair", "Chair"),
        ("vice_chair", "Vice-chair"),
        ("social_worker", "Social worker A"),
        ("social_worker", "Social worker B"),
        ("independent", "Independent member A"),
        ("independent", "Independent member B"),
        ("medical_adviser", "Medical adviser"),
        ("other", "Elected member"),
    ]
    for index, (name, joint) in enumerate(
        [("Central panel", False), ("North and East panel", False), ("Joint panel", True)]
    ):
        panel = Panel.objects.create(raa=raa, name=name, joint=joint)
        members = [
            PanelMember.objects.create(panel=panel, role=role, name=f"{label} ({name})")
            for role, label in roles
        ]
        meetings[panel] = []
        month = date(START.year, START.month, 1)
        while month <= DEMO_TODAY:
            # Meet mid-month; now and then a month is missed (the calendar warns about gaps).
            if rng.random() > 0.05:
                day = month + timedelta(days=9 + index)
                while day.weekday() >= 5:
                    day += timedelta(days=1)
                meeting = panels.meeting_schedule(user=admin, panel=panel, on=day)
                attending = [m for m in members if rng.random() < 0.85]
                panels.attendance_record(user=admin, meeting=meeting, members=attending)
                meetings[panel].append(meeting)
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return meetings


def _meeting_before(rng, meetings, day: date):
    panel = rng.choice(list(meetings))
    earlier = [m for m in meetings[panel] if m.date <= day - timedelta(days=2)]
    return earlier[-1] if earlier else None


def _decide(rng, admin, item, day):
    """The panel recommends; the agency decision maker decides, usually within 7 working days."""
    panels.recommendation_record(user=admin, item=item, recommendation="recommended")
    panels.agency_decision_record(
        user=admin, item=item, decision_maker="Agency decision maker", decided=day
    )


def _household_panels(rng, admin, households, meetings) -> None:
    for household in households:
        if not household.approved:
            continue
        meeting = _meeting_before(rng, meetings, household.approved)
        if meeting is None:
            continue
        item = panels.item_add(
            user=admin,
            meeting=meeting,
            business_type="adopter_approval",
            household=household,
            papers_received=meeting.date - timedelta(days=rng.randint(5, 14)),
        )
        _decide(rng, admin, item, meeting.date + timedelta(days=rng.randint(1, 12)))


def _child(rng, admin, la, entered, number) -> Child:
    return journeys.child_create(
        user=admin,
        la=la,
        la_child_id=f"{la.code}-{number:04d}",
        sex=rng.choice(["1", "2"]),
        date_of_birth=entered - timedelta(days=rng.choice([0, 30, 200, 400, 900, 1500, 2200])),
        ethnicity=rng.choice(ETHNICITIES),
        disability=rng.random() < 0.08,
    )


def _children(rng, admin, las, households, externals, meetings, summary) -> list[Journey]:
    adopted = []
    number = 0
    for _ in range(300):
        number += 1
        la = rng.choice(las)
        entered = _after(rng, START - timedelta(days=500), 0, (DEMO_TODAY - START).days + 300)
        if entered > DEMO_TODAY - timedelta(days=30):
            continue
        children = [_child(rng, admin, la, entered, number)]
        if rng.random() < 0.12:  # a brother or sister to be placed together
            number += 1
            children.append(_child(rng, admin, la, entered, number))
            journeys.sibling_group_create(
                user=admin, la=la, reference=f"SG{number:04d}", children=children
            )
        path = rng.choices(
            ["adopted", "foster_carer", "early_permanence", "disrupted", "reversed", "consent"],
            weights=[55, 8, 8, 5, 9, 3],
        )[0]
        plan = _plan(rng, entered, path)
        own = _household_for(rng, households, plan.get("matched"))
        # Siblings go to the same adopters; a re-placement after a disruption goes elsewhere.
        homes = [
            (own, AdopterSource.OWN) if own else _external_household(rng, externals),
            _external_household(rng, externals),
        ]
        for child in children:
            journey = _journey(rng, admin, child, plan, path, homes, meetings)
            summary.journeys += 1
            if journey.adoption_order:
                adopted.append(journey)
        summary.children += len(children)
    return adopted


def _plan(rng, entered: date, path: str) -> dict:
    """The dates a child's journey would reach, some of them after the demo's 'today'."""
    adm = _after(rng, entered, 40, 260)
    plan = {"entered_care": entered, "adm_decision": adm}
    if path == "reversed":
        plan["plan_ceased"] = _after(rng, adm, 90, 420)
        plan["plan_ceased_reason"] = rng.choice(["RD1", "RD2", "RD3", "RD4"])
        return plan
    order = None if path == "consent" else _after(rng, adm, 30, 200)
    plan["placement_order"] = order
    plan["matched"] = _after(rng, order or adm, -20 if order else 10, 330)
    if path == "early_permanence":
        plan["moved_in"] = _after(rng, entered, 0, 20)
    elif path == "foster_carer":
        plan["moved_in"] = _after(rng, entered, 10, 90)
    plan["placed"] = _after(rng, plan["matched"], 5, 50)
    if "moved_in" in plan:
        plan["moved_in"] = min(plan["moved_in"], plan["placed"])
    if path == "disrupted":
        plan["disrupted"] = _after(rng, plan["placed"], 30, 240)
        plan["rematched"] = _after(rng, plan["disrupted"], 40, 200)
        plan["replaced"] = _after(rng, plan["rematched"], 5, 40)
    last_placed = plan.get("replaced", plan["placed"])
    plan["application"] = _after(rng, last_placed, 70, 200)
    plan["adoption_order"] = _after(rng, plan["application"], 30, 150)
    return plan


def _household_for(rng, households, matched: date | None) -> AdopterHousehold | None:
    if matched is None:
        return None
    ready = [h for h in households if h.approved and h.approved <= matched and not h.withdrawn]
    return rng.choice(ready) if ready and rng.random() < 0.75 else None


def _external_household(rng, externals) -> tuple[AdopterHousehold, str]:
    agency = rng.choice(externals)
    household, _ = AdopterHousehold.objects.get_or_create(
        reference=f"EXT-{agency.pk}-{rng.randint(1, 40):02d}",
        raa=None,
        defaults={"approving_agency": agency},
    )
    source = AdopterSource.VAA if agency.kind == "vaa" else AdopterSource.OTHER_LA
    return household, source


def _journey(rng, admin, child, plan, path, homes, meetings) -> Journey:
    journey = journeys.journey_create(user=admin, child=child, entered_care=plan["entered_care"])
    if not _known(plan["adm_decision"]):
        return journey
    journeys.decision_record(user=admin, journey=journey, decided=plan["adm_decision"])
    if _known(plan.get("plan_ceased")):
        return journeys.plan_cease(
            user=admin,
            journey=journey,
            decided=plan["plan_ceased"],
            reason=plan["plan_ceased_reason"],
        )
    if _known(plan.get("placement_order")):
        journeys.placement_order_record(
            user=admin, journey=journey, granted=plan["placement_order"]
        )
    if "matched" not in plan:
        return journey  # the plan will be reversed, but not yet: the child waits
    placements = [(plan["matched"], plan["placed"])]
    if "disrupted" in plan:
        placements.append((plan["rematched"], plan["replaced"]))
    for index, (matched, placed) in enumerate(placements):
        if not _known(matched):
            return journey
        chosen, source = homes[index]
        link = journeys.link_create(
            user=admin, journey=journey, household=chosen, linked=matched - timedelta(days=40)
        )
        journeys.match_record(user=admin, link=link, matched=matched)
        meeting = _meeting_before(rng, meetings, matched)
        if meeting is not None:
            item = panels.item_add(
                user=admin,
                meeting=meeting,
                business_type="match",
                journey=journey,
                papers_received=meeting.date - timedelta(7),
            )
            _decide(rng, admin, item, meeting.date + timedelta(days=rng.randint(1, 12)))
        if not _known(placed):
            return journey
        early = (
            {"early_permanence": EarlyPermanence.FOSTERING_FOR_ADOPTION}
            if (path == "early_permanence" and index == 0)
            else {}
        )
        placement = journeys.placement_record(
            user=admin,
            journey=journey,
            placed=placed,
            household=chosen,
            source=source,
            moved_in=plan.get("moved_in") if index == 0 else None,
            inter_agency_fee=Decimal("27000") if source != AdopterSource.OWN else None,
            **early,
        )
        if index == 0 and _known(plan.get("disrupted")):
            journeys.disruption_record(
                user=admin,
                placement=placement,
                ended=plan["disrupted"],
                reason="The placement could not meet the child's needs.",
                meeting=plan["disrupted"] + timedelta(days=21),
                chair="Independent reviewing officer",
                chair_independent=True,
                report_completed=True,
                learning="Earlier support plan.",
            )
        elif index == 0 and "disrupted" in plan:
            return journey
    if _known(plan.get("application")):
        journeys.adoption_application_record(
            user=admin, journey=journey, applied=plan["application"]
        )
    if _known(plan.get("adoption_order")):
        journeys.adoption_order_record(user=admin, journey=journey, granted=plan["adoption_order"])
    return journey


def _support(rng, admin, adopted: list[Journey]) -> int:
    referrals = 0
    for journey in adopted:
        if rng.random() > 0.35:
            continue
        referred = _known(_after(rng, journey.adoption_order, 30, 900))
        if referred is None:
            continue
        referral = support.referral_create(
            user=admin,
            la=journey.child.la,
            child=journey.child,
            referred=referred,
            summary="Call to the advice line about the child's behaviour at school.",
        )
        referrals += 1
        if rng.random() < 0.8:
            started = _after(rng, referred, 5, 30)
            completed = _known(_after(rng, started, 20, 90))
            if _known(started):
                support.assessment_record(
                    user=admin,
                    referral=referral,
                    started=started,
                    completed=completed,
                    needs_identified="Therapeutic parenting support",
                )
            if completed and rng.random() < 0.7:
                _fund_application(rng, admin, journey, completed)
    return referrals


def _fund_application(rng, admin, journey, completed: date) -> None:
    submitted = _after(rng, completed, 5, 40)
    if not _known(submitted):
        return
    application = support.fund_application_create(
        user=admin,
        child=journey.child,
        therapy_type=rng.choice(["theraplay", "ddp", "sensory", "creative"]),
        provider=rng.choice(["Northvale Therapy Partnership", "Family Futures", "Kite Therapy"]),
        amount_applied=Decimal(rng.choice([1800, 2500, 3000, 4200, 5000, 6500])),
        submitted=submitted,
    )
    decided = _known(_after(rng, submitted, 10, 45))
    if decided:
        approved = None if rng.random() < 0.1 else application.amount_applied
        rule = FundRule.objects.filter(applies_from__lte=application.financial_year).last()
        if approved is not None and rule is not None:
            approved = min(approved, rule.fair_access_limit)
        support.fund_application_decide(
            user=admin, application=application, decided=decided, approved=approved
        )


CAMPAIGNS = ["Every child deserves a family", "Sibling groups", "Could you adopt? (radio)"]
EVENT_TITLES = ["Thinking about adoption", "Adoption information evening", "Meet our adopters"]


def _recruitment(rng, admin, raa, hubs, households) -> None:
    """Information events, how each household heard of the RAA, initial visits, preparation
    courses, early-permanence kinds and what was learnt from each disruption."""
    day = START - timedelta(days=365)
    while day <= DEMO_TODAY:
        online = rng.random() < 0.4
        recruitment.information_event_create(
            user=admin,
            raa=raa,
            hub=None if online else rng.choice(hubs),
            held=day,
            format="online" if online else "in_person",
            title=rng.choice(EVENT_TITLES),
            attendance=rng.randint(6, 45),
        )
        day = _after(rng, day, 21, 40)
    for household in households:
        household.refresh_from_db()  # the casework since may have moved it on
        heard = rng.choice(["campaign"] * 3 + ["event"] * 3 + ["website"] * 2 + ["referral", ""])
        kinds = {}
        if household.early_permanence:
            kinds = rng.choice(
                [
                    {"offers_fostering_for_adoption": True},
                    {"offers_concurrent_planning": True},
                    {"offers_fostering_for_adoption": True, "offers_concurrent_planning": True},
                ]
            )
        journeys.household_update(
            user=admin,
            household=household,
            heard_from=heard,
            heard_from_detail=rng.choice(CAMPAIGNS) if heard == "campaign" else "",
            **kinds,
        )
        if household.registration and (household.registration - household.enquiry).days > 3:
            visited = _after(
                rng, household.enquiry, 2, (household.registration - household.enquiry).days - 1
            )
            recruitment.initial_visit_record(user=admin, household=household, visited=visited)
    starts = START
    while starts <= DEMO_TODAY:
        attendees = [
            h
            for h in households
            if h.stage1_decision and timedelta(0) <= h.stage1_decision - starts < timedelta(90)
        ]
        recruitment.preparation_course_create(
            user=admin,
            raa=raa,
            hub=rng.choice(hubs),
            title=f"Preparation course {starts:%B %Y}",
            starts=starts,
            ends=starts + timedelta(days=2),
            attendees=attendees,
        )
        starts = _after(rng, starts, 85, 95)
    for disruption in Disruption.objects.filter(placement__journey__child__la__raa=raa):
        ended = disruption.placement.ended
        if ended > DEMO_TODAY - timedelta(days=30):
            changes = {"meeting": None, "chair": "", "chair_independent": False, "learning": ""}
        else:
            changes = {"chair_independent": rng.random() < 0.8}
            if rng.random() < 0.75:
                changes["report_received"] = min(ended + timedelta(days=60), DEMO_TODAY)
        journeys.disruption_update(user=admin, disruption=disruption, **changes)
