"""Requests under the GDPR (AVG): export and erase everything the platform holds on a person.

A person is identified by e-mail address: that is what accounts and registrations share.
Each app that holds personal data declares in its AppConfig
`personal_data = "dwarsverband.<app>.privacy"`, a module with

    def export(*, email: str) -> list[dict[str, Any]]   # JSON-serialisable records
    def erase(*, email: str) -> int                     # number of records erased/anonymised
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from dwarsverband.common.audit import audit_record
from dwarsverband.common.models import AuditAction


def _providers() -> list[tuple[str, ModuleType]]:
    found = []
    for config in apps.get_app_configs():
        dotted = getattr(config, "personal_data", None)
        if dotted:
            found.append((config.label, import_module(dotted)))
    return found


def personal_data_export(*, email: str, actor: Any = None) -> dict[str, Any]:
    email = email.strip()
    data: dict[str, Any] = {
        "emailAddress": email,
        "exportedAt": timezone.now().isoformat(),
        "data": {},
    }
    for label, module in _providers():
        records = module.export(email=email)
        if records:
            data["data"][label] = records
    audit_record(action=AuditAction.PERSONAL_DATA_EXPORT, actor=actor)
    return data


@transaction.atomic
def personal_data_erase(*, email: str, actor: Any = None) -> dict[str, int]:
    email = email.strip()
    erased = {label: module.erase(email=email) for label, module in _providers()}
    audit_record(
        action=AuditAction.PERSONAL_DATA_ERASURE,
        actor=actor,
        details={"records": sum(erased.values())},
    )
    return erased
