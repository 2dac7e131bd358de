"""Child-level reads behind the figures: drill-downs, the worklist and the data-quality report.

They use the cohort conditions and states of indicators/calculations/, and the user's role and
LA scope.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    BinaryField,
    Exists,
    F,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
)

from agencies.audit import audited_list
from agencies.models import LocalAuthority, RegionalAdoptionAgency
from agencies.scoping import (
    CHILDREN,
    HOUSEHOLDS,
    PANELS,
    RECRUITMENT,
    SUPPORT,
    Access,
    access_for,
    require_read,
)
from indicators.calculations.engine import (
    COMBINATION_OF,
    DERIVED,
    FAMILY_BY_NAME,
    FAMILY_OF,
    MEASURES,
)
from indicators.calculations.expressions import DaysBetween
from indicators.calculations.measures import Measure
from indicators.calculations.states import (
    harder_to_place_waiting,
    no_match_after_placement_order_at,
    waiting_at,
)
from indicators.models import Export
from indicators.periods import Period
from indicators.scopes import ALL, Scope, all_scopes, scope_for_la, scope_for_raa
from journeys.models import JOURNEY_DATES, ImportRecord, Journey, Placement

UNKNOWN_FIGURE = "Unknown figure {code!r}."
NOT_DRILLABLE = "The figure {code!r} is worked out from other figures; drill into those instead."
SCOPE_NOT_ALLOWED = "Your role does not cover {scope}."
AREA_OF_FAMILY = {
    "journeys": CHILDREN,
    "placements": CHILDREN,
    "households": HOUSEHOLDS,
    "links": HOUSEHOLDS,
    "panel_items": PANELS,
    "meetings": PANELS,
    "support_referrals": SUPPORT,
    "support_assessments": SUPPORT,
    "fund_applications": SUPPORT,
    "information_events": RECRUITMENT,
    "preparation_courses": RECRUITMENT,
    "initial_visits": RECRUITMENT,
    "contact_exchanges": SUPPORT,
    "contact_arrangements": SUPPORT,
    "group_sessions": SUPPORT,
}


class DrillDownError(ValueError):
    pass


def scope_allowed(access: Access, scope: Scope) -> bool:
    """Aggregate figures: all data for everyone; an LA, hub or RAA within the user's reach.

    RAA-wide roles see their RAA and its hubs and LAs; an LA's staff see their LA and the RAA
    it belongs to (an LA manager sees the RAA's aggregate figures); superusers see everything.
    """
    if access.is_superuser or scope.kind == "all":
        return True
    if access.role is None:
        return False
    if scope.kind == "raa":
        return access.raa_id is not None and scope.raa_ids == frozenset({access.raa_id})
    return bool(scope.la_ids) and scope.la_ids <= access.la_ids


def allowed_scopes(access: Access) -> list[Scope]:
    """Every scope whose figures the user may see, all data first, then RAAs, hubs and LAs."""
    order = {"all": 0, "raa": 1, "hub": 2, "la": 3}
    scopes = [scope for scope in all_scopes() if scope_allowed(access, scope)]
    return sorted(scopes, key=lambda scope: (order[scope.kind], scope.label))


def scope_default_for(access: Access) -> Scope | None:
    """The scope a user's home page and dashboard open on."""
    if access.is_superuser:
        return ALL
    if access.home_la_id:
        return scope_for_la(LocalAuthority.objects.get(pk=access.home_la_id))
    if access.raa_id:
        return scope_for_raa(RegionalAdoptionAgency.objects.get(pk=access.raa_id))
    return None


def figure_area(code: str) -> str | None:
    """The area of records behind a figure (children, households, …); None for a figure worked
    out from others, which has no rows of its own."""
    if code in COMBINATION_OF:
        return AREA_OF_FAMILY[COMBINATION_OF[code].family]
    if code in FAMILY_OF:
        return AREA_OF_FAMILY[FAMILY_OF[code].name]
    return None


def figure_rows(*, user, code: str, scope: Scope, period: Period) -> QuerySet:
    """The rows (children, placements, households, items) behind one figure, in the user's
    scope, with the days each contributes where the figure is a mean."""
    if code in DERIVED:
        raise DrillDownError(NOT_DRILLABLE.format(code=code))
    if code in COMBINATION_OF:
        combination = COMBINATION_OF[code]
        measure = Measure(code, combination.title, "count", combination.rows)
        family = FAMILY_BY_NAME[combination.family]
    elif code in MEASURES and not code.startswith("_"):
        measure, family = MEASURES[code], FAMILY_OF[code]
    else:
        raise DrillDownError(UNKNOWN_FIGURE.format(code=code))
    access = require_read(user, AREA_OF_FAMILY[family.name])
    rows = family.queryset().filter(measure.cohort(period))
    path = family.group_path
    if family.by_raa:
        rows = rows.filter(**{f"{path}__in": _raa_ids(access, scope)})
    else:
        if scope.la_ids is not None:
            rows = rows.filter(**{f"{path}__in": scope.la_ids})
        if access.la_ids is not None:
            rows = rows.filter(**{f"{path}__in": access.la_ids})
    if measure.days is not None:
        rows = rows.annotate(days=measure.days)
    if measure.condition is not None:
        rows = rows.annotate(counted=Q(measure.condition(period)))
    return rows.order_by("pk")


def _raa_ids(access: Access, scope: Scope) -> list[int]:
    raas = RegionalAdoptionAgency.objects.all()
    if scope.raa_ids is not None:
        raas = raas.filter(pk__in=scope.raa_ids)
    if access.la_ids is not None:
        raas = raas.filter(local_authorities__in=access.la_ids)
    return list(raas.values_list("pk", flat=True).distinct())


def figure_drilldown(*, user, code: str, scope: Scope, period: Period, via: str) -> list[dict]:
    """The children (or items) behind a figure as rows of identifiers, dates and, for means,
    days; the read is audited."""
    rows = figure_rows(user=user, code=code, scope=scope, period=period)
    model = rows.model
    if model in (Journey, Placement):
        prefix = "journey__" if model is Placement else ""
        fields = [
            f"{prefix}child__la__code",
            f"{prefix}child__la_child_id",
            f"{prefix}child_id",
            *(f"{prefix}{name}" for name in JOURNEY_DATES),
        ]
        if model is Placement:
            fields += [
                "journey_id",
                "journey__child__sibling_group_id",
                "household_id",
                "placed",
                "moved_in",
                "ended",
                "end_reason",
                "source",
            ]
    else:
        prefix = ""
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if not isinstance(field, TextField | JSONField | BinaryField) and not field.primary_key
        ]
    extra = [name for name in ("days", "counted") if name in rows.query.annotations]
    data = [
        {key.removeprefix(prefix): value for key, value in row.items()}
        for row in rows.values("pk", *fields, *extra)
    ]
    audited_list(model._meta.model_name, [row["pk"] for row in data], user=user, via=via)
    return data


@dataclass
class WaitingChild:
    journey_id: int
    child_id: int
    la_code: str
    la_child_id: str
    adm_decision: date
    placement_order: date | None
    days_since_decision: int
    days_since_placement_order: int | None
    harder_to_place: bool
    no_match_3_months: bool


ONLY_OWN_CHILDREN = (
    "Only {las}'s children are listed: your role sees the children of your own LA only. "
    "{scope}'s figures count every partner LA's children."
)


def children_shown_note(access: Access, scope: Scope) -> str:
    """What a child-level list of the scope leaves out for this user, said plainly (an LA's
    staff choosing their RAA see their own LA's children only); "" when it leaves out none."""
    if access.la_ids is None or (scope.la_ids is not None and scope.la_ids <= access.la_ids):
        return ""
    shown = access.la_ids if scope.la_ids is None else access.la_ids & scope.la_ids
    names = LocalAuthority.objects.filter(pk__in=shown).order_by("name")
    las = " and ".join(names.values_list("name", flat=True)) or "no LA"
    return ONLY_OWN_CHILDREN.format(las=las, scope=scope.label)


def waiting_children(
    *,
    user,
    scope: Scope,
    on: date,
    via: str = "page",
    harder_only: bool = False,
    no_match_only: bool = False,
) -> list[WaitingChild]:
    """The "children who wait" worklist at a date (docs/indicators.md §3), longest wait first,
    optionally only the harder to place or only those flagged.

    `no_match_3_months` flags a placement order three months old with no match: time for an
    inter-agency search."""
    access = require_read(user, CHILDREN)
    journeys = Journey.objects.filter(waiting_at(on))
    if scope.la_ids is not None:
        journeys = journeys.filter(child__la__in=scope.la_ids)
    if access.la_ids is not None:
        journeys = journeys.filter(child__la__in=access.la_ids)
    day = Value(on)
    journeys = journeys.annotate(
        days_since_decision=DaysBetween("adm_decision", day),
        days_since_po=DaysBetween("placement_order", day),
        harder=Q(harder_to_place_waiting(on)),
        po_3_months=Q(no_match_after_placement_order_at(on)),
        # a placement order made after the date was not there yet on it
        po_by_then=Q(placement_order__lte=on),
    ).order_by("-days_since_decision", "pk")
    if harder_only:
        journeys = journeys.filter(harder=True)
    if no_match_only:
        journeys = journeys.filter(po_3_months=True)
    children = [
        WaitingChild(
            journey_id=row["pk"],
            child_id=row["child_id"],
            la_code=row["child__la__code"],
            la_child_id=row["child__la_child_id"],
            adm_decision=row["adm_decision"],
            placement_order=row["placement_order"] if row["po_by_then"] else None,
            days_since_decision=row["days_since_decision"],
            days_since_placement_order=row["days_since_po"] if row["po_by_then"] else None,
            harder_to_place=bool(row["harder"]),
            no_match_3_months=bool(row["po_3_months"]),
        )
        for row in journeys.values(
            "pk",
            "child_id",
            "child__la__code",
            "child__la_child_id",
            "adm_decision",
            "placement_order",
            "days_since_decision",
            "days_since_po",
            "harder",
            "po_3_months",
            "po_by_then",
        )
    ]
    audited_list("journey", [child.journey_id for child in children], user=user, via=via)
    return children


# Each check: (reason shown to the user, condition on journeys).
DATA_QUALITY_CHECKS = (
    (
        "Adopted with no date of entering care: left out of A1, A3, A10 and A20.",
        Q(adoption_order__isnull=False, entered_care__isnull=True),
    ),
    (
        "Adopted with no date placed for adoption: left out of A1, A2, A3 and A10.",
        Q(adoption_order__isnull=False, placed__isnull=True),
    ),
    (
        "Adopted after a placement order with no match date: left out of A2.",
        Q(
            adoption_order__isnull=False,
            placement_order__isnull=False,
            placed__isnull=False,
            matched__isnull=True,
        ),
    ),
    (
        "ADM decision before the child entered care (a negative interval, counted as 0).",
        Q(adm_decision__lt=F("entered_care")),
    ),
    ("Match decision before the ADM decision.", Q(matched__lt=F("adm_decision"))),
    ("Match decision after the child was placed.", Q(matched__gt=F("placed"))),
    (
        "Placed for adoption with no match decision.",
        Q(placed__isnull=False, matched__isnull=True, adoption_order__isnull=True),
    ),
    (
        "Both an adoption order and a ceased plan.",
        Q(adoption_order__isnull=False, plan_ceased__isnull=False),
    ),
    (
        "Placement order or match recorded with no ADM decision.",
        Q(adm_decision__isnull=True)
        & (Q(placement_order__isnull=False) | Q(matched__isnull=False)),
    ),
    (
        "Date placed for adoption with no placement record behind it.",
        Q(placed__isnull=False)
        & ~Exists(Placement.objects.filter(journey=OuterRef("pk"), placed=OuterRef("placed"))),
    ),
)


def data_quality(*, user, scope: Scope, via: str = "page") -> list[dict]:
    """Journeys whose dates contradict each other or leave them out of a figure, with why."""
    access = require_read(user, CHILDREN)
    journeys = Journey.objects.all()
    if scope.la_ids is not None:
        journeys = journeys.filter(child__la__in=scope.la_ids)
    if access.la_ids is not None:
        journeys = journeys.filter(child__la__in=access.la_ids)
    findings = []
    for reason, condition in DATA_QUALITY_CHECKS:
        for row in journeys.filter(condition).values(
            "pk", "child_id", "child__la__code", "child__la_child_id", *JOURNEY_DATES
        ):
            findings.append({**row, "reason": reason})
    findings += _import_warnings(journeys)
    findings.sort(key=lambda row: (row["child__la__code"], row["child__la_child_id"]))
    audited_list("journey", [row["pk"] for row in findings], user=user, via=via)
    return findings


def _import_warnings(journeys: QuerySet[Journey]) -> list[dict]:
    """The data-quality warnings of each LA's latest SSDA903 import, on the children's journeys."""
    latest: dict[int, ImportRecord] = {}
    las = journeys.values_list("child__la", flat=True).distinct()
    for record in ImportRecord.objects.filter(
        la__in=las, status=ImportRecord.Status.SUCCEEDED
    ).order_by("created"):
        latest[record.la_id] = record
    findings = []
    for la_id, record in latest.items():
        by_child = {}
        for warning in record.warnings:
            by_child.setdefault(warning["child"], []).append(warning["reason"])
        rows = journeys.filter(child__la=la_id, child__la_child_id__in=list(by_child)).values(
            "pk", "child_id", "child__la__code", "child__la_child_id", *JOURNEY_DATES
        )
        for row in rows:
            for reason in by_child[row["child__la_child_id"]]:
                findings.append({**row, "reason": f"SSDA903 {record.year}: {reason}"})
    return findings


def export_list(*, user) -> QuerySet[Export]:
    """Board files of the areas the user may see, newest first: an RAA-wide role's RAA and its
    LAs; an LA role's LA, and its RAA's reports (not the scorecards, whose sections show the
    other LAs); everything for superusers."""
    access = access_for(user)
    exports = Export.objects.select_related("requested_by")
    if access.is_superuser:
        return exports
    if access.role is None or access.raa_id is None:
        return exports.none()
    codes = LocalAuthority.objects.filter(pk__in=access.la_ids).values_list("code", flat=True)
    raa = f"raa:{RegionalAdoptionAgency.objects.get(pk=access.raa_id).slug}"
    visible = Q(scope__in=[f"la:{code}" for code in codes])
    if access.home_la_id is None:
        visible |= Q(scope=raa)
    else:
        visible |= Q(scope=raa, kind__in=[Export.Kind.REPORT_PDF, Export.Kind.REPORT_DOCX])
    return exports.filter(visible)
