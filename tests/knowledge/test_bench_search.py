"""`dwarsverband bench search` runs end to end on a small scale and leaves the index as it was."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from dwarsverband.knowledge.management.commands import bench_search
from dwarsverband.knowledge.models import SearchDocument


@pytest.mark.django_db
def test_bench_search_reports_quality_both_ways_and_speed(monkeypatch: pytest.MonkeyPatch) -> None:
    # VACUUM (PostgreSQL) cannot run inside the test's transaction; statistics don't matter here.
    monkeypatch.setattr(bench_search.Command, "_analyze", lambda self: None)
    before = SearchDocument.objects.count()
    out = io.StringIO()

    call_command("bench_search", passages=200, quality_passages=84, repeat=1, stdout=out)

    report = out.getvalue()
    assert "alles in één index" in report
    assert "alleen haar eigen deel" in report
    assert report.count("verhouding tot de beste gewone basislijn") == 2
    assert report.count("verhouding tot de beste strenge basislijn") == 2
    assert "gewoon: icontains, alle woorden" in report
    assert "streng: full-text zonder stemming, aangevuld" in report
    assert "Dwarsverband-zoeken: rechten, facetten, telling, fragmenten, pagina 1" in report
    assert "p95" in report
    assert "relevante kennis bij" in report
    assert "zoekvragen met een tikfout (28), met spelsuggestie" in report
    assert "suggestie gelijk aan de bedoelde zoekvraag" in report
    assert SearchDocument.objects.count() == before
    assert not SearchDocument.objects.filter(key__startswith="passage:bench-").exists()
