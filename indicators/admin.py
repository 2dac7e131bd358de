from django.contrib import admin

from agencies.admin import ScopedAdmin
from indicators.models import ReferenceValue, StatisticalNeighbour


@admin.register(ReferenceValue)
class ReferenceValueAdmin(ScopedAdmin):
    list_display = ["indicator", "kind", "period", "la", "value", "source"]
    list_filter = ["kind", "indicator", "la"]
    search_fields = ["indicator", "period"]


@admin.register(StatisticalNeighbour)
class StatisticalNeighbourAdmin(ScopedAdmin):
    """Each LA's statistical neighbours, edited by its RAA's managers."""

    la_path = "la"
    list_display = ["la", "name", "code"]
    list_filter = ["la"]
    search_fields = ["name", "code"]
