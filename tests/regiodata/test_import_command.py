from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from dwarsverband.regiodata.models import Indicator, Observation

pytestmark = pytest.mark.django_db
RECORDED = Path(__file__).parent / "recorded" / "cbsodata_inkomen_excerpt.json"


def test_import_cbs_reads_a_recorded_response_and_a_second_run_changes_nothing(
    reference: Any, capsys: Any
) -> None:
    call_command("import_cbs", "86161NED", bestand=str(RECORDED))
    assert "3 indicatoren nieuw, 12 waarnemingen nieuw" in capsys.readouterr().out
    indicator = Indicator.objects.get(code="86161ned-gemiddeldgestandaardiseerdinkomen_2")
    assert indicator.unit == "1 000 euro" and indicator.source_table == "86161NED"
    assert Observation.objects.get(indicator=indicator, area_code="GM0344").value == 40.2
    call_command("import_cbs", "86161NED", bestand=str(RECORDED))
    assert "0 waarnemingen nieuw, 0 gewijzigd, 12 ongewijzigd" in capsys.readouterr().out


def test_import_cbs_refuses_a_bad_table_id_in_dutch(reference: Any) -> None:
    with pytest.raises(CommandError, match="geen CBS-tabelnummer"):
        call_command("import_cbs", "drop table")


def test_import_cbs_without_network_fails_with_one_dutch_line(
    reference: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cbsodata

    monkeypatch.setattr(cbsodata.options, "catalog_url", "127.0.0.1:9")
    with pytest.raises(CommandError, match="niet bereikbaar") as error:
        call_command("import_cbs", "86161NED")
    assert "\n" not in str(error.value)
    assert not Indicator.objects.filter(
        source_table="86161NED", code__startswith="86161ned-"
    ).exists()


def test_import_cbs_reports_row_errors_and_imports_nothing(reference: Any, tmp_path: Path) -> None:
    broken = RECORDED.read_text().replace('"GM0344  "', '"GM9998  "')
    path = tmp_path / "broken.json"
    path.write_text(broken)
    with pytest.raises(CommandError, match="niets geïmporteerd: 1 fout"):
        call_command("import_cbs", "86161NED", bestand=str(path))
    assert not Indicator.objects.filter(code__startswith="86161ned-").exists()
