from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from dwarsverband.common.backup import backup_restore, backup_write
from dwarsverband.organisations.models import NetworkMembership, Organisation, Person, Region
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _snapshot() -> dict[str, Any]:
    return {
        "organisations": sorted(
            Organisation.objects.values_list("slug", "name", "description", "code")
        ),
        "regions": sorted(Region.objects.values_list("code", "name")),
        "memberships": sorted(
            NetworkMembership.objects.values_list("network__code", "member__code", "joined_on")
        ),
        "people": sorted(Person.objects.values_list("name", "organisation__slug", "role")),
        "region_links": Organisation.regions.through.objects.count(),
    }


def test_backup_and_restore_round_trip(tmp_path: Path) -> None:
    from tests.conftest import ensure_reference_and_demo

    ensure_reference_and_demo()
    gouda = Organisation.objects.get(code="GM0513")
    gouda.description = "Beschrijving met ë en ’ tekens"
    gouda.save()
    PersonFactory(organisation=gouda, name="Fatima el Amrani")
    user = UserFactory(organisation=gouda)
    before = _snapshot()

    path = tmp_path / "backup.json.gz"
    written = backup_write(path=path)
    assert written.objects > 1000

    Organisation.objects.filter(code="GM0513").update(description="gewijzigd na de back-up")
    Person.objects.all().delete()
    restored = backup_restore(path=path)

    assert restored.objects == written.objects
    assert _snapshot() == before
    user.refresh_from_db()
    assert user.organisation == gouda
    assert user.check_password("geheim-wachtwoord-123")
    # New objects after a restore get fresh keys (sequences follow the restored data).
    highest = max(Person.objects.values_list("pk", flat=True))
    assert PersonFactory(organisation=gouda).pk > highest


def test_damaged_backup_changes_nothing(tmp_path: Path) -> None:
    from tests.conftest import ensure_reference_and_demo

    ensure_reference_and_demo()
    before = _snapshot()
    damaged = tmp_path / "damaged.json.gz"
    with gzip.open(damaged, "wt") as handle:
        handle.write('{"format": "dwarsverband-backup/1", "counts": {}, "objects": [{"model": ')
    with pytest.raises(CommandError, match="geen leesbare"):
        call_command("restore", str(damaged))
    foreign = tmp_path / "other.json.gz"
    with gzip.open(foreign, "wt") as handle:
        handle.write('{"objects": []}')
    with pytest.raises(CommandError, match="geen Dwarsverband-back-up"):
        call_command("restore", str(foreign))
    dangling = tmp_path / "dangling.json.gz"
    with gzip.open(dangling, "wt") as handle:
        handle.write(
            '{"format": "dwarsverband-backup/1", "counts": {"organisations.person": 1}, '
            '"objects": [{"model": "organisations.person", "pk": 1, "fields": {"name": "X", '
            '"organisation": 999999, "role": "other", "function": "", '
            '"created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}}]}'
        )
    with pytest.raises(CommandError, match="kan niet worden teruggezet"):
        call_command("restore", str(dangling))
    assert _snapshot() == before


def test_restore_of_missing_file_is_explained(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("restore", str(tmp_path / "nope.json.gz"))
