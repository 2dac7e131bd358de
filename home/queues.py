"""Each role's work queues on the home page, read through the owning apps' scoped selectors.

A queue is what a person of that role should act on next, the oldest first: the rows shown are
the first few, with the total. No state is defined here: waiting, late and the 7-working-day
clock come from indicators.calculations.states (through the selectors) and panels.working_days.
"""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse

from agencies.scoping import (
    CHILDREN,
    PANELS,
    REPORTS,
    SCORECARD_FILES,
    SUPPORT,
    Access,
)
from indicators.models import Export
from indicators.scopes import Scope
from indicators.selectors import data_quality, export_list, waiting_children
from journeys.selectors import links_without_match, waiting_without_link
from panels.selectors import decision_due, decision_overdue, decisions_awaited, meetings_ahead
from support.selectors import fund_applications_pending, referrals_awaiting_assessment

# Rows shown of each queue on the home page; its page lists them all.
QUEUE_ROWS = 10
SCORECARD_KINDS = (Export.Kind.SCORECARD_PDF, Export.Kind.SCORECARD_XLSX)


@dataclass
class Row:
    url: str
    label: str  # the link's text: the child's, household's or meeting's name
    cells: list[str]
    overdue: bool = False


@dataclass
class Queue:
    key: str
    title: str
    headers: list[str]  # the first names the record each row links to
    rows: list[Row]
    total: int
    empty: str  # said plainly when there is nothing to do
    page_url: str = ""
    page_label: str = ""
    overdue: int = field(default=0)
    overdue_label: str = "overdue"

    @property
    def oldest(self) -> Row | None:
        return self.rows[0] if self.rows else None

    @property
    def oldest_details(self) -> list[str]:
        """The oldest row's cells, each named by its column."""
        if not self.rows:
            return []
        cells = zip(self.headers[1:], self.rows[0].cells, strict=True)
        return [f"{header}: {cell}" for header, cell in cells]


def _day(day: date | None) -> str:
    return f"{day:%-d %b %Y}" if day else "Not recorded"


def _days(since: date | None, on: date) -> str:
    if since is None:
        return "Not recorded"
    days = (on - since).days
    return f"{days} day{'s' * (days != 1)}"


def _journey_url(journey_id: int) -> str:
    return reverse("journey-page", args=[journey_id])


def _child(child) -> str:
    return f"{child.la_child_id} ({child.la.name})"


def waiting_without_link_queue(*, user, on: date) -> Queue:
    """Children waiting with no link, the longest since the ADM decision first."""
    journeys = waiting_without_link(user=user, on=on)
    rows = [
        Row(
            _journey_url(journey.pk),
            _child(journey.child),
            [_day(journey.adm_decision), _days(journey.adm_decision, on)],
        )
        for journey in journeys[:QUEUE_ROWS]
    ]
    return Queue(
        "waiting-without-link",
        "Children waiting without a link",
        ["Child", "ADM decision", "Waiting"],
        rows,
        journeys.count(),
        "No child is waiting without a link.",
        reverse("worklist"),
        "All children who wait",
    )


def links_without_match_queue(*, user, on: date) -> Queue:
    """Links awaiting the ADM's match decision, the oldest first."""
    links = links_without_match(user=user, on=on)
    rows = [
        Row(
            _journey_url(link.journey_id),
            _child(link.journey.child),
            [str(link.household), _day(link.linked), _days(link.linked, on)],
        )
        for link in links[:QUEUE_ROWS]
    ]
    return Queue(
        "links-without-match",
        "Links without a match",
        ["Child", "Household", "Linked", "Since"],
        rows,
        links.count(),
        "Every link has its match decision.",
        reverse("worklist"),
        "All children who wait",
    )


def meetings_ahead_queue(*, user, on: date) -> Queue:
    """The next panel meetings, soonest first, with their agenda and the papers missing."""
    meetings = meetings_ahead(user=user, on=on)
    rows = [
        Row(
            reverse("panel-meeting", args=[meeting.pk]),
            f"{meeting.panel.name}, {meeting.date:%-d %b %Y}",
            [
                f"{meeting.item_count} item{'s' * (meeting.item_count != 1)}",
                str(meeting.papers_missing) if meeting.papers_missing else "None",
            ],
            overdue=bool(meeting.papers_missing),
        )
        for meeting in meetings[:QUEUE_ROWS]
    ]
    return Queue(
        "next-panels",
        "Next panels",
        ["Panel", "Agenda", "Papers not received"],
        rows,
        meetings.count(),
        "No panel meeting is planned.",
        reverse("panel-calendar"),
        "Panel calendar",
    )


def decisions_due_queue(*, user, on: date) -> Queue:
    """Agency decisions awaited on panel recommendations, the oldest panel first, each with the
    day it is due (7 working days after the panel) and whether it is overdue."""
    items = decisions_awaited(user=user)
    rows, overdue = [], 0
    for item in items:
        late = decision_overdue(item.meeting.date, on)
        overdue += late
        if len(rows) < QUEUE_ROWS:
            subject = item.household or (item.journey and item.journey.child.la_child_id)
            rows.append(
                Row(
                    reverse("panel-meeting", args=[item.meeting_id]),
                    f"{item.get_business_type_display()}: {subject}",
                    [
                        _day(item.meeting.date),
                        _day(decision_due(item.meeting.date)) + (" (overdue)" if late else ""),
                    ],
                    overdue=late,
                )
            )
    return Queue(
        "decisions-due",
        "Agency decisions due",
        ["Item", "Panel", "Decision due by"],
        rows,
        len(items),
        "No agency decision is awaited.",
        reverse("panel-calendar"),
        "Panel calendar",
        overdue=overdue,
    )


def referrals_queue(*, user, on: date) -> Queue:
    """Support referrals whose assessment of need is not completed, the oldest first."""
    referrals = referrals_awaiting_assessment(user=user)
    rows = []
    for referral in referrals[:QUEUE_ROWS]:
        assessment = getattr(referral, "assessment", None)
        started = f"Started {_day(assessment.started)}" if assessment else "Not started"
        rows.append(
            Row(
                reverse("support-referral", args=[referral.pk]),
                f"Referral of {_day(referral.referred)} ({referral.la.name})",
                [started, _days(referral.referred, on)],
            )
        )
    return Queue(
        "referrals-awaiting-assessment",
        "Referrals awaiting assessment",
        ["Referral", "Assessment", "Waiting"],
        rows,
        referrals.count(),
        "Every referral has its assessment.",
        reverse("support-referrals"),
        "All referrals",
    )


def fund_applications_queue(*, user, on: date) -> Queue:
    """Adoption Support Fund applications awaiting the Fund's decision, the longest first."""
    applications = fund_applications_pending(user=user)
    rows = [
        Row(
            reverse("support-referral", args=[application.referral_id])
            if application.referral_id
            else reverse("support-referrals"),
            f"{application.therapy_type} for {_child(application.child)}",
            [f"£{application.amount_applied:,.2f}", _day(application.submitted)],
        )
        for application in applications[:QUEUE_ROWS]
    ]
    return Queue(
        "fund-applications-pending",
        "Adoption Support Fund applications pending",
        ["Application", "Applied for", "Submitted"],
        rows,
        applications.count(),
        "No Fund application is waiting for a decision.",
        reverse("support-referrals"),
        "Adoption support",
    )


def children_waiting_queue(*, user, scope: Scope, on: date) -> Queue:
    """The children who wait in the user's area, the longest since the ADM decision first."""
    children = waiting_children(user=user, scope=scope, on=on, via="home")
    rows = [
        Row(
            _journey_url(child.journey_id),
            child.la_child_id,
            [
                _day(child.adm_decision),
                _days(child.adm_decision, on),
                "Yes" if child.no_match_3_months else "No",
            ],
        )
        for child in children[:QUEUE_ROWS]
    ]
    return Queue(
        "children-waiting",
        f"Children waiting in {scope.label}",
        ["Child", "ADM decision", "Waiting", "No match 3 months after the placement order"],
        rows,
        len(children),
        "No child is waiting.",
        reverse("worklist"),
        "All children who wait",
        overdue=sum(child.no_match_3_months for child in children),
        overdue_label="with no match 3 months after the placement order",
    )


def data_quality_queue(*, user, scope: Scope, on: date) -> Queue:
    """Journeys whose dates contradict each other or leave them out of a figure."""
    findings = data_quality(user=user, scope=scope, via="home")
    rows = [
        Row(_journey_url(finding["pk"]), finding["child__la_child_id"], [finding["reason"]])
        for finding in findings[:QUEUE_ROWS]
    ]
    return Queue(
        "data-quality",
        "Data-quality problems",
        ["Child", "Problem"],
        rows,
        len(findings),
        "No data-quality problem found.",
        reverse("data-quality"),
        "Data quality",
    )


def scorecard_queue(*, user, on: date) -> Queue:
    """The latest quarterly scorecard made for the user's areas."""
    scorecards = export_list(user=user).filter(kind__in=SCORECARD_KINDS, status=Export.Status.DONE)
    latest = scorecards.order_by("-finished_at", "-pk").first()
    rows = []
    if latest:
        rows.append(
            Row(
                reverse("export-download", args=[latest.pk]),
                f"{latest.get_kind_display()}: {latest.scope_name}, {latest.period}",
                [_day(latest.finished_at.date() if latest.finished_at else None)],
            )
        )
    return Queue(
        "latest-scorecard",
        "Latest scorecard",
        ["File", "Made"],
        rows,
        len(rows),
        "No scorecard has been made yet.",
        reverse("exports"),
        "Board files",
    )


def queues_for(*, user, access: Access, scope: Scope | None, on: date) -> list[Queue]:
    """The queues of the user's work, from what the role table lets their role do: links and
    matches for those who write children's journeys, panels and support for those who write
    them, the children waiting and the data to correct for managers, and scorecards for those
    who read them."""
    if scope is None:
        return []

    def in_scope(builder):
        return lambda *, user, on: builder(user=user, scope=scope, on=on)

    builders = []
    if access.can_write(CHILDREN):
        builders += [waiting_without_link_queue, links_without_match_queue]
    if access.can_write(PANELS):
        builders += [meetings_ahead_queue, decisions_due_queue]
    if access.can_write(SUPPORT):
        builders += [referrals_queue, fund_applications_queue]
    if access.can_read(CHILDREN) and access.can_read(REPORTS):
        builders += [in_scope(children_waiting_queue), in_scope(data_quality_queue)]
    if access.can_read(SCORECARD_FILES):
        builders.append(scorecard_queue)
    return [build(user=user, on=on) for build in builders]
