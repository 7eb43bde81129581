from __future__ import annotations

import csv
import re
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dwarsverband.organisations.constants import RegionKind
from dwarsverband.regiodata import charts, selectors
from dwarsverband.regiodata.constants import Aggregation
from dwarsverband.regiodata.forms import AreaChoiceForm, IndicatorChoiceForm, RegionKindForm
from dwarsverband.regiodata.models import Indicator
from dwarsverband.regiodata.presentation import (
    MemberRow,
    figure_note,
    formatter,
    key_figure_rows,
)


def _csv_response(filename: str, header: list[str], rows: list[list[str]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return response


def _raw(value: float | None) -> str:
    return "" if value is None else repr(round(value, 6)).replace(".", ",")


@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    form = AreaChoiceForm(request.GET or None, choices=selectors.area_choices())
    if request.GET and form.is_valid():
        return redirect("regiodata:area-detail", code=form.cleaned_data["gebied"])
    return render(
        request,
        "regiodata/pages/indicator_list.html",
        {"summaries": selectors.indicator_list(), "form": form},
    )


PLAIN_CODE = re.compile(r"[A-Za-z0-9_-]+")


def _area_urls() -> Callable[[str], str]:
    """The address of an area's page by code, reversing the pattern once for a long table."""
    placeholder = "__code__"
    pattern = reverse("regiodata:area-detail", kwargs={"code": placeholder})

    def url(code: str) -> str:
        if PLAIN_CODE.fullmatch(code):
            return pattern.replace(placeholder, code)
        return reverse("regiodata:area-detail", kwargs={"code": code})

    return url


def _member_rows(
    indicator: Indicator, series: selectors.IndicatorSeries, period: str, names: dict[str, str]
) -> list[MemberRow]:
    fmt = formatter(indicator)
    url = _area_urls()
    members = series.members.get(period, {})
    rows = []
    for code in sorted(names, key=lambda c: names[c]):
        figure = members.get(code)
        value = figure.value if figure else None
        note = figure_note(figure) if figure and figure.value is None else ""
        if figure and figure.value is not None:
            note = figure_note(figure)
        rows.append(MemberRow(code, names[code], value, fmt(value), note, url(code)))
    return rows


def _region_rows(indicator: Indicator, kind: str, period: str | None) -> list[dict[str, Any]]:
    if period is None:
        return []
    fmt = formatter(indicator)
    url = _area_urls()
    return [
        {
            "region": item.region,
            "url": url(item.region.code),
            "value": item.figure.value if item.figure else None,
            "shown": fmt(item.figure.value if item.figure else None),
            "note": figure_note(item.figure),
        }
        for item in selectors.region_figures(indicator=indicator, kind=kind, period=period)
    ]


def _indicator_or_404(code: str) -> Indicator:
    indicator = selectors.indicator_get(code=code)
    if indicator is None:
        raise Http404
    return indicator


@require_GET
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _indicator_or_404(code)
    kind_form = RegionKindForm(request.GET or None)
    kind = RegionKind.LABOUR_MARKET.value
    if kind_form.is_valid() and kind_form.cleaned_data["soort"]:
        kind = kind_form.cleaned_data["soort"]
    country = selectors.country_area()
    series = selectors.latest_series(area=country, indicator=indicator)
    period = series.latest
    fmt = formatter(indicator)
    rows = _member_rows(indicator, series, period, country.member_names) if period else []
    map_svg = None
    if period:
        map_svg = charts.coloured_map(
            prefix="kaart",
            outline=selectors.municipality_outline(),
            values={row.code: row.value for row in rows},
            labels={row.code: row.shown for row in rows},
            title=_("Kaart: %(name)s per gemeente, %(period)s")
            % {"name": indicator.name, "period": period},
            desc=_(
                "Gemeenten gekleurd in vijf klassen van laag (donkerpaars) naar hoog (geel); "
                "gearceerd is geen cijfer. Dezelfde cijfers staan in de tabel."
            ),
            fmt=fmt,
        )
    return render(
        request,
        "regiodata/pages/indicator_detail.html",
        {
            "indicator": indicator,
            "series": series,
            "period": period,
            "periods": series.all_periods,
            "country_value": fmt(series.value(period)) if period else "",
            "country_official": series.country_official.get(period or "", False),
            "rows": rows,
            "map_svg": map_svg,
            "kind_form": kind_form,
            "kind": kind,
            "kind_label": dict(RegionKind.choices)[kind],
            "region_rows": _region_rows(indicator, kind, period),
            "not_aggregated": indicator.aggregation == Aggregation.NONE,
        },
    )


@require_GET
def indicator_csv(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _indicator_or_404(code)
    table = request.GET.get("tabel", "gemeenten")
    country = selectors.country_area()
    series = selectors.area_series(area=country, indicators=[indicator])[indicator.pk]
    header_value = f"{indicator.name} ({indicator.unit})"
    if table == "regios":
        form = RegionKindForm(request.GET)
        kind = RegionKind.LABOUR_MARKET.value
        if form.is_valid() and form.cleaned_data["soort"]:
            kind = form.cleaned_data["soort"]
        rows = [
            [
                row["region"].code,
                row["region"].name,
                series.latest or "",
                _raw(row["value"]),
                row["note"],
            ]
            for row in _region_rows(indicator, kind, series.latest)
        ]
        return _csv_response(
            f"{indicator.code}-{kind}.csv",
            [_("code"), _("regio"), _("periode"), header_value, _("toelichting")],
            rows,
        )
    csv_rows: list[list[str]] = []
    for period in series.periods:
        for row in _member_rows(indicator, series, period, country.member_names):
            csv_rows.append([row.code, row.name, period, _raw(row.value), row.note])
    return _csv_response(
        f"{indicator.code}-gemeenten.csv",
        [_("code"), _("gemeente"), _("periode"), header_value, _("toelichting")],
        csv_rows,
    )


def _area_or_404(code: str) -> selectors.Area:
    area = selectors.area_get(code=code)
    if area is None:
        raise Http404
    return area


def _chosen_indicator(request: HttpRequest) -> tuple[IndicatorChoiceForm, Indicator | None]:
    form = IndicatorChoiceForm(request.GET or None)
    indicators = list(Indicator.objects.select_related("weight"))
    chosen = None
    if request.GET.get("indicator") and form.is_valid() and form.cleaned_data["indicator"]:
        chosen = next(i for i in indicators if i.code == form.cleaned_data["indicator"])
    if chosen is None:
        chosen = next(
            (i for i in indicators if i.is_key_figure), indicators[0] if indicators else None
        )
    return form, chosen


@require_GET
def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    area = _area_or_404(code)
    form, indicator = _chosen_indicator(request)
    indicators = list(Indicator.objects.select_related("weight"))
    context: dict[str, Any] = {
        "area": area,
        "form": form,
        "indicator": indicator,
        "key_rows": key_figure_rows(area, indicators),
    }
    if indicator is not None:
        fmt = formatter(indicator)
        series = selectors.area_series(area=area, indicators=[indicator])[indicator.pk]
        country = selectors.area_figures(area=selectors.country_area(), indicators=[indicator])[
            indicator.pk
        ]
        period = series.latest
        context.update(
            {
                "series": series,
                "period": period,
                "figure_note": figure_note(series.latest_figure),
                "value": fmt(series.value(period)) if period else fmt(None),
                "country_value": fmt(country.value(period)) if period else fmt(None),
            }
        )
        if period:
            rows = _member_rows(indicator, series, period, area.member_names)
            context["rows"] = rows
            if not area.is_single:
                context["bar_svg"] = charts.bar_chart(
                    prefix="staaf",
                    bars=[charts.Bar(row.name, row.value) for row in rows],
                    references=[
                        charts.Reference(
                            _("%(area)s (berekend)") % {"area": area.name}, series.value(period)
                        ),
                        charts.Reference(_("Nederland"), country.value(period)),
                    ],
                    title=_("Staafdiagram: %(name)s per gemeente in %(area)s, %(period)s")
                    % {"name": indicator.name, "area": area.name, "period": period},
                    desc=_(
                        "Een staaf per gemeente, van hoog naar laag; stippellijnen tonen het "
                        "cijfer van het gebied en van Nederland. Dezelfde cijfers staan in de "
                        "tabel."
                    ),
                    fmt=fmt,
                )
            context["map_svg"] = charts.coloured_map(
                prefix="kaart",
                outline=selectors.municipality_outline(codes=area.member_codes),
                values={row.code: row.value for row in rows},
                labels={row.code: row.shown for row in rows},
                title=_("Kaart: %(name)s per gemeente in %(area)s, %(period)s")
                % {"name": indicator.name, "area": area.name, "period": period},
                desc=_(
                    "Gemeenten gekleurd van laag (donkerpaars) naar hoog (geel); gearceerd is "
                    "geen cijfer. Dezelfde cijfers staan in de tabel."
                ),
                fmt=fmt,
            )
            kind, divergent = selectors.divergent_members(
                series=series,
                reference=country
                if area.is_single or indicator.aggregation == Aggregation.NONE
                else series,
            )
            context["divergence_kind"] = kind
            context["divergence_reference"] = (
                _("Nederland")
                if area.is_single or indicator.aggregation == Aggregation.NONE
                else area.name
            )
            context["divergent"] = (
                [
                    {
                        "name": area.member_names.get(item.code, item.code),
                        "value": fmt(item.value),
                        "reference": fmt(item.reference),
                        "difference": fmt(item.difference),
                    }
                    for item in divergent
                ]
                if not area.is_single
                else []
            )
        if len(series.periods) > 1:
            lines = [charts.Line(area.name, [(p, series.value(p)) for p in series.periods])]
            if area.kind != "country":
                lines.append(
                    charts.Line(_("Nederland"), [(p, country.value(p)) for p in series.periods])
                )
            context["line_svg"] = charts.line_chart(
                prefix="lijn",
                lines=lines,
                title=_("Lijndiagram: %(name)s in %(area)s en Nederland")
                % {"name": indicator.name, "area": area.name},
                desc=_("Een lijn per gebied over de perioden; dezelfde cijfers staan in de tabel."),
                fmt=fmt,
            )
            context["trend_rows"] = [
                {
                    "period": p,
                    "value": fmt(series.value(p)),
                    "country": fmt(country.value(p)),
                    "change": next(
                        (
                            fmt(c.absolute)
                            for c in series.changes
                            if c.period == p and c.absolute is not None
                        ),
                        "",
                    ),
                }
                for p in series.periods
            ]
    return render(request, "regiodata/pages/area_detail.html", context)


@require_GET
def area_csv(request: HttpRequest, code: str) -> HttpResponse:
    area = _area_or_404(code)
    table = request.GET.get("tabel", "gemeenten")
    if table == "kerncijfers":
        rows = [
            [
                row["indicator"].name,
                row["indicator"].unit,
                row["period"],
                _raw(row["value"]),
                _raw(row["country_value"]),
                row["note"],
            ]
            for row in key_figure_rows(area, list(Indicator.objects.select_related("weight")))
        ]
        return _csv_response(
            f"kerncijfers-{area.code}.csv",
            [
                _("indicator"),
                _("eenheid"),
                _("periode"),
                area.name,
                _("Nederland"),
                _("toelichting"),
            ],
            rows,
        )
    _form, indicator = _chosen_indicator(request)
    if indicator is None:
        raise Http404
    series = selectors.area_series(area=area, indicators=[indicator])[indicator.pk]
    csv_rows = [
        [row.code, row.name, period, _raw(row.value), row.note]
        for period in series.periods
        for row in _member_rows(indicator, series, period, area.member_names)
    ]
    csv_rows += [
        [
            area.code,
            area.name,
            period,
            _raw(series.value(period)),
            figure_note(series.figures.get(period)),
        ]
        for period in series.periods
    ]
    return _csv_response(
        f"{indicator.code}-{area.code}.csv",
        [
            _("code"),
            _("gebied"),
            _("periode"),
            f"{indicator.name} ({indicator.unit})",
            _("toelichting"),
        ],
        csv_rows,
    )
