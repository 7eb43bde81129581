"""The platform's rate limits (django-ratelimit, see common/ratelimits.py) as DRF throttles, so
a page and its API endpoint share one budget per client address."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from dwarsverband.common.ratelimits import (
    REGISTRATION,
    REGISTRATION_GROUP,
    SEARCH,
    SEARCH_GROUP,
)


class RateLimitThrottle(BaseThrottle):
    """Counts requests with the given methods against a named budget per client address."""

    group = ""
    rate = ""
    methods: tuple[str, ...] = ()

    def allow_request(self, request: Request, view: Any) -> bool:
        if self.methods and request.method not in self.methods:
            return True
        limited = partial(
            is_ratelimited,
            request._request,
            group=self.group,
            rate=self.rate,
            method=list(self.methods) if self.methods else ALL,
            increment=True,
        )
        try:
            return not limited(key="ip")
        except (KeyError, ImproperlyConfigured):
            # No client address (a bare WSGI call or a proxy set up without the address
            # header): such clients share one budget rather than getting an error.
            return not limited(key=lambda _group, _request: "unknown-address")

    def wait(self) -> float:
        return 60.0


class RegistrationThrottle(RateLimitThrottle):
    group = REGISTRATION_GROUP
    rate = REGISTRATION
    methods = ("POST",)


class SearchThrottle(RateLimitThrottle):
    group = SEARCH_GROUP
    rate = SEARCH
