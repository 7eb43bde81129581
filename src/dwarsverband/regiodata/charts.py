"""Accessible charts as server-side SVG: a choropleth map, a line chart and a bar chart.

Each chart is an `<svg role="img">` named by its own `<title>` and `<desc>`; colours come from
the viridis scale (readable with the common forms of colour blindness) and never carry meaning
alone: lines also differ in dash pattern and markers, missing areas are hatched, and every page
shows the same numbers in a table beside the chart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Five steps of viridis, dark to light; the darkest is the lowest class.
VIRIDIS = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"]
LINE_STYLES = [
    ("#440154", "", "circle"),
    ("#21918c", "8 4", "square"),
    ("#3b528b", "2 3", "diamond"),
]
MISSING_FILL = "url(#{prefix}-hatch)"
COS_52 = math.cos(math.radians(52))

Formatter = Callable[[float | None], str]


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    geometry: Mapping[str, Any]


@dataclass(frozen=True)
class Legend:
    colour: str
    label: str


def _svg_open(prefix: str, width: float, height: float, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dv-chart" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="100%" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" focusable="false">',
        f'<title id="{prefix}-title">{escape(title)}</title>',
        f'<desc id="{prefix}-desc">{escape(desc)}</desc>',
    ]


def class_breaks(values: Sequence[float], classes: int = 5) -> list[float]:
    """Upper bounds of (at most) `classes` quantile classes; the last is the maximum."""
    ordered = sorted(values)
    if not ordered:
        return []
    breaks: list[float] = []
    for step in range(1, classes + 1):
        index = min(len(ordered) - 1, math.ceil(step * len(ordered) / classes) - 1)
        bound = ordered[index]
        if not breaks or bound > breaks[-1]:
            breaks.append(bound)
    return breaks


def class_of(value: float, breaks: Sequence[float]) -> int:
    for index, bound in enumerate(breaks):
        if value <= bound:
            return index
    return len(breaks) - 1


def _rings(geometry: Mapping[str, Any]) -> list[list[list[float]]]:
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Polygon":
        return list(coordinates)
    if kind == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    return []


def _project(lon: float, lat: float) -> tuple[float, float]:
    # Equirectangular with the scale of 52° north: shapes in the Netherlands keep their form.
    return lon * COS_52, -lat


@dataclass(frozen=True)
class OutlinePath:
    code: str
    code_html: str  # the code and name escaped for SVG once, not on every map drawn
    name_html: str
    d: str


@dataclass(frozen=True)
class MapOutline:
    """Shapes projected and scaled once, as SVG path data: a map waiting for its colours."""

    width: int
    map_height: float
    margin: float
    paths: tuple[OutlinePath, ...]


def map_outline(shapes: Sequence[Shape], *, width: int = 480) -> MapOutline:
    """Project and scale `shapes` into a map `width` wide (projection and path data only)."""
    projected: list[tuple[Shape, list[list[tuple[float, float]]]]] = []
    min_x = min_y = math.inf
    max_x = max_y = -math.inf
    for shape in shapes:
        rings = []
        for ring in _rings(shape.geometry):
            points = [_project(float(point[0]), float(point[1])) for point in ring]
            for x, y in points:
                min_x, max_x = min(min_x, x), max(max_x, x)
                min_y, max_y = min(min_y, y), max(max_y, y)
            rings.append(points)
        projected.append((shape, rings))
    margin = 8.0
    if not projected or min_x == math.inf:
        map_height = 40.0
        scale = 1.0
    else:
        span_x = max(max_x - min_x, 1e-9)
        span_y = max(max_y - min_y, 1e-9)
        scale = (width - 2 * margin) / span_x
        map_height = span_y * scale + 2 * margin
        if map_height > width * 1.3:
            scale = (width * 1.3 - 2 * margin) / span_y
            map_height = width * 1.3
    paths = []
    for shape, rings in projected:
        d = " ".join(
            "M"
            + " L".join(
                f"{(x - min_x) * scale + margin:.1f},{(y - min_y) * scale + margin:.1f}"
                for x, y in ring
            )
            + "Z"
            for ring in rings
            if len(ring) > 2
        )
        paths.append(OutlinePath(shape.code, escape(shape.code), escape(shape.name), d))
    return MapOutline(width=width, map_height=map_height, margin=margin, paths=tuple(paths))


def choropleth(
    *,
    prefix: str,
    shapes: Sequence[Shape],
    values: Mapping[str, float | None],
    title: str,
    desc: str,
    fmt: Formatter,
    width: int = 480,
) -> SafeString:
    """A map with one filled shape per municipality, five quantile classes and a legend."""
    return coloured_map(
        prefix=prefix,
        outline=map_outline(shapes, width=width),
        values=values,
        title=title,
        desc=desc,
        fmt=fmt,
    )


def coloured_map(
    *,
    prefix: str,
    outline: MapOutline,
    values: Mapping[str, float | None],
    title: str,
    desc: str,
    fmt: Formatter,
    labels: Mapping[str, str] | None = None,
) -> SafeString:
    """`choropleth` on shapes projected before: only the colours and labels are worked out.

    `labels` gives the formatted value per code where the caller has it already.
    """
    present = [value for value in values.values() if value is not None]
    breaks = class_breaks(present)
    legend = _legend(breaks, present, fmt)
    legend_height = 22.0 * (len(legend) + 1) + 10
    height = outline.map_height + legend_height
    parts = _svg_open(prefix, outline.width, height, title, desc)
    parts.append(
        f'<defs><pattern id="{prefix}-hatch" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#6b6b6b" stroke-width="2"/></pattern></defs>'
    )
    parts.append('<g stroke="#ffffff" stroke-width="0.4" stroke-linejoin="round">')
    missing = MISSING_FILL.format(prefix=prefix)
    for path in outline.paths:
        value = values.get(path.code)
        fill = missing if value is None else VIRIDIS[class_of(value, breaks)]
        shown = labels.get(path.code) if labels is not None else None
        label = escape(shown if shown is not None else fmt(value))
        parts.append(
            f'<path d="{path.d}" fill="{fill}" fill-rule="evenodd" data-code="{path.code_html}">'
            f"<title>{path.name_html}: {label}</title></path>"
        )
    parts.append("</g>")
    parts.append(_legend_svg(prefix, legend, x=outline.margin, y=outline.map_height + 10))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _legend(breaks: Sequence[float], present: Sequence[float], fmt: Formatter) -> list[Legend]:
    items: list[Legend] = []
    if present:
        lower = min(present)
        for index, bound in enumerate(breaks):
            label = fmt(lower) if lower == bound else f"{fmt(lower)} – {fmt(bound)}"
            items.append(Legend(VIRIDIS[index], label))
            lower = bound
    items.append(Legend("hatch", _("geen cijfer (ontbreekt of geheim)")))
    return items


def _legend_svg(prefix: str, legend: Sequence[Legend], *, x: float, y: float) -> str:
    parts = [f'<g class="dv-chart-legend" transform="translate({x:.0f},{y:.0f})">']
    parts.append(
        f'<text x="0" y="12" font-size="13" font-weight="bold">{escape(_("Legenda"))}</text>'
    )
    for index, item in enumerate(legend, start=1):
        top = index * 22
        fill = f"url(#{prefix}-hatch)" if item.colour == "hatch" else item.colour
        parts.append(
            f'<rect x="0" y="{top}" width="28" height="16" fill="{fill}" stroke="#333333" '
            'stroke-width="0.5"/>'
            f'<text x="36" y="{top + 13}" font-size="13">{escape(item.label)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


@dataclass(frozen=True)
class Line:
    label: str
    points: Sequence[tuple[str, float | None]]


def _nice_range(low: float, high: float) -> tuple[float, float, float]:
    if low == high:
        low, high = low - 1, high + 1
    span = high - low
    step = 10 ** math.floor(math.log10(span / 4))
    for factor in (1, 2, 2.5, 5, 10):
        if span / (step * factor) <= 5:
            step *= factor
            break
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def line_chart(
    *,
    prefix: str,
    lines: Sequence[Line],
    title: str,
    desc: str,
    fmt: Formatter,
    width: int = 560,
    height: int = 300,
) -> SafeString:
    """Up to three lines over the same periods; a gap where a value is missing."""
    periods = sorted({period for line in lines for period, _value in line.points})
    values = [value for line in lines for _period, value in line.points if value is not None]
    parts = _svg_open(prefix, width, height + 24 * len(lines), title, desc)
    if not periods or not values:
        parts.append(f'<text x="10" y="24" font-size="14">{escape(_("Geen cijfers."))}</text>')
        parts.append("</svg>")
        return mark_safe("".join(parts))  # noqa: S308
    low, high, step = _nice_range(min(values), max(values))
    left, right, top, bottom = 64.0, 16.0, 12.0, 36.0
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_of(period: str) -> float:
        if len(periods) == 1:
            return left + plot_w / 2
        return left + periods.index(period) * plot_w / (len(periods) - 1)

    def y_of(value: float) -> float:
        return top + (high - value) / (high - low) * plot_h

    parts.append('<g font-size="12" fill="#1a1a1a">')
    tick = low
    while tick <= high + step / 1000:
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d0d0"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(fmt(tick))}</text>'
        )
        tick += step
    label_every = max(1, math.ceil(len(periods) / 10))
    for index, period in enumerate(periods):
        if index % label_every == 0 or index == len(periods) - 1:
            parts.append(
                f'<text x="{x_of(period):.1f}" y="{height - 12}" text-anchor="middle">'
                f"{escape(period)}</text>"
            )
    parts.append("</g>")
    for index, line in enumerate(lines):
        colour, dash, marker = LINE_STYLES[index % len(LINE_STYLES)]
        segments: list[list[tuple[float, float]]] = [[]]
        for period, value in sorted(line.points):
            if value is None:
                segments.append([])
                continue
            segments[-1].append((x_of(period), y_of(value)))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for segment in segments:
            if len(segment) > 1:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
                parts.append(
                    f'<polyline points="{points}" fill="none" stroke="{colour}" '
                    f'stroke-width="2.5"{dash_attr}/>'
                )
        for period, value in line.points:
            if value is not None:
                tip = f"{line.label} {period}: {fmt(value)}"
                parts.append(
                    f"<g><title>{escape(tip)}</title>"
                    f"{_marker(marker, x_of(period), y_of(value), colour)}</g>"
                )
        legend_y = height + 24 * index + 8
        parts.append(
            f'<line x1="{left}" x2="{left + 36}" y1="{legend_y}" y2="{legend_y}" '
            f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
            + _marker(marker, left + 18, legend_y, colour)
            + f'<text x="{left + 46}" y="{legend_y + 4}" font-size="13">{escape(line.label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    return (
        f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
        f'{x - 5:.1f},{y:.1f}" fill="{colour}"/>'
    )


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None


@dataclass(frozen=True)
class Reference:
    label: str
    value: float | None


def bar_chart(
    *,
    prefix: str,
    bars: Sequence[Bar],
    references: Sequence[Reference],
    title: str,
    desc: str,
    fmt: Formatter,
    width: int = 640,
) -> SafeString:
    """Horizontal bars, largest first, with dashed reference lines (region, country)."""
    ordered = sorted(bars, key=lambda bar: (bar.value is None, -(bar.value or 0), bar.label))
    row = 24
    label_w, value_w, top = 190.0, 70.0, 10.0
    refs = [ref for ref in references if ref.value is not None]
    height = top + row * len(ordered) + 20 + 22 * len(refs) + 10
    parts = _svg_open(prefix, width, height, title, desc)
    values = [bar.value for bar in ordered if bar.value is not None] + [
        ref.value for ref in refs if ref.value is not None
    ]
    low = min([0.0, *values])
    high = max([0.0, *values]) or 1.0
    plot_left, plot_w = label_w, width - label_w - value_w

    def x_of(value: float) -> float:
        return plot_left + (value - low) / (high - low) * plot_w

    parts.append('<g font-size="12" fill="#1a1a1a">')
    for index, bar in enumerate(ordered):
        y = top + index * row
        name = bar.label if len(bar.label) <= 28 else bar.label[:27] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(name)}</text>'
        )
        if bar.value is None:
            parts.append(
                f'<text x="{plot_left + 4}" y="{y + 15}" font-style="italic">'
                f"{escape(_('geen cijfer'))}</text>"
            )
            continue
        start, end = sorted((x_of(0.0), x_of(bar.value)))
        parts.append(
            f'<rect x="{start:.1f}" y="{y + 3}" width="{max(end - start, 1):.1f}" '
            f'height="{row - 6}" fill="{VIRIDIS[1]}">'
            f"<title>{escape(bar.label)}: {escape(fmt(bar.value))}</title></rect>"
            f'<text x="{end + 4:.1f}" y="{y + 15}">{escape(fmt(bar.value))}</text>'
        )
    bottom = top + row * len(ordered)
    for index, ref in enumerate(refs):
        assert ref.value is not None
        colour, dash, _marker_kind = LINE_STYLES[(index + 1) % len(LINE_STYLES)]
        x = x_of(ref.value)
        legend_y = bottom + 22 + 22 * index
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom}" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="{dash or "6 3"}"/>'
            f'<line x1="{plot_left}" x2="{plot_left + 30}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
            f'stroke="{colour}" stroke-width="2" stroke-dasharray="{dash or "6 3"}"/>'
            f'<text x="{plot_left + 38}" y="{legend_y}">{escape(ref.label)}: '
            f"{escape(fmt(ref.value))}</text>"
        )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308
