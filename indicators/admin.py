from django.contrib import admin

from agencies.admin_base import ServiceAdmin
from agencies.services import superuser_delete, superuser_save
from indicators.models import ReferenceValue


@admin.register(ReferenceValue)
class ReferenceValueAdmin(ServiceAdmin):
    list_display = ["indicator", "kind", "period", "value", "source"]
    list_filter = ["kind", "indicator"]
    search_fields = ["indicator", "period"]
    create_service = update_service = staticmethod(superuser_save)
    delete_service = staticmethod(superuser_delete)
