"""REST endpoints for the figures, their drill-down and the children-who-wait worklist."""

from dataclasses import asdict
from datetime import date

from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.scoping import access_for
from indicators.calculations import figures_json
from indicators.periods import Period, PeriodError
from indicators.scopes import ScopeError, parse_scope
from indicators.selectors import (
    SCOPE_NOT_ALLOWED,
    DrillDownError,
    journey_drilldown,
    scope_allowed,
    waiting_children,
)

BAD_DATE = "Give the date as YYYY-MM-DD."


def _scope_and_period(request, need_period: bool = True):
    errors, scope, period = {}, None, None
    try:
        scope = parse_scope(request.query_params.get("scope", ""))
    except ScopeError as error:
        errors["scope"] = [str(error)]
    if need_period:
        try:
            period = Period.parse(request.query_params.get("period", ""))
        except PeriodError as error:
            errors["period"] = [str(error)]
    if errors:
        raise ValidationError(errors)
    if not scope_allowed(access_for(request.user), scope):
        raise PermissionDenied(SCOPE_NOT_ALLOWED.format(scope=scope.text))
    return scope, period


class IndicatorsView(APIView):
    """Every figure for `?scope=` (la:CODE, hub:ID, raa:SLUG, all) and `?period=`."""

    def get(self, request):
        scope, period = _scope_and_period(request)
        return Response(figures_json(scope, period))


class FigureChildrenView(APIView):
    """The children behind one figure: `?figure=A2&scope=…&period=…`."""

    def get(self, request):
        scope, period = _scope_and_period(request)
        code = request.query_params.get("figure", "")
        try:
            rows = journey_drilldown(
                user=request.user, code=code, scope=scope, period=period, via="api"
            )
        except DrillDownError as error:
            raise ValidationError({"figure": [str(error)]}) from error
        return Response(
            {
                "figure": code,
                "scope": scope.text,
                "period": period.label,
                "count": len(rows),
                "results": rows,
            }
        )


class WaitingChildrenView(APIView):
    """The children-who-wait worklist at `?date=` (default today) for `?scope=`."""

    def get(self, request):
        scope, _ = _scope_and_period(request, need_period=False)
        text = request.query_params.get("date")
        try:
            on = date.fromisoformat(text) if text else date.today()
        except ValueError as error:
            raise ValidationError({"date": [BAD_DATE]}) from error
        children = waiting_children(user=request.user, scope=scope, on=on, via="api")
        return Response(
            {
                "scope": scope.text,
                "date": on.isoformat(),
                "count": len(children),
                "results": [asdict(child) for child in children],
            }
        )
