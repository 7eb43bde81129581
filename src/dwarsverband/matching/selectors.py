"""Reads of opportunities."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from dwarsverband.matching.constants import OpportunityStatus
from dwarsverband.matching.models import Opportunity
from dwarsverband.programmes.models import Project


@dataclass(frozen=True)
class OpportunityFilters:
    organisation: str = ""
    theme: str = ""
    domain: str = ""
    kind: str = ""
    region: str = ""
    status: str = ""
    project: int | None = None


def opportunity_list(*, filters: OpportunityFilters) -> QuerySet[Opportunity]:
    """Opportunities, best first. Dismissed ones only when asked for explicitly."""
    opportunities = Opportunity.objects.select_related(
        "project_a__programme__organisation", "project_b__programme__organisation", "community"
    ).prefetch_related("project_a__themes", "project_b__themes")
    if filters.status:
        opportunities = opportunities.filter(status=filters.status)
    else:
        opportunities = opportunities.exclude(status=OpportunityStatus.DISMISSED)
    if filters.organisation:
        opportunities = opportunities.filter(
            Q(project_a__programme__organisation__slug=filters.organisation)
            | Q(project_b__programme__organisation__slug=filters.organisation)
        )
    if filters.theme:
        opportunities = opportunities.filter(
            Q(project_a__themes__slug=filters.theme)
            | Q(project_b__themes__slug=filters.theme)
            | Q(project_a__suggested_themes__slug=filters.theme)
            | Q(project_b__suggested_themes__slug=filters.theme)
        )
    if filters.domain:
        opportunities = opportunities.filter(
            Q(project_a__themes__domain=filters.domain)
            | Q(project_b__themes__domain=filters.domain)
        )
    if filters.kind:
        opportunities = opportunities.filter(kind=filters.kind)
    if filters.region:
        opportunities = opportunities.filter(
            Q(project_a__regions__code=filters.region)
            | Q(project_b__regions__code=filters.region)
            | Q(project_a__programme__organisation__regions__code=filters.region)
            | Q(project_b__programme__organisation__regions__code=filters.region)
        )
    if filters.project:
        opportunities = opportunities.filter(
            Q(project_a_id=filters.project) | Q(project_b_id=filters.project)
        )
    return opportunities.distinct().order_by("-score", "pk")


def opportunity_get(*, pk: int) -> Opportunity | None:
    return (
        Opportunity.objects.select_related(
            "project_a__programme__organisation",
            "project_b__programme__organisation",
            "decided_by",
            "community",
        )
        .prefetch_related("project_a__themes", "project_b__themes")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class SimilarProject:
    project: Project
    opportunity: Opportunity
    percentage: int
    shared_terms: list[str]


def similar_projects(*, project: Project, limit: int = 8) -> list[SimilarProject]:
    """The most similar projects of other organisations (from the computed opportunities)."""
    found = (
        Opportunity.objects.filter(Q(project_a=project) | Q(project_b=project))
        .exclude(status=OpportunityStatus.DISMISSED)
        .select_related("project_a__programme__organisation", "project_b__programme__organisation")
        .order_by("-score", "pk")[:limit]
    )
    return [
        SimilarProject(
            project=item.project_b if item.project_a_id == project.pk else item.project_a,
            opportunity=item,
            percentage=item.percentage,
            shared_terms=list(item.shared_terms),
        )
        for item in found
    ]
