"""Signal receivers of regional data: drawn map outlines go stale when boundaries change."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dwarsverband.organisations.models import Boundary, Organisation
from dwarsverband.regiodata.selectors import OUTLINE_VERSION_KEY


def outlines_changed() -> None:
    cache.set(OUTLINE_VERSION_KEY, uuid4().hex, timeout=None)


# At once, so this transaction draws from its own boundaries, and again at commit, so that an
# outline drawn by another request from the boundaries before the commit is not kept.
@receiver(post_save, sender=Boundary)
@receiver(post_delete, sender=Boundary)
@receiver(post_save, sender=Organisation)
@receiver(post_delete, sender=Organisation)
def _boundary_or_name_changed(sender: Any, **kwargs: Any) -> None:
    outlines_changed()
    transaction.on_commit(outlines_changed)
