from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from dwarsverband.matching import services
from dwarsverband.matching.constants import OpportunityKind, OpportunityStatus
from dwarsverband.matching.models import EmbeddingVector, Opportunity
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User
from dwarsverband.programmes import services as programme_services
from dwarsverband.programmes.models import Programme, Project, Theme
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ELDERLY_HOUSING = (
    "Ouderen langer thuis",
    "Woningen aanpassen zodat senioren langer zelfstandig in hun eigen huis kunnen blijven wonen, "
    "met traplift, drempels weg en hulp van het wijkteam.",
)
ELDERLY_CARE = (
    "Zelfstandig wonende senioren ondersteunen",
    "Ouderen die zelfstandig thuis wonen ondersteunen met zorg, welzijn en aanpassingen in hun "
    "woning, samen met wijkteams en mantelzorgers.",
)


def _project(
    organisation: Organisation,
    title: str,
    description: str,
    kind: str = "project",
    themes: list[str] | None = None,
) -> Project:
    coordinator = User(is_superuser=True, is_active=True)
    programme, _created = Programme.objects.get_or_create(
        organisation=organisation, year=2031, defaults={"title": "Jaarprogramma 2031"}
    )
    return programme_services.project_create(
        user=coordinator,
        programme=programme,
        data={
            "title": title,
            "description": description,
            "kind": kind,
            "themes": list(Theme.objects.filter(name__in=themes or [])),
        },
    )


def _pair(a: Project, b: Project) -> Opportunity:
    first, second = sorted((a, b), key=lambda p: p.pk)
    return Opportunity.objects.get(project_a=first, project_b=second)


@pytest.fixture
def pair(reference: None) -> tuple[Project, Project]:
    a = _project(OrganisationFactory(), *ELDERLY_HOUSING, themes=["Langer zelfstandig thuis"])
    b = _project(OrganisationFactory(), *ELDERLY_CARE, themes=["Zorg en welzijn"])
    services.opportunities_recompute()
    return a, b


def test_similar_projects_of_two_organisations_become_an_explained_opportunity(
    pair: tuple[Project, Project],
) -> None:
    opportunity = _pair(*pair)
    assert opportunity.status == OpportunityStatus.PROPOSED
    assert opportunity.kind == OpportunityKind.CROSS_TABLE
    assert {"ouderen", "zelfstandig"} & set(opportunity.shared_terms)


def test_projects_of_the_same_organisation_are_never_paired(reference: None) -> None:
    organisation = OrganisationFactory()
    a = _project(organisation, *ELDERLY_HOUSING)
    b = _project(organisation, *ELDERLY_CARE)
    services.opportunities_recompute()
    first, second = sorted((a, b), key=lambda p: p.pk)
    assert not Opportunity.objects.filter(project_a=first, project_b=second).exists()


def test_accepted_opportunity_stays_accepted_after_recompute(
    pair: tuple[Project, Project], make_user: Callable[..., User]
) -> None:
    editor = make_user(PlatformRole.EDITOR, pair[0].programme.organisation)
    services.opportunity_accept(user=editor, opportunity=_pair(*pair))
    services.opportunities_recompute()
    assert _pair(*pair).status == OpportunityStatus.ACCEPTED


def test_dismissed_pair_does_not_come_back_after_a_cosmetic_edit(
    pair: tuple[Project, Project], make_user: Callable[..., User]
) -> None:
    editor = make_user(PlatformRole.EDITOR, pair[0].programme.organisation)
    services.opportunity_dismiss(user=editor, opportunity=_pair(*pair), reason="Andere doelgroep")
    programme_services.project_update(
        user=editor,
        project=pair[0],
        data={"description": pair[0].description.upper() + "  "},
    )
    services.opportunities_recompute()
    opportunity = _pair(*pair)
    assert opportunity.status == OpportunityStatus.DISMISSED
    assert opportunity.dismissal_reason == "Andere doelgroep"


def test_dismissed_pair_comes_back_when_a_project_changes_materially(
    pair: tuple[Project, Project], make_user: Callable[..., User]
) -> None:
    editor = make_user(PlatformRole.EDITOR, pair[0].programme.organisation)
    services.opportunity_dismiss(user=editor, opportunity=_pair(*pair), reason="Nu geen tijd")
    programme_services.project_update(
        user=editor,
        project=pair[0],
        data={"description": pair[0].description + " Nu ook met ontmoeting in de buurt."},
    )
    services.opportunities_recompute()
    opportunity = _pair(*pair)
    assert opportunity.status == OpportunityStatus.PROPOSED
    assert opportunity.dismissal_reason == ""


def test_dismissing_needs_a_reason(
    pair: tuple[Project, Project], make_user: Callable[..., User]
) -> None:
    editor = make_user(PlatformRole.EDITOR, pair[0].programme.organisation)
    with pytest.raises(ValidationError):
        services.opportunity_dismiss(user=editor, opportunity=_pair(*pair), reason="  ")
    assert _pair(*pair).status == OpportunityStatus.PROPOSED


def test_editor_of_an_uninvolved_organisation_cannot_decide(
    pair: tuple[Project, Project], make_user: Callable[..., User]
) -> None:
    outsider = make_user(PlatformRole.EDITOR, OrganisationFactory())
    with pytest.raises(PermissionDenied):
        services.opportunity_accept(user=outsider, opportunity=_pair(*pair))


def test_unchanged_texts_are_not_embedded_twice(pair: tuple[Project, Project]) -> None:
    before = EmbeddingVector.objects.count()
    services.opportunities_recompute()
    assert EmbeddingVector.objects.count() == before


def test_project_without_themes_gets_suggested_themes(reference: None) -> None:
    project = _project(
        OrganisationFactory(),
        "Huurwoningen isoleren",
        "Sociale huurwoningen energiezuinig renoveren met isolatie, warmtepompen en "
        "zonnepanelen, zodat de energierekening van huurders daalt.",
    )
    services.opportunities_recompute()
    assert "Energiezuinig renoveren" in set(project.suggested_themes.values_list("name", flat=True))


def test_kansen_page_filters_by_theme_and_an_editor_accepts(
    client: Client, pair: tuple[Project, Project], make_user: Callable[..., User]
) -> None:
    opportunity = _pair(*pair)
    response = client.get("/kansen", {"thema": "zorg-en-welzijn"})
    assert response.status_code == 200
    assert opportunity in [item["opportunity"] for item in response.context["items"]]
    response = client.get("/kansen", {"thema": "bedrijventerreinen"})
    assert opportunity not in [item["opportunity"] for item in response.context["items"]]
    client.force_login(make_user(PlatformRole.EDITOR, pair[1].programme.organisation))
    response = client.post(f"/kansen/{opportunity.pk}/oppakken", {"volgende": "/kansen"})
    assert response.status_code == 302
    assert _pair(*pair).status == OpportunityStatus.ACCEPTED


def test_bad_filter_values_and_unknown_opportunities_do_not_fail(
    client: Client, reference: None
) -> None:
    assert (
        client.get("/kansen", {"thema": "bestaat-niet", "pagina": "x", "project": "y"}).status_code
        == 200
    )
    assert client.get("/kansen/999999").status_code == 404
    assert client.post("/kansen/999999/oppakken").status_code in (302, 404)


def test_demo_data_pairs_a_corporation_renovation_with_a_municipal_programme(
    reference: None,
) -> None:
    services.opportunities_recompute()
    mitros = Project.objects.get(reference="MIT-01")
    partners = {
        o.project_b if o.project_a_id == mitros.pk else o.project_a
        for o in Opportunity.objects.filter(project_a=mitros)
        | Opportunity.objects.filter(project_b=mitros)
    }
    assert any(p.programme.organisation.code == "GM0344" for p in partners)
