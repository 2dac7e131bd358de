"""The reconciliation report: child by child, where an LA's imported return for a year and the
portal's casework disagree on a date of the adoption journey (docs/ssda903-export.md)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from agencies.audit import audit_record
from agencies.models import AuditEvent, LocalAuthority
from indicators.periods import Period
from journeys.models import Journey
from journeys.ssda903.export import require_returns_of
from journeys.ssda903.return_data import return_children, return_journey_facts

COMPARED_DATES = {
    "adm_decision": "ADM decision",
    "placement_order": "Placement order",
    "matched": "Match",
    "placed": "Placed for adoption",
    "adoption_order": "Adoption order",
}
DIFFERENT = "the dates differ"
RETURN_ONLY = "only in the return"
PORTAL_ONLY = "only in the portal"
CHILD_NOT_IN_RETURN = "the child is not in the return"
REPORT_CSV_HEADER = ["child", "entered care", "date", "return", "portal", "finding"]


@dataclass(frozen=True)
class DateDifference:
    child: str
    entered_care: date | None
    date: str  # a label of COMPARED_DATES
    in_return: date | None
    in_portal: date | None
    finding: str
    journey_id: int | None = None

    def row(self) -> list[str]:
        return [
            self.child,
            _iso(self.entered_care),
            self.date,
            _iso(self.in_return),
            _iso(self.in_portal),
            self.finding,
        ]


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _compare(child: str, facts, journey: Journey | None) -> list[DateDifference]:
    found = []
    for name, label in COMPARED_DATES.items():
        in_return = getattr(facts, name) if facts else None
        in_portal = getattr(journey, name) if journey else None
        if in_return == in_portal:
            continue
        if in_return and in_portal:
            finding = DIFFERENT
        elif in_return:
            finding = RETURN_ONLY
        else:
            finding = PORTAL_ONLY if facts else CHILD_NOT_IN_RETURN
        entered = (facts.entered_care if facts else None) or (
            journey.entered_care if journey else None
        )
        found.append(
            DateDifference(
                child, entered, label, in_return, in_portal, finding, journey and journey.pk
            )
        )
    return found


def _pairs(facts_list, journeys: list[Journey]):
    """Pair the return's journeys of a child with the portal's: by date of entering care, and a
    lone journey on each side with each other."""
    journeys = list(journeys)
    facts_left = []
    pairs = []
    for facts in facts_list:
        match = next((j for j in journeys if j.entered_care == facts.entered_care), None)
        if match is None:
            facts_left.append(facts)
        else:
            journeys.remove(match)
            pairs.append((facts, match))
    if len(facts_left) == 1 and len(journeys) == 1:
        return [*pairs, (facts_left[0], journeys[0])]
    return pairs + [(facts, None) for facts in facts_left] + [(None, j) for j in journeys]


def return_casework_differences(*, user, la: LocalAuthority, year: str) -> list[DateDifference]:
    """Where the LA's imported return for `year` and the portal's journeys disagree on an ADM
    decision, placement order, match, placement or adoption order, child by child; with the
    journeys of the year's casework whose child the return does not hold. Audited."""
    require_returns_of(user, la)
    period = Period.years(int(year[:4]))
    children = return_children(la, year)
    if not children:
        return []
    facts_by_child = return_journey_facts(la, children)
    journeys = Journey.objects.filter(child__la=la).select_related("child")
    in_return = journeys.filter(child__la_child_id__in=children)
    by_child: dict[str, list[Journey]] = {}
    for journey in in_return:
        by_child.setdefault(journey.child.la_child_id, []).append(journey)
    differences = []
    for child in children:
        for facts, journey in _pairs(facts_by_child.get(child, []), by_child.get(child, [])):
            differences += _compare(child, facts, journey)
    in_year = Q()
    for name in COMPARED_DATES:
        in_year |= Q(**{f"{name}__range": (period.start, period.end)})
    for journey in journeys.exclude(child__la_child_id__in=children).filter(in_year):
        differences += _compare(journey.child.la_child_id, None, journey)
    order = list(COMPARED_DATES.values())
    differences.sort(key=lambda d: (d.child, d.entered_care or date.min, order.index(d.date)))
    audited = sorted({d.journey_id for d in differences if d.journey_id})
    if audited:
        audit_record(
            user=user,
            action=AuditEvent.Action.LIST,
            model="journey",
            object_ids=audited,
            la_id=la.pk,
            via="report",
        )
    return differences
