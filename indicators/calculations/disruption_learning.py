"""Learning from disruptions: the disruption meeting, whether its chair was independent of the
case, the report and the learning, by where the adopters were approved (docs/indicators.md §7.5).
Counted as the disruptions of §6 are: a sibling group placed together counts once."""

from django.db.models import Q

from indicators.calculations.expressions import known
from indicators.calculations.measures import measure
from indicators.calculations.panels_support import _disruption_key, disrupted_in
from indicators.periods import Period
from journeys.models import AdopterSource


def _meeting_held(period: Period) -> Q:
    return known("disruption__meeting")


@measure(
    "disruption_meetings",
    "Disruptions with a disruption meeting held",
    "percent",
    condition=_meeting_held,
    distinct=_disruption_key(),
    better="higher",
)
def disruption_meetings(period: Period) -> Q:
    """disruption_meetings (docs/indicators.md §7.5): of disruptions in the period, the number
    and share with a disruption meeting recorded."""
    return disrupted_in(period)


@measure(
    "disruption_meetings_own",
    "Disruption meetings held: the LA's or RAA's own adopters",
    "count",
    distinct=_disruption_key(),
)
def disruption_meetings_own(period: Period) -> Q:
    """disruption_meetings_own (docs/indicators.md §7.5): disruptions in the period with a
    meeting held, whose adopters the child's own LA or RAA approved."""
    return disrupted_in(period) & _meeting_held(period) & Q(source=AdopterSource.OWN)


@measure(
    "disruption_meetings_inter_agency",
    "Disruption meetings held: adopters approved elsewhere",
    "count",
    distinct=_disruption_key(),
)
def disruption_meetings_inter_agency(period: Period) -> Q:
    """disruption_meetings_inter_agency (docs/indicators.md §7.5): disruptions in the period with
    a meeting held, whose adopters another LA, RAA or a voluntary agency approved."""
    return disrupted_in(period) & _meeting_held(period) & ~Q(source=AdopterSource.OWN)


@measure(
    "disruption_chair_independent",
    "Disruption meetings chaired independently of the case",
    "percent",
    condition=lambda period: Q(disruption__chair_independent=True),
    distinct=_disruption_key(),
    better="higher",
)
def disruption_chair_independent(period: Period) -> Q:
    """disruption_chair_independent (docs/indicators.md §7.5): of disruptions in the period with
    a meeting held, the number and share whose chair was independent of the case."""
    return disrupted_in(period) & _meeting_held(period)


@measure(
    "disruption_reports",
    "Disruptions with the disruption report received",
    "percent",
    condition=lambda period: known("disruption__report_received"),
    distinct=_disruption_key(),
    better="higher",
)
def disruption_reports(period: Period) -> Q:
    """disruption_reports (docs/indicators.md §7.5): of disruptions in the period, the number and
    share whose disruption report has been received."""
    return disrupted_in(period)


@measure(
    "disruption_learning",
    "Disruptions with learning recorded",
    "percent",
    condition=lambda period: known("disruption__learning") & ~Q(disruption__learning=""),
    distinct=_disruption_key(),
    better="higher",
)
def disruption_learning(period: Period) -> Q:
    """disruption_learning (docs/indicators.md §7.5): of disruptions in the period, the number and
    share with the learning from them recorded."""
    return disrupted_in(period)


PLACEMENT_MEASURES = (
    disruption_meetings,
    disruption_meetings_own,
    disruption_meetings_inter_agency,
    disruption_chair_independent,
    disruption_reports,
    disruption_learning,
)
