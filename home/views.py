"""The home page: each role's work queues, and its figures for this year."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from agencies.models import Role
from agencies.scoping import ADMIN, access_for
from home.queues import queues_for
from indicators.dashboard import HEADLINE
from indicators.figure_cache import figure_series
from indicators.periods import Period
from indicators.selectors import scope_default_for

# The figures each role's home page opens on: what that role's work moves.
HOME_FIGURES = {
    Role.RAA_MANAGER: (*HEADLINE, "waiting_at_end", "po_awaiting_match_at_end"),
    Role.LA_MANAGER: (*HEADLINE, "waiting_at_end", "po_awaiting_match_at_end"),
    Role.FAMILY_FINDER: (
        "waiting_at_end",
        "po_awaiting_match_at_end",
        "adopters_waiting_at_end",
        "matches",
        "placements",
        "A2",
    ),
    Role.PANEL_ADVISER: ("panel_items", "decision_working_days", "decisions_late", "approvals"),
    Role.SUPPORT_WORKER: (
        "support_referrals",
        "assessments_completed",
        "referral_to_assessment_days",
        "asf_applications",
        "asf_amount_approved",
    ),
    Role.BOARD_MEMBER: (*HEADLINE, "adoptions"),
    None: (*HEADLINE, "adoptions", "waiting_at_end"),
}


# More queues than this are shown as a summary each, with a link to its page.
SUMMARY_AFTER = 2


@login_required
def home(request):
    """The signed-in user's home page: their work queues, oldest first, then this year's
    figures for their role. Someone whose work spans several roles' queues (an RAA manager)
    sees a short summary of each, with its page."""
    access = access_for(request.user)
    period = Period.current_year()
    scope = scope_default_for(access)
    figures = {}
    if scope:
        figures = figure_series(scope, [period], list(HOME_FIGURES[access.role]))[0]
    queues = queues_for(user=request.user, access=access, scope=scope, on=timezone.localdate())
    return render(
        request,
        "home.html",
        {
            "period": period,
            "scope": scope,
            "figures": list(figures.values()),
            "queues": queues,
            "summary": len(queues) > SUMMARY_AFTER,
            "can_admin": access.can_read(ADMIN),
        },
    )
