"""`dwarsverband send-meeting-reminders`: reminders two days before a meeting (run hourly)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dwarsverband.communities.services import registration_reminders_send


class Command(BaseCommand):
    help = (
        "Verstuurt herinneringen aan aangemelden voor bijeenkomsten die binnen twee dagen beginnen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url", default="", help="webadres van het platform voor de links in de mail"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = registration_reminders_send(base_url=options["base_url"])
        self.stdout.write(f"{count} herinneringen verstuurd.")
