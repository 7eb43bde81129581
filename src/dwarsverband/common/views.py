from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.db.utils import Error as DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from dwarsverband.organisations import selectors as organisation_selectors
from dwarsverband.organisations.forms import OrganisationFilterForm


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "common/pages/home.html",
        {
            "counts": organisation_selectors.organisation_counts(),
            "networks": organisation_selectors.network_list(),
            "search_form": OrganisationFilterForm(),
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "common/pages/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "common/pages/privacy.html")


def sources(request: HttpRequest) -> HttpResponse:
    return render(request, "common/pages/sources.html")


def status_live(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers; also the ceiling of the HTTP benchmark (no database)."""
    return HttpResponse("ok", content_type="text/plain")


def status_ready(request: HttpRequest) -> HttpResponse:
    """Readiness: the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database niet bereikbaar", content_type="text/plain", status=503)
    return HttpResponse("ok", content_type="text/plain")


def language_switch(request: HttpRequest, code: str) -> HttpResponse:
    """Choose the interface language (a preference cookie) and go back to the page.

    A plain link rather than a form, so that pages need no CSRF token for it.
    """
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
    return response


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Too many requests from one address: 429 with a Dutch explanation (problem+json on /api/)."""
    if request.path.startswith("/api/"):
        from dwarsverband.api.problems import problem_response

        return problem_response(
            request, 429, "Te veel verzoeken; probeer het over een minuut opnieuw."
        )
    response = render(request, "common/pages/rate_limited.html", status=429)
    response["Retry-After"] = "60"
    return response
