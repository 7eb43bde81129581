"""Reads for publications, passages and roadmaps, with the permission rules for reading."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet

from dwarsverband.knowledge.constants import AdviceRole, Visibility
from dwarsverband.knowledge.models import Advice, Passage, Publication, Roadmap, Signpost
from dwarsverband.organisations.permissions import user_is_coordinator


def publications_visible_to(user: Any) -> QuerySet[Publication]:
    publications = Publication.objects.all()
    if user_is_coordinator(user):
        return publications
    rule = Q(visibility=Visibility.PUBLIC)
    if getattr(user, "is_authenticated", False) and user.is_active:
        rule |= Q(visibility=Visibility.LOGGED_IN)
        if user.organisation_id:
            rule |= Q(visibility=Visibility.ORGANISATIONS, organisations=user.organisation_id)
    return publications.filter(rule).distinct()


def publication_list(*, user: Any) -> QuerySet[Publication]:
    return publications_visible_to(user).prefetch_related("organisations", "themes")


def publication_get(*, user: Any, slug: str) -> Publication | None:
    return (
        publications_visible_to(user)
        .prefetch_related(
            "organisations",
            "themes",
            Prefetch(
                "passages",
                queryset=Passage.objects.order_by("position").prefetch_related(
                    "signposts__roadmap"
                ),
            ),
        )
        .filter(slug=slug)
        .first()
    )


def roadmap_list() -> QuerySet[Roadmap]:
    return Roadmap.objects.prefetch_related("organisations").order_by("title")


@dataclass
class SignpostView:
    signpost: Signpost
    advice: list[Advice]
    passages: list[Passage]


def roadmap_get(
    *, slug: str, role: str | None, user: Any
) -> tuple[Roadmap, list[SignpostView]] | None:
    """The roadmap with, per signpost, the advice for `role` (all roles when None).

    Cited passages of publications the user may not read are left out.
    """
    roadmap = (
        Roadmap.objects.select_related("publication")
        .prefetch_related("organisations", "themes")
        .filter(slug=slug)
        .first()
    )
    if roadmap is None:
        return None
    readable = set(publications_visible_to(user).values_list("pk", flat=True))
    signposts = roadmap.signposts.order_by("position").prefetch_related(
        "story__organisations",
        Prefetch("advice", queryset=Advice.objects.order_by("role")),
        Prefetch(
            "passages",
            queryset=Passage.objects.select_related("publication").order_by(
                "publication__title", "position"
            ),
        ),
    )
    order = {value: index for index, value in enumerate(AdviceRole.values)}
    views = []
    for signpost in signposts:
        advice = sorted(signpost.advice.all(), key=lambda item: order.get(item.role, 99))
        if role:
            advice = [item for item in advice if item.role == role]
        passages = [p for p in signpost.passages.all() if p.publication_id in readable]
        views.append(SignpostView(signpost=signpost, advice=advice, passages=passages))
    return roadmap, views


# Reads for the API --------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicationFilters:
    kind: str = ""
    theme: str = ""
    organisation: str = ""


def publication_filter(*, user: Any, filters: PublicationFilters) -> QuerySet[Publication]:
    """The publications the user may read that match every filter, newest first."""
    publications = publication_list(user=user).annotate(
        passage_count=Count("passages", distinct=True)
    )
    if filters.kind:
        publications = publications.filter(kind=filters.kind)
    if filters.theme:
        publications = publications.filter(themes__slug=filters.theme)
    if filters.organisation:
        publications = publications.filter(organisations__slug=filters.organisation)
    return publications.order_by(F("published_on").desc(nulls_last=True), "title", "pk")


def publication_readable(*, user: Any, slug: str) -> Publication | None:
    """The publication if the user may read it, without its passages."""
    return publications_visible_to(user).filter(slug=slug).first()


def publication_passages(publication: Publication) -> QuerySet[Passage]:
    return publication.passages.order_by("position", "pk")


def passage_get(*, publication: Publication, anchor: str) -> Passage | None:
    """One passage, with the signposts (and their roadmaps) that cite it."""
    return (
        publication.passages.prefetch_related(
            Prefetch(
                "signposts",
                queryset=Signpost.objects.select_related("roadmap").order_by(
                    "roadmap__title", "position"
                ),
            )
        )
        .filter(anchor=anchor)
        .first()
    )


@dataclass(frozen=True)
class RoadmapFilters:
    theme: str = ""
    organisation: str = ""


def roadmap_filter(*, filters: RoadmapFilters) -> QuerySet[Roadmap]:
    roadmaps = (
        roadmap_list()
        .prefetch_related("themes")
        .annotate(signpost_count=Count("signposts", distinct=True))
    )
    if filters.theme:
        roadmaps = roadmaps.filter(themes__slug=filters.theme)
    if filters.organisation:
        roadmaps = roadmaps.filter(organisations__slug=filters.organisation)
    return roadmaps.order_by("title", "pk")


def roadmap_publication(*, user: Any, roadmap: Roadmap) -> Publication | None:
    """The publication a roadmap rests on, if the user may read it."""
    if roadmap.publication_id is None:
        return None
    return publications_visible_to(user).filter(pk=roadmap.publication_id).first()
