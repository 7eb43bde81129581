"""`dwarsverband purge-registrations`: delete registrant data after the retention period."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dwarsverband.communities.constants import DEFAULT_RETENTION_DAYS
from dwarsverband.communities.services import registrations_purge


class Command(BaseCommand):
    help = (
        "Verwijdert de aanmeldingen van afgeronde leerkringen na de bewaartermijn "
        "(standaard DWARSVERBAND_REGISTRATION_RETENTION_DAYS of 180 dagen)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="bewaartermijn in dagen")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days is None:
            days = int(
                getattr(
                    settings, "DWARSVERBAND_REGISTRATION_RETENTION_DAYS", DEFAULT_RETENTION_DAYS
                )
            )
        if days < 0:
            raise CommandError("De bewaartermijn kan niet negatief zijn.")
        deleted = registrations_purge(retention_days=days)
        self.stdout.write(f"{deleted} aanmeldingen verwijderd (bewaartermijn {days} dagen).")
