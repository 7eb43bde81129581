from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from openpyxl import Workbook

from dwarsverband.organisations.constants import PlatformRole
from dwarsverband.organisations.models import Organisation, User
from dwarsverband.programmes.imports import ImportFileError, programme_file_read
from dwarsverband.programmes.models import Programme, Project

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "kenmerk;titel;beschrijving;soort;thema's;regio's;begindatum;einddatum;status;contactpersoon\n"
    "IJ-1;Wijkaanpak Noord;Oude wijk vernieuwen met bewoners en corporatie.;project;"
    "Wijkvernieuwing;PV27;2026-01-01;2026-12-31;lopend;beleidsadviseur wonen\n"
    "IJ-2;Cursus huurrecht;Cursus voor ambtenaren over huurrecht.;aanbod;Betaalbaarheid|"
    "Woningcorporaties;;01-02-2026;;gepland;\n"
)


def test_csv_with_semicolons_imports_all_rows(reference: None) -> None:
    result = programme_file_read(name="p.csv", content=GOOD_CSV.encode())
    assert result.errors == []
    assert [row["title"] for row in result.rows] == ["Wijkaanpak Noord", "Cursus huurrecht"]
    assert [t.name for t in result.rows[1]["themes"]] == ["Betaalbaarheid", "Woningcorporaties"]


def test_windows_1252_csv_with_commas_is_read(reference: None) -> None:
    text = 'titel,beschrijving,soort\n"Café-overleg","Overleg met horeca, ondernemers",aanbod\n'
    result = programme_file_read(name="p.csv", content=text.encode("cp1252"))
    assert result.errors == []
    assert result.rows[0]["title"] == "Café-overleg"


def test_broken_rows_list_every_problem_and_import_nothing(reference: None) -> None:
    text = (
        "titel;beschrijving;soort;thema's;begindatum;einddatum\n"
        ";Zonder titel;project;;;\n"
        "Onbekend thema;Tekst;cursus;Ruimtevaart;2026-13-01;\n"
        "Verkeerde volgorde;Tekst;vraag;;2026-05-01;2026-01-01\n"
    )
    result = programme_file_read(name="p.csv", content=text.encode())
    assert result.rows == []
    joined = "\n".join(result.errors)
    assert "Rij 2, kolom 'titel'" in joined
    assert "Rij 3, kolom 'soort': 'cursus'" in joined
    assert "Rij 3, kolom 'thema's': het thema 'Ruimtevaart' bestaat niet" in joined
    assert "Rij 3, kolom 'begindatum'" in joined
    assert "Rij 4, kolom 'einddatum'" in joined


def test_xlsx_is_read(reference: None) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["titel", "beschrijving", "soort", "thema's"])
    sheet.append(["Vitale kern", "Het centrum levendig houden.", "project", "Vitale binnensteden"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = programme_file_read(name="p.xlsx", content=buffer.getvalue())
    assert result.errors == []
    assert result.rows[0]["themes"][0].name == "Vitale binnensteden"


def test_broken_files_are_refused_with_a_dutch_message(reference: None) -> None:
    with pytest.raises(ImportFileError, match="Excel"):
        programme_file_read(name="p.xlsx", content=b"geen zip")
    with pytest.raises(ImportFileError, match="JSON"):
        programme_file_read(name="p.json", content=b'{"projecten": [1,')
    with pytest.raises(ImportFileError, match="leeg"):
        programme_file_read(name="p.csv", content=b"   ")
    with pytest.raises(ImportFileError, match="CSV, XLSX of JSON"):
        programme_file_read(name="p.pdf", content=b"%PDF")


def test_command_imports_and_a_second_import_changes_nothing(
    reference: None, tmp_path: Path
) -> None:
    path = tmp_path / "programma.json"
    path.write_text(
        json.dumps(
            {
                "projecten": [
                    {"titel": "Data voor de raad", "beschrijving": "Cijfers.", "soort": "vraag"}
                ]
            }
        ),
        encoding="utf-8",
    )
    call_command("import_programme", str(path), organisation="GM0513", year=2027)
    project = Project.objects.get(title="Data voor de raad")
    changed_at = project.updated_at
    out = io.StringIO()
    call_command("import_programme", str(path), organisation="GM0513", year=2027, stdout=out)
    assert "0 projecten toegevoegd, 0 gewijzigd, 1 ongewijzigd" in out.getvalue()
    project.refresh_from_db()
    assert project.updated_at == changed_at


def test_command_with_a_bad_file_imports_nothing(reference: None, tmp_path: Path) -> None:
    path = tmp_path / "programma.csv"
    path.write_text("titel;beschrijving\nGoed;Tekst\n;Geen titel\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_programme", str(path), organisation="GM0513", year=2028)
    assert not Programme.objects.filter(organisation__code="GM0513", year=2028).exists()


def test_upload_form_shows_every_error_and_keeps_nothing(
    client: Client, reference: None, make_user: Callable[..., User]
) -> None:
    gouda = Organisation.objects.get(code="GM0513")
    client.force_login(make_user(PlatformRole.EDITOR, gouda))
    upload = SimpleUploadedFile("p.csv", b"titel;beschrijving;soort\nA;B;fout\nC;;project\n")
    response = client.post(
        "/jaarprogrammas/importeren", {"organisation": gouda.pk, "year": 2029, "file": upload}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rij 2, kolom &#x27;soort&#x27;" in page
    assert "Rij 3, kolom &#x27;beschrijving&#x27;" in page
    assert not Programme.objects.filter(organisation=gouda, year=2029).exists()
