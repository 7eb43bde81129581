from typing import Any

from django.core.management.base import BaseCommand

from dwarsverband.common.loading import load_reference_data


class Command(BaseCommand):
    help = "Laadt de referentiegegevens (gemeenten, regio's, netwerken, thema's). Herhaalbaar."

    def handle(self, *args: Any, **options: Any) -> None:
        load_reference_data(report=self.stdout.write)
