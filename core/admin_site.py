"""The admin site: superusers only (docs/adr/0007-admin.md). RAA managers keep their staff
roles, audit trail and quorum rule on the portal's own pages."""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig


class SuperuserAdminSite(AdminSite):
    site_header = "Adoption portal administration"
    site_title = "Adoption portal administration"

    def has_permission(self, request) -> bool:
        from agencies.scoping import access_for  # the app registry is not ready at import

        return request.user.is_active and access_for(request.user).is_superuser


class PortalAdminConfig(AdminConfig):
    default_site = "core.admin_site.SuperuserAdminSite"
