"""Pagination that never fails on a bad page number."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, items: Any, *, per_page: int = 25) -> Page:
    """The requested page; a missing, non-numeric or out-of-range number gives a valid page."""
    paginator = Paginator(items, per_page)
    return paginator.get_page(request.GET.get("pagina"))
