"""The base of every admin page: read-only unless a service backs the write, and every write
through the same service as the pages and the API (docs/adr/0007-admin.md)."""

from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect

from agencies.audit import audit_record, audited_view
from agencies.models import AuditEvent


class ServiceAdmin(admin.ModelAdmin):
    """An admin page whose add, change and delete call `create_service(obj, user=…, **fields)`,
    `update_service(obj, user=…, **changed fields)` and `delete_service(obj, user=…)`; a write
    without a service is not offered. `la_path` set marks a child-level record: its list and
    change pages are audited as reads of that LA."""

    create_service: Callable | None = None
    update_service: Callable | None = None
    delete_service: Callable | None = None
    la_path: str | None = None

    def has_add_permission(self, request) -> bool:
        return self.create_service is not None and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.update_service is not None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.delete_service is not None and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        service = type(self).update_service if change else type(self).create_service
        service(obj, user=request.user, **fields)

    def delete_model(self, request, obj) -> None:
        type(self).delete_service(obj, user=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def _refused(self, request, error: ValidationError) -> HttpResponseRedirect:
        """A service's refusal shown on the page it came from, nothing written."""
        for message in error.messages:
            self.message_user(request, message, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if self.la_path and request.method == "GET" and object_id:
            obj = self.get_object(request, object_id)
            if obj is not None:
                audited_view(obj, user=request.user, la_id=self._la_id(obj), via="admin")
        try:
            with transaction.atomic():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            return self._refused(request, error)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            with transaction.atomic():
                return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            return self._refused(request, error)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if self.la_path and changelist is not None:
            audit_record(
                user=request.user,
                action=AuditEvent.Action.LIST,
                model=self.model._meta.model_name,
                object_ids=[obj.pk for obj in changelist.result_list],
                via="admin",
            )
        return response

    def _la_id(self, obj) -> int | None:
        value = obj
        for part in self.la_path.split("__"):
            value = getattr(value, part, None) if value is not None else None
        return getattr(value, "pk", value)


class ReadOnlyInline(admin.TabularInline):
    """Records shown beside their parent; written on their own pages through the services."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
