"""Signed-in pages, CSV downloads and API answers are not stored by browsers or proxies."""

import pytest
from rest_framework.test import APIClient


@pytest.mark.django_db
def test_child_level_pages_csv_and_api_json_are_no_store(client, world, users):
    client.force_login(users.family_finder)
    for url in ("/children/", "/children-who-wait/?format=csv", "/api/v1/children/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
    api = APIClient()
    api.force_authenticate(users.family_finder)
    assert "no-store" in api.get("/api/v1/journeys/")["Cache-Control"]
    assert "no-store" in APIClient().get("/api/v1/children/")["Cache-Control"]  # 401 too
