"""`dwarsverband send-meeting-reminders`: reminders two days before a meeting (run hourly),
to registrants of information meetings and to members for meetings of the series."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dwarsverband.communities.services import member_reminders_send, registration_reminders_send


class Command(BaseCommand):
    help = (
        "Verstuurt herinneringen aan aangemelden en deelnemers voor bijeenkomsten die binnen "
        "twee dagen beginnen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url", default="", help="webadres van het platform voor de links in de mail"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        registrants = registration_reminders_send(base_url=options["base_url"])
        members = member_reminders_send(base_url=options["base_url"])
        self.stdout.write(
            f"{registrants} herinneringen aan aangemelden en {members} aan deelnemers verstuurd."
        )
