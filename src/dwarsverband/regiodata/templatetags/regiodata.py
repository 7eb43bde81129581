from __future__ import annotations

from typing import Any

from django import template

from dwarsverband.organisations.models import Organisation, Region
from dwarsverband.regiodata import selectors
from dwarsverband.regiodata.presentation import key_figure_rows

register = template.Library()


@register.inclusion_tag("regiodata/partials/key_figures.html")
def region_key_figures(subject: Organisation | Region | None) -> dict[str, Any]:
    """Key figures of a region, network or municipality against the country.

    Usage: `{% load regiodata %}{% region_key_figures region %}` (or an organisation).
    Renders nothing for organisations without an area, such as a housing corporation.
    """
    area = None
    if isinstance(subject, Region):
        area = selectors.area_for_region(subject)
    elif isinstance(subject, Organisation):
        area = selectors.area_for_organisation(subject)
    if area is None or not area.member_codes:
        return {"area": None, "rows": []}
    return {"area": area, "rows": key_figure_rows(area, selectors.key_indicators())}
