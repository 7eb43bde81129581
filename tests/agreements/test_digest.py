from __future__ import annotations

import datetime
import logging
import socket
from collections.abc import Callable, Iterator
from email import message_from_bytes
from io import StringIO
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from dwarsverband.agreements import services
from dwarsverband.agreements.selectors import digest_selection
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import User
from tests.agreements.factories import ActionFactory, AgreementFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 2, 9)  # a Monday


@pytest.fixture
def owner_org_with_editor(make_user: Callable[..., User]) -> tuple[Any, User]:
    organisation = OrganisationFactory(name="Gemeente Voorbeeld")
    editor = make_user(PlatformRole.EDITOR, organisation)
    return organisation, editor


def test_digest_selects_due_and_overdue_unfinished_actions(
    owner_org_with_editor: tuple[Any, User],
) -> None:
    organisation, editor = owner_org_with_editor
    agreement = AgreementFactory(owner_organisation=organisation)
    overdue = ActionFactory(agreement=agreement, due_date=TODAY - datetime.timedelta(days=1))
    due = ActionFactory(agreement=agreement, due_date=TODAY + datetime.timedelta(days=14))
    ActionFactory(agreement=agreement, due_date=TODAY + datetime.timedelta(days=15))  # later
    ActionFactory(agreement=agreement, due_date=None)  # no due date: dashboard only
    ActionFactory(agreement=agreement, due_date=TODAY, status="done")
    ActionFactory(agreement=agreement, due_date=TODAY, status="dropped", dropped_reason="x")
    unknown = ActionFactory(agreement=agreement, due_date=TODAY, status="")

    [entry] = digest_selection(today=TODAY)
    assert entry.user == editor
    assert entry.overdue == [overdue]
    assert set(entry.due) == {due, unknown}


def test_digest_goes_to_owner_user_instead_of_editors(
    owner_org_with_editor: tuple[Any, User], make_user: Callable[..., User]
) -> None:
    organisation, _editor = owner_org_with_editor
    owner = make_user(PlatformRole.READER, organisation)
    action = ActionFactory(
        agreement=AgreementFactory(owner_organisation=organisation),
        owner_user=owner,
        due_date=TODAY,
    )
    [entry] = digest_selection(today=TODAY)
    assert entry.user == owner and entry.due == [action]


def test_digest_skips_readers_inactive_users_and_users_without_address(
    make_user: Callable[..., User],
) -> None:
    organisation = OrganisationFactory()
    make_user(PlatformRole.READER, organisation)
    inactive = make_user(PlatformRole.EDITOR, organisation)
    inactive.is_active = False
    inactive.save()
    no_address = make_user(PlatformRole.EDITOR, organisation)
    no_address.email = ""
    no_address.save()
    ActionFactory(agreement=AgreementFactory(owner_organisation=organisation), due_date=TODAY)
    assert digest_selection(today=TODAY) == []


def test_each_organisation_gets_only_its_own_actions(make_user: Callable[..., User]) -> None:
    first, second = OrganisationFactory(), OrganisationFactory()
    first_editor = make_user(PlatformRole.EDITOR, first)
    second_editor = make_user(PlatformRole.EDITOR, second)
    agreement = AgreementFactory(owner_organisation=first, parties=[second])
    mine = ActionFactory(agreement=agreement, owner_organisation=first, due_date=TODAY)
    theirs = ActionFactory(agreement=agreement, owner_organisation=second, due_date=TODAY)
    entries = {entry.user: entry.due for entry in digest_selection(today=TODAY)}
    assert entries == {first_editor: [mine], second_editor: [theirs]}


def test_digest_is_sent_once_a_week_and_logs_no_addresses(
    owner_org_with_editor: tuple[Any, User], caplog: pytest.LogCaptureFixture
) -> None:
    organisation, editor = owner_org_with_editor
    ActionFactory(
        agreement=AgreementFactory(owner_organisation=organisation, title="Cursus"),
        title="Programma opstellen",
        due_date=TODAY - datetime.timedelta(days=3),
    )
    with caplog.at_level(logging.INFO):
        result = services.action_digest_send(today=TODAY, base_url="https://dv.example")
    assert (result.recipients, result.actions) == (1, 1)
    [message] = mail.outbox
    assert message.to == [editor.email]
    assert "1 actiepunt vraagt aandacht" in message.subject
    assert "Programma opstellen" in message.body and "Te laat" in message.body
    assert "https://dv.example/afspraken/" in message.body
    assert editor.email not in caplog.text

    again = services.action_digest_send(today=TODAY + datetime.timedelta(days=2))
    assert (again.recipients, again.skipped_already_sent) == (0, 1)
    assert len(mail.outbox) == 1
    next_week = services.action_digest_send(today=TODAY + datetime.timedelta(days=7))
    assert next_week.recipients == 1


class _Collector:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, _Collector]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    collector = _Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, collector
    controller.stop()


def test_command_delivers_digest_over_smtp(
    owner_org_with_editor: tuple[Any, User], smtp_server: tuple[int, _Collector]
) -> None:
    organisation, editor = owner_org_with_editor
    ActionFactory(
        agreement=AgreementFactory(owner_organisation=organisation),
        title="Zaal reserveren",
        due_date=TODAY + datetime.timedelta(days=3),
    )
    port, collector = smtp_server
    out = StringIO()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
    ):
        call_command("send_action_digest", "--datum", TODAY.isoformat(), stdout=out)
    assert "1 ontvanger" in out.getvalue()
    [envelope] = collector.messages
    assert envelope.rcpt_tos == [editor.email]
    message = message_from_bytes(envelope.content)
    body = message.get_payload(decode=True).decode("utf-8")
    assert "Zaal reserveren" in body and "Binnenkort" in body


def test_command_rejects_a_bad_date() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Ongeldige datum"):
        call_command("send_action_digest", "--datum", "31-02-2026")


def test_task_sends_the_digest(owner_org_with_editor: tuple[Any, User]) -> None:
    from dwarsverband.agreements.tasks import action_digest_task

    organisation, _editor = owner_org_with_editor
    ActionFactory(
        agreement=AgreementFactory(owner_organisation=organisation),
        due_date=datetime.date.today(),
    )
    result = action_digest_task.call()
    assert result["recipients"] == 1
    assert len(mail.outbox) == 1
