"""Schemathesis against the live OpenAPI document: no 5xx, and responses match the schema."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from dwarsverband.conf.wsgi import application

pytestmark = pytest.mark.django_db


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_api_follows_its_own_document(case: Any, reference: None) -> None:
    case.call_and_validate(headers={"Host": "127.0.0.1"})
