"""Admin pages of agencies, staff roles and the audit trail (superusers only, see
docs/adr/0007-admin.md), writing through the agencies services."""

from django.contrib import admin

from agencies.admin_base import ServiceAdmin
from agencies.models import (
    AuditEvent,
    ExternalAgency,
    Hub,
    LocalAuthority,
    RegionalAdoptionAgency,
    StaffRole,
)
from agencies.services import role_grant, role_revoke, settings_save, superuser_save


@admin.register(RegionalAdoptionAgency)
class RegionalAdoptionAgencyAdmin(ServiceAdmin):
    list_display = ["name", "slug", "go_live", "host_la"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    create_service = staticmethod(superuser_save)
    update_service = staticmethod(superuser_save)


@admin.register(Hub)
class HubAdmin(ServiceAdmin):
    list_display = ["name", "raa", "kind"]
    list_filter = ["kind", "raa"]
    search_fields = ["name"]
    create_service = update_service = staticmethod(settings_save)


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(ServiceAdmin):
    list_display = ["name", "code", "raa", "hub", "raa_go_live"]
    list_filter = ["raa", "hub"]
    search_fields = ["name", "code"]
    create_service = update_service = staticmethod(settings_save)


@admin.register(ExternalAgency)
class ExternalAgencyAdmin(ServiceAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    create_service = update_service = staticmethod(superuser_save)


def staff_role_save(staff_role: StaffRole, *, user, **fields) -> StaffRole:
    """Grant a role as the staff-roles page and `grant_role` do."""
    grantee = fields.get("user") or staff_role.user
    return role_grant(
        user=user,
        username=grantee.username,
        role=fields.get("role", staff_role.role),
        raa=fields.get("raa", staff_role.raa),
        la=fields.get("la", staff_role.la),
    )


def staff_role_delete(staff_role: StaffRole, *, user) -> None:
    role_revoke(user=user, staff_role=staff_role)


@admin.register(StaffRole)
class StaffRoleAdmin(ServiceAdmin):
    list_display = ["user", "role", "raa", "la"]
    list_filter = ["role", "raa"]
    search_fields = ["user__username"]
    create_service = update_service = staticmethod(staff_role_save)
    delete_service = staticmethod(staff_role_delete)

    def save_model(self, request, obj, form, change) -> None:
        saved = staff_role_save(obj, user=request.user, **form.cleaned_data)
        obj.pk = saved.pk  # the grant replaces any earlier role of the user


@admin.register(AuditEvent)
class AuditEventAdmin(ServiceAdmin):
    list_display = ["at", "user", "action", "model", "object_ids", "la", "via"]
    list_filter = ["action", "model", "via", "la"]
    search_fields = ["user__username", "model"]
    date_hierarchy = "at"
