from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import settings

from dwarsverband.common.loading import load_on_first_start
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User
from tests.factories import UserFactory

pytest_plugins = ["tests.browser_support"]

# In CI the property-based tests (hypothesis, schemathesis) draw the same examples every run,
# so a red build is reproducible and never a coin toss; on a developer's machine they keep
# exploring new examples. Failures print the blob to reproduce them.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

PASSWORD = "geheim-wachtwoord-123"


def ensure_reference_and_demo() -> None:
    if not Organisation.objects.filter(code="GM0363").exists():
        load_on_first_start()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Load reference and demo data once; each test runs in a transaction on top of it."""
    with django_db_blocker.unblock():
        ensure_reference_and_demo()
    yield


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Rate-limit counters and cached pages must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _dutch() -> Iterator[None]:
    """Every test starts in Dutch, whatever language an earlier test left active."""
    from django.utils import translation

    with translation.override("nl"):
        yield


@pytest.fixture
def fixed_rate_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep django-ratelimit's clock still, so that a test spending a budget cannot cross into
    the next counting window halfway (its windows end at fixed moments)."""
    import time
    from types import SimpleNamespace

    now = time.time()
    monkeypatch.setattr("django_ratelimit.core.time", SimpleNamespace(time=lambda: now))


@pytest.fixture
def reference(db: Any) -> None:
    ensure_reference_and_demo()


@pytest.fixture
def make_user(db: Any) -> Callable[..., User]:
    def make(role: str = PlatformRole.READER, organisation: Organisation | None = None) -> User:
        return UserFactory(platform_role=role, organisation=organisation)

    return make
