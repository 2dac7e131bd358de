"""Schemathesis over the live OpenAPI schema: every operation, a token of every role, and no
server error or response that breaks the schema. Bounded to a few examples per operation so
that `make test` stays short; anonymous requests are covered by test_api.py."""

import json

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from core.api_policies import TokenClientThrottle
from tests.factories import ROLES, casework

pytestmark = pytest.mark.slow

# The schema as /api/schema/ serves it to signed-in users, loaded without a request (the
# endpoint needs a user, and collection runs before the test database exists).
schema = schemathesis.openapi.from_dict(
    json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True)))
)
schema.app = get_wsgi_application()
EXAMPLES_PER_OPERATION = 4


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """The WSGI handler closes database connections after each request; inside a test's
    transaction that would close it under the test (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(world, users, monkeypatch, wsgi_keeps_the_test_connection):
    monkeypatch.setattr(TokenClientThrottle, "THROTTLE_RATES", {"token": "100000/minute"})
    cache.clear()
    casework(users.superuser, world.la101, "N")
    casework(users.superuser, world.la201, "S")
    return {role: Token.objects.create(user=getattr(users, role)).key for role in ROLES}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_no_server_error_and_no_response_off_the_schema(case, tokens):
    for key in tokens.values():
        case.call_and_validate(
            headers={"Authorization": f"Token {key}"},
            checks=[not_a_server_error, response_schema_conformance],
        )
