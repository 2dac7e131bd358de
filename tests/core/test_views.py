"""Error pages and the favicon (core/views.py)."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from adoption_portal.urls import urlpatterns as portal_urls


def broken(request):
    raise RuntimeError("boom")


urlpatterns = [*portal_urls, path("broken/", broken)]
handler500 = "core.views.server_error"


@pytest.mark.django_db
class TestErrorPages:
    def test_404_is_a_gov_uk_page(self, client, users):
        client.force_login(users.raa_manager)
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert b"Page not found" in response.content
        assert b"govuk-template" in response.content

    @override_settings(ROOT_URLCONF=__name__, DEBUG=False)
    def test_500_is_a_gov_uk_page_that_needs_no_database(self, users):
        client = Client(raise_request_exception=False)
        client.force_login(users.raa_manager)
        response = client.get("/broken/")
        assert response.status_code == 500
        assert b"Sorry, there is a problem with the service" in response.content
        assert b"govuk-template" in response.content

    def test_favicon_points_at_gov_uk_frontends(self, client):
        response = client.get("/favicon.ico")
        assert response.status_code == 301
        assert response["Location"].endswith("govuk/assets/images/favicon.ico")
