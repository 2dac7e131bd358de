"""Django admin, for superusers and RAA managers, scoped to the manager's RAA and audited."""

from django.contrib import admin

from agencies.audit import audited_delete, audited_save, audited_view
from agencies.models import (
    AuditEvent,
    ExternalAgency,
    Hub,
    LocalAuthority,
    RegionalAdoptionAgency,
    StaffRole,
)
from agencies.scoping import ADMIN, access_for
from agencies.selectors import la_list


class ScopedAdmin(admin.ModelAdmin):
    """Admin open to superusers and RAA managers, showing only rows of LAs in the manager's scope.

    `la_path` leads from the model to its LocalAuthority; `child_level` audits reads and writes.
    """

    la_path: str | None = None
    child_level = False

    def _allowed(self, request) -> bool:
        return access_for(request.user).can_read(ADMIN)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        access = access_for(request.user)
        if access.la_ids is None or self.la_path is None:
            return queryset
        return queryset.filter(**{f"{self.la_path}__in": access.la_ids}).distinct()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is LocalAuthority:
            kwargs["queryset"] = la_list(user=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _la_id(self, obj):
        value = obj
        for part in (self.la_path or "").split("__"):
            value = getattr(value, part, None) if value is not None else None
        return getattr(value, "pk", value)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if self.child_level and request.method == "GET":
            obj = self.get_object(request, object_id)
            if obj is not None:
                audited_view(obj, user=request.user, la_id=self._la_id(obj), via="admin")
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if self.child_level:
            audited_save(obj, user=request.user, la_id=self._la_id(obj), via="admin")
        else:
            super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        if self.child_level:
            audited_delete(obj, user=request.user, la_id=self._la_id(obj), via="admin")
        else:
            super().delete_model(request, obj)


@admin.register(RegionalAdoptionAgency)
class RegionalAdoptionAgencyAdmin(ScopedAdmin):
    la_path = "local_authorities"
    list_display = ["name", "slug", "go_live", "host_la"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Hub)
class HubAdmin(ScopedAdmin):
    la_path = "raa__local_authorities"
    list_display = ["name", "raa", "kind"]
    list_filter = ["kind", "raa"]
    search_fields = ["name"]


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(ScopedAdmin):
    la_path = "pk"
    list_display = ["name", "code", "raa", "hub", "raa_go_live"]
    list_filter = ["raa", "hub"]
    search_fields = ["name", "code"]


@admin.register(ExternalAgency)
class ExternalAgencyAdmin(ScopedAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(StaffRole)
class StaffRoleAdmin(ScopedAdmin):
    list_display = ["user", "role", "raa", "la"]
    list_filter = ["role", "raa"]
    search_fields = ["user__username"]

    def get_queryset(self, request):
        access = access_for(request.user)
        queryset = super().get_queryset(request)
        if access.la_ids is None:
            return queryset
        return queryset.filter(raa_id=access.raa_id) | queryset.filter(la__in=access.la_ids)


@admin.register(AuditEvent)
class AuditEventAdmin(ScopedAdmin):
    list_display = ["at", "user", "action", "model", "object_ids", "la", "via"]
    list_filter = ["action", "model", "via", "la"]
    search_fields = ["user__username", "model"]
    date_hierarchy = "at"

    def get_queryset(self, request):
        access = access_for(request.user)
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if access.la_ids is None:
            return queryset
        return queryset.filter(la__in=access.la_ids)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
