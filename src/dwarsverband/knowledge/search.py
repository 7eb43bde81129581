"""What the knowledge app contributes to the platform-wide search."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

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
from dwarsverband.organisations.models import Organisation
from dwarsverband.programmes.models import Theme

indexed_models = [
    "knowledge.Publication",
    "knowledge.Passage",
    "knowledge.Roadmap",
    "knowledge.Signpost",
]
# Passages carry their publication's title, organisation and themes, signposts those of their
# roadmap and the text of their practice story and advice.
shown_models = [
    "organisations.Organisation",
    "programmes.Theme",
    "knowledge.PracticeStory",
    "knowledge.Advice",
]


def objects(model: type[models.Model]) -> models.QuerySet[Any]:
    if model is Publication:
        return Publication.objects.prefetch_related("themes", "organisations")
    if model is Passage:
        return Passage.objects.select_related("publication").prefetch_related(
            "publication__themes", "publication__organisations"
        )
    if model is Roadmap:
        return Roadmap.objects.prefetch_related("themes", "organisations")
    return Signpost.objects.select_related("roadmap", "story").prefetch_related(
        "roadmap__themes", "roadmap__organisations", "advice"
    )


def dependents(changed: models.QuerySet[Any]) -> Iterator[models.QuerySet[Any]]:
    if changed.model is Organisation or changed.model is Theme:
        link = "organisations" if changed.model is Organisation else "themes"
        yield Publication.objects.filter(**{f"{link}__in": changed})
        yield Passage.objects.filter(**{f"publication__{link}__in": changed})
        yield Roadmap.objects.filter(**{f"{link}__in": changed})
        yield Signpost.objects.filter(**{f"roadmap__{link}__in": changed})
    elif changed.model is Publication:
        yield Passage.objects.filter(publication__in=changed)
    elif changed.model is Roadmap:
        yield Signpost.objects.filter(roadmap__in=changed)
    elif changed.model is PracticeStory:
        yield Signpost.objects.filter(story__in=changed)
    elif changed.model is Advice:
        yield Signpost.objects.filter(advice__in=changed)


def publication_audience(publication: Publication) -> frozenset[str]:
    if publication.visibility == Visibility.PUBLIC:
        return frozenset({AUDIENCE_PUBLIC})
    if publication.visibility == Visibility.LOGGED_IN:
        return frozenset({AUDIENCE_LOGGED_IN})
    return frozenset(f"organisation:{org.pk}" for org in publication.organisations.all())


def _first_organisation(organisations: Iterable[models.Model]) -> tuple[str, str]:
    for organisation in organisations:
        return str(getattr(organisation, "slug", "")), str(organisation)
    return "", ""


def _publication_document(publication: Publication) -> Document:
    slug, name = _first_organisation(publication.organisations.all())
    return Document(
        doc_type="publication",
        object_id=publication.pk,
        title=publication.title,
        body=f"{publication.authors}\n{publication.summary}",
        url=publication.get_absolute_url(),
        source=source_key(publication),
        themes=tuple(theme.slug for theme in publication.themes.all()),
        organisation=slug,
        organisation_name=name,
        year=publication.published_on.year if publication.published_on else None,
        audience=publication_audience(publication),
    )


def _passage_document(passage: Passage, publication: Publication) -> Document:
    chapter = re.sub(r"^\d+(\.\d+)*\.?\s+", "", passage.chapter)
    heading = f"{passage.citation}: {chapter}" if chapter else passage.citation
    slug, name = _first_organisation(publication.organisations.all())
    return Document(
        doc_type="passage",
        object_id=passage.pk,
        title=f"{publication.title} – {heading}",
        body=passage.text,
        url=passage.get_absolute_url(),
        source=source_key(passage),
        themes=tuple(theme.slug for theme in publication.themes.all()),
        organisation=slug,
        organisation_name=name,
        year=publication.published_on.year if publication.published_on else None,
        audience=publication_audience(publication),
    )


def _roadmap_document(roadmap: Roadmap) -> Document:
    slug, name = _first_organisation(roadmap.organisations.all())
    return Document(
        doc_type="roadmap",
        object_id=roadmap.pk,
        title=roadmap.title,
        body=roadmap.summary,
        url=roadmap.get_absolute_url(),
        source=source_key(roadmap),
        themes=tuple(theme.slug for theme in roadmap.themes.all()),
        organisation=slug,
        organisation_name=name,
        year=roadmap.published_on.year if roadmap.published_on else None,
    )


def _story(signpost: Signpost) -> PracticeStory | None:
    try:
        return signpost.story
    except PracticeStory.DoesNotExist:
        return None


def _signpost_document(signpost: Signpost, roadmap: Roadmap) -> Document:
    parts = [signpost.summary]
    story = _story(signpost)
    if story is not None:
        parts += [story.title, story.text]
    parts += [advice.text for advice in signpost.advice.all()]
    slug, name = _first_organisation(roadmap.organisations.all())
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
        themes=tuple(theme.slug for theme in roadmap.themes.all()),
        organisation=slug,
        organisation_name=name,
        year=roadmap.published_on.year if roadmap.published_on else None,
    )


def documents(instance: models.Model | None = None) -> Iterator[Document]:
    """All knowledge documents, or those of `instance`."""
    if instance is None:
        for publication in objects(Publication).prefetch_related("passages"):
            yield _publication_document(publication)
            for passage in publication.passages.all():
                yield _passage_document(passage, publication)
        roadmaps = objects(Roadmap).prefetch_related("signposts__story", "signposts__advice")
        for roadmap in roadmaps:
            yield _roadmap_document(roadmap)
            for signpost in roadmap.signposts.all():
                yield _signpost_document(signpost, roadmap)
    elif isinstance(instance, Publication):
        yield _publication_document(instance)
    elif isinstance(instance, Passage):
        yield _passage_document(instance, instance.publication)
    elif isinstance(instance, Roadmap):
        yield _roadmap_document(instance)
    elif isinstance(instance, Signpost):
        yield _signpost_document(instance, instance.roadmap)
