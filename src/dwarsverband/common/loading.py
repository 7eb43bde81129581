"""The two data loads every installation needs: reference data and demo data.

Each app declares its own loaders (see `registry.py`); this module runs them in order and
records each load, so that a first start loads everything once and an upgrade that adds an
app loads just that app's data.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

from dwarsverband.common.registry import Report, after_load_hooks, loaders, start_hooks
from dwarsverband.common.services import data_load_is_recorded, data_load_record

DATA_VERSION = "1"

_bulk_loading: ContextVar[bool] = ContextVar("dwarsverband_bulk_loading", default=False)


def is_bulk_loading() -> bool:
    """True while reference or demo data is being loaded.

    Signal handlers that do expensive work per saved object (search indexing, recomputing
    opportunities) skip it then; the app's `after_load` hook does it once at the end.
    """
    return _bulk_loading.get()


@contextmanager
def bulk_loading() -> Iterator[None]:
    token = _bulk_loading.set(True)
    try:
        yield
    finally:
        _bulk_loading.reset(token)


def _quiet(message: str) -> None:
    return None


def _run(kind: str, *, only_missing: bool, report: Report) -> bool:
    """Run the loaders of one kind; True if any of them loaded something."""
    loaded = False
    with bulk_loading():
        for loader in loaders(kind):
            name = f"{kind}:{loader.label}"
            if only_missing and data_load_is_recorded(name=name):
                continue
            with transaction.atomic():
                loader.load(report)
                data_load_record(name=name, version=DATA_VERSION)
            loaded = True
    return loaded


def _after_load(report: Report) -> None:
    for hook in after_load_hooks():
        hook(report)


def load_reference_data(*, report: Report = _quiet) -> None:
    if _run("reference", only_missing=False, report=report):
        _after_load(report)


def load_demo_data(*, report: Report = _quiet) -> None:
    if _run("demo", only_missing=False, report=report):
        _after_load(report)


def load_on_first_start(*, report: Report = _quiet) -> None:
    """Load what has never been loaded; a second start adds nothing and overwrites no edits."""
    loaded = _run("reference", only_missing=True, report=report)
    loaded = _run("demo", only_missing=True, report=report) or loaded
    if loaded:
        _after_load(report)


def run_start_hooks(*, report: Report = _quiet) -> None:
    """Each app's upkeep on start, after migrations and first-start loading (`on_start`)."""
    for hook in start_hooks():
        hook(report)
