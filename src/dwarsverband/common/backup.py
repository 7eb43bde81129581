"""Backup and restore of everything in the database, the same way on SQLite and PostgreSQL.

A backup is a gzip-compressed JSON document: a manifest (format, platform version, database
vendor, object count per model) and Django's serialisation of every model with natural keys
for content types and permissions, so it restores into a fresh database of either kind.
"""

from __future__ import annotations

import gzip
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction

from dwarsverband import __version__
from dwarsverband.common.registry import after_load_hooks

FORMAT = "dwarsverband-backup/1"
# Rebuilt by Django itself or worthless after a restore.
EXCLUDED = {"contenttypes.contenttype", "auth.permission", "sessions.session", "admin.logentry"}


class BackupError(Exception):
    """A backup file that cannot be restored, with the reason in Dutch."""


@dataclass(frozen=True)
class BackupSummary:
    objects: int
    per_model: dict[str, int]


def _models() -> list[Any]:
    """All models to back up, ordered so that natural-key references resolve on restore."""
    app_list = [
        (
            config,
            [
                model
                for model in config.get_models()
                if model._meta.label_lower not in EXCLUDED
                and not model._meta.proxy
                and model._meta.managed
            ],
        )
        for config in apps.get_app_configs()
    ]
    return list(serializers.sort_dependencies(app_list, allow_cycles=True))


def backup_write(*, path: Path) -> BackupSummary:
    """Write a consistent snapshot of all data to PATH (gzip JSON)."""
    with transaction.atomic():
        objects = []
        for model in _models():
            objects.extend(model._default_manager.order_by("pk").iterator())
        data = serializers.serialize(
            "json", objects, use_natural_foreign_keys=True, use_natural_primary_keys=False
        )
    counts = Counter(obj._meta.label_lower for obj in objects)
    document = {
        "format": FORMAT,
        "version": __version__,
        "vendor": connection.vendor,
        "counts": dict(sorted(counts.items())),
        "objects": json.loads(data),
    }
    tmp = path.with_name(path.name + ".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False)
    tmp.replace(path)
    return BackupSummary(objects=len(objects), per_model=dict(counts))


def _read(path: Path) -> dict[str, Any]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            document = json.load(handle)
    except FileNotFoundError as error:
        raise BackupError(f"Het bestand {path} bestaat niet.") from error
    except (OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BackupError(f"{path} is geen leesbare Dwarsverband-back-up ({error}).") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(f"{path} is geen Dwarsverband-back-up in formaat {FORMAT}.")
    return document


def backup_restore(*, path: Path) -> BackupSummary:
    """Replace all data with the backup at PATH. All or nothing: on any error nothing changes."""
    document = _read(path)
    payload = json.dumps(document.get("objects", []))
    expected = document.get("counts", {})
    try:
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=False)
            counts: Counter[str] = Counter()
            # One at a time: natural-key references are looked up in the database, so the
            # objects they point to (saved earlier in dependency order) must be there.
            for item in serializers.deserialize("json", io.StringIO(payload)):
                item.save()
                counts[item.object._meta.label_lower] += 1
            if dict(counts) != expected:
                raise BackupError("De back-up is onvolledig: de aantallen per soort kloppen niet.")
            _check_constraints()
            _reset_sequences()
    except BackupError:
        raise
    except Exception as error:  # a damaged backup must leave the database as it was
        raise BackupError(f"De back-up kan niet worden teruggezet: {error}") from error
    # Derived structures that are not models (the full-text index) are rebuilt from the data.
    for hook in after_load_hooks():
        hook(lambda message: None)
    return BackupSummary(objects=sum(counts.values()), per_model=dict(counts))


def _check_constraints() -> None:
    """Foreign keys are checked now, inside the transaction, not only at commit."""
    connection.check_constraints()


def _reset_sequences() -> None:
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), _models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
