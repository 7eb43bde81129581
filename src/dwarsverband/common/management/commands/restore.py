from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dwarsverband.common.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Zet een back-up terug. Vervangt alle huidige gegevens; alles of niets."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="pad van het back-upbestand")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        try:
            summary = backup_restore(path=Path(file))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Back-up teruggezet uit {file}: {summary.objects} objecten.")
