"""Errors as application/problem+json (RFC 9457), as the Dutch API Design Rules require.

Validation errors list every invalid field at once in `invalidParams` (name, code, reason).
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
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


def _camel_case(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.capitalize() for part in rest)


def api_errors(
    error: ValidationError, renamed: Mapping[str, str] | None = None
) -> exceptions.ValidationError:
    """A model's or service's ValidationError with the field names the API uses.

    A model field is named in camelCase (``end_date`` is ``endDate``) unless `renamed` gives
    the API's own name for it (``{"themes": "themeSlugs"}`` where the API takes slugs). Errors
    that belong to no field are the body's.
    """
    if not hasattr(error, "error_dict"):
        return exceptions.ValidationError({"non_field_errors": error.messages})
    renamed = renamed or {}
    return exceptions.ValidationError(
        {
            "non_field_errors"
            if field == NON_FIELD_ERRORS
            else renamed.get(field, _camel_case(field)): messages
            for field, messages in error.message_dict.items()
        }
    )


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
