"""Schemathesis against the live OpenAPI document: no 5xx, and responses match the schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from dwarsverband.conf.wsgi import application
from dwarsverband.organisations.constants import PlatformRole

pytestmark = pytest.mark.django_db


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# A NUL character is valid in a JSON string but cannot be stored (PostgreSQL refuses it even in
# a lookup); the API answers it with a 400 on purpose, which tests/common/
# test_unstorable_characters.py checks. Generated "valid" data leaves it out, so that the
# check that valid data is accepted does not flag that deliberate refusal.
schema.config.generation.update(allow_x00=False)


@pytest.fixture
def _keep_test_connection() -> Iterator[None]:
    """Calls go straight to the WSGI handler, whose end-of-request signal would close the
    database connection that holds the test's transaction (Django's test client guards
    against this the same way)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_api_follows_its_own_document(
    case: Any, reference: None, _keep_test_connection: None
) -> None:
    case.call_and_validate(headers={"Host": "127.0.0.1"})


@pytest.fixture
def coordinator_token(reference: None, make_user: Any) -> str:
    return Token.objects.create(user=make_user(PlatformRole.COORDINATOR)).key


# Writes with a coordinator's token reach the services, not only the permission check. Two
# stricter checks are left out: an unknown slug is a 400 the document cannot express, and
# "accepts valid data" does not hold for data that is schema-valid but refused by a rule.
@schema.exclude(method="GET").parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
    ],
)
def test_writes_with_a_token_never_fail_on_the_server(
    case: Any, coordinator_token: str, _keep_test_connection: None
) -> None:
    case.call_and_validate(
        headers={"Host": "127.0.0.1", "Authorization": f"Token {coordinator_token}"},
        excluded_checks=[negative_data_rejection, positive_data_acceptance],
    )
