"""Rate limits of the platform, in one place so that every app uses the same figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django_ratelimit import ALL
from django_ratelimit.decorators import ratelimit

View = TypeVar("View", bound=Callable[..., Any])

LOGIN = "10/m"  # on top of django-axes' lock-out after five failures
REGISTRATION = "10/m"
SEARCH = "60/m"
API_WRITE = "60/m"

# Named budgets: a page and its API endpoint share one budget per client address.
REGISTRATION_GROUP = "registration"
SEARCH_GROUP = "search"


def limit(
    rate: str, *, method: str | list[str] | tuple[None] = ALL, group: str | None = None
) -> Callable[[View], View]:
    """Limit a view per client address; beyond the rate the visitor gets a 429 page."""
    return ratelimit(key="ip", rate=rate, method=method, block=True, group=group)
