"""OpenAPI post-processing: every operation documents its problem+json error responses."""

from __future__ import annotations

from typing import Any

from dwarsverband.api.constants import PROBLEM_CONTENT_TYPE

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Foutmelding volgens RFC 9457 (application/problem+json).",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "code", "reason"],
                "properties": {
                    "name": {"type": "string"},
                    "code": {"type": "string"},
                    "reason": {"type": "string"},
                },
            },
        },
    },
}

DESCRIPTIONS = {
    "400": "Ongeldige invoer; invalidParams noemt elk ongeldig veld.",
    "401": "Niet ingelogd: schrijven vraagt een token.",
    "403": "Geen rechten voor deze handeling.",
    "404": "Niet gevonden.",
    "406": "Het gevraagde formaat is niet beschikbaar.",
    "415": "Het formaat van de invoer wordt niet ondersteund.",
    "429": "Te veel verzoeken; probeer het later opnieuw.",
}


def add_problem_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    reference = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method in ("get", "head", "options"):
                # Reading public data needs no login (a token, if sent, is not required).
                operation["security"] = []
            codes = ["400", "404", "406", "429"]
            if method in ("post", "put", "patch", "delete"):
                codes += ["401", "403", "415"]
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code, {"description": DESCRIPTIONS[code], "content": reference}
                )
    return result
