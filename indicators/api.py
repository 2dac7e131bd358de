"""REST endpoints for the figures, their drill-down and the children-who-wait worklist."""

from dataclasses import asdict
from datetime import date

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.scoping import NO_ACCESS_MESSAGE, SUPPORT, access_for
from agencies.services import superuser_delete, superuser_save
from core.api_support import ScopedViewSet
from indicators import figure_cache
from indicators.comparison_views import comparison_api_body, wants_comparison
from indicators.disclosure import as_seen_by, belongs
from indicators.filters import ReferenceValueFilterSet
from indicators.models import ReferenceValue
from indicators.periods import Period, PeriodError
from indicators.scopes import ScopeError, parse_scope
from indicators.selectors import (
    SCOPE_NOT_ALLOWED,
    DrillDownError,
    figure_drilldown,
    scope_allowed,
    waiting_children,
)
from indicators.serializers import (
    FigureRowsSerializer,
    FiguresSerializer,
    ReferenceValueSerializer,
    WaitingChildrenSerializer,
    figures_json,
)
from indicators.support_money import support_section

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


SCOPE = OpenApiParameter(
    "scope", str, required=True, description="la:CODE, hub:ID, raa:SLUG or all"
)
PERIOD = OpenApiParameter(
    "period",
    str,
    required=True,
    description="2022-23, 2020-23, 2022-23 Q3, 2022-23 M1, R12 2022-23 Q3, "
    "2020-04-01 to 2020-09-27, or several separated by commas",
)

BY = OpenApiParameter(
    "by", str, description="la: a row per partner LA of the RAA in scope, and the RAA's total"
)


class IndicatorsView(APIView):
    """Every figure for `?scope=` (la:CODE, hub:ID, raa:SLUG, all) and `?period=`; with
    `&by=la` a row per partner LA of an RAA and its total, and with several periods
    (`?period=2022-23,2023-24,2024-25`) each figure year on year with its change; with
    `&split=go-live` the period before and after the area's go-live date."""

    @extend_schema(parameters=[SCOPE, PERIOD, BY], responses={200: FiguresSerializer})
    def get(self, request):
        if wants_comparison(request.query_params):
            return Response(comparison_api_body(request))
        scope, period = _scope_and_period(request)
        figures = as_seen_by(
            access_for(request.user), scope, figure_cache.figures_for(scope, period)
        )
        return Response(figures_json(scope, period, figures))


class FigureChildrenView(APIView):
    """The children behind one figure: `?figure=A2&scope=…&period=…`."""

    @extend_schema(
        parameters=[
            OpenApiParameter("figure", str, required=True, description="a figure's code, e.g. A2"),
            SCOPE,
            PERIOD,
        ],
        responses={200: FigureRowsSerializer},
    )
    def get(self, request):
        scope, period = _scope_and_period(request)
        code = request.query_params.get("figure", "")
        try:
            rows = figure_drilldown(
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

    @extend_schema(
        parameters=[
            SCOPE,
            OpenApiParameter("date", OpenApiTypes.DATE, description="the day (default today)"),
        ],
        responses={200: WaitingChildrenSerializer},
    )
    def get(self, request):
        scope, _ = _scope_and_period(request, need_period=False)
        text = request.query_params.get("date")
        try:
            on = date.fromisoformat(text) if text else timezone.localdate()
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


class ReferenceValueViewSet(ScopedViewSet):
    """Targets and comparator averages by indicator and period (superusers change them)."""

    serializer_class = ReferenceValueSerializer
    queryset = ReferenceValue.objects.all()
    create_service = superuser_save
    update_service = superuser_save
    delete_service = superuser_delete
    record = "obj"
    filterset_class = ReferenceValueFilterSet


SUPPORT_OWN_AREA_ONLY = "Support and money are shown for your own LA or RAA only."


class SupportAndMoneyView(APIView):
    """Adoption support beyond the Fund and money for `?scope=` and `?period=`: the figures of
    docs/indicators.md §8, groups' attendance, the Fund by therapy type, provider and year, the
    inter-agency fees by placing LA and (for those who keep money) the hubs' budgets. For the
    RAA's managers and support workers."""

    @extend_schema(parameters=[SCOPE, PERIOD], responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        scope, period = _scope_and_period(request)
        access = access_for(request.user)
        section = support_section(access, scope, period)
        if section is None and not belongs(access, scope):
            raise PermissionDenied(SUPPORT_OWN_AREA_ONLY)
        if section is None:
            raise PermissionDenied(NO_ACCESS_MESSAGE.format(area=SUPPORT))
        return Response({"scope": scope.text, "period": period.label, **section.data})
