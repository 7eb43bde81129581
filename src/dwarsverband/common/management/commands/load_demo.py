from typing import Any

from django.core.management.base import BaseCommand

from dwarsverband.common.loading import load_demo_data, load_on_first_start


class Command(BaseCommand):
    help = "Laadt de demogegevens. Herhaalbaar; bestaande gegevens blijven zoals ze zijn."

    def handle(self, *args: Any, **options: Any) -> None:
        load_on_first_start(report=self.stdout.write)
        load_demo_data(report=self.stdout.write)
