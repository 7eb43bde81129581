from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dwarsverband.common.privacy import personal_data_erase


class Command(BaseCommand):
    help = "Wist of anonimiseert alle persoonsgegevens bij een e-mailadres (AVG-verzoek)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="e-mailadres van de betrokkene")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        erased = personal_data_erase(email=email)
        total = sum(erased.values())
        self.stdout.write(f"{total} gegevens gewist of geanonimiseerd.")
