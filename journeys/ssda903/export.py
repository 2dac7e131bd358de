"""An LA's AD1 and PlacedAdoption tables for one collection year, from the portal's records, in
the CSV layout LAs send the DfE (docs/ssda903-export.md), so that an LA can check its return
against the RAA's casework before sending it."""

import csv
import io
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from agencies.audit import audit_record
from agencies.models import AuditEvent, LocalAuthority
from agencies.scoping import IMPORTS, OTHER_LA_MESSAGE, require_read
from indicators.periods import Period
from journeys.models import Journey

AD1 = "AD1"
PLACED_ADOPTION = "PlacedAdoption"
# The exact header rows of the two tables (the DfE's layout: no SEX column in either).
EXPORT_COLUMNS = {
    AD1: [
        "CHILD",
        "DOB",
        "DATE_INT",
        "DATE_MATCH",
        "FOSTER_CARE",
        "NB_ADOPTR",
        "SEX_ADOPTR",
        "LS_ADOPTR",
    ],
    PLACED_ADOPTION: [
        "CHILD",
        "DOB",
        "DATE_PLACED",
        "DATE_PLACED_CEASED",
        "REASON_PLACED_CEASED",
    ],
}


def _dmy(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _ad1_row(journey: Journey) -> list[str]:
    adopters = journey.adopters
    return [
        journey.child.la_child_id,
        _dmy(journey.child.date_of_birth),
        _dmy(journey.adm_decision),
        _dmy(journey.matched),
        "1" if journey.foster_carer_adoption else "0",
        str(adopters.number_of_adopters) if adopters else "",
        "",  # the portal does not record the adopters' sex
        adopters.legal_status if adopters else "",
    ]


def _placed_adoption_row(journey: Journey, period: Period) -> list[str]:
    ceased = (
        journey.plan_ceased if journey.plan_ceased and journey.plan_ceased <= period.end else None
    )
    return [
        journey.child.la_child_id,
        _dmy(journey.child.date_of_birth),
        _dmy(journey.adm_decision),
        _dmy(ceased),
        journey.plan_ceased_reason if ceased else "",
    ]


def return_export_journeys(la: LocalAuthority, period: Period) -> dict[str, list[Journey]]:
    """The journeys behind each table: AD1, the children adopted in the year; PlacedAdoption,
    every decision to place for adoption made by the year's end for a child looked after in the
    year (not adopted before it began, and the decision not reversed before it began)."""
    journeys = (
        Journey.objects.filter(child__la=la)
        .select_related("child", "adopters")
        .order_by("child__la_child_id", "adm_decision", "pk")
    )
    adopted = journeys.filter(adoption_order__range=(period.start, period.end))
    placed = journeys.filter(
        Q(entered_care__isnull=True) | Q(entered_care__lte=period.end),
        Q(adoption_order__isnull=True) | Q(adoption_order__gte=period.start),
        Q(plan_ceased__isnull=True) | Q(plan_ceased__gte=period.start),
        adm_decision__lte=period.end,
    )
    return {AD1: list(adopted), PLACED_ADOPTION: list(placed)}


def require_returns_of(user, la: LocalAuthority) -> None:
    """Refuse a user who may not see this LA's returns (the role table's imports area)."""
    if not require_read(user, IMPORTS).covers(la.pk):
        raise PermissionDenied(OTHER_LA_MESSAGE)


def return_export(*, user, la: LocalAuthority, year: str, via: str = "page") -> dict[str, str]:
    """{table: CSV text} of the LA's AD1 and PlacedAdoption tables for the collection year
    `year` (checked by the caller), for a user who may see the LA's returns; audited."""
    require_returns_of(user, la)
    period = Period.years(int(year[:4]))
    journeys = return_export_journeys(la, period)
    rows = {
        AD1: [_ad1_row(journey) for journey in journeys[AD1]],
        PLACED_ADOPTION: [_placed_adoption_row(j, period) for j in journeys[PLACED_ADOPTION]],
    }
    exported = sorted({j.pk for table in journeys.values() for j in table})
    if exported:
        audit_record(
            user=user,
            action=AuditEvent.Action.EXPORT,
            model="journey",
            object_ids=exported,
            la_id=la.pk,
            via=via,
        )
    texts = {}
    for table, table_rows in rows.items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(EXPORT_COLUMNS[table])
        writer.writerows(table_rows)
        texts[table] = buffer.getvalue()
    return texts
