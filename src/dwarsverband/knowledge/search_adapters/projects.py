"""Search adapter for annual programmes and their projects, until the programmes app has its
own `search.py` (then unused). Programmes and projects are public, like their pages."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import models
from django.utils.translation import gettext as _

from dwarsverband.knowledge.indexing import Document, source_key
from dwarsverband.programmes.models import Programme, Project

indexed_models = ["programmes.Programme", "programmes.Project"]


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


def _programme_documents(programme: Programme) -> Iterator[Document]:
    organisation = programme.organisation
    projects = list(programme.projects.all())
    yield Document(
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
    for project in projects:
        yield _project_document(project, programme)


def documents(instance: models.Model | None = None) -> Iterator[Document]:
    if instance is None:
        programmes = Programme.objects.select_related("organisation").prefetch_related(
            "projects__themes"
        )
        for programme in programmes.order_by("pk"):
            yield from _programme_documents(programme)
    elif isinstance(instance, Programme):
        yield from _programme_documents(instance)
    elif isinstance(instance, Project):
        programme = Programme.objects.select_related("organisation").get(pk=instance.programme_id)
        yield _project_document(instance, programme)
