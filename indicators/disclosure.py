"""Small numbers (docs/security.md, small numbers): figures of an area the user does not belong to
are shown as published statistics would be. A count of 1 to 4 is suppressed, and a mean,
percentage or sum over fewer than 5 children or items is withheld, with its trend and status, so
that another RAA's or LA's figure cannot reveal one child's dates. "All data" is such an area for
everyone but superusers: it holds other RAAs' children."""

from dataclasses import replace

from agencies.scoping import Access
from indicators.calculations.engine import MEASURES
from indicators.calculations.figure import Figure
from indicators.scopes import Scope
from indicators.selectors import scope_allowed

SMALLEST_SHOWN = 5
SUPPRESSED = "fewer than 5"


def belongs(access: Access, scope: Scope) -> bool:
    """Whether the area is the user's own: their LA, or their RAA and its hubs and LAs."""
    if access.is_superuser:
        return True
    return scope.kind != "all" and scope_allowed(access, scope)


def published(figure: Figure) -> Figure:
    """The figure as a publication shows it: counts under 5 (other than 0) and anything worked
    out over fewer than 5 rows withheld."""
    kind = MEASURES[figure.code].kind if figure.code in MEASURES else "count"
    small = 0 < figure.n < SMALLEST_SHOWN if kind == "count" else figure.n < SMALLEST_SHOWN
    if not small or (figure.value is None and kind != "count"):
        return figure
    return replace(
        figure,
        value=None,
        n=None,
        count=None,
        trend=None,
        status=None,
        previous=None,
        withheld=SUPPRESSED,
    )


def as_seen_by(access: Access, scope: Scope, figures: dict[str, Figure]) -> dict[str, Figure]:
    """A scope's figures as the user may see them."""
    if belongs(access, scope):
        return figures
    return {code: published(figure) for code, figure in figures.items()}
