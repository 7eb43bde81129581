"""Errors as application/problem+json (RFC 9457), as the Dutch API Design Rules require.

Validation errors list every invalid field at once in `invalidParams` (name, code, reason).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from dwarsverband.api.constants import PROBLEM_CONTENT_TYPE

TITLES = {
    400: _("Ongeldige invoer"),
    401: _("Niet ingelogd"),
    403: _("Geen toegang"),
    404: _("Niet gevonden"),
    405: _("Methode niet toegestaan"),
    406: _("Formaat niet beschikbaar"),
    415: _("Formaat van de invoer wordt niet ondersteund"),
    429: _("Te veel verzoeken"),
    500: _("Interne fout"),
}


def problem(status: int, detail: str = "", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": str(TITLES.get(status, HTTPStatus(status).phrase)),
        "status": status,
    }
    if detail:
        body["detail"] = detail
    body.update(extra)
    return body


def _flatten(errors: Any, prefix: str = "") -> list[dict[str, str]]:
    """DRF's nested error structure as a flat list of invalid parameters."""
    flat: list[dict[str, str]] = []
    if isinstance(errors, dict):
        for key, value in errors.items():
            name = key if key != "non_field_errors" else ""
            flat.extend(_flatten(value, f"{prefix}.{name}" if prefix and name else prefix or name))
    elif isinstance(errors, list):
        for index, value in enumerate(errors):
            if isinstance(value, dict | list) and not isinstance(value, exceptions.ErrorDetail):
                flat.extend(_flatten(value, f"{prefix}[{index}]"))
            else:
                flat.extend(_flatten(value, prefix))
    else:
        code = getattr(errors, "code", "invalid") or "invalid"
        flat.append({"name": prefix or "body", "code": str(code), "reason": str(errors)})
    return flat


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = problem(
            400,
            _("Een of meer velden zijn ongeldig."),
            invalidParams=_flatten(exc.detail),
        )
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else ""
        body = problem(response.status_code, str(detail))
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def problem_response(request: HttpRequest, status: int, detail: str = "") -> JsonResponse:
    """A problem+json response for errors outside DRF views (unknown /api/ paths, crashes)."""
    from dwarsverband.api.constants import API_VERSION

    response = JsonResponse(problem(status, detail), status=status)
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    response["API-Version"] = API_VERSION
    return response
