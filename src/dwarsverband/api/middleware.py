from __future__ import annotations

from collections.abc import Callable
from datetime import UTC

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from dwarsverband.api.constants import API_VERSION


class ApiMiddleware:
    """For /api/: the API-Version header on every response, and dates answered in UTC.

    Dutch API Design Rules: API-57 (version header) and API-24 (ISO 8601 in UTC).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        timezone.activate(UTC)
        try:
            response = self.get_response(request)
        finally:
            timezone.deactivate()
        response["API-Version"] = API_VERSION
        return response
