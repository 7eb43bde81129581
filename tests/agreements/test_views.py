from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client

from dwarsverband.agreements.demo import COVENANT_SLUG
from dwarsverband.agreements.models import Action, Agreement, Covenant, JointAgenda
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User
from tests.agreements.factories import ActionFactory, AgreementFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_demo_holds_the_covenant_with_parties_signatories_and_themes(reference: None) -> None:
    covenant = Covenant.objects.get(slug=COVENANT_SLUG)
    assert {p.slug for p in covenant.parties.all()} == {"g40-stedennetwerk", "platform31"}
    assert {s.name for s in covenant.signatories.all()} == {"Ferd Croone", "Hamit Karakus"}
    assert all(s.person is not None for s in covenant.signatories.all())
    assert {t.name for t in covenant.themes.all()} == {
        "Vitale binnensteden",
        "Wonen en zorg",
        "Betaalbaarheid",
    }
    assert "G32" in covenant.summary and "37" in covenant.summary
    titles = set(Agreement.objects.values_list("title", flat=True))
    assert {
        "Cursus financiën woningcorporaties",
        "Energiezuinig renoveren van woningen",
        "Leerkring langer zelfstandig thuis wonen",
        "Congressen en jaarplannen op elkaar afstemmen",
    } <= titles
    agenda = JointAgenda.objects.get()
    assert agenda.municipality.slug == "utrecht"
    assert {p.slug for p in agenda.partners.all()} == {"portaal", "mitros"}


@pytest.mark.parametrize(
    "path",
    [
        "/convenanten",
        f"/convenanten/{COVENANT_SLUG}",
        "/afspraken",
        "/wordt-vervolgd",
        "/wordt-vervolgd?organisatie=platform31",
        "/wordt-vervolgd?thema=wijkvernieuwing&convenant=onbekend",
        "/gezamenlijke-agendas",
    ],
)
def test_public_pages_open_for_anonymous_visitors(
    client: Client, reference: None, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.content.count(b"<h1") == 1


def test_every_demo_agreement_and_agenda_page_opens(client: Client, reference: None) -> None:
    for agreement in Agreement.objects.all():
        assert client.get(agreement.get_absolute_url()).status_code == 200
    agenda = JointAgenda.objects.get()
    response = client.get(agenda.get_absolute_url())
    assert response.status_code == 200
    assert "Prestatieafspraken" in response.content.decode()


def test_covenant_page_shows_progress_counting_actions_without_status(
    client: Client, reference: None
) -> None:
    response = client.get(f"/convenanten/{COVENANT_SLUG}")
    progress = response.context["progress"]
    assert progress.total == 9 and progress.unknown_status == 1
    assert progress.without_due_date == 2
    assert f"{progress.percentage} %" in response.content.decode()
    assert "zonder status" in response.content.decode()


def test_internal_agreement_is_hidden_from_others(
    client: Client, make_user: Callable[..., User]
) -> None:
    party, other = OrganisationFactory(), OrganisationFactory()
    agreement = AgreementFactory(owner_organisation=party, internal=True, title="Geheim")
    ActionFactory(agreement=agreement, title="Geheime actie", due_date=datetime.date(2020, 1, 1))
    url = agreement.get_absolute_url()

    assert client.get(url).status_code == 404
    assert "Geheim" not in client.get("/afspraken").content.decode()
    assert "Geheime actie" not in client.get("/wordt-vervolgd").content.decode()
    assert "Geheim" not in client.get("/afspraken/export.csv").content.decode("utf-8-sig")

    client.force_login(make_user(PlatformRole.EDITOR, other))
    assert client.get(url).status_code == 404

    client.force_login(make_user(PlatformRole.READER, party))
    assert client.get(url).status_code == 200
    client.force_login(make_user(PlatformRole.COORDINATOR))
    assert client.get(url).status_code == 200
    assert "Geheime actie" in client.get("/wordt-vervolgd?organisatie=").content.decode()


def test_reader_cannot_open_edit_pages(client: Client, make_user: Callable[..., User]) -> None:
    organisation = OrganisationFactory()
    action = ActionFactory(agreement=AgreementFactory(owner_organisation=organisation))
    client.force_login(make_user(PlatformRole.READER, organisation))
    assert client.get(f"/actiepunten/{action.pk}/bewerken").status_code == 403
    assert client.get(f"/afspraken/{action.agreement_id}/bewerken").status_code == 403
    assert client.get("/afspraken/nieuw").status_code == 403


def test_editor_updates_action_status_and_sees_history(
    client: Client, make_user: Callable[..., User]
) -> None:
    organisation = OrganisationFactory()
    action = ActionFactory(agreement=AgreementFactory(owner_organisation=organisation))
    editor = make_user(PlatformRole.EDITOR, organisation)
    client.force_login(editor)
    response = client.post(
        f"/actiepunten/{action.pk}/bewerken",
        {"title": action.title, "owner_organisation": organisation.pk, "status": "done"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done"
    page = client.get(action.agreement.get_absolute_url()).content.decode()
    assert "van “open” naar “afgerond”" in page
    assert editor.username in page


def test_skipping_reopen_shows_a_dutch_error_and_changes_nothing(
    client: Client, make_user: Callable[..., User]
) -> None:
    organisation = OrganisationFactory()
    action = ActionFactory(
        agreement=AgreementFactory(owner_organisation=organisation),
        status="dropped",
        dropped_reason="geen budget",
    )
    client.force_login(make_user(PlatformRole.EDITOR, organisation))
    response = client.post(
        f"/actiepunten/{action.pk}/bewerken",
        {"title": action.title, "owner_organisation": organisation.pk, "status": "done"},
    )
    assert response.status_code == 200
    assert "Heropen het eerst" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "dropped"


def test_bad_input_never_gives_a_server_error(
    client: Client, make_user: Callable[..., User]
) -> None:
    organisation = OrganisationFactory()
    agreement = AgreementFactory(owner_organisation=organisation)
    client.force_login(make_user(PlatformRole.EDITOR, organisation))
    for path, data in [
        (f"/afspraken/{agreement.pk}/actiepunten/nieuw", {"due_date": "31-13-2020"}),
        (f"/afspraken/{agreement.pk}/actiepunten/nieuw", {"owner_organisation": "abc"}),
        (f"/afspraken/{agreement.pk}/notities/nieuw", {"written_on": "gisteren"}),
        ("/afspraken/nieuw", {"parties": ["x"], "owner_organisation": 999999}),
        ("/afspraken/importeren", {}),
    ]:
        assert client.post(path, data).status_code in (200, 400), path
    assert client.get("/afspraken/nieuw?bron=organisations.user&bron_id=1").status_code == 404
    assert client.get("/afspraken/nieuw?convenant=bestaat-niet").status_code == 404
    assert client.get("/afspraken/999999").status_code == 404
    assert not Action.objects.filter(agreement=agreement).exists()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("bron=matching.opportunity&bron_id=%C2%B9", 404),  # '¹': a digit to str.isdigit()
        ("agenda=%C2%B9", 200),
        ("agenda=99999999999999999999", 404),
    ],
)
def test_odd_ids_in_the_prefill_address_never_give_a_server_error(
    client: Client, make_user: Callable[..., User], query: str, status: int
) -> None:
    client.force_login(make_user(PlatformRole.COORDINATOR))
    assert client.get(f"/afspraken/nieuw?{query}").status_code == status


def test_action_due_outside_covenant_period_shows_warning(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    platform31 = Organisation.objects.get(slug="platform31")
    agreement = Agreement.objects.get(title="Kennisprogramma Betaalbaarheid binnen het wonen")
    client.force_login(make_user(PlatformRole.EDITOR, platform31))
    response = client.post(
        f"/afspraken/{agreement.pk}/actiepunten/nieuw",
        {
            "title": "Nazorg",
            "owner_organisation": platform31.pk,
            "due_date": "2019-05-01",
            "status": "open",
        },
        follow=True,
    )
    assert "buiten de looptijd" in response.content.decode()
    assert agreement.actions.filter(title="Nazorg").exists()


def test_dashboard_shows_what_an_organisation_owes_and_is_owed(
    client: Client, reference: None
) -> None:
    response = client.get("/wordt-vervolgd", {"organisatie": "vng"})
    overview = response.context["overview"]
    owes = {action.title for action in overview.owes}
    owed_to = {action.title for action in overview.owed_to}
    assert "Eerste cursusdag organiseren" in owes
    assert "Voorbeeldprojecten verzamelen" in owed_to
    assert not owes & owed_to


def test_dashboard_counts_per_organisation_covenant_and_theme(
    client: Client, reference: None
) -> None:
    overview = client.get("/wordt-vervolgd").context["overview"]
    by_org = {row["slug"]: row for row in overview.by_organisation}
    assert by_org["portaal"]["total"] >= 1
    assert by_org["vng"]["overdue"] >= 1
    assert any(row["slug"] == COVENANT_SLUG for row in overview.by_covenant)
    assert any(row["name"] == "Wijkvernieuwing" for row in overview.by_theme)
    assert overview.due  # the joint agenda has a step due within two weeks


def test_editor_creates_agreement_with_own_organisation_preselected(
    client: Client, make_user: Callable[..., User]
) -> None:
    own, partner = OrganisationFactory(), OrganisationFactory()
    client.force_login(make_user(PlatformRole.EDITOR, own))
    response = client.post(
        "/afspraken/nieuw",
        {
            "title": "Samen oefenen",
            "parties": [own.pk, partner.pk],
            "owner_organisation": own.pk,
            "agreed_on": "2026-03-01",
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get(title="Samen oefenen")
    assert set(agreement.parties.all()) == {own, partner}
