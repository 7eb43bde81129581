from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dwarsverband.agreements import services
from dwarsverband.agreements.constants import ActionStatus
from dwarsverband.agreements.models import Action, Agreement, Covenant
from dwarsverband.agreements.selectors import agreement_progress, allowed_owner_organisations
from dwarsverband.organisations.constants import OrganisationKind, PlatformRole
from dwarsverband.organisations.models import NetworkMembership, Organisation, User
from tests.agreements.factories import ActionFactory, AgreementFactory, CovenantFactory
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 2, 10)


@pytest.fixture
def coordinator(make_user: Callable[..., User]) -> User:
    return make_user(PlatformRole.COORDINATOR)


def test_covenant_end_before_start_is_refused(coordinator: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.covenant_create(
            user=coordinator,
            data={
                "title": "Omgekeerd",
                "start_date": datetime.date(2018, 1, 1),
                "end_date": datetime.date(2015, 1, 1),
            },
            parties=[OrganisationFactory()],
        )
    assert "vóór de begindatum" in str(error.value.message_dict["end_date"])
    assert not Covenant.objects.filter(title="Omgekeerd").exists()


def test_editor_cannot_create_a_covenant(make_user: Callable[..., User]) -> None:
    organisation = OrganisationFactory()
    editor = make_user(PlatformRole.EDITOR, organisation)
    with pytest.raises(PermissionDenied):
        services.covenant_create(user=editor, data={"title": "X"}, parties=[organisation])


def test_agreement_owner_must_be_a_party(coordinator: User) -> None:
    party, outsider = OrganisationFactory(), OrganisationFactory(name="Buitenstaander")
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            user=coordinator,
            data={"title": "Samen", "owner_organisation": outsider},
            parties=[party],
        )
    assert "Buitenstaander is geen partij" in str(error.value.message_dict["owner_organisation"])
    assert not Agreement.objects.filter(title="Samen").exists()


def test_member_of_a_network_party_may_own_an_action(coordinator: User) -> None:
    network = OrganisationFactory(kind=OrganisationKind.NETWORK)
    city = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY)
    NetworkMembership.objects.create(network=network, member=city)
    assert city.pk in allowed_owner_organisations(party_ids=[network.pk])
    agreement = AgreementFactory(owner_organisation=network)
    action, _warnings = services.action_create(
        user=coordinator,
        agreement=agreement,
        data={"title": "Gastheer zijn", "owner_organisation": city},
    )
    assert action.owner_organisation == city


def test_action_owner_outside_the_parties_is_refused_and_nothing_is_saved(
    coordinator: User,
) -> None:
    agreement = AgreementFactory()
    with pytest.raises(ValidationError) as error:
        services.action_create(
            user=coordinator,
            agreement=agreement,
            data={"title": "Iets", "owner_organisation": OrganisationFactory(name="Vreemd")},
        )
    assert "Vreemd is geen partij" in str(error.value.message_dict["owner_organisation"])
    assert not Action.objects.filter(agreement=agreement).exists()


def test_owner_person_must_work_for_the_owner_organisation(coordinator: User) -> None:
    agreement = AgreementFactory()
    with pytest.raises(ValidationError) as error:
        services.action_create(
            user=coordinator,
            agreement=agreement,
            data={
                "title": "Iets",
                "owner_organisation": agreement.owner_organisation,
                "owner_person": PersonFactory(),
            },
        )
    assert "owner_person" in error.value.message_dict


def test_due_date_outside_covenant_period_warns_but_saves(coordinator: User) -> None:
    agreement = AgreementFactory(covenant=CovenantFactory())
    action, warnings = services.action_create(
        user=coordinator,
        agreement=agreement,
        data={
            "title": "Te laat gepland",
            "owner_organisation": agreement.owner_organisation,
            "due_date": datetime.date(2019, 6, 1),
        },
    )
    assert action.pk is not None
    assert len(warnings) == 1 and "buiten de looptijd" in warnings[0]


def test_due_date_inside_covenant_period_gives_no_warning(coordinator: User) -> None:
    agreement = AgreementFactory(covenant=CovenantFactory())
    _action, warnings = services.action_create(
        user=coordinator,
        agreement=agreement,
        data={
            "title": "Op tijd",
            "owner_organisation": agreement.owner_organisation,
            "due_date": datetime.date(2016, 6, 1),
        },
    )
    assert warnings == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (ActionStatus.OPEN, ActionStatus.IN_PROGRESS),
        (ActionStatus.OPEN, ActionStatus.DONE),
        (ActionStatus.IN_PROGRESS, ActionStatus.DONE),
        (ActionStatus.DONE, ActionStatus.OPEN),
        (ActionStatus.DROPPED, ActionStatus.OPEN),
        ("", ActionStatus.DONE),
    ],
)
def test_allowed_status_transitions(coordinator: User, old: str, new: str) -> None:
    action = ActionFactory(status=old, dropped_reason="geen geld" if old == "dropped" else "")
    services.action_set_status(user=coordinator, action=action, status=new, today=TODAY)
    action.refresh_from_db()
    assert action.status == new


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (ActionStatus.DROPPED, ActionStatus.DONE),
        (ActionStatus.DROPPED, ActionStatus.IN_PROGRESS),
        (ActionStatus.DONE, ActionStatus.DROPPED),
        (ActionStatus.DONE, ActionStatus.IN_PROGRESS),
        (ActionStatus.OPEN, ""),
    ],
)
def test_status_changes_that_skip_reopening_are_refused(
    coordinator: User, old: str, new: str
) -> None:
    action = ActionFactory(status=old, dropped_reason="geen geld" if old == "dropped" else "")
    with pytest.raises(ValidationError) as error:
        services.action_set_status(user=coordinator, action=action, status=new, reason="x")
    assert "Heropen het eerst" in str(error.value.message_dict["status"])
    action.refresh_from_db()
    assert action.status == old


def test_dropping_needs_a_reason(coordinator: User) -> None:
    action = ActionFactory()
    with pytest.raises(ValidationError) as error:
        services.action_set_status(user=coordinator, action=action, status="dropped", reason="")
    assert "dropped_reason" in error.value.message_dict


def test_done_sets_completion_date_and_reopening_clears_it(coordinator: User) -> None:
    action = ActionFactory()
    services.action_set_status(user=coordinator, action=action, status="done", today=TODAY)
    action.refresh_from_db()
    assert action.completed_on == TODAY
    services.action_set_status(user=coordinator, action=action, status="open", today=TODAY)
    action.refresh_from_db()
    assert action.completed_on is None


def test_progress_counts_actions_without_due_date_or_status(coordinator: User) -> None:
    agreement = AgreementFactory()
    ActionFactory(agreement=agreement, status="done", due_date=datetime.date(2026, 1, 1))
    ActionFactory(agreement=agreement, status="open", due_date=None)
    ActionFactory(agreement=agreement, status="", due_date=datetime.date(2026, 1, 5))
    ActionFactory(agreement=agreement, status="dropped", dropped_reason="x")
    progress = agreement_progress(agreement=agreement, today=TODAY)
    assert progress.total == 4
    assert progress.counted == 3  # dropped is shown but not work to do
    assert progress.done == 1
    assert progress.unknown_status == 1
    assert progress.without_due_date == 2  # the open one and the dropped one
    assert progress.overdue == 1  # the one without status, due 5 January
    assert progress.percentage == 33


def test_progress_without_actions_has_no_percentage() -> None:
    assert agreement_progress(agreement=AgreementFactory(), today=TODAY).percentage is None


def test_editor_edits_actions_of_own_agreements_only(make_user: Callable[..., User]) -> None:
    own, other = OrganisationFactory(), OrganisationFactory()
    editor = make_user(PlatformRole.EDITOR, own)
    mine = ActionFactory(agreement=AgreementFactory(owner_organisation=own))
    theirs = ActionFactory(agreement=AgreementFactory(owner_organisation=other))
    services.action_set_status(user=editor, action=mine, status="in_progress")
    with pytest.raises(PermissionDenied):
        services.action_set_status(user=editor, action=theirs, status="in_progress")


def test_reader_cannot_change_actions(make_user: Callable[..., User]) -> None:
    own = OrganisationFactory()
    reader = make_user(PlatformRole.READER, own)
    action = ActionFactory(agreement=AgreementFactory(owner_organisation=own))
    with pytest.raises(PermissionDenied):
        services.action_set_status(user=reader, action=action, status="done")


def test_editor_must_include_own_organisation_as_party(make_user: Callable[..., User]) -> None:
    own, other = OrganisationFactory(), OrganisationFactory()
    editor = make_user(PlatformRole.EDITOR, own)
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            user=editor,
            data={"title": "Van een ander", "owner_organisation": other},
            parties=[other],
        )
    assert "Uw eigen organisatie" in str(error.value.message_dict["parties"])


def test_history_records_who_changed_what(coordinator: User) -> None:
    action = ActionFactory()
    services.action_set_status(user=coordinator, action=action, status="in_progress")
    latest = action.history.first()
    assert latest is not None
    assert latest.history_user == coordinator
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("status", "open", "in_progress")]


def test_prefilled_agreement_links_its_source(make_user: Callable[..., User]) -> None:
    own, partner = OrganisationFactory(), OrganisationFactory()
    editor = make_user(PlatformRole.EDITOR, own)
    # Any model can be a source; an organisation stands in for an opportunity here.
    source = OrganisationFactory(name="Kans: samen renoveren")
    agreement = services.agreement_create_prefilled(
        user=editor,
        source=source,
        title="Samen renoveren",
        description="Uit een geaccepteerde kans.",
        party_ids=[partner.pk, own.pk],
    )
    assert agreement.source == source
    assert agreement.owner_organisation == own
    assert set(agreement.parties.all()) == {own, partner}
    assert agreement.source_label == "Kans: samen renoveren"


def test_removing_a_party_that_owns_actions_is_refused(coordinator: User) -> None:
    owner, partner = OrganisationFactory(), OrganisationFactory(name="Partner")
    agreement = AgreementFactory(owner_organisation=owner, parties=[partner])
    ActionFactory(agreement=agreement, owner_organisation=partner)
    with pytest.raises(ValidationError) as error:
        services.agreement_update(user=coordinator, agreement=agreement, data={}, parties=[owner])
    assert "Partner" in str(error.value.message_dict["parties"])
    assert set(agreement.parties.all()) == {owner, partner}


def test_network_can_be_party_on_behalf_of_its_members(coordinator: User) -> None:
    network = OrganisationFactory(kind=OrganisationKind.NETWORK)
    institute = OrganisationFactory()
    covenant = services.covenant_create(
        user=coordinator,
        data={"title": "Netwerkconvenant"},
        parties=[network, institute],
        networks_on_behalf_of_members=[network, institute],
    )
    links = {link.organisation: link.on_behalf_of_members for link in covenant.party_links.all()}
    assert links == {network: True, institute: False}
    assert isinstance(Organisation.objects.get(pk=network.pk), Organisation)


def test_history_timeline_shows_party_changes_but_not_the_initial_setup(
    coordinator: User,
) -> None:
    from dwarsverband.agreements.selectors import agreement_history

    owner = OrganisationFactory(name="Eigenaar")
    agreement = services.agreement_create(
        user=coordinator,
        data={"title": "Met historie", "owner_organisation": owner},
        parties=[owner],
    )
    assert [entry.kind for entry in agreement_history(agreement=agreement)] == ["created"]
    services.agreement_update(
        user=coordinator,
        agreement=agreement,
        data={},
        parties=[owner, OrganisationFactory(name="Nieuwkomer")],
    )
    latest = agreement_history(agreement=agreement)[0]
    assert latest.kind == "changed"
    [change] = latest.changes
    assert (change.field, change.old, change.new) == (
        "partijen",
        "Eigenaar",
        "Eigenaar, Nieuwkomer",
    )
