"""The admin site: superusers only (docs/adr/0007-admin.md). RAA managers keep their staff
roles, audit trail and quorum rule on the portal's own pages."""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig


class SuperuserAdminSite(AdminSite):
    site_header = "Adoption portal administration"
    site_title = "Adoption portal administration"

    def has_permission(self, request) -> bool:
        # The app registry is not ready when this module is imported (INSTALLED_APPS).
        from agencies.scoping import ADMIN, access_for

        return request.user.is_active and access_for(request.user).can_read(ADMIN)


class PortalAdminConfig(AdminConfig):
    default_site = "agencies.admin_site.SuperuserAdminSite"
