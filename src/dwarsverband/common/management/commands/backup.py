from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dwarsverband.common.backup import backup_write


class Command(BaseCommand):
    help = "Schrijft een back-up van alle gegevens naar BESTAND (gzip-JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="pad van het back-upbestand, bijvoorbeeld backup.json.gz")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        summary = backup_write(path=Path(file))
        self.stdout.write(f"Back-up geschreven naar {file}: {summary.objects} objecten.")
