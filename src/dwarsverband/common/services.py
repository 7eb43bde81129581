"""Bookkeeping of data loads shared by every app's loaders."""

from __future__ import annotations

from django.utils import timezone

from dwarsverband.common.models import DataLoad


def data_load_is_recorded(*, name: str) -> bool:
    return DataLoad.objects.filter(name=name).exists()


def data_load_version(*, name: str) -> str | None:
    """The version recorded for a data load, or None if it never ran."""
    return DataLoad.objects.filter(name=name).values_list("version", flat=True).first()


def data_load_record(*, name: str, version: str) -> DataLoad:
    load, _created = DataLoad.objects.update_or_create(
        name=name, defaults={"version": version, "loaded_at": timezone.now()}
    )
    return load
