from django.contrib import admin

from agencies.admin import ScopedAdmin
from indicators.models import ReferenceValue


@admin.register(ReferenceValue)
class ReferenceValueAdmin(ScopedAdmin):
    list_display = ["indicator", "kind", "period", "value", "source"]
    list_filter = ["kind", "indicator"]
    search_fields = ["indicator", "period"]
