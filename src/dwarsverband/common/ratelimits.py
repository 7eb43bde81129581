"""Rate limits of the platform, in one place so that every app uses the same figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django_ratelimit.decorators import ratelimit

View = TypeVar("View", bound=Callable[..., Any])

LOGIN = "10/m"  # on top of django-axes' lock-out after five failures
REGISTRATION = "10/m"
SEARCH = "60/m"
API_WRITE = "60/m"


def limit(rate: str, *, method: str | list[str] = "ALL") -> Callable[[View], View]:
    """Limit a view per client address; beyond the rate the visitor gets a 429 page."""
    return ratelimit(key="ip", rate=rate, method=method, block=True)
