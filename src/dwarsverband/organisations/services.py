"""Writes of organisations, people and network memberships."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify

from dwarsverband.organisations.models import Organisation, Person
from dwarsverband.organisations.permissions import (
    user_can_add_organisation,
    user_can_edit_organisation,
)


def unique_organisation_slug(*, name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:180] or "organisatie"
    slug = base
    suffix = 2
    others = Organisation.objects.exclude(pk=exclude_pk) if exclude_pk else Organisation.objects
    while others.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


@transaction.atomic
def organisation_create(*, user: Any, data: dict[str, Any]) -> Organisation:
    if not user_can_add_organisation(user):
        raise PermissionDenied
    regions = data.pop("regions", None)
    organisation = Organisation(**data)
    organisation.slug = unique_organisation_slug(name=organisation.name)
    organisation.full_clean()
    organisation.save()
    if regions is not None:
        organisation.regions.set(regions)
    return organisation


@transaction.atomic
def organisation_update(
    *, user: Any, organisation: Organisation, data: dict[str, Any]
) -> Organisation:
    if not user_can_edit_organisation(user, organisation):
        raise PermissionDenied
    regions = data.pop("regions", None)
    for field, value in data.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save(update_fields=[*data.keys(), "updated_at"])
    if regions is not None:
        organisation.regions.set(regions)
    return organisation


@transaction.atomic
def person_create(*, user: Any, organisation: Organisation, data: dict[str, Any]) -> Person:
    if not user_can_edit_organisation(user, organisation):
        raise PermissionDenied
    person = Person(organisation=organisation, **data)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def person_update(*, user: Any, person: Person, data: dict[str, Any]) -> Person:
    if not user_can_edit_organisation(user, person.organisation):
        raise PermissionDenied
    for field, value in data.items():
        setattr(person, field, value)
    person.full_clean()
    person.save(update_fields=[*data.keys(), "updated_at"])
    return person


@transaction.atomic
def person_delete(*, user: Any, person: Person) -> None:
    if not user_can_edit_organisation(user, person.organisation):
        raise PermissionDenied
    person.delete()
