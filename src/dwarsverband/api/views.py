from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.defaults import page_not_found, server_error

from dwarsverband.api.problems import problem_response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 as problem+json under /api/, the normal page elsewhere."""
    if request.path.startswith("/api/"):
        return problem_response(request, 404)
    return page_not_found(request, exception or Exception())


def crashed(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return problem_response(request, 500)
    return server_error(request)
