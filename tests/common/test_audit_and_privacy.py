from __future__ import annotations

import json
import logging
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client

from dwarsverband.common.models import AuditAction, AuditEvent
from dwarsverband.common.privacy import personal_data_erase, personal_data_export
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User
from tests.conftest import PASSWORD
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_login_logout_and_failed_login_are_audited_without_personal_data(
    client: Client, make_user: Callable[..., User]
) -> None:
    user = make_user()
    client.post("/account/inloggen", {"username": user.username, "password": PASSWORD})
    client.post("/account/uitloggen")
    client.post("/account/inloggen", {"username": "iemand@example.org", "password": "fout"})
    actions = list(AuditEvent.objects.order_by("at", "pk").values_list("action", flat=True))
    assert actions == [AuditAction.LOGIN, AuditAction.LOGOUT, AuditAction.LOGIN_FAILED]
    failed = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert "iemand@example.org" not in json.dumps(failed.details)


def test_role_change_is_audited_with_old_and_new_value(make_user: Callable[..., User]) -> None:
    user = make_user(PlatformRole.READER)
    user.platform_role = PlatformRole.COORDINATOR
    user.save()
    event = AuditEvent.objects.get(action=AuditAction.PERMISSION_CHANGE)
    assert event.target_id == str(user.pk)
    assert event.details["platform_role"] == {"old": "reader", "new": "coordinator"}


def test_deletion_is_audited_by_id_only(reference: None) -> None:
    person = PersonFactory(name="Jan Jansen")
    pk = person.pk
    person.delete()
    event = AuditEvent.objects.get(action=AuditAction.DELETION, target_type="organisations.person")
    assert event.target_id == str(pk)
    assert "Jansen" not in json.dumps(event.details)


def test_audit_log_is_read_only_in_admin(client: Client, make_user: Callable[..., User]) -> None:
    admin = make_user(PlatformRole.ADMIN)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    assert client.get("/beheer/common/auditevent/").status_code == 200
    assert client.get("/beheer/common/auditevent/add/").status_code == 403


def test_personal_data_export_and_erasure(reference: None, make_user: Callable[..., User]) -> None:
    user = make_user(PlatformRole.EDITOR, Organisation.objects.get(code="GM0513"))
    user.first_name, user.email = "Noor", "noor@example.org"
    user.save()
    exported = personal_data_export(email="NOOR@example.org")
    records = exported["data"]["organisations"]
    assert records[0]["firstName"] == "Noor" and records[0]["organisation"] == "Gouda"

    erased = personal_data_erase(email="noor@example.org")
    assert erased["organisations"] == 1
    user.refresh_from_db()
    assert (user.first_name, user.email, user.is_active) == ("", "", False)
    assert not user.has_usable_password()
    assert personal_data_export(email="noor@example.org")["data"] == {}
    assert AuditEvent.objects.filter(action=AuditAction.PERSONAL_DATA_ERASURE).exists()


def test_privacy_commands(
    reference: None, make_user: Callable[..., User], capsys: pytest.CaptureFixture[str]
) -> None:
    user = make_user()
    user.email = "sam@example.org"
    user.save()
    call_command("privacy_export", "sam@example.org")
    assert (
        json.loads(capsys.readouterr().out)["data"]["organisations"][0]["email"]
        == "sam@example.org"
    )
    call_command("privacy_erase", "sam@example.org")
    assert "1 gegevens" in capsys.readouterr().out


def test_personal_data_never_reaches_the_logs(
    client: Client,
    reference: None,
    make_user: Callable[..., User],
    caplog: pytest.LogCaptureFixture,
) -> None:
    user = make_user(PlatformRole.EDITOR, Organisation.objects.get(code="GM0513"))
    user.email = "geheim.adres@example.org"
    user.save()
    caplog.clear()
    caplog.set_level(logging.DEBUG)
    client.post("/account/inloggen", {"username": user.username, "password": "fout"})
    client.post("/account/wachtwoord-vergeten", {"email": "geheim.adres@example.org"})
    client.force_login(user)
    client.post(
        "/organisaties/gouda/personen/nieuw",
        {"name": "Pietje Privé", "role": "civil_servant", "function": ""},
    )
    logged = caplog.text
    for secret in ("geheim.adres@example.org", "Pietje Privé", PASSWORD):
        assert secret not in logged


def test_derived_data_is_not_audited_but_content_deletions_are(reference: None) -> None:
    from dwarsverband.knowledge.models import SearchDocument
    from dwarsverband.matching.models import Opportunity
    from dwarsverband.programmes.models import Project

    SearchDocument.objects.all()[:1].get().delete()
    Opportunity.objects.all()[:1].get().delete()
    assert not AuditEvent.objects.filter(action=AuditAction.DELETION).exists()
    project = Project.objects.order_by("pk").first()
    assert project is not None
    pk = project.pk
    project.delete()
    assert AuditEvent.objects.filter(
        action=AuditAction.DELETION, target_type="programmes.project", target_id=str(pk)
    ).exists()
