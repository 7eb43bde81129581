"""What the knowledge app contributes to the platform-wide search."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from django.db import models
from django.utils.translation import gettext as _

from dwarsverband.knowledge.constants import AUDIENCE_LOGGED_IN, AUDIENCE_PUBLIC, Visibility
from dwarsverband.knowledge.indexing import Document, source_key
from dwarsverband.knowledge.models import (
    Advice,
    Passage,
    PracticeStory,
    Publication,
    Roadmap,
    Signpost,
)

indexed_models = [
    "knowledge.Publication",
    "knowledge.Passage",
    "knowledge.Roadmap",
    "knowledge.Signpost",
    "knowledge.PracticeStory",
    "knowledge.Advice",
]


def publication_audience(publication: Publication) -> frozenset[str]:
    if publication.visibility == Visibility.PUBLIC:
        return frozenset({AUDIENCE_PUBLIC})
    if publication.visibility == Visibility.LOGGED_IN:
        return frozenset({AUDIENCE_LOGGED_IN})
    return frozenset(f"organisation:{org.pk}" for org in publication.organisations.all())


def _first_organisation(objects: Iterable[models.Model]) -> tuple[str, str]:
    for organisation in objects:
        return str(getattr(organisation, "slug", "")), str(organisation)
    return "", ""


def _publication_documents(publication: Publication) -> Iterator[Document]:
    audience = publication_audience(publication)
    themes = tuple(theme.slug for theme in publication.themes.all())
    slug, name = _first_organisation(publication.organisations.all())
    year = publication.published_on.year if publication.published_on else None
    yield Document(
        doc_type="publication",
        object_id=publication.pk,
        title=publication.title,
        body=f"{publication.authors}\n{publication.summary}",
        url=publication.get_absolute_url(),
        source=source_key(publication),
        themes=themes,
        organisation=slug,
        organisation_name=name,
        year=year,
        audience=audience,
    )
    for passage in publication.passages.all():
        yield _passage_document(passage, publication, audience, themes, slug, name, year)


def _passage_document(
    passage: Passage,
    publication: Publication,
    audience: frozenset[str],
    themes: tuple[str, ...],
    slug: str,
    name: str,
    year: int | None,
) -> Document:
    chapter = re.sub(r"^\d+(\.\d+)*\.?\s+", "", passage.chapter)
    heading = f"{passage.citation}: {chapter}" if chapter else passage.citation
    return Document(
        doc_type="passage",
        object_id=passage.pk,
        title=f"{publication.title} – {heading}",
        body=passage.text,
        url=passage.get_absolute_url(),
        source=source_key(passage),
        themes=themes,
        organisation=slug,
        organisation_name=name,
        year=year,
        audience=audience,
    )


def _roadmap_documents(roadmap: Roadmap) -> Iterator[Document]:
    themes = tuple(theme.slug for theme in roadmap.themes.all())
    slug, name = _first_organisation(roadmap.organisations.all())
    year = roadmap.published_on.year if roadmap.published_on else None
    yield Document(
        doc_type="roadmap",
        object_id=roadmap.pk,
        title=roadmap.title,
        body=roadmap.summary,
        url=roadmap.get_absolute_url(),
        source=source_key(roadmap),
        themes=themes,
        organisation=slug,
        organisation_name=name,
        year=year,
    )
    for signpost in roadmap.signposts.all():
        yield _signpost_document(signpost, roadmap, themes, slug, name, year)


def _signpost_document(
    signpost: Signpost,
    roadmap: Roadmap,
    themes: tuple[str, ...],
    slug: str,
    name: str,
    year: int | None,
) -> Document:
    parts = [signpost.summary]
    story = PracticeStory.objects.filter(signpost=signpost).first()
    if story is not None:
        parts += [story.title, story.text]
    parts += [advice.text for advice in signpost.advice.all()]
    return Document(
        doc_type="signpost",
        object_id=signpost.pk,
        title=_("Wegwijzer %(number)s: %(title)s")
        % {
            "number": signpost.position,
            "title": signpost.title,
        },
        body="\n".join(parts),
        url=signpost.get_absolute_url(),
        source=source_key(signpost),
        themes=themes,
        organisation=slug,
        organisation_name=name,
        year=year,
    )


def documents(instance: models.Model | None = None) -> Iterator[Document]:
    """All knowledge documents, or those that change when `instance` changes."""
    if instance is None:
        publications = Publication.objects.prefetch_related("themes", "organisations", "passages")
        for publication in publications:
            yield from _publication_documents(publication)
        for roadmap in Roadmap.objects.prefetch_related(
            "themes", "organisations", "signposts__advice"
        ):
            yield from _roadmap_documents(roadmap)
        return
    if isinstance(instance, Publication):
        yield from _publication_documents(instance)
    elif isinstance(instance, Passage):
        publication = instance.publication
        audience = publication_audience(publication)
        themes = tuple(theme.slug for theme in publication.themes.all())
        slug, name = _first_organisation(publication.organisations.all())
        year = publication.published_on.year if publication.published_on else None
        yield _passage_document(instance, publication, audience, themes, slug, name, year)
    elif isinstance(instance, Roadmap):
        yield from _roadmap_documents(instance)
    elif isinstance(instance, Signpost | PracticeStory | Advice):
        signpost = instance if isinstance(instance, Signpost) else instance.signpost
        roadmap = signpost.roadmap
        themes = tuple(theme.slug for theme in roadmap.themes.all())
        slug, name = _first_organisation(roadmap.organisations.all())
        year = roadmap.published_on.year if roadmap.published_on else None
        yield _signpost_document(signpost, roadmap, themes, slug, name, year)
