"""Pages that belong to no app: the home page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from agencies.models import Role
from agencies.scoping import access_for
from indicators.calculations import Period, figures_for, scope_default_for


@login_required
def home(request):
    """The signed-in user's home page: their role, scope and this year's headline figures."""
    access = access_for(request.user)
    period = Period.current_year()
    scope = scope_default_for(access)
    figures = figures_for(scope, period) if scope else {}
    headline = [(code, figures[code]) for code in ("A10", "A2", "A20", "A3") if code in figures]
    return render(
        request,
        "home.html",
        {
            "period": period,
            "scope": scope,
            "headline": headline,
            "is_board": access.role == Role.BOARD_MEMBER,
        },
    )
