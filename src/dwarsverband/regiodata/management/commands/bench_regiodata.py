"""`dwarsverband bench regiodata`: load generated observations, then time region figures,
trends and the map page, beside a naive per-municipality loop in the same run.

Everything happens inside one transaction that is rolled back at the end, so the database is
left as it was. The figures are generated (seeded random numbers), never shown to users.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test import RequestFactory

from dwarsverband.organisations.models import Region
from dwarsverband.regiodata import selectors, views
from dwarsverband.regiodata.aggregation import Figure, aggregate, year_on_year
from dwarsverband.regiodata.constants import Aggregation, ObservationStatus
from dwarsverband.regiodata.models import Indicator, Observation
from dwarsverband.regiodata.services import observations_insert


class _Rollback(Exception):
    pass


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def _time(run: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


class Command(BaseCommand):
    help = "Benchmark van regiodata: laden, regiocijfers en trends, kaartpagina."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--indicators", type=int, default=100)
        parser.add_argument("--years", type=int, default=30)
        parser.add_argument("--region", default="AM18", help="regiocode, standaard AM18")
        parser.add_argument("--repeat", type=int, default=20)

    def handle(self, *args: Any, **options: Any) -> None:
        region = Region.objects.filter(code=options["region"]).first()
        if region is None:
            raise CommandError(
                f"Regio {options['region']} bestaat niet; laad eerst de referentiegegevens.",
                returncode=2,
            )
        try:
            with transaction.atomic():
                self._run(region, options)
                raise _Rollback
        except _Rollback:
            self.stdout.write("Alle benchmarkgegevens zijn teruggedraaid.")

    def _run(self, region: Region, options: dict[str, Any]) -> None:
        rng = random.Random(7)
        area = selectors.country_area()
        codes = list(area.member_codes)
        years = [str(2025 - options["years"] + 1 + i) for i in range(options["years"])]
        weight = Indicator.objects.create(
            code="bench-basis",
            name="Basis",
            unit="aantal",
            source_table="BENCH",
            source_title="gegenereerd",
            aggregation=Aggregation.SUM,
        )
        indicators = [weight]
        rules = [Aggregation.SUM, Aggregation.WEIGHTED_MEAN, Aggregation.NONE]
        for number in range(1, options["indicators"]):
            rule = rules[number % 3]
            indicators.append(
                Indicator.objects.create(
                    code=f"bench-{number}",
                    name=f"Bench {number}",
                    unit="%",
                    source_table="BENCH",
                    source_title="gegenereerd",
                    aggregation=rule,
                    weight=weight if rule == Aggregation.WEIGHTED_MEAN else None,
                )
            )
        total = len(indicators) * len(years) * len(codes)
        start = time.perf_counter()
        status_missing, status_final = str(ObservationStatus.MISSING), str(ObservationStatus.FINAL)

        def generated() -> Iterator[tuple[int, str, str, float | None, str]]:
            for indicator in indicators:
                for year in years:
                    for code in codes:
                        if rng.random() < 0.01:
                            yield (indicator.pk, code, year, None, status_missing)
                        else:
                            yield (indicator.pk, code, year, rng.uniform(1, 1000), status_final)

        observations_insert(generated())
        load_seconds = time.perf_counter() - start
        self.stdout.write(
            f"Database: {connection.vendor}. Geladen: {total:,} waarnemingen "
            f"({len(indicators)} indicatoren × {len(years)} jaren × {len(codes)} gemeenten) "
            f"in {load_seconds:.1f} s ({total / load_seconds:,.0f}/s)."
        )
        region_area = selectors.area_for_region(region)

        def figures_and_trends() -> None:
            for series in selectors.area_series(area=region_area, indicators=indicators).values():
                series.changes  # noqa: B018 - computing the trend is what is timed

        def naive() -> None:
            for indicator in indicators:
                for year in years:
                    values: dict[str, Figure] = {}
                    weights: dict[str, Figure] = {}
                    for code in region_area.member_codes:
                        row = Observation.objects.filter(
                            indicator=indicator, area_code=code, period=year
                        ).first()
                        values[code] = Figure(row.value if row else None)
                        if indicator.weight_id:
                            w = Observation.objects.filter(
                                indicator_id=indicator.weight_id, area_code=code, period=year
                            ).first()
                            weights[code] = Figure(w.value if w else None)
                    aggregate(
                        rule=indicator.aggregation,
                        members=list(region_area.member_codes),
                        values=values,
                        weights=weights or None,
                    )
                year_on_year([(y, None) for y in years])

        factory = RequestFactory()

        def map_page() -> None:
            request = factory.get(f"/regiodata/indicatoren/{indicators[1].code}")
            request.user = __import__(
                "django.contrib.auth.models", fromlist=["AnonymousUser"]
            ).AnonymousUser()
            response = views.indicator_detail(request, indicators[1].code)
            assert response.status_code == 200

        fast = _time(figures_and_trends, options["repeat"])
        slow = _time(naive, max(1, options["repeat"] // 10))
        page = _time(map_page, options["repeat"])
        self.stdout.write(
            f"Regiocijfers + trends, alle {len(indicators)} indicatoren van {region.code} "
            f"({len(region_area.member_codes)} gemeenten): p50 {statistics.median(fast):.0f} ms, "
            f"p95 {_p95(fast):.0f} ms (doel ≤ 100 ms)."
        )
        self.stdout.write(
            f"Naïeve lus per gemeente (basislijn): p50 {statistics.median(slow):.0f} ms, "
            f"p95 {_p95(slow):.0f} ms."
        )
        self.stdout.write(
            f"Kaartpagina ({len(codes)} gemeenten, tabel per arbeidsmarktregio): "
            f"p50 {statistics.median(page):.0f} ms, p95 {_p95(page):.0f} ms (doel ≤ 300 ms)."
        )
