from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from dwarsverband.knowledge.indexing import index_rebuild


class Command(BaseCommand):
    help = "Bouwt de zoekindex opnieuw op uit alle apps (in één transactie)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        total = index_rebuild(report=lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Zoekindex opnieuw opgebouwd: {total} documenten in "
                f"{time.perf_counter() - started:.1f} s."
            )
        )
