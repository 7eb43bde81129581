"""Reads of organisations, regions and networks."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from dwarsverband.organisations.constants import OrganisationKind, RegionKind
from dwarsverband.organisations.models import NetworkMembership, Organisation, Person, Region


@dataclass(frozen=True)
class OrganisationFilters:
    text: str = ""
    kind: str = ""
    province: str = ""
    labour_market_region: str = ""
    corop: str = ""
    network: str = ""


def organisation_list(*, filters: OrganisationFilters) -> QuerySet[Organisation]:
    organisations = Organisation.objects.matching(filters.text)
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    for code in (filters.province, filters.labour_market_region, filters.corop):
        if code:
            organisations = organisations.filter(regions__code=code)
    if filters.network:
        organisations = organisations.filter(
            network_memberships__network__slug=filters.network,
            network_memberships__left_on__isnull=True,
        )
    return organisations.prefetch_related(
        Prefetch("regions", queryset=Region.objects.order_by("kind", "name"))
    ).distinct()


def organisation_get(*, slug: str) -> Organisation | None:
    return (
        Organisation.objects.filter(slug=slug)
        .prefetch_related(
            Prefetch("regions", queryset=Region.objects.order_by("kind", "name")),
            Prefetch(
                "network_memberships",
                queryset=NetworkMembership.objects.select_related("network").order_by(
                    "network__name"
                ),
            ),
            Prefetch("people", queryset=Person.objects.order_by("name")),
        )
        .first()
    )


def network_members(*, network: Organisation) -> QuerySet[NetworkMembership]:
    return (
        NetworkMembership.objects.filter(network=network)
        .select_related("member")
        .order_by("member__name")
    )


def network_list() -> QuerySet[Organisation]:
    return Organisation.objects.networks().annotate(member_count=Count("memberships"))


def regions_with_member_count() -> QuerySet[Region]:
    return Region.objects.annotate(member_count=Count("members")).order_by("kind", "name")


def regions_of_kind(*, kind: str) -> QuerySet[Region]:
    return Region.objects.filter(kind=kind).order_by("name")


def region_list() -> dict[str, QuerySet[Region]]:
    """All regions grouped by kind, each with its number of municipalities."""
    grouped: dict[str, QuerySet[Region]] = {}
    for kind in RegionKind:
        regions = (
            Region.objects.filter(kind=kind)
            .annotate(member_count=Count("members"))
            .order_by("name")
        )
        if regions.exists():
            grouped[str(kind.label)] = regions
    return grouped


def region_get(*, code: str) -> Region | None:
    return Region.objects.filter(code=code).first()


def region_municipalities(*, region: Region) -> QuerySet[Organisation]:
    return (
        region.members.filter(kind=OrganisationKind.MUNICIPALITY)
        .prefetch_related(Prefetch("regions", queryset=Region.objects.order_by("kind", "name")))
        .order_by("name")
    )


def organisation_counts() -> dict[str, int]:
    counts = dict(
        Organisation.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    return {str(kind): counts.get(kind, 0) for kind in OrganisationKind}
