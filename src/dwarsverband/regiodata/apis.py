"""API v1 for regional data: indicators, their observations and figures per region.

Figures follow the pages' rules: counts are summed, averages weighted by their base, and
non-additive figures (medians) are not aggregated but shown per municipality. A missing figure
is null, never 0, and a region figure says how many of its municipalities lack one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import URLPattern, path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from dwarsverband.api.fields import EnumField
from dwarsverband.organisations.constants import RegionKind
from dwarsverband.regiodata import selectors
from dwarsverband.regiodata.aggregation import AreaFigure
from dwarsverband.regiodata.constants import (
    COUNTRY_CODE,
    Aggregation,
    ObservationStatus,
    PeriodType,
)
from dwarsverband.regiodata.models import Indicator, Observation
from dwarsverband.regiodata.presentation import figure_note

PERIOD_PATTERN = r"^\d{4}(KW0[1-4]|MM(0[1-9]|1[0-2]))?$"
PERIOD_HELP = "Periode zoals bij het CBS, bijv. 2024 of 2024KW02"
# Computed figures are answered with the precision of the CSV downloads.
DECIMALS = 6


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, DECIMALS)


def _indicator_url(request: Request | None, code: str) -> str:
    url = reverse("api:indicator-detail", kwargs={"code": code})
    return request.build_absolute_uri(url) if request is not None else url


# --- Indicators -----------------------------------------------------------------------------


class IndicatorSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    sourceTable = serializers.CharField(source="source_table", read_only=True)
    sourceTitle = serializers.CharField(source="source_title", read_only=True)
    sourceNote = serializers.CharField(source="source_note", read_only=True)
    periodType = serializers.ChoiceField(
        source="period_type", choices=PeriodType.choices, read_only=True
    )
    aggregation = serializers.ChoiceField(
        choices=Aggregation.choices,
        read_only=True,
        help_text="Hoe gemeentecijfers een regiocijfer vormen; none: niet optelbaar (mediaan), "
        "alleen per gemeente.",
    )
    weight = serializers.SerializerMethodField(
        help_text="Code van de basis van een gewogen gemiddelde, zoals het aantal huishoudens."
    )
    isKeyFigure = serializers.BooleanField(source="is_key_figure", read_only=True)
    periodCount = serializers.SerializerMethodField()
    firstPeriod = serializers.SerializerMethodField()
    lastPeriod = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "url",
            "code",
            "name",
            "unit",
            "definition",
            "sourceTable",
            "sourceTitle",
            "sourceNote",
            "licence",
            "periodType",
            "aggregation",
            "weight",
            "decimals",
            "isKeyFigure",
            "periodCount",
            "firstPeriod",
            "lastPeriod",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, indicator: Indicator) -> str:
        return _indicator_url(self.context.get("request"), indicator.code)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_weight(self, indicator: Indicator) -> str | None:
        if indicator.weight_id is None:
            return None
        return str(self.context["codes"].get(indicator.weight_id))

    def _periods(self, indicator: Indicator) -> tuple[int, str, str]:
        periods: tuple[int, str, str] = self.context["periods"].get(indicator.pk, (0, "", ""))
        return periods

    def get_periodCount(self, indicator: Indicator) -> int:
        return self._periods(indicator)[0]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_firstPeriod(self, indicator: Indicator) -> str | None:
        return self._periods(indicator)[1] or None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_lastPeriod(self, indicator: Indicator) -> str | None:
        return self._periods(indicator)[2] or None


class IndicatorDetailSerializer(IndicatorSerializer):
    periods = serializers.SerializerMethodField(help_text="Alle perioden met cijfers, oplopend.")

    class Meta(IndicatorSerializer.Meta):
        fields = [*IndicatorSerializer.Meta.fields, "periods"]

    def get_periods(self, indicator: Indicator) -> list[str]:
        return list(self.context["period_list"])


class IndicatorListApi(generics.ListAPIView):
    serializer_class = IndicatorSerializer

    @extend_schema(summary="Indicatoren met bron, eenheid en regel voor regiocijfers")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        summaries = selectors.indicator_list()
        page: list[selectors.IndicatorSummary] | None = self.paginate_queryset(summaries)  # type: ignore[arg-type]
        assert page is not None
        context = {
            **self.get_serializer_context(),
            "codes": {summary.indicator.pk: summary.indicator.code for summary in summaries},
            "periods": {
                summary.indicator.pk: (summary.periods, summary.first_period, summary.last_period)
                for summary in page
            },
        }
        indicators = [summary.indicator for summary in page]
        return self.get_paginated_response(
            IndicatorSerializer(indicators, many=True, context=context).data
        )


def _indicator_or_404(code: str) -> Indicator:
    indicator = selectors.indicator_get(code=code)
    if indicator is None:
        raise Http404
    return indicator


class IndicatorDetailApi(generics.GenericAPIView):
    serializer_class = IndicatorDetailSerializer

    @extend_schema(summary="Indicator met de perioden waarvoor cijfers zijn")
    def get(self, request: Request, code: str) -> Response:
        indicator = _indicator_or_404(code)
        periods = selectors.indicator_periods(indicator=indicator)
        context = {
            **self.get_serializer_context(),
            "codes": {indicator.weight.pk: indicator.weight.code} if indicator.weight else {},
            "periods": {
                indicator.pk: (len(periods), periods[0], periods[-1]) if periods else (0, "", "")
            },
            "period_list": periods,
        }
        return Response(IndicatorDetailSerializer(indicator, context=context).data)


# --- Observations ---------------------------------------------------------------------------


class ObservationSerializer(serializers.ModelSerializer):
    areaCode = serializers.CharField(
        source="area_code",
        read_only=True,
        help_text="CBS-code uit de indeling van dat jaar (GM0363), of NL01 voor Nederland.",
    )
    areaName = serializers.SerializerMethodField(
        help_text="Naam van de gemeente; null voor een code die niet meer bestaat."
    )
    value = serializers.FloatField(
        read_only=True, allow_null=True, help_text="null als het cijfer ontbreekt of geheim is."
    )
    status = EnumField(
        enum_name="ObservationStatusEnum", choices=ObservationStatus.choices, read_only=True
    )

    class Meta:
        model = Observation
        fields = ["areaCode", "areaName", "period", "value", "status"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_areaName(self, observation: Observation) -> str | None:
        names: dict[str, str] = self.context["names"]
        return names.get(observation.area_code)


class ObservationFilterSerializer(serializers.Serializer):
    gebied = serializers.SlugField(
        required=False,
        allow_blank=True,
        max_length=40,
        help_text="Code van een regio (AM18, PV27, CR23), netwerk (G40), gemeente of NL01: "
        "de waarnemingen van alle gemeenten daarin, ook van hun voorgangers",
    )
    gemeente = serializers.RegexField(
        r"^(GM\d{4}|NL01)$",
        required=False,
        allow_blank=True,
        max_length=6,
        help_text="CBS-code zoals opgeslagen, bijv. GM0363 (ook van een opgeheven gemeente)",
    )
    periode = serializers.RegexField(
        PERIOD_PATTERN, required=False, allow_blank=True, max_length=12, help_text=PERIOD_HELP
    )

    def validate_gebied(self, value: str) -> selectors.Area | None:
        if not value:
            return None
        area = selectors.area_get(code=value)
        if area is None:
            raise serializers.ValidationError("Onbekend gebied.")
        return area


class ObservationListApi(generics.ListAPIView):
    serializer_class = ObservationSerializer

    def get_queryset(self) -> QuerySet[Observation]:
        indicator = _indicator_or_404(self.kwargs["code"])
        params = ObservationFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data: dict[str, Any] = params.validated_data
        observations = Observation.objects.filter(indicator=indicator)
        area: selectors.Area | None = data.get("gebied")
        if area is not None and area.kind != "country":
            changes = selectors.merger_changes()
            members = set(area.member_codes)
            codes = members | {
                old for old in changes if selectors.current_code(old, changes) in members
            }
            observations = observations.filter(area_code__in=sorted(codes))
        if data.get("gemeente"):
            observations = observations.filter(area_code=data["gemeente"])
        if data.get("periode"):
            observations = observations.filter(period=data["periode"])
        return observations.order_by("period", "area_code", "pk")

    @extend_schema(
        parameters=[ObservationFilterSerializer],
        summary="Waarnemingen van een indicator, zoals opgeslagen (per gemeente en periode)",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        assert page is not None
        country = selectors.country_area()
        names = {**country.member_names, COUNTRY_CODE: country.name}
        context = {**self.get_serializer_context(), "names": names}
        return self.get_paginated_response(
            ObservationSerializer(page, many=True, context=context).data
        )


# --- Region figures -------------------------------------------------------------------------


class FigureMunicipalitySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class FigureSerializer(serializers.Serializer):
    """What a computed figure rests on: how many municipalities it has and which lack one."""

    value = serializers.SerializerMethodField(
        method_name="rounded_value",
        help_text="null als geen gemeente een cijfer heeft, of als de indicator niet optelbaar is.",
    )
    memberCount = serializers.IntegerField(source="members", help_text="Aantal gemeenten.")
    lackingCount = serializers.IntegerField(
        source="lacking_count", help_text="Aantal gemeenten zonder cijfer."
    )
    lacking = serializers.SerializerMethodField(help_text="De gemeenten zonder cijfer.")
    aggregated = serializers.BooleanField(
        help_text="false voor een niet-optelbaar cijfer (mediaan): zie de cijfers per gemeente."
    )
    provisional = serializers.BooleanField(help_text="Rust (deels) op voorlopige cijfers.")
    recomputedFrom = serializers.ListField(
        source="recomputed_from",
        child=serializers.CharField(),
        help_text="Codes van opgeheven gemeenten waaruit het cijfer is herberekend.",
    )
    note = serializers.SerializerMethodField(
        help_text="Toelichting zoals op de pagina, bijv. '2 van 4 gemeenten zonder cijfer'."
    )

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def rounded_value(self, figure: AreaFigure) -> float | None:
        return _rounded(figure.value)

    @extend_schema_field(FigureMunicipalitySerializer(many=True))
    def get_lacking(self, figure: AreaFigure) -> list[dict[str, str]]:
        names: dict[str, str] = self.context["names"]
        return [{"code": code, "name": names.get(code, code)} for code in figure.lacking]

    def get_note(self, figure: AreaFigure) -> str:
        return figure_note(figure)


class FigureRegionSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField()
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=RegionKind.choices)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, region: Any) -> str:
        url = reverse("api:region-detail", kwargs={"code": region.code})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class RegionFigureSerializer(serializers.Serializer):
    region = FigureRegionSerializer()
    period = serializers.CharField()
    figure = FigureSerializer()


class PeriodChoiceSerializer(serializers.Serializer):
    # A query with `periode`: one of the indicator's periods (given as context).
    periode = serializers.RegexField(
        PERIOD_PATTERN, required=False, allow_blank=True, max_length=12, help_text=PERIOD_HELP
    )

    def validate_periode(self, value: str) -> str:
        periods: list[str] = self.context["periods"]
        if value and value not in periods:
            raise serializers.ValidationError(
                f"Geen cijfers voor deze periode. Kies uit: {', '.join(periods)}."
            )
        return value


class RegionFigureFilterSerializer(PeriodChoiceSerializer):
    soort = serializers.ChoiceField(
        choices=RegionKind.choices,
        required=False,
        allow_blank=True,
        help_text="Soort regio; standaard arbeidsmarktregio's",
    )
    periode = serializers.RegexField(
        PERIOD_PATTERN,
        required=False,
        allow_blank=True,
        max_length=12,
        help_text=f"{PERIOD_HELP}; standaard de laatste periode",
    )


def _chosen_period(
    indicator: Indicator, query: Any, serializer: type[PeriodChoiceSerializer]
) -> tuple[dict[str, Any], str | None]:
    """The validated query and the period asked for (the latest when none is asked)."""
    periods = selectors.indicator_periods(indicator=indicator)
    params = serializer(data=query, context={"periods": periods})
    params.is_valid(raise_exception=True)
    data: dict[str, Any] = params.validated_data
    return data, data.get("periode") or (periods[-1] if periods else None)


class RegionFigureListApi(generics.ListAPIView):
    serializer_class = RegionFigureSerializer

    @extend_schema(
        parameters=[RegionFigureFilterSerializer],
        summary="Het cijfer van elke regio van één soort in één periode",
    )
    def get(self, request: Request, code: str) -> Response:
        indicator = _indicator_or_404(code)
        data, period = _chosen_period(indicator, request.query_params, RegionFigureFilterSerializer)
        kind = data.get("soort") or RegionKind.LABOUR_MARKET.value
        rows = (
            [
                {"region": item.region, "period": period, "figure": item.figure}
                for item in selectors.region_figures(indicator=indicator, kind=kind, period=period)
                if item.figure is not None
            ]
            if period is not None
            else []
        )
        page: list[dict[str, Any]] | None = self.paginate_queryset(rows)  # type: ignore[arg-type]
        assert page is not None
        context = {**self.get_serializer_context(), "names": selectors.country_area().member_names}
        return self.get_paginated_response(
            RegionFigureSerializer(page, many=True, context=context).data
        )


class FigureAreaSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(
        choices=[
            ("country", "land"),
            ("region", "regio"),
            ("network", "netwerk"),
            ("municipality", "gemeente"),
        ]
    )
    kindLabel = serializers.CharField(source="kind_label")
    memberCount = serializers.SerializerMethodField(help_text="Aantal gemeenten.")

    def get_memberCount(self, area: selectors.Area) -> int:
        return len(area.member_codes)


class IndicatorReferenceSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField()
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    aggregation = serializers.ChoiceField(choices=Aggregation.choices)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, indicator: Indicator) -> str:
        return _indicator_url(self.context.get("request"), indicator.code)


class PeriodFigureSerializer(serializers.Serializer):
    period = serializers.CharField()
    figure = FigureSerializer()
    countryValue = serializers.SerializerMethodField(
        help_text="Het cijfer van Nederland in dezelfde periode."
    )

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_countryValue(self, row: dict[str, Any]) -> float | None:
        return _rounded(row["country_value"])


class MunicipalityFigureSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    value = serializers.FloatField(allow_null=True, help_text="null als het cijfer ontbreekt.")
    provisional = serializers.BooleanField()
    note = serializers.CharField()


class AreaFiguresSerializer(serializers.Serializer):
    indicator = IndicatorReferenceSerializer()
    area = FigureAreaSerializer()
    figures = PeriodFigureSerializer(many=True, help_text="Het cijfer van het gebied per periode.")
    municipalitiesPeriod = serializers.CharField(
        allow_null=True, help_text="De periode van de cijfers per gemeente."
    )
    municipalities = MunicipalityFigureSerializer(
        many=True, help_text="De cijfers per gemeente in het gebied, op naam."
    )


class AreaFigureFilterSerializer(PeriodChoiceSerializer):
    periode = serializers.RegexField(
        PERIOD_PATTERN,
        required=False,
        allow_blank=True,
        max_length=12,
        help_text=f"{PERIOD_HELP}; zonder: alle perioden, en per gemeente de laatste",
    )


class AreaFiguresApi(generics.GenericAPIView):
    serializer_class = AreaFiguresSerializer

    @extend_schema(
        parameters=[AreaFigureFilterSerializer],
        summary="Cijfers van één gebied (regio, netwerk, gemeente of NL01) en zijn gemeenten",
    )
    def get(self, request: Request, code: str, gebied: str) -> Response:
        indicator = _indicator_or_404(code)
        area = selectors.area_get(code=gebied)
        if area is None:
            raise Http404
        data, period = _chosen_period(indicator, request.query_params, AreaFigureFilterSerializer)
        asked = [period] if data.get("periode") and period else None
        series = selectors.area_series(area=area, indicators=[indicator], periods=asked)[
            indicator.pk
        ]
        country = selectors.area_series(
            area=selectors.country_area(), indicators=[indicator], periods=asked
        )[indicator.pk]
        shown = period if period in series.periods else series.latest
        members = series.members.get(shown or "", {})
        municipalities = []
        for member_code in sorted(area.member_names, key=lambda c: area.member_names[c]):
            figure = members.get(member_code)
            municipalities.append(
                {
                    "code": member_code,
                    "name": area.member_names[member_code],
                    "value": _rounded(figure.value) if figure else None,
                    "provisional": bool(figure and figure.provisional),
                    "note": figure_note(figure),
                }
            )
        body = {
            "indicator": indicator,
            "area": area,
            "figures": [
                {
                    "period": item,
                    "figure": series.figures[item],
                    "country_value": country.value(item),
                }
                for item in series.periods
            ],
            "municipalitiesPeriod": shown,
            "municipalities": municipalities,
        }
        context = {**self.get_serializer_context(), "names": area.member_names}
        return Response(AreaFiguresSerializer(body, context=context).data)


api_urlpatterns: list[URLPattern] = [
    path("indicatoren", IndicatorListApi.as_view(), name="indicator-list"),
    path("indicatoren/<slug:code>", IndicatorDetailApi.as_view(), name="indicator-detail"),
    path(
        "indicatoren/<slug:code>/waarnemingen",
        ObservationListApi.as_view(),
        name="indicator-observation-list",
    ),
    path(
        "indicatoren/<slug:code>/regiocijfers",
        RegionFigureListApi.as_view(),
        name="indicator-region-figure-list",
    ),
    path(
        "indicatoren/<slug:code>/regiocijfers/<slug:gebied>",
        AreaFiguresApi.as_view(),
        name="indicator-area-figures",
    ),
]
