"""Search adapter for annual programmes and their projects, until the programmes app has its
own `search.py` (then unused). Programmes and projects are public, like their pages.

A programme's document lists its projects' titles and themes; both carry their organisation's
name, and a project the names of its themes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from dwarsverband.knowledge.indexing import Document, source_key
from dwarsverband.organisations.models import Organisation
from dwarsverband.programmes.models import Programme, Project, Theme

indexed_models = ["programmes.Programme", "programmes.Project"]
shown_models = ["organisations.Organisation", "programmes.Theme"]


def objects(model: type[models.Model]) -> models.QuerySet[Any]:
    if model is Programme:
        return Programme.objects.select_related("organisation").prefetch_related("projects__themes")
    return Project.objects.select_related("programme__organisation").prefetch_related("themes")


def dependents(changed: models.QuerySet[Any]) -> Iterator[models.QuerySet[Any]]:
    if changed.model is Organisation:
        yield Programme.objects.filter(organisation__in=changed)
        yield Project.objects.filter(programme__organisation__in=changed)
    elif changed.model is Theme:
        yield Project.objects.filter(themes__in=changed)
        yield Programme.objects.filter(projects__themes__in=changed)
    elif changed.model is Programme:
        yield Project.objects.filter(programme__in=changed)
    elif changed.model is Project:
        yield Programme.objects.filter(projects__in=changed)


def _project_document(project: Project, programme: Programme) -> Document:
    organisation = programme.organisation
    parts = [project.get_kind_display(), project.description]
    parts += [theme.name for theme in project.themes.all()]
    return Document(
        doc_type="project",
        object_id=project.pk,
        title=project.title,
        body="\n".join(part for part in parts if part),
        url=project.get_absolute_url(),
        source=source_key(project),
        themes=tuple(theme.slug for theme in project.themes.all()),
        organisation=organisation.slug,
        organisation_name=organisation.name,
        year=programme.year,
    )


def _programme_document(programme: Programme) -> Document:
    organisation = programme.organisation
    projects = list(programme.projects.all())
    return Document(
        doc_type="programme",
        object_id=programme.pk,
        title=_("%(title)s van %(organisation)s")
        % {"title": programme.title, "organisation": organisation.name},
        body="\n".join([programme.description, *(project.title for project in projects)]),
        url=programme.get_absolute_url(),
        source=source_key(programme),
        themes=tuple(sorted({theme.slug for p in projects for theme in p.themes.all()})),
        organisation=organisation.slug,
        organisation_name=organisation.name,
        year=programme.year,
    )


def documents(instance: models.Model | None = None) -> Iterator[Document]:
    if instance is None:
        for programme in objects(Programme).order_by("pk"):
            yield _programme_document(programme)
            for project in programme.projects.all():
                yield _project_document(project, programme)
    elif isinstance(instance, Programme):
        yield _programme_document(instance)
    elif isinstance(instance, Project):
        yield _project_document(instance, instance.programme)
