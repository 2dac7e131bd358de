"""Recruitment: information events, initial visits, enquiries by source and campaign, conversion
from step to step, preparation courses and households able to offer early permanence
(docs/indicators.md §7). Each indicator's docstring is its definition."""

from django.db.models import Count, F, Q

from indicators.calculations.expressions import in_period, known, on_or_before
from indicators.calculations.measures import measure
from indicators.calculations.states import household_open
from indicators.periods import Period
from journeys.models import AdopterHousehold, HeardFrom
from recruitment.models import InformationEvent

# --- Information events (per RAA) --------------------------------------------------------------


@measure("information_events", "Information events held", "count", short="Events")
def information_events(period: Period) -> Q:
    """information_events (docs/indicators.md §7.1): the RAA's information events held in the
    period, in person or online."""
    return in_period("held", period)


@measure("information_events_online", "Information events held online", "count")
def information_events_online(period: Period) -> Q:
    """information_events_online (docs/indicators.md §7.1): of information_events, those held
    online."""
    return in_period("held", period) & Q(format=InformationEvent.Format.ONLINE)


@measure("event_attendance", "People attending information events", "total", amount="attendance")
def event_attendance(period: Period) -> Q:
    """event_attendance (docs/indicators.md §7.1): people who attended the information events
    held in the period, added up."""
    return in_period("held", period)


EVENT_MEASURES = (information_events, information_events_online, event_attendance)

# --- Preparation courses (per RAA) -------------------------------------------------------------


# Distinct: counting attendees joins each course to its attendees, one row per household.
@measure("preparation_courses", "Preparation courses run", "count", distinct="pk")
def preparation_courses(period: Period) -> Q:
    """preparation_courses (docs/indicators.md §7.1): preparation courses whose first day fell in
    the period."""
    return in_period("starts", period)


@measure(
    "preparation_attendees",
    "Households attending preparation courses",
    "count",
    distinct="attendees",
)
def preparation_attendees(period: Period) -> Q:
    """preparation_attendees (docs/indicators.md §7.1): households that attended a preparation
    course starting in the period, each counted once however many courses it attended."""
    return in_period("starts", period)


COURSE_MEASURES = (preparation_courses, preparation_attendees)

# --- Initial visits (per LA of the household) ---------------------------------------------------


@measure("initial_visits", "Initial visits to enquiring households", "count")
def initial_visits(period: Period) -> Q:
    """initial_visits (docs/indicators.md §7.1): initial visits made in the period."""
    return in_period("visited", period)


VISIT_MEASURES = (initial_visits,)

# --- Enquiries by source, and conversion (over households) -------------------------------------


def _enquiries_from(value: str, label: str):
    @measure(f"enquiries_{value}", f"Enquiries: {label}", "count")
    def enquiries_from(period: Period) -> Q:
        """enquiries_<source> (docs/indicators.md §7.2): households enquiring in the period that
        heard of the agency that way."""
        return in_period("enquiry", period) & Q(heard_from=value)

    return enquiries_from


@measure("enquiries_source_unknown", "Enquiries: how they heard not recorded", "count")
def enquiries_source_unknown(period: Period) -> Q:
    """enquiries_source_unknown (docs/indicators.md §7.2): households enquiring in the period
    with no record of how they heard of the agency."""
    return in_period("enquiry", period) & Q(heard_from="")


@measure("stage1_decisions", "Stage 1 decisions", "count")
def stage1_decisions(period: Period) -> Q:
    """stage1_decisions (docs/indicators.md §7.3): households whose Stage 1 decision fell in the
    period."""
    return in_period("stage1_decision", period)


def _converted(name: str, step: str, next_step: str, title: str):
    @measure(name, title, "percent", condition=lambda period: known(next_step), better="higher")
    def converted(period: Period) -> Q:
        """conversion_to_<step> (docs/indicators.md §7.3): of households reaching the earlier
        step in the period, the number and share that have reached the next one since (as
        recorded when the figure is made)."""
        return in_period(step, period)

    return converted


conversion_to_registration = _converted(
    "conversion_to_registration",
    "enquiry",
    "registration",
    "Enquiries that went on to register interest",
)
conversion_to_stage1_decision = _converted(
    "conversion_to_stage1_decision",
    "registration",
    "stage1_decision",
    "Registrations that reached a Stage 1 decision",
)
conversion_to_stage2 = _converted(
    "conversion_to_stage2",
    "stage1_decision",
    "stage2_start",
    "Stage 1 decisions followed by a Stage 2 start",
)
conversion_to_approval = _converted(
    "conversion_to_approval", "stage2_start", "approved", "Stage 2 starts that led to approval"
)
CONVERSIONS = (
    conversion_to_registration,
    conversion_to_stage1_decision,
    conversion_to_stage2,
    conversion_to_approval,
)


def _approved_open_at_end(period: Period) -> Q:
    return on_or_before("approved", period.end) & household_open(period.end)


@measure("early_permanence_households", "Approved households offering early permanence", "count")
def early_permanence_households(period: Period) -> Q:
    """early_permanence_households (docs/indicators.md §7.4): at period end, households approved
    and not withdrawn that can offer early permanence."""
    return _approved_open_at_end(period) & Q(early_permanence=True)


@measure("ep_fostering_for_adoption", "Of those, offering fostering for adoption", "count")
def ep_fostering_for_adoption(period: Period) -> Q:
    """ep_fostering_for_adoption (docs/indicators.md §7.4): of early_permanence_households,
    those that can offer fostering for adoption."""
    return early_permanence_households.cohort(period) & Q(offers_fostering_for_adoption=True)


@measure("ep_concurrent_planning", "Of those, offering concurrent planning", "count")
def ep_concurrent_planning(period: Period) -> Q:
    """ep_concurrent_planning (docs/indicators.md §7.4): of early_permanence_households, those
    that can offer concurrent planning (a household may offer both kinds)."""
    return early_permanence_households.cohort(period) & Q(offers_concurrent_planning=True)


HOUSEHOLD_MEASURES = (
    *(_enquiries_from(value, label) for value, label in HeardFrom.choices),
    enquiries_source_unknown,
    stage1_decisions,
    *CONVERSIONS,
    early_permanence_households,
    ep_fostering_for_adoption,
    ep_concurrent_planning,
)
# The steps from enquiry to approval as the report shows them by quarter: each step's count in
# the quarter, then the share of that quarter's households that went on to the next step.
STEP_COUNTS = ("enquiries", "registrations", "stage1_decisions", "stage2_starts", "approvals")
STEP_CONVERSIONS = tuple(measure.code for measure in CONVERSIONS)


def enquiries_by_campaign(la_ids: frozenset[int] | None, period: Period) -> list[dict]:
    """enquiries_by_campaign (docs/indicators.md §7.2): households enquiring in the period that
    heard of the agency through a recruitment campaign, by the campaign they named (blank: not
    named), most enquiries first. One query; `la_ids` None means every LA."""
    households = AdopterHousehold.objects.filter(
        in_period("enquiry", period), heard_from=HeardFrom.CAMPAIGN
    )
    if la_ids is not None:
        households = households.filter(la_id__in=la_ids)
    return list(
        households.order_by()
        .values(campaign=F("heard_from_detail"))
        .annotate(enquiries=Count("pk"))
        .order_by("-enquiries", "campaign")
    )
