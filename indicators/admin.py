from django.contrib import admin

from agencies.admin_base import ServiceAdmin
from agencies.services import superuser_delete, superuser_save
from indicators.models import ReferenceValue, StatisticalNeighbour


@admin.register(ReferenceValue)
class ReferenceValueAdmin(ServiceAdmin):
    list_display = ["indicator", "kind", "period", "la", "value", "source"]
    list_filter = ["kind", "indicator", "la"]
    search_fields = ["indicator", "period"]
    create_service = update_service = staticmethod(superuser_save)
    delete_service = staticmethod(superuser_delete)


@admin.register(StatisticalNeighbour)
class StatisticalNeighbourAdmin(ServiceAdmin):
    """Each LA's statistical neighbours."""

    list_display = ["la", "name", "code"]
    list_filter = ["la"]
    search_fields = ["name", "code"]
    create_service = update_service = staticmethod(superuser_save)
    delete_service = staticmethod(superuser_delete)
