"""Errors that services raise, as the API answers them (invalidParams of a problem+json)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from dwarsverband.api.problems import api_errors, exception_handler


def _invalid_params(error: Exception) -> list[dict[str, Any]]:
    response = exception_handler(error, {})
    assert response is not None
    assert response.status_code == 400
    return list(response.data["invalidParams"])


def test_service_error_names_the_field_in_camel_case() -> None:
    error = ValidationError({"end_date": "Ligt vóór de begindatum.", "status": "Onbekend."})
    params = _invalid_params(api_errors(error))
    assert [(param["name"], param["reason"]) for param in params] == [
        ("endDate", "Ligt vóór de begindatum."),
        ("status", "Onbekend."),
    ]


def test_service_error_takes_the_api_name_where_the_api_renames_the_field() -> None:
    error = ValidationError({"themes": "Kies een thema.", "owner_organisation": "Onbekend."})
    params = _invalid_params(api_errors(error, {"themes": "themeSlugs"}))
    assert [param["name"] for param in params] == ["themeSlugs", "ownerOrganisation"]


def test_service_error_of_no_field_belongs_to_the_body() -> None:
    for error in (
        ValidationError("De aanmelding is gesloten.", code="closed"),
        ValidationError({"__all__": "De aanmelding is gesloten."}),
    ):
        params = _invalid_params(api_errors(error))
        assert [(param["name"], param["reason"]) for param in params] == [
            ("body", "De aanmelding is gesloten.")
        ]
