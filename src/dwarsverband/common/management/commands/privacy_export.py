import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dwarsverband.common.privacy import personal_data_export


class Command(BaseCommand):
    help = "Exporteert alle persoonsgegevens bij een e-mailadres als JSON (AVG-inzageverzoek)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="e-mailadres van de betrokkene")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        self.stdout.write(
            json.dumps(personal_data_export(email=email), ensure_ascii=False, indent=2)
        )
