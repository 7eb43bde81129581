from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response


def _positive_int(request: Request, name: str, default: int, maximum: int | None) -> int:
    """A strictly validated integer query parameter: bad values are a 400, never ignored."""
    raw = request.query_params.getlist(name)
    if not raw:
        return default
    if len(raw) > 1:
        raise ValidationError({name: [_("Geef deze parameter één keer op.")]})
    try:
        value = int(raw[0])
    except ValueError:
        raise ValidationError({name: [_("Geef een geheel getal.")]}) from None
    if value < 1 or (maximum is not None and value > maximum):
        message = (
            _("Geef een getal van 1 tot en met %(max)s.") % {"max": maximum}
            if maximum
            else _("Geef een getal van 1 of hoger.")
        )
        raise ValidationError({name: [message]})
    return value


class LinkPagination(PageNumberPagination):
    """Page-based pagination with HAL-style links (Dutch API Design Rules, API-42)."""

    page_query_param = "page"
    page_size_query_param = "pageSize"
    page_size = 20
    max_page_size = 100

    def get_page_size(self, request: Request) -> int:
        return _positive_int(
            request, self.page_size_query_param, self.page_size, self.max_page_size
        )

    def get_page_number(self, request: Request, paginator: Any) -> int:
        return _positive_int(request, self.page_query_param, 1, None)

    def _link(self, page_number: int | None) -> dict[str, str] | None:
        if page_number is None or self.request is None:
            return None
        url = self.request.build_absolute_uri()
        from rest_framework.utils.urls import replace_query_param

        return {"href": replace_query_param(url, self.page_query_param, page_number)}

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None
        page = self.page
        links: dict[str, Any] = {
            "self": self._link(page.number),
            "first": self._link(1),
            "last": self._link(page.paginator.num_pages),
        }
        if page.has_previous():
            links["prev"] = self._link(page.previous_page_number())
        if page.has_next():
            links["next"] = self._link(page.next_page_number())
        return Response(
            {"_links": links, "count": page.paginator.count, "results": data},
        )

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Paginanummer, vanaf 1.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Aantal resultaten per pagina (1 tot en met {self.max_page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {"type": "object", "properties": {"href": {"type": "string", "format": "uri"}}}
        return {
            "type": "object",
            "required": ["_links", "count", "results"],
            "properties": {
                "_links": {
                    "type": "object",
                    "properties": {
                        name: link for name in ("self", "first", "last", "prev", "next")
                    },
                },
                "count": {"type": "integer"},
                "results": schema,
            },
        }
