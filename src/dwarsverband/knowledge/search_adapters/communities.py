"""Search adapter for learning circles and their meetings, until the communities app has its
own `search.py` (then unused). Circles and meetings are public, like their pages; members'
cases are confidential and are not indexed."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import models

from dwarsverband.communities.models import Community, Meeting
from dwarsverband.knowledge.indexing import Document, source_key

indexed_models = ["communities.Community", "communities.Meeting"]


def _meeting_document(meeting: Meeting, community: Community) -> Document:
    host = meeting.host
    parts = [meeting.get_kind_display(), meeting.description, meeting.address, community.title]
    return Document(
        doc_type="meeting",
        object_id=meeting.pk,
        title=meeting.title,
        body="\n".join(part for part in parts if part),
        url=meeting.get_absolute_url(),
        source=source_key(meeting),
        themes=tuple(theme.slug for theme in community.themes.all()),
        organisation=host.slug if host else community.organiser.slug,
        organisation_name=host.name if host else community.organiser.name,
        year=meeting.starts_at.year,
    )


def _community_documents(community: Community) -> Iterator[Document]:
    meetings = list(community.meetings.select_related("host").order_by("starts_at"))
    parts = [community.get_kind_display(), community.description]
    if community.region:
        parts.append(community.region.name)
    parts += [partner.name for partner in community.partners.all()]
    parts += [theme.name for theme in community.themes.all()]
    yield Document(
        doc_type="community",
        object_id=community.pk,
        title=community.title,
        body="\n".join(part for part in parts if part),
        url=community.get_absolute_url(),
        source=source_key(community),
        themes=tuple(theme.slug for theme in community.themes.all()),
        organisation=community.organiser.slug,
        organisation_name=community.organiser.name,
        year=meetings[0].starts_at.year if meetings else None,
    )
    for meeting in meetings:
        yield _meeting_document(meeting, community)


def _community(pk: int) -> Community:
    return (
        Community.objects.select_related("organiser", "region")
        .prefetch_related("themes", "partners")
        .get(pk=pk)
    )


def documents(instance: models.Model | None = None) -> Iterator[Document]:
    if instance is None:
        communities = Community.objects.select_related("organiser", "region").prefetch_related(
            "themes", "partners"
        )
        for community in communities.order_by("pk"):
            yield from _community_documents(community)
    elif isinstance(instance, Community):
        yield from _community_documents(_community(instance.pk))
    elif isinstance(instance, Meeting):
        yield _meeting_document(instance, _community(instance.community_id))
