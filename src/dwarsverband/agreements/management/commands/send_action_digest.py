"""Send the weekly 'wordt vervolgd' digest: `dwarsverband send-action-digest`.

Meant for a scheduler (cron, systemd timer) once a week; running it twice in the same week
sends nothing new. `--queue` hands the work to the background task queue instead.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dwarsverband.agreements import services
from dwarsverband.agreements.tasks import action_digest_task


class Command(BaseCommand):
    help = "Verstuur het wekelijkse overzicht van actiepunten die binnenkort of te laat zijn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--datum", help="Doe alsof het vandaag deze datum is (JJJJ-MM-DD), om te testen."
        )
        parser.add_argument(
            "--basis-url", default="", help="Webadres van het platform voor de links in de mail."
        )
        parser.add_argument(
            "--queue", action="store_true", help="Zet het versturen in de achtergrondwachtrij."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queue"]:
            queued = action_digest_task.enqueue()
            self.stdout.write(f"In de wachtrij gezet (taak {queued.id}).")
            return
        today = None
        if options["datum"]:
            try:
                today = datetime.date.fromisoformat(options["datum"])
            except ValueError as error:
                raise CommandError(
                    "Ongeldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2026-02-09."
                ) from error
        result = services.action_digest_send(today=today, base_url=options["basis_url"])
        self.stdout.write(
            f"Overzicht verstuurd aan {result.recipients} ontvanger(s) over "
            f"{result.actions} actiepunt(en); {result.skipped_already_sent} hadden het deze "
            "week al."
        )
