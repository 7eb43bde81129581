"""`dwarsverband import-programme FILE --organisation CODE --year YYYY`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from dwarsverband.organisations.models import Organisation, User
from dwarsverband.programmes import services
from dwarsverband.programmes.imports import ImportFileError, programme_file_read


class Command(BaseCommand):
    help = "Importeer een jaarprogramma (CSV, XLSX of JSON); alles of niets."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="pad naar het bestand (.csv, .xlsx of .json)")
        parser.add_argument(
            "--organisation",
            required=True,
            help="code (zoals GM0513) of korte naam (zoals platform31) van de organisatie",
        )
        parser.add_argument("--year", required=True, type=int, help="jaar van het programma")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["organisation"].strip()
        organisation = Organisation.objects.filter(Q(code__iexact=code) | Q(slug=code)).first()
        if organisation is None:
            raise CommandError(f"Onbekende organisatie '{code}'.", returncode=2)
        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError(f"Het jaar {year} ligt niet tussen 2000 en 2100.", returncode=2)
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan {path} niet lezen: {error.strerror}.", returncode=2) from error
        try:
            result = programme_file_read(name=path.name, content=content)
        except ImportFileError as error:
            raise CommandError(f"Er is niets geïmporteerd. {error}", returncode=2) from error
        if result.errors:
            for problem in result.errors:
                self.stderr.write(problem)
            raise CommandError(
                f"Er is niets geïmporteerd: {len(result.errors)} fout(en).", returncode=2
            )
        # The command line acts for the platform administrator.
        system_user = User(is_superuser=True, is_active=True)
        programme, created, changed = services.programme_save_rows(
            user=system_user, organisation=organisation, year=year, rows=result.rows
        )
        self.stdout.write(
            f"{programme}: {created} projecten toegevoegd, {changed} gewijzigd, "
            f"{len(result.rows) - created - changed} ongewijzigd."
        )
