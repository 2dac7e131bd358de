"""URLs: pages, the admin and the REST API under /api/v1/."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from adoption_portal.api import router
from core import views
from core.forms import SignInForm
from home import views as home_views

urlpatterns = [
    path("", home_views.home, name="home"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm,
            extra_context={
                "failure_limit": settings.AXES_FAILURE_LIMIT,
                "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            },
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("favicon.ico", views.favicon),
    path("", include("journeys.urls")),
    path("", include("agencies.urls")),
    path("", include("indicators.urls")),
    path("", include("panels.urls")),
    path("", include("support.urls")),
    path("", include("recruitment.urls")),
    path("", include("finance.urls")),
    path("api/v1/", include(router.urls)),
    path("api/v1/", include("indicators.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up code as a script file: no inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
