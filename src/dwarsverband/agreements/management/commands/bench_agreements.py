"""Benchmark of the agreements app: `dwarsverband bench agreements [--agreements N]`.

Generates N agreements with 4 actions each (in a transaction that is rolled back, so the
database is left as it was), then times the reads that grow with the data: the 'wordt
vervolgd' dashboard, the weekly digest selection, covenant progress, the CSV and XLSX export,
and an import of the exported CSV. Prints one line per measurement (median of --repeat runs).
"""

from __future__ import annotations

import datetime
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

from dwarsverband.agreements import selectors, transfer
from dwarsverband.agreements.constants import ActionStatus
from dwarsverband.agreements.models import Action, Agreement, Covenant, CovenantParty
from dwarsverband.organisations.constants import OrganisationKind, PlatformRole
from dwarsverband.organisations.models import Organisation, User


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Meet de snelheid van het dashboard, het overzicht, de export en de import."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agreements", type=int, default=1000)
        parser.add_argument("--organisations", type=int, default=50)
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument(
            "--import-agreements",
            type=int,
            default=200,
            help="Hoeveel van de afspraken (met hun actiepunten) de import-meting inleest.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic():
                self._run(options)
                raise _Rollback
        except _Rollback:
            pass

    def _time(self, label: str, repeat: int, work: Callable[[], object]) -> None:
        durations = []
        for _ in range(repeat):
            started = time.perf_counter()
            work()
            durations.append(time.perf_counter() - started)
        self.stdout.write(
            f"{label:<40} mediaan {statistics.median(durations) * 1000:9.1f} ms  "
            f"(min {min(durations) * 1000:.1f}, max {max(durations) * 1000:.1f}, n={repeat})"
        )

    def _run(self, options: dict[str, Any]) -> None:
        today = datetime.date(2026, 2, 9)
        organisations = Organisation.objects.bulk_create(
            Organisation(name=f"Bench {i}", slug=f"bench-org-{i}", kind=OrganisationKind.OTHER)
            for i in range(options["organisations"])
        )
        users = User.objects.bulk_create(
            User(
                username=f"bench-user-{i}",
                email=f"bench{i}@example.invalid",
                organisation=organisation,
                platform_role=PlatformRole.EDITOR,
            )
            for i, organisation in enumerate(organisations)
        )
        covenant = Covenant.objects.create(title="Bench-convenant", slug="bench-convenant")
        CovenantParty.objects.bulk_create(
            CovenantParty(covenant=covenant, organisation=organisation)
            for organisation in organisations[:2]
        )
        count = options["agreements"]
        agreements = Agreement.objects.bulk_create(
            Agreement(
                title=f"Bench-afspraak {i}",
                covenant=covenant if i % 2 == 0 else None,
                owner_organisation=organisations[i % len(organisations)],
                agreed_on=today,
            )
            for i in range(count)
        )
        through = Agreement.parties.through
        through.objects.bulk_create(
            through(
                agreement_id=agreement.pk,
                organisation_id=organisations[(i + offset) % len(organisations)].pk,
            )
            for i, agreement in enumerate(agreements)
            for offset in (0, 1)
        )
        statuses = [ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ""]
        Action.objects.bulk_create(
            Action(
                agreement=agreement,
                title=f"Actie {j}",
                owner_organisation=organisations[(i + j % 2) % len(organisations)],
                due_date=(today + datetime.timedelta(days=(i * 7 + j * 5) % 90 - 45))
                if j != 3
                else None,
                status=statuses[(i + j) % 4],
            )
            for i, agreement in enumerate(agreements)
            for j in range(4)
        )
        self.stdout.write(
            f"Gegevens: {count} afspraken, {count * 4} actiepunten, {len(organisations)} "
            f"organisaties, {len(users)} gebruikers; database {connection.vendor}"
        )
        repeat = options["repeat"]
        everyone = selectors.FollowUpFilters()
        one = selectors.FollowUpFilters(organisation=organisations[0])
        self._time(
            "dashboard (alles)",
            repeat,
            lambda: selectors.follow_up_overview(user=None, filters=everyone, today=today),
        )
        self._time(
            "dashboard (één organisatie)",
            repeat,
            lambda: selectors.follow_up_overview(user=None, filters=one, today=today),
        )
        self._time("digest-selectie", repeat, lambda: selectors.digest_selection(today=today))
        self._time(
            "voortgang convenant",
            repeat,
            lambda: selectors.covenant_progress(user=None, covenant=covenant, today=today),
        )
        queryset = transfer.export_queryset(Agreement.objects.filter(title__startswith="Bench"))
        self._time("export CSV", repeat, lambda: transfer.export_csv(queryset))
        self._time("export XLSX", repeat, lambda: transfer.export_xlsx(queryset))
        import_count = min(options["import_agreements"], count)
        exported = transfer.export_csv(queryset.order_by("pk")[:import_count])
        coordinator = User.objects.create(
            username="bench-coordinator", platform_role=PlatformRole.COORDINATOR
        )
        renamed = exported.replace(b"Bench-afspraak", b"Bench-import")

        def import_once() -> None:
            sid = transaction.savepoint()
            transfer.agreements_import(user=coordinator, name="bench.csv", content=renamed)
            transaction.savepoint_rollback(sid)

        self._time(f"import CSV ({import_count} afspraken)", max(1, repeat // 2), import_once)
