"""The search index stays current when an object changes that other documents show: an
organisation's name on its projects, a programme's list of projects, a covenant's parties, a
theme's name, and related objects that are deleted.

Each change is made through the usual service or model path in a transaction that commits
(`django_capture_on_commit_callbacks(execute=True)`), then the index is read back.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dwarsverband.agreements.models import CovenantParty
from dwarsverband.agreements.services import joint_agenda_create
from dwarsverband.common.loading import bulk_loading
from dwarsverband.communities.models import Community
from dwarsverband.knowledge.constants import AdviceRole, PublicationKind
from dwarsverband.knowledge.indexing import adapters, index_objects, index_rebuild
from dwarsverband.knowledge.models import (
    Advice,
    Passage,
    PracticeStory,
    Publication,
    Roadmap,
    SearchDocument,
    Signpost,
)
from dwarsverband.knowledge.searching import search
from dwarsverband.organisations.constants import OrganisationKind, PlatformRole
from dwarsverband.organisations.models import Organisation, User
from dwarsverband.organisations.services import organisation_update
from dwarsverband.programmes.constants import ProjectKind
from dwarsverband.programmes.models import Programme, Project
from dwarsverband.programmes.services import (
    programme_create,
    project_create,
    project_delete,
    theme_update,
)
from tests.agreements.factories import AgreementFactory, CovenantFactory
from tests.communities.factories import CommunityFactory, MeetingFactory
from tests.factories import OrganisationFactory, RegionFactory, ThemeFactory

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]


@pytest.fixture
def coordinator(make_user: Callable[..., User]) -> User:
    return make_user(PlatformRole.COORDINATOR)


def _document(instance: Any, doc_type: str) -> SearchDocument:
    return SearchDocument.objects.get(key=f"{doc_type}:{instance.pk}")


def _titles(query: str) -> set[str]:
    results = search(query=query, user=AnonymousUser(), per_page=100)
    return {result.title for result in results.results}


def _programme(capture: Capture, user: User, organisation: Organisation) -> Programme:
    with capture(execute=True):
        return programme_create(
            user=user, organisation=organisation, data={"year": 2026, "title": "Jaarprogramma"}
        )


def _project(
    capture: Capture, user: User, programme: Programme, title: str, **data: Any
) -> Project:
    with capture(execute=True):
        return project_create(
            user=user,
            programme=programme,
            data={"title": title, "description": "Vervoer voor ouderen.", **data},
        )


# Organisations


def test_renamed_organisation_is_shown_on_its_programme_and_projects(
    django_capture_on_commit_callbacks: Capture, coordinator: User
) -> None:
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        organisation = OrganisationFactory(name="Gemeente Flapperdam")
    programme = _programme(capture, coordinator, organisation)
    project = _project(capture, coordinator, programme, "Buurtbus", kind=ProjectKind.OFFER)

    with capture(execute=True):
        organisation_update(
            user=coordinator, organisation=organisation, data={"name": "Gemeente Klompendam"}
        )

    assert _document(project, "project").organisation_name == "Gemeente Klompendam"
    assert _document(programme, "programme").organisation_name == "Gemeente Klompendam"
    assert "Jaarprogramma van Gemeente Klompendam" in _titles("klompendam")
    assert _titles("flapperdam") == set()


def test_renamed_organisation_is_found_in_the_texts_that_name_it(
    django_capture_on_commit_callbacks: Capture, coordinator: User
) -> None:
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        organisation = OrganisationFactory(name="Stichting Flapperdam")
        city = OrganisationFactory(name="Gemeente Lutjebroek", kind=OrganisationKind.MUNICIPALITY)
        covenant = CovenantFactory(title="Convenant Zorgketen")
        CovenantParty.objects.create(covenant=covenant, organisation=organisation)
        AgreementFactory(title="Afspraak Zorgketen", parties=[organisation])
        community = CommunityFactory(title="Leerkring Zorgketen", organiser=city)
        community.partners.set([organisation])
        publication = Publication.objects.create(
            title="Publicatie Zorgketen", slug="zorgketen", kind=PublicationKind.ARTICLE
        )
        publication.organisations.set([organisation])
        joint_agenda_create(
            user=coordinator,
            data={"title": "Agenda Zorgketen", "municipality": city},
            partners=[organisation],
        )
    assert len(_titles("flapperdam")) == 5  # the organisation, covenant, agreement, circle, agenda

    with capture(execute=True):
        organisation_update(
            user=coordinator, organisation=organisation, data={"name": "Stichting Klompendam"}
        )

    assert _titles("flapperdam") == set()
    assert {
        "Convenant Zorgketen",
        "Afspraak Zorgketen",
        "Leerkring Zorgketen",
        "Agenda Zorgketen",
        "Stichting Klompendam",
    } <= _titles("klompendam")
    assert _document(publication, "publication").organisation_name == "Stichting Klompendam"


def test_deleted_organisation_leaves_the_communities_and_publications_that_named_it(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        partner = OrganisationFactory(name="Stichting Flapperdam")
        community = CommunityFactory(title="Leerkring Zorgketen")
        community.partners.set([partner])
        publication = Publication.objects.create(
            title="Publicatie Zorgketen", slug="zorgketen", kind=PublicationKind.ARTICLE
        )
        publication.organisations.set([partner])
    assert "Leerkring Zorgketen" in _titles("flapperdam")

    with capture(execute=True):
        partner.delete()

    assert _titles("flapperdam") == set()
    assert _document(publication, "publication").organisation_name == ""


# Programmes and projects


def test_programme_lists_a_project_added_to_it(
    django_capture_on_commit_callbacks: Capture, coordinator: User
) -> None:
    capture = django_capture_on_commit_callbacks
    programme = _programme(capture, coordinator, OrganisationFactory(name="Gemeente Ee"))

    _project(capture, coordinator, programme, "Buurtbus Wiebelhuizen")

    assert "Buurtbus Wiebelhuizen" in _document(programme, "programme").body
    assert "Jaarprogramma van Gemeente Ee" in _titles("wiebelhuizen")


def test_programme_no_longer_lists_a_deleted_project(
    django_capture_on_commit_callbacks: Capture, coordinator: User
) -> None:
    capture = django_capture_on_commit_callbacks
    programme = _programme(capture, coordinator, OrganisationFactory(name="Gemeente Ee"))
    project = _project(capture, coordinator, programme, "Buurtbus Wiebelhuizen")
    assert "Wiebelhuizen" in _document(programme, "programme").body

    with capture(execute=True):
        project_delete(user=coordinator, project=project)

    assert "Wiebelhuizen" not in _document(programme, "programme").body
    assert _titles("wiebelhuizen") == set()


def test_programme_no_longer_lists_a_project_moved_to_another_programme(
    django_capture_on_commit_callbacks: Capture, coordinator: User
) -> None:
    capture = django_capture_on_commit_callbacks
    organisation = OrganisationFactory(name="Gemeente Ee")
    old = _programme(capture, coordinator, organisation)
    with capture(execute=True):
        new = Programme.objects.create(organisation=organisation, year=2027, title="Volgend jaar")
    project = _project(capture, coordinator, old, "Buurtbus Wiebelhuizen")

    with capture(execute=True):
        project.programme = new
        project.save()

    assert "Wiebelhuizen" not in _document(old, "programme").body
    assert "Wiebelhuizen" in _document(new, "programme").body
    assert _document(project, "project").year == 2027


def test_programme_changes_reach_its_projects(
    django_capture_on_commit_callbacks: Capture, coordinator: User
) -> None:
    capture = django_capture_on_commit_callbacks
    programme = _programme(capture, coordinator, OrganisationFactory())
    project = _project(capture, coordinator, programme, "Buurtbus")

    with capture(execute=True):
        programme.year = 2030
        programme.save(update_fields=["year"])

    assert _document(project, "project").year == 2030


# Covenants


def test_covenant_shows_a_party_linked_to_it(django_capture_on_commit_callbacks: Capture) -> None:
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        covenant = CovenantFactory(title="Convenant Zorgketen")
    organisation = OrganisationFactory(name="Stichting Flapperdam")

    with capture(execute=True):
        CovenantParty.objects.create(covenant=covenant, organisation=organisation)

    assert "Stichting Flapperdam" in _document(covenant, "covenant").body
    assert _document(covenant, "covenant").organisation_name == "Stichting Flapperdam"
    assert "Convenant Zorgketen" in _titles("flapperdam")


def test_covenant_forgets_a_party_whose_link_is_deleted(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        covenant = CovenantFactory(title="Convenant Zorgketen")
        link = CovenantParty.objects.create(
            covenant=covenant, organisation=OrganisationFactory(name="Stichting Flapperdam")
        )

    with capture(execute=True):
        link.delete()

    assert "Flapperdam" not in _document(covenant, "covenant").body
    assert _titles("flapperdam") == {"Stichting Flapperdam"}


def test_covenant_follows_parties_changed_through_the_many_to_many_field(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        covenant = CovenantFactory(title="Convenant Zorgketen")
    first = OrganisationFactory(name="Stichting Flapperdam")
    second = OrganisationFactory(name="Stichting Klompendam")

    with capture(execute=True):
        covenant.parties.add(first, second)
    assert {"Flapperdam", "Klompendam"} <= set(_document(covenant, "covenant").body.split())

    with capture(execute=True):
        first.covenants.remove(covenant)  # from the organisation's side
    assert "Flapperdam" not in _document(covenant, "covenant").body

    with capture(execute=True):
        second.covenants.clear()
    assert "Klompendam" not in _document(covenant, "covenant").body


# Themes


def test_renamed_theme_is_found_on_what_carries_it(
    django_capture_on_commit_callbacks: Capture, coordinator: User
) -> None:
    capture = django_capture_on_commit_callbacks
    theme = ThemeFactory(name="Quaxoriet")
    programme = _programme(capture, coordinator, OrganisationFactory())
    _project(capture, coordinator, programme, "Buurtbus", themes=[theme])
    with capture(execute=True):
        covenant = CovenantFactory(title="Convenant Zorgketen")
        covenant.themes.set([theme])
        community = CommunityFactory(title="Leerkring Zorgketen")
        community.themes.set([theme])
        AgreementFactory(title="Afspraak Zorgketen").themes.set([theme])

    with capture(execute=True):
        theme_update(user=coordinator, theme=theme, data={"name": "Zorblaxiet"})

    assert _titles("quaxoriet") == set()
    assert {
        "Buurtbus",
        "Convenant Zorgketen",
        "Leerkring Zorgketen",
        "Afspraak Zorgketen",
        "Zorblaxiet",
    } <= _titles("zorblaxiet")


def test_deleted_theme_leaves_the_documents_that_carried_it(
    django_capture_on_commit_callbacks: Capture, coordinator: User
) -> None:
    capture = django_capture_on_commit_callbacks
    theme = ThemeFactory(name="Quaxoriet", slug="quaxoriet")
    programme = _programme(capture, coordinator, OrganisationFactory())
    project = _project(capture, coordinator, programme, "Buurtbus", themes=[theme])
    with capture(execute=True):
        publication = Publication.objects.create(
            title="Publicatie", slug="publicatie", kind=PublicationKind.ARTICLE
        )
        publication.themes.set([theme])
        passage = Passage.objects.create(
            publication=publication, position=1, number="1", anchor="p-1", text="Tekst."
        )
    assert "quaxoriet" in _document(programme, "programme").themes

    with capture(execute=True):
        theme.delete()

    assert _titles("quaxoriet") == set()
    for instance, doc_type in [
        (project, "project"),
        (programme, "programme"),
        (publication, "publication"),
        (passage, "passage"),
    ]:
        assert "quaxoriet" not in _document(instance, doc_type).themes


# Other related objects


def test_deleted_region_leaves_its_communities(django_capture_on_commit_callbacks: Capture) -> None:
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        region = RegionFactory(name="Regio Wiebelland")
        CommunityFactory(title="Leerkring Zorgketen", region=region)
    assert "Leerkring Zorgketen" in _titles("wiebelland")

    with capture(execute=True):
        region.delete()

    assert _titles("wiebelland") == set()


def test_community_year_follows_its_first_remaining_meeting(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    capture = django_capture_on_commit_callbacks
    first_start = timezone.make_aware(datetime.datetime(2030, 3, 1, 14, 0))
    with capture(execute=True):
        community = CommunityFactory()
        first = MeetingFactory(community=community, starts_at=first_start)
        MeetingFactory(community=community, starts_at=first_start.replace(year=2031))
    assert _document(community, "community").year == 2030
    first_key = f"meeting:{first.pk}"

    with capture(execute=True):
        first.delete()

    assert _document(community, "community").year == 2031
    assert not SearchDocument.objects.filter(key=first_key).exists()


def test_renamed_community_is_shown_on_its_meetings(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        meeting = MeetingFactory(community=CommunityFactory(title="Leerkring Zorgketen"))

    with capture(execute=True):
        community = Community.objects.get(pk=meeting.community_id)
        community.title = "Leerkring Wiebelzorg"
        community.save(update_fields=["title"])

    assert "Leerkring Wiebelzorg" in _document(meeting, "meeting").body


def test_signpost_forgets_deleted_advice_and_story(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        roadmap = Roadmap.objects.create(title="Routekaart", slug="routekaart", summary="Kort.")
        signpost = Signpost.objects.create(
            roadmap=roadmap, position=1, title="Begin klein", summary="Eerst een proef."
        )
        advice = Advice.objects.create(
            signpost=signpost, role=AdviceRole.MAYOR, text="Bel de wiebelwethouder."
        )
        story = PracticeStory.objects.create(
            signpost=signpost, title="Verhaal", text="In Flapperdam ging het zo."
        )
    assert {"Wegwijzer 1: Begin klein"} == _titles("wiebelwethouder") == _titles("flapperdam")

    with capture(execute=True):
        advice.delete()
        story.delete()

    assert _titles("wiebelwethouder") == _titles("flapperdam") == set()


# Consistency, cost and data loads


def _rows() -> dict[str, tuple[Any, ...]]:
    fields = [f.name for f in SearchDocument._meta.concrete_fields if f.name != "id"]
    return {row[0]: row for row in SearchDocument.objects.values_list("key", *fields)}


def test_reindexing_objects_one_model_at_a_time_matches_a_rebuild() -> None:
    index_rebuild()
    rebuilt = _rows()

    index_objects(
        changed={},
        refreshed={
            model: set(model._default_manager.values_list("pk", flat=True))
            for adapter in adapters()
            for model in adapter.indexed_models
        },
    )

    assert len(rebuilt) > 100
    assert _rows() == rebuilt


def _organisation_with_projects(capture: Capture, user: User, count: int) -> Organisation:
    organisation = OrganisationFactory()
    theme = ThemeFactory()
    programme = _programme(capture, user, organisation)
    with capture(execute=True):
        for number in range(count):
            project = Project.objects.create(
                programme=programme, title=f"Project {number}", description="Iets."
            )
            project.themes.set([theme])
    return organisation


def _rename_queries(capture: Capture, user: User, organisation: Organisation) -> int:
    with capture() as callbacks:
        organisation_update(user=user, organisation=organisation, data={"name": "Nieuwe naam"})
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()
    return len(queries)


def test_renaming_an_organisation_costs_the_same_queries_for_few_or_many_projects(
    django_capture_on_commit_callbacks: Capture, coordinator: User
) -> None:
    capture = django_capture_on_commit_callbacks
    few = _organisation_with_projects(capture, coordinator, 2)
    many = _organisation_with_projects(capture, coordinator, 30)

    assert _rename_queries(capture, coordinator, few) == _rename_queries(capture, coordinator, many)
    renamed = SearchDocument.objects.filter(organisation_name="Nieuwe naam")
    assert renamed.count() == (1 + 1 + 2) + (1 + 1 + 30)  # organisation, programme, projects


def test_data_loads_leave_the_index_to_the_rebuild_at_the_end(
    django_capture_on_commit_callbacks: Capture, coordinator: User
) -> None:
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        organisation = OrganisationFactory(name="Gemeente Flapperdam")
    programme = _programme(capture, coordinator, organisation)
    document = _document(programme, "programme")

    with bulk_loading(), capture(execute=True):
        organisation.name = "Gemeente Klompendam"
        organisation.save()
        programme.delete()

    assert SearchDocument.objects.get(pk=document.pk).organisation_name == "Gemeente Flapperdam"
