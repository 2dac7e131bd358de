"""What the imported returns say, for the export round trip and the reconciliation report: the
one place this side calls into the import pipeline's internals (switch here when they change).

With journeys.ssda903.pipeline (the reading/checking core's rewrite), `return_journey_facts`
becomes: `stored = _stored_rows(la)`, then for each child
`rows = merge_years(stored.get(child, {}), warn)` and
`derive_journeys(rows.get(EPISODES, []), rows[AD1][-1] if rows.get(AD1) else None,
rows.get(PLACED_ADOPTION, []), warn)` with a `warn` that ignores its arguments.
"""

from journeys.models import ReturnRow
from journeys.ssda903.codes import AD1, EPISODES, PLACED_ADOPTION
from journeys.ssda903.derive import JourneyFacts, derive_journeys
from journeys.ssda903.services import _merged_rows


def return_children(la, year: str) -> list[str]:
    """The CHILD identifiers of the LA's imported return for `year`."""
    return sorted(
        ReturnRow.objects.filter(la=la, year=year)
        .order_by()
        .values_list("child", flat=True)
        .distinct()
    )


def return_journey_facts(la, children: list[str]) -> dict[str, list[JourneyFacts]]:
    """Each child's journeys as the imported returns (every year, merged) give them."""
    merged = _merged_rows(la, children)
    facts = {}
    for child in children:
        rows = merged.get(child, {})
        ad1 = rows[AD1][0] if rows.get(AD1) else None
        facts[child] = derive_journeys(
            rows.get(EPISODES, []), ad1, rows.get(PLACED_ADOPTION, []), lambda *args, **kw: None
        )
    return facts
