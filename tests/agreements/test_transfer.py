from __future__ import annotations

import csv
import io
import string
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from dwarsverband.agreements import transfer
from dwarsverband.agreements.models import Action, Agreement
from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User
from tests.agreements.factories import ActionFactory, AgreementFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HEADER = ";".join(transfer.HEADERS)


@pytest.fixture
def coordinator(make_user: Callable[..., User]) -> User:
    return make_user(PlatformRole.COORDINATOR)


def _csv(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows]).encode("utf-8")


def _counts() -> tuple[int, int]:
    return Agreement.objects.count(), Action.objects.count()


def test_export_and_import_round_trip_through_csv_and_xlsx(coordinator: User) -> None:
    owner = OrganisationFactory(slug="eigenaar")
    partner = OrganisationFactory(slug="partner")
    agreement = AgreementFactory(
        title="=Formule die geen formule mag worden",
        owner_organisation=owner,
        parties=[partner],
        internal=True,
    )
    ActionFactory(agreement=agreement, title="Eerste", owner_organisation=partner, status="done")
    ActionFactory(agreement=agreement, title="Tweede", status="dropped", dropped_reason="Te duur")
    AgreementFactory(title="Zonder actiepunten", owner_organisation=owner)
    agreements = transfer.export_queryset(Agreement.objects.filter(owner_organisation=owner))

    csv_bytes = transfer.export_csv(agreements)
    xlsx_bytes = transfer.export_xlsx(agreements)
    assert "'=Formule" in csv_bytes.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(xlsx_bytes)).worksheets[0]
    assert sheet["A2"].data_type == "s"

    for name, content in (("afspraken.csv", csv_bytes), ("afspraken.xlsx", xlsx_bytes)):
        expected_rows = sorted(transfer.export_rows(agreements))
        Agreement.objects.filter(owner_organisation=owner).delete()
        result = transfer.agreements_import(user=coordinator, name=name, content=content)
        assert (result.agreements, result.actions) == (2, 2)
        imported = transfer.export_queryset(Agreement.objects.filter(owner_organisation=owner))
        assert sorted(transfer.export_rows(imported)) == expected_rows


def test_import_reports_every_problem_per_row_and_changes_nothing(coordinator: User) -> None:
    OrganisationFactory(slug="vng-test")
    before = _counts()
    content = _csv(
        "Goed;;;vng-test;vng-test;2015-03-10;nee;Actie;vng-test;2015-04-01;open;;",
        "Fout 1;;;onbekend-bureau;vng-test;;nee;;;;;;",
        "Fout 2;;;vng-test;vng-test;31-13-2015;misschien;Actie;vng-test;;half klaar;;",
        "Fout 3;;;vng-test;vng-test;;nee;Weg;vng-test;;vervallen;;",
    )
    with pytest.raises(transfer.ImportFailed) as failed:
        transfer.agreements_import(user=coordinator, name="a.csv", content=content)
    problems = failed.value.problems
    assert "Rij 3, kolom 'partijen': onbekende organisatie 'onbekend-bureau'." in problems
    assert any(p.startswith("Rij 4, kolom 'datum afspraak'") for p in problems)
    assert any(p.startswith("Rij 4, kolom 'alleen voor partijen'") for p in problems)
    assert any(p.startswith("Rij 4, kolom 'status': onbekende status") for p in problems)
    assert any(p.startswith("Rij 5, kolom 'reden vervallen'") for p in problems)
    assert _counts() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leeg.csv", b"", "leeg"),
        ("kop.csv", HEADER.encode(), "geen afspraken"),
        ("raar.csv", b"titel;wie\nx;y", "Onbekende kolom 'titel'"),
        ("kapot.xlsx", b"PK\x03\x04 dit is geen zip", "geen geldig Excel-bestand"),
        ("binair.csv", b"\x00\x01\x02afspraak", "binaire gegevens"),
        ("plaatje.png", b"\x89PNG", "Kies een CSV-bestand"),
    ],
)
def test_broken_files_fail_with_a_message(
    coordinator: User, name: str, content: bytes, message: str
) -> None:
    before = _counts()
    with pytest.raises(transfer.ImportFailed) as failed:
        transfer.agreements_import(user=coordinator, name=name, content=content)
    assert any(message in problem for problem in failed.value.problems)
    assert _counts() == before


def test_import_refuses_an_existing_agreement(coordinator: User) -> None:
    owner = OrganisationFactory(slug="bestaand")
    AgreementFactory(title="Al bekend", owner_organisation=owner)
    with pytest.raises(transfer.ImportFailed) as failed:
        transfer.agreements_import(
            user=coordinator,
            name="a.csv",
            content=_csv("Al bekend;;;bestaand;bestaand;;nee;;;;;;"),
        )
    assert "bestaat al" in failed.value.problems[0]


def test_editor_imports_only_agreements_of_own_organisation(
    make_user: Callable[..., User],
) -> None:
    own = OrganisationFactory(slug="eigen")
    OrganisationFactory(slug="ander")
    editor = make_user(PlatformRole.EDITOR, own)
    with pytest.raises(transfer.ImportFailed) as failed:
        transfer.agreements_import(
            user=editor, name="a.csv", content=_csv("Van een ander;;;ander;ander;;nee;;;;;;")
        )
    assert "uw eigen organisatie" in failed.value.problems[0]
    result = transfer.agreements_import(
        user=editor, name="a.csv", content=_csv("Van mij;;;eigen;eigen;;nee;Doen;;;;;")
    )
    assert result.actions == 1
    assert Action.objects.get(title="Doen").owner_organisation == own


def test_import_accepts_excel_dates_and_comma_separated_csv(coordinator: User) -> None:
    import datetime

    OrganisationFactory(slug="xl")
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(transfer.HEADERS)
    sheet.append(
        [
            "Uit Excel",
            "",
            "",
            "xl",
            "xl",
            datetime.datetime(2015, 3, 10),
            "nee",
            "Actie",
            "xl",
            datetime.date(2015, 4, 1),
            "in uitvoering",
            None,
            None,
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    transfer.agreements_import(user=coordinator, name="a.XLSX", content=buffer.getvalue())
    action = Action.objects.get(agreement__title="Uit Excel")
    assert (action.due_date, action.status) == (datetime.date(2015, 4, 1), "in_progress")

    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(transfer.HEADERS)
    writer.writerow(["Met komma's", "", "", "xl", "xl", "10-03-2015", "ja", "", "", "", "", "", ""])
    transfer.agreements_import(user=coordinator, name="b.csv", content=rows.getvalue().encode())
    assert Agreement.objects.get(title="Met komma's").internal


def test_import_page_shows_row_errors(client: Client, make_user: Callable[..., User]) -> None:
    client.force_login(make_user(PlatformRole.COORDINATOR))
    upload = SimpleUploadedFile("a.csv", _csv("X;;;nergens;nergens;;nee;;;;;;"))
    response = client.post("/afspraken/importeren", {"file": upload})
    assert response.status_code == 400
    assert "Er is niets geïmporteerd" in response.content.decode()
    assert "onbekende organisatie" in response.content.decode()


CELL = st.one_of(
    st.sampled_from(
        [
            "",
            "import-partij",
            "import-partij; import-ander",
            "onbekend",
            "2015-03-10",
            "10-03-2015",
            "31-02-2015",
            "ja",
            "nee",
            "open",
            "afgerond",
            "vervallen",
            "in uitvoering",
            "onbekend",
            "=1+1",
            "Titel",
            "Actie",
        ]
    ),
    st.text(alphabet=string.ascii_letters + " ;,\"'\n-", max_size=12),
)


# Rows that are valid except for what hypothesis varies, so both outcomes occur.
VALID_ROW = st.tuples(
    st.text(alphabet=string.ascii_letters + " ", min_size=1, max_size=20).filter(str.strip),
    st.sampled_from(["", "Actie", "Nog een actie"]),
    st.sampled_from(["", "2015-04-01", "01-04-2015"]),
    st.sampled_from(["", "open", "afgerond", "in uitvoering"]),
).map(
    lambda t: [
        t[0],
        "",
        "",
        "import-partij; import-ander",
        "import-partij",
        "2015-03-10",
        "nee",
        t[1],
        "import-ander" if t[1] else "",
        t[2] if t[1] else "",
        t[3] if t[1] else "",
        "",
        "",
    ]
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    rows=st.lists(
        st.one_of(VALID_ROW, st.lists(CELL, min_size=13, max_size=13)), min_size=0, max_size=5
    )
)
def test_any_file_imports_completely_or_fails_with_a_message(
    coordinator: User, rows: list[list[str]]
) -> None:
    Organisation.objects.get_or_create(
        slug="import-partij", defaults={"name": "Importpartij", "kind": "other"}
    )
    Organisation.objects.get_or_create(
        slug="import-ander", defaults={"name": "Importander", "kind": "other"}
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(transfer.HEADERS)
    writer.writerows(rows)
    before = _counts()
    try:
        result = transfer.agreements_import(
            user=coordinator, name="h.csv", content=buffer.getvalue().encode()
        )
    except transfer.ImportFailed as failed:
        event("geweigerd")
        assert failed.problems and all(problem.strip() for problem in failed.problems)
        assert _counts() == before
    else:
        event("geïmporteerd")
        after = _counts()
        assert after == (before[0] + result.agreements, before[1] + result.actions)
        assert result.agreements >= 1
    finally:
        Agreement.objects.filter(owner_organisation__slug__startswith="import-").delete()
