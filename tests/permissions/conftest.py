from __future__ import annotations

from collections.abc import Callable

import pytest

from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User


@pytest.fixture
def users(reference: None, make_user: Callable[..., User]) -> dict[str, User | None]:
    """One user per role; editor A works for Gouda, editor B for Utrecht."""
    gouda = Organisation.objects.get(code="GM0513")
    utrecht = Organisation.objects.get(code="GM0344")
    admin = make_user(PlatformRole.ADMIN)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return {
        "anonymous": None,
        "reader": make_user(PlatformRole.READER, gouda),
        "editor_a": make_user(PlatformRole.EDITOR, gouda),
        "editor_b": make_user(PlatformRole.EDITOR, utrecht),
        "coordinator": make_user(PlatformRole.COORDINATOR),
        "admin": admin,
    }
