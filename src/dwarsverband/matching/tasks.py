"""Background work: recompute opportunities after a programme changed."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from dwarsverband.common.loading import is_bulk_loading
from dwarsverband.matching import services


@task()
def opportunities_recompute_task() -> dict[str, int]:
    result = services.opportunities_recompute()
    return {
        "projects": result.projects,
        "created": result.created,
        "updated": result.updated,
        "removed": result.removed,
        "reappeared": result.reappeared,
    }


def on_projects_changed(sender: Any, **kwargs: Any) -> None:
    """Receiver of programmes' projects_changed (sent once the change is committed)."""
    if is_bulk_loading():
        return  # a data load recomputes once at the end (after_load)
    opportunities_recompute_task.enqueue()


def opportunities_recompute_after_load(report: Any) -> None:
    """after_load hook (common/registry.py)."""
    result = services.opportunities_recompute()
    report(f"Samenwerkingskansen berekend: {result.created} nieuw, {result.updated} bijgewerkt.")
