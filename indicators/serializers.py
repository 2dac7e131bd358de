from rest_framework import serializers

from indicators.calculations.engine import figures_for
from indicators.calculations.figure import Figure
from indicators.models import ReferenceValue
from indicators.periods import Period
from indicators.scopes import Scope


class ReferenceValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReferenceValue
        fields = ["id", "indicator", "kind", "period", "la", "value", "source"]


class FigureSerializer(serializers.Serializer):
    title = serializers.CharField()
    value = serializers.FloatField(allow_null=True, help_text="null when no children")
    n = serializers.IntegerField(
        required=False, help_text="children (or items) the figure is over; absent when withheld"
    )
    count = serializers.IntegerField(required=False, help_text="for shares: how many")
    target = serializers.FloatField(required=False)
    england = serializers.FloatField(required=False)
    trend = serializers.ChoiceField(["better", "worse", "same", "up", "down"], required=False)
    status = serializers.ChoiceField(["met", "within 10%", "not met"], required=False)
    withheld = serializers.CharField(
        required=False,
        help_text="another area's small number, withheld as published statistics are",
    )
    england_period = serializers.CharField(
        required=False, help_text="the England average's period where it is not the figure's"
    )
    neighbours = serializers.FloatField(required=False, help_text="statistical neighbours")
    england_status = serializers.CharField(
        required=False, help_text="against the England average: met, within 10%, not met"
    )


class FiguresSerializer(serializers.Serializer):
    scope = serializers.CharField()
    scope_name = serializers.CharField()
    period = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    figures = serializers.DictField(child=FigureSerializer())


class FigureRowsSerializer(serializers.Serializer):
    figure = serializers.CharField()
    scope = serializers.CharField()
    period = serializers.CharField()
    count = serializers.IntegerField()
    results = serializers.ListField(
        child=serializers.DictField(), help_text="identifiers, dates and days of each row"
    )


class WaitingChildSerializer(serializers.Serializer):
    journey_id = serializers.IntegerField()
    child_id = serializers.IntegerField()
    la_code = serializers.CharField()
    la_child_id = serializers.CharField()
    adm_decision = serializers.DateField()
    placement_order = serializers.DateField(allow_null=True)
    days_since_decision = serializers.IntegerField()
    days_since_placement_order = serializers.IntegerField(allow_null=True)
    harder_to_place = serializers.BooleanField()
    no_match_3_months = serializers.BooleanField()


class WaitingChildrenSerializer(serializers.Serializer):
    scope = serializers.CharField()
    date = serializers.DateField()
    count = serializers.IntegerField()
    results = WaitingChildSerializer(many=True)


def figures_json(scope: Scope, period: Period, figures: dict[str, Figure] | None = None) -> dict:
    """The figures (computed here unless given) as the command line and the API return them."""
    figures = figures_for(scope, period) if figures is None else figures
    return {
        "scope": scope.text,
        "scope_name": scope.label,
        "period": period.label,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "figures": {code: figure.as_dict() for code, figure in figures.items()},
    }
