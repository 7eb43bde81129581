from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import User


@pytest.fixture
def admin_client(client: Client, make_user: Callable[..., User], reference: None) -> Client:
    """A platform administrator (staff and superuser) logged in to the admin."""
    admin = make_user(PlatformRole.ADMIN)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    return client
