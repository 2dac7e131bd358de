"""The service navigation: the pages the signed-in user's role opens."""

from django.urls import reverse

from agencies.scoping import (
    ADMIN,
    AUDIT_TRAIL,
    CHILDREN,
    FIGURES,
    FINANCE,
    HOUSEHOLDS,
    IMPORTS,
    PANELS,
    RECRUITMENT,
    REPORTS,
    STAFF,
    SUPPORT,
    access_for,
)


def navigation(request) -> dict:
    """Navigation items for the page header, the current page marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = access_for(user)
    items = [("Home", "home")]
    if access.can_read(FIGURES):
        items.append(("Dashboard", "dashboard"))
    if access.can_read(CHILDREN):
        items += [
            ("Children", "child-search"),
            ("Children who wait", "worklist"),
            ("Data quality", "data-quality"),
        ]
    if access.can_read(HOUSEHOLDS):
        items.append(("Adopters", "adopter-pipeline"))
    if access.can_read(RECRUITMENT):
        items.append(("Recruitment", "recruitment"))
    if access.can_read(PANELS):
        items.append(("Panels", "panel-calendar"))
    if access.can_read(SUPPORT):
        items.append(("Support", "support-referrals"))
    if access.can_read(FINANCE) and not access.is_superuser:
        items.append(("Money", "finance-budgets"))
    if access.can_read(REPORTS):
        items += [("Reports", "adoption-report"), ("Board files", "exports")]
    if access.can_write(IMPORTS):
        items.append(("Imports", "ssda903-upload"))
    if access.can_write(STAFF) and not access.is_superuser:
        items.append(("Staff", "staff-roles"))
    if access.can_read(AUDIT_TRAIL) and not access.is_superuser:
        items.append(("Audit trail", "audit-trail"))
    if access.can_read(ADMIN):
        items.append(("Settings", "admin:index"))
    current = request.path
    links = []
    for label, name in items:
        url = reverse(name)
        is_current = current == url or (url != "/" and current.startswith(url))
        links.append({"label": label, "url": url, "current": is_current})
    return {"navigation": links}
