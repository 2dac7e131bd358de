"""What the imported returns say, for the reconciliation report: the one place this side calls
into the import pipeline's internals (switch here when they change)."""

from journeys.ssda903.codes import AD1, EPISODES, PLACED_ADOPTION
from journeys.ssda903.derive import JourneyFacts, derive_journeys
from journeys.ssda903.models import ReturnRow
from journeys.ssda903.reconcile import merge_years
from journeys.ssda903.stored import stored_rows, stored_years


def return_children(la, year: str) -> list[str]:
    """The CHILD identifiers of the LA's imported return for `year`."""
    return sorted(
        ReturnRow.objects.filter(la=la, year=year)
        .order_by()
        .values_list("child", flat=True)
        .distinct()
    )


def _ignore(*args, **kwargs) -> None:
    """The report reads what the import has already checked: its warnings are on the record."""


def return_journey_facts(la, children: list[str]) -> dict[str, list[JourneyFacts]]:
    """Each child's journeys as the imported returns (every year, reconciled) give them."""
    stored = stored_rows(la, children)
    all_years = stored_years(la)
    facts = {}
    for child in children:
        rows = merge_years(stored.get(child, {}), _ignore, all_years)
        facts[child] = derive_journeys(
            rows.get(EPISODES, []),
            rows[AD1][-1] if rows.get(AD1) else None,
            rows.get(PLACED_ADOPTION, []),
            _ignore,
        )
    return facts
