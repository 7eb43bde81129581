from __future__ import annotations

from django import template
from django.http import HttpRequest

register = template.Library()


@register.simple_tag
def facet_url(request: HttpRequest, param: str, value: object) -> str:
    """The current search with one facet set (or removed when value is empty), on page 1."""
    params = request.GET.copy()
    params.pop("pagina", None)
    if value in (None, ""):
        params.pop(param, None)
    else:
        params[param] = str(value)
    return f"?{params.urlencode()}"
