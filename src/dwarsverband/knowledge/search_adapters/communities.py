"""Search adapter for learning circles and their meetings, until the communities app has its
own `search.py` (then unused). Circles and meetings are public, like their pages; members'
cases are confidential and are not indexed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import models
from django.db.models import Prefetch, Q

from dwarsverband.communities.models import Community, Meeting
from dwarsverband.knowledge.indexing import Document, source_key
from dwarsverband.organisations.models import Organisation, Region
from dwarsverband.programmes.models import Theme

indexed_models = ["communities.Community", "communities.Meeting"]
shown_models = ["organisations.Organisation", "organisations.Region", "programmes.Theme"]


def objects(model: type[models.Model]) -> models.QuerySet[Any]:
    if model is Community:
        meetings = Meeting.objects.select_related("host").order_by("starts_at")
        return Community.objects.select_related("organiser", "region").prefetch_related(
            "themes", "partners", Prefetch("meetings", queryset=meetings)
        )
    return Meeting.objects.select_related("host", "community__organiser").prefetch_related(
        "community__themes"
    )


def dependents(changed: models.QuerySet[Any]) -> Iterator[models.QuerySet[Any]]:
    if changed.model is Organisation:
        yield Community.objects.filter(Q(organiser__in=changed) | Q(partners__in=changed))
        yield Meeting.objects.filter(Q(host__in=changed) | Q(community__organiser__in=changed))
    elif changed.model is Region:
        yield Community.objects.filter(region__in=changed)
    elif changed.model is Theme:
        yield Community.objects.filter(themes__in=changed)
        yield Meeting.objects.filter(community__themes__in=changed)
    elif changed.model is Community:
        yield Meeting.objects.filter(community__in=changed)
    elif changed.model is Meeting:  # the community's year is that of its first meeting
        yield Community.objects.filter(meetings__in=changed)


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


def _community_document(community: Community) -> Document:
    meetings = list(community.meetings.all())
    parts = [community.get_kind_display(), community.description]
    if community.region:
        parts.append(community.region.name)
    parts += [partner.name for partner in community.partners.all()]
    parts += [theme.name for theme in community.themes.all()]
    return Document(
        doc_type="community",
        object_id=community.pk,
        title=community.title,
        body="\n".join(part for part in parts if part),
        url=community.get_absolute_url(),
        source=source_key(community),
        themes=tuple(theme.slug for theme in community.themes.all()),
        organisation=community.organiser.slug,
        organisation_name=community.organiser.name,
        year=min(meeting.starts_at for meeting in meetings).year if meetings else None,
    )


def documents(instance: models.Model | None = None) -> Iterator[Document]:
    if instance is None:
        for community in objects(Community).order_by("pk"):
            yield _community_document(community)
            for meeting in community.meetings.all():
                yield _meeting_document(meeting, community)
    elif isinstance(instance, Community):
        yield _community_document(instance)
    elif isinstance(instance, Meeting):
        yield _meeting_document(instance, instance.community)
