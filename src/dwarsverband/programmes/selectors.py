from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from dwarsverband.programmes.constants import Domain
from dwarsverband.programmes.models import Iv3Taakveld, Programme, Project, Theme


def themes_by_domain() -> list[tuple[str, list[Theme]]]:
    themes = Theme.objects.prefetch_related(
        Prefetch("iv3_taakvelden", queryset=Iv3Taakveld.objects.order_by("position"))
    ).order_by("name")
    grouped: dict[str, list[Theme]] = {domain.value: [] for domain in Domain}
    for theme in themes:
        grouped.setdefault(theme.domain, []).append(theme)
    return [(str(Domain(domain).label), items) for domain, items in grouped.items()]


def programme_list(*, organisation_slug: str = "", year: int | None = None) -> QuerySet[Programme]:
    programmes = Programme.objects.select_related("organisation").annotate(
        project_count=Count("projects")
    )
    if organisation_slug:
        programmes = programmes.filter(organisation__slug=organisation_slug)
    if year:
        programmes = programmes.filter(year=year)
    return programmes.order_by("-year", "organisation__name")


def programme_get(*, pk: int) -> Programme | None:
    return (
        Programme.objects.select_related("organisation")
        .prefetch_related(
            Prefetch(
                "projects",
                queryset=Project.objects.prefetch_related("themes", "suggested_themes").order_by(
                    "title"
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )


def project_get(*, pk: int) -> Project | None:
    return (
        Project.objects.select_related("programme__organisation")
        .prefetch_related("themes", "suggested_themes", "regions")
        .filter(pk=pk)
        .first()
    )


def project_list(*, project_ids: list[int] | None = None) -> QuerySet[Project]:
    """Projects with everything the matching engine and the pages need, in one go."""
    projects = Project.objects.select_related("programme__organisation").prefetch_related(
        "themes", "regions", "programme__organisation__regions"
    )
    if project_ids is not None:
        projects = projects.filter(pk__in=project_ids)
    return projects.order_by("pk")


def theme_list() -> QuerySet[Theme]:
    return Theme.objects.order_by("name")


def programme_years() -> list[int]:
    return list(Programme.objects.values_list("year", flat=True).distinct().order_by("-year"))


def project_search(
    *,
    programme_id: int | None = None,
    organisation_slug: str = "",
    year: int | None = None,
    theme_slug: str = "",
    domain: str = "",
    kind: str = "",
    status: str = "",
    region_code: str = "",
) -> QuerySet[Project]:
    """Projects matching the filters, with their organisation, themes and regions loaded.

    A theme matches the project's own themes and the ones the platform suggests for an
    untagged project; a region matches the project's regions and its organisation's, as on
    the opportunities page.
    """
    projects = Project.objects.select_related("programme__organisation").prefetch_related(
        "themes", "suggested_themes", "regions"
    )
    if programme_id is not None:
        projects = projects.filter(programme_id=programme_id)
    if organisation_slug:
        projects = projects.filter(programme__organisation__slug=organisation_slug)
    if year:
        projects = projects.filter(programme__year=year)
    if theme_slug:
        projects = projects.filter(
            Q(themes__slug=theme_slug) | Q(suggested_themes__slug=theme_slug)
        )
    if domain:
        projects = projects.filter(Q(themes__domain=domain) | Q(suggested_themes__domain=domain))
    if kind:
        projects = projects.filter(kind=kind)
    if status:
        projects = projects.filter(status=status)
    if region_code:
        projects = projects.filter(
            Q(regions__code=region_code) | Q(programme__organisation__regions__code=region_code)
        )
    return projects.distinct().order_by("programme__organisation__name", "title", "pk")
