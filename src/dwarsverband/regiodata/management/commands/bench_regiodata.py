"""`dwarsverband bench regiodata`: load generated observations, then time region figures,
trends and the map page, beside a naive per-municipality loop in the same run.

Everything happens inside one transaction that is rolled back at the end, so the database is
left as it was. The figures are generated (seeded random numbers), never shown to users.

Every timing is reported as p50/p95 wall time, the process's own CPU time (p50; on
PostgreSQL the server's work is not in it) and as a ratio to the naive loop's p50 of the same
run: on a shared machine the absolute times follow the load of the moment, the ratios much
less so.
"""

from __future__ import annotations

import math
import random
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test import RequestFactory

from dwarsverband.organisations.models import Region
from dwarsverband.regiodata import selectors, views
from dwarsverband.regiodata.aggregation import AreaFigure, Figure, aggregate, year_on_year
from dwarsverband.regiodata.constants import Aggregation, ObservationStatus
from dwarsverband.regiodata.models import Indicator, Observation
from dwarsverband.regiodata.receivers import outlines_changed
from dwarsverband.regiodata.services import observations_insert


class _Rollback(Exception):
    pass


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Timing:
    wall: list[float]  # ms
    cpu: list[float]  # ms of this process

    @property
    def p50(self) -> float:
        return statistics.median(self.wall)

    @property
    def p95(self) -> float:
        return _p95(self.wall)

    @property
    def cpu50(self) -> float:
        return statistics.median(self.cpu)


def _time(
    run: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> Timing:
    wall, cpu = [], []
    for _ in range(repeat):
        if before is not None:
            before()
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return Timing(wall, cpu)


def _same(one: AreaFigure, other: AreaFigure) -> bool:
    if one.value is None or other.value is None:
        values_agree = one.value is None and other.value is None
    else:
        values_agree = math.isclose(one.value, other.value, rel_tol=1e-9)
    return values_agree and (one.members, one.lacking, one.provisional, one.aggregated) == (
        other.members,
        other.lacking,
        other.provisional,
        other.aggregated,
    )


class Command(BaseCommand):
    help = "Benchmark van regiodata: laden, regiocijfers en trends, kaartpagina."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--indicators", type=int, default=100)
        parser.add_argument("--years", type=int, default=30)
        parser.add_argument("--region", default="AM18", help="regiocode, standaard AM18")
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument(
            "--naive-repeat", type=int, default=2, help="herhalingen van de naïeve lus"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        region = Region.objects.filter(code=options["region"]).first()
        if region is None:
            raise CommandError(
                f"Regio {options['region']} bestaat niet; laad eerst de referentiegegevens.",
                returncode=2,
            )
        if (
            hasattr(staticfiles_storage, "read_manifest")
            and not staticfiles_storage.read_manifest()
        ):
            # The map page links its style sheets through the manifest, as `serve` prepares it.
            call_command("collectstatic", interactive=False, verbosity=0)
        try:
            with transaction.atomic():
                self._run(region, options)
                raise _Rollback
        except _Rollback:
            self.stdout.write("Alle benchmarkgegevens zijn teruggedraaid.")

    def _line(self, label: str, timing: Timing, baseline: Timing, target: str = "") -> None:
        self.stdout.write(
            f"{label}: p50 {timing.p50:.0f} ms, p95 {timing.p95:.0f} ms, "
            f"cpu p50 {timing.cpu50:.0f} ms; ten opzichte van de naïeve lus: "
            f"p50 {timing.p50 / baseline.p50:.4f} ×, cpu {timing.cpu50 / baseline.cpu50:.4f} ×"
            + (f" ({target})" if target else "")
            + "."
        )

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
        status_missing, status_final = str(ObservationStatus.MISSING), str(ObservationStatus.FINAL)

        def generated() -> Iterator[tuple[int, str, str, float | None, str]]:
            for indicator in indicators:
                for year in years:
                    for code in codes:
                        if rng.random() < 0.01:
                            yield (indicator.pk, code, year, None, status_missing)
                        else:
                            yield (indicator.pk, code, year, rng.uniform(1, 1000), status_final)

        start, start_cpu = time.perf_counter(), time.process_time()
        observations_insert(generated())
        load_seconds = time.perf_counter() - start
        load_cpu = time.process_time() - start_cpu
        self.stdout.write(
            f"Database: {connection.vendor}. Geladen: {total:,} waarnemingen "
            f"({len(indicators)} indicatoren × {len(years)} jaren × {len(codes)} gemeenten) "
            f"in {load_seconds:.1f} s, cpu {load_cpu:.1f} s ({total / load_seconds:,.0f}/s; "
            "doel ≤ 60 s)."
        )
        region_area = selectors.area_for_region(region)

        def figures_and_trends() -> None:
            for trend in selectors.area_figures(area=region_area, indicators=indicators).values():
                trend.changes  # noqa: B018 - computing the trend is what is timed

        def with_members() -> None:
            for series in selectors.area_series(area=region_area, indicators=indicators).values():
                series.changes  # noqa: B018

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

        self._check(region_area, indicators)
        factory = RequestFactory()
        page_code = indicators[1].code  # a weighted mean: the page also reads its base

        def map_page() -> None:
            request = factory.get(f"/regiodata/indicatoren/{page_code}")
            request.user = AnonymousUser()
            response = views.indicator_detail(request, page_code)
            assert response.status_code == 200

        repeat = options["repeat"]
        fast = _time(figures_and_trends, repeat)
        members = _time(with_members, max(1, repeat // 2))
        slow = _time(naive, max(1, options["naive_repeat"]))
        map_page()  # draws the outline of the map once, as the first visitor would
        page = _time(map_page, repeat)
        page_cold = _time(map_page, max(1, repeat // 2), before=outlines_changed)
        baseline = slow
        members_count = len(region_area.member_codes)
        self._line(
            f"Regiocijfers + trends, alle {len(indicators)} indicatoren × {len(years)} jaren "
            f"van {region.code} ({members_count} gemeenten), in de database opgeteld",
            fast,
            baseline,
            "doel p95 ≤ 100 ms",
        )
        self.stdout.write(
            f"  {baseline.p50 / fast.p50:,.0f} × zo snel als de naïeve lus "
            f"(p50 {fast.p50:.0f} ms tegen {baseline.p50:,.0f} ms)."
        )
        self._line("Idem met alle cijfers per gemeente (area_series, Python)", members, baseline)
        self.stdout.write(
            f"Naïeve lus per gemeente (basislijn, één query per gemeente en jaar): "
            f"p50 {slow.p50:,.0f} ms, p95 {slow.p95:,.0f} ms, cpu p50 {slow.cpu50:,.0f} ms."
        )
        self._line(
            f"Kaartpagina ({len(codes)} gemeenten, tabel per arbeidsmarktregio), "
            "kaartomtrek getekend",
            page,
            baseline,
            "doel p95 ≤ 300 ms",
        )
        self._line("Kaartpagina, kaartomtrek telkens opnieuw getekend (koud)", page_cold, baseline)
        self.stdout.write(f"Laden = {load_seconds * 1000 / baseline.p50:.3f} × naïeve lus (p50).")

    def _check(self, area: selectors.Area, indicators: list[Indicator]) -> None:
        """The grouped figures must be the figures of the member-by-member computation."""
        grouped = selectors.area_figures(area=area, indicators=indicators)
        by_member = selectors.area_series(area=area, indicators=indicators)
        for indicator in indicators:
            one, other = grouped[indicator.pk], by_member[indicator.pk]
            if one.periods != other.periods or not all(
                _same(one.figures[period], other.figures[period]) for period in one.periods
            ):
                raise CommandError(f"Regiocijfers van {indicator.code} wijken af.")
        self.stdout.write("Controle: regiocijfers gelijk aan de berekening per gemeente.")
