from __future__ import annotations

from typing import Any

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


@register.inclusion_tag("knowledge/partials/related.html", takes_context=True)
def related_knowledge(context: template.Context, *texts: object, limit: int = 4) -> dict[str, Any]:
    """The passages and signposts most related to a page's text (a project, a community, an
    opportunity), as far as the visitor may read them."""
    from dwarsverband.knowledge import searching

    request = context.get("request")
    text = " ".join(str(part) for part in texts if part)
    results = searching.related(text=text, user=getattr(request, "user", None), limit=limit)
    return {"results": results}
