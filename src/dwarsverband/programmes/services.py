from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify

from dwarsverband.organisations.models import Organisation
from dwarsverband.organisations.permissions import user_can_edit_organisation, user_is_coordinator
from dwarsverband.programmes.models import Programme, Project, Theme
from dwarsverband.programmes.signals import projects_changed

PROJECT_FIELDS = (
    "reference",
    "title",
    "description",
    "kind",
    "starts_on",
    "ends_on",
    "status",
    "contact_role",
)


def _unique_theme_slug(name: str, exclude_pk: int | None) -> str:
    base = slugify(name)[:110] or "thema"
    slug, suffix = base, 2
    others = Theme.objects.exclude(pk=exclude_pk) if exclude_pk else Theme.objects.all()
    while others.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@transaction.atomic
def theme_create(*, user: Any, data: dict[str, Any]) -> Theme:
    if not user_is_coordinator(user):
        raise PermissionDenied
    taakvelden = data.pop("iv3_taakvelden", None)
    theme = Theme(**data)
    theme.slug = _unique_theme_slug(theme.name, None)
    theme.full_clean()
    theme.save()
    if taakvelden is not None:
        theme.iv3_taakvelden.set(taakvelden)
    return theme


@transaction.atomic
def theme_update(*, user: Any, theme: Theme, data: dict[str, Any]) -> Theme:
    if not user_is_coordinator(user):
        raise PermissionDenied
    taakvelden = data.pop("iv3_taakvelden", None)
    for field, value in data.items():
        setattr(theme, field, value)
    theme.full_clean()
    theme.save(update_fields=[*data.keys(), "updated_at"])
    if taakvelden is not None:
        theme.iv3_taakvelden.set(taakvelden)
    return theme


def project_content_hash(*, title: str, description: str, kind: str) -> str:
    """A fingerprint that ignores case, punctuation and spacing, so only material edits count."""
    words = re.findall(r"\w+", f"{title} {description}".lower())
    return hashlib.sha256(f"{kind}|{' '.join(words)}".encode()).hexdigest()


def _announce(organisation_id: int, project_ids: Iterable[int]) -> None:
    ids = sorted(set(project_ids))

    def send() -> None:
        projects_changed.send(sender=Project, organisation_id=organisation_id, project_ids=ids)

    transaction.on_commit(send)


def _require_edit(user: Any, organisation: Organisation) -> None:
    if not user_can_edit_organisation(user, organisation):
        raise PermissionDenied


@transaction.atomic
def programme_create(*, user: Any, organisation: Organisation, data: dict[str, Any]) -> Programme:
    _require_edit(user, organisation)
    programme = Programme(organisation=organisation, **data)
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def programme_update(*, user: Any, programme: Programme, data: dict[str, Any]) -> Programme:
    _require_edit(user, programme.organisation)
    for field, value in data.items():
        setattr(programme, field, value)
    programme.full_clean()
    programme.save(update_fields=[*data.keys(), "updated_at"])
    return programme


@transaction.atomic
def programme_delete(*, user: Any, programme: Programme) -> None:
    _require_edit(user, programme.organisation)
    ids = list(programme.projects.values_list("pk", flat=True))
    organisation_id = programme.organisation_id
    programme.delete()
    _announce(organisation_id, ids)


def _project_apply(project: Project, data: dict[str, Any]) -> list[str]:
    changed = []
    for field in PROJECT_FIELDS:
        if field in data and getattr(project, field) != data[field]:
            setattr(project, field, data[field])
            changed.append(field)
    new_hash = project_content_hash(
        title=project.title, description=project.description, kind=project.kind
    )
    if new_hash != project.content_hash:
        project.content_hash = new_hash
        changed.append("content_hash")
    return changed


def _project_relations(project: Project, data: dict[str, Any]) -> bool:
    """Set themes and regions; True when something changed."""
    changed = False
    for name in ("themes", "regions"):
        if name not in data or data[name] is None:
            continue
        wanted = {item.pk for item in data[name]}
        manager = getattr(project, name)
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(list(data[name]))
            changed = True
    if changed and project.themes.exists():
        project.suggested_themes.clear()
    return changed


@transaction.atomic
def project_create(*, user: Any, programme: Programme, data: dict[str, Any]) -> Project:
    _require_edit(user, programme.organisation)
    project = Project(programme=programme)
    _project_apply(project, data)
    project.full_clean()
    project.save()
    _project_relations(project, data)
    _announce(programme.organisation_id, [project.pk])
    return project


@transaction.atomic
def project_update(*, user: Any, project: Project, data: dict[str, Any]) -> Project:
    _require_edit(user, project.programme.organisation)
    changed = _project_apply(project, data)
    project.full_clean()
    if changed:
        project.save(update_fields=[*changed, "updated_at"])
    if _project_relations(project, data) or changed:
        _announce(project.programme.organisation_id, [project.pk])
    return project


@transaction.atomic
def project_delete(*, user: Any, project: Project) -> None:
    _require_edit(user, project.programme.organisation)
    organisation_id, pk = project.programme.organisation_id, project.pk
    project.delete()
    _announce(organisation_id, [pk])


def project_saved_elsewhere(*, project: Project) -> None:
    """After a save outside these services (the admin site): refresh the fingerprint and
    announce the change, so opportunities are recomputed and dismissals re-checked."""
    new_hash = project_content_hash(
        title=project.title, description=project.description, kind=project.kind
    )
    if new_hash != project.content_hash:
        Project.objects.filter(pk=project.pk).update(content_hash=new_hash)
        project.content_hash = new_hash
    _announce(project.programme.organisation_id, [project.pk])


def projects_deleted_elsewhere(*, organisation_project_ids: dict[int, list[int]]) -> None:
    """After projects were deleted outside these services (the admin site)."""
    for organisation_id, ids in organisation_project_ids.items():
        _announce(organisation_id, ids)


def project_set_suggested_themes(*, project: Project, themes: Iterable[Theme]) -> None:
    """Store the themes the matching engine suggests; only for projects without themes."""
    if project.themes.exists():
        project.suggested_themes.clear()
        return
    project.suggested_themes.set(list(themes))


@transaction.atomic
def programme_save_rows(
    *, user: Any, organisation: Organisation, year: int, rows: list[dict[str, Any]]
) -> tuple[Programme, int, int]:
    """Create or update the programme of `year` with these (already validated) project rows.

    A row with a reference updates the project with that reference; without one, a project
    with the same title is updated. Returns the programme, and the numbers of created and
    changed projects: importing the same rows again changes nothing.
    """
    _require_edit(user, organisation)
    programme = Programme.objects.filter(organisation=organisation, year=year).first()
    if programme is None:
        programme = Programme(organisation=organisation, year=year, title=f"Jaarprogramma {year}")
        programme.full_clean()
        programme.save()
    created = changed = 0
    touched: list[int] = []
    for row in rows:
        existing = (
            programme.projects.filter(reference=row["reference"]).first()
            if row.get("reference")
            else programme.projects.filter(title=row["title"], reference="").first()
        )
        if existing is None:
            project = Project(programme=programme)
            _project_apply(project, row)
            project.full_clean()
            project.save()
            _project_relations(project, row)
            created += 1
            touched.append(project.pk)
            continue
        fields = _project_apply(existing, row)
        existing.full_clean()
        if fields:
            existing.save(update_fields=[*fields, "updated_at"])
        if _project_relations(existing, row) or fields:
            changed += 1
            touched.append(existing.pk)
    if touched:
        _announce(organisation.pk, touched)
    return programme, created, changed
