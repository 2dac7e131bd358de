from django.contrib.auth import views as auth_views
from django.urls import path

from agencies import staff_views, views

urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/token/", views.account_token_create, name="account-token-create"),
    path("account/token/revoke/", views.account_token_revoke, name="account-token-revoke"),
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(template_name="registration/password_change.html"),
        name="password_change",
    ),
    path(
        "account/password/changed/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/password_changed.html"
        ),
        name="password_change_done",
    ),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("staff/", staff_views.staff_roles, name="staff-roles"),
    path("staff/<int:pk>/revoke/", staff_views.staff_role_revoke, name="staff-role-revoke"),
    path("audit/", staff_views.audit_trail, name="audit-trail"),
    path("account/two-factor/off/", views.two_factor_off, name="two-factor-off"),
]
