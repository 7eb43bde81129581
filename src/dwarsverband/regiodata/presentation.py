"""Turning figures into rows for pages and CSV files (numbers formatted the Dutch way)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from dwarsverband.regiodata import selectors
from dwarsverband.regiodata.aggregation import AreaFigure
from dwarsverband.regiodata.models import Indicator


def formatter(indicator: Indicator) -> Callable[[float | None], str]:
    """Numbers of `indicator` the Dutch way (as `number_format` would), missing as words.

    The separators are looked up once, not for each of the hundreds of numbers on a page.
    """
    decimal_separator = get_format("DECIMAL_SEPARATOR", use_l10n=True)
    thousand_separator = get_format("THOUSAND_SEPARATOR", use_l10n=True)
    grouping = get_format("NUMBER_GROUPING", use_l10n=True)
    missing = _("geen cijfer")

    def fmt(value: float | None) -> str:
        if value is None:
            return missing
        return numberformat.format(
            value,
            decimal_separator,
            indicator.decimals,
            grouping,
            thousand_separator,
            force_grouping=True,
            use_l10n=True,
        )

    return fmt


def figure_note(figure: AreaFigure | None) -> str:
    """Why a computed figure is missing or incomplete, in one short Dutch phrase."""
    if figure is None:
        return _("geen cijfer")
    notes: list[str] = []
    if not figure.aggregated:
        notes.append(_("niet optelbaar; zie de cijfers per gemeente"))
    elif figure.lacking:
        notes.append(
            _("%(lacking)s van %(members)s gemeenten zonder cijfer")
            % {"lacking": figure.lacking_count, "members": figure.members}
        )
    if figure.recomputed_from:
        notes.append(_("herberekend uit %(codes)s") % {"codes": ", ".join(figure.recomputed_from)})
    if figure.provisional:
        notes.append(_("voorlopig"))
    return "; ".join(notes)


@dataclass(frozen=True)
class MemberRow:
    code: str
    name: str
    value: float | None
    shown: str
    note: str
    url: str = ""


def key_figure_rows(area: selectors.Area, indicators: list[Indicator]) -> list[dict[str, Any]]:
    """One row per indicator: the area's latest figure, its note, and the country."""
    changes = selectors.merger_changes()
    own = selectors.area_figures(area=area, indicators=indicators, changes=changes)
    latest = sorted({trend.latest for trend in own.values() if trend.latest})
    country = (
        selectors.area_figures(
            area=selectors.country_area(), indicators=indicators, periods=latest, changes=changes
        )
        if latest
        else {}
    )
    rows = []
    for indicator in indicators:
        fmt = formatter(indicator)
        series = own[indicator.pk]
        period = series.latest
        figure = series.latest_figure
        rows.append(
            {
                "indicator": indicator,
                "period": period or "",
                "value": figure.value if figure else None,
                "shown": fmt(figure.value if figure else None),
                "note": figure_note(figure) if figure else _("geen cijfer"),
                "country": fmt(country[indicator.pk].value(period)) if period else fmt(None),
                "country_value": country[indicator.pk].value(period) if period else None,
                "periods": len(series.periods),
            }
        )
    return rows
