"""The `dwarsverband neighbours` contract, run as the real command in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TEXTS = [
    ("a", "Cursus over de financiën van woningcorporaties"),
    ("b", "Leergang over het geld van woningbouwverenigingen"),
    ("c", "Werkgevers en werkzoekenden in de regionale arbeidsmarkt"),
    ("d", "Huurwoningen energiezuinig renoveren"),
]


def run(
    arguments: list[str], stdin: str = "", tmp_path: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # A database URL that cannot work: the command must not need one.
    env["DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none"
    return subprocess.run(
        [sys.executable, "-m", "dwarsverband.cli", "neighbours", *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "teksten.jsonl"
    path.write_text(
        "\n".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in TEXTS) + "\n",
        encoding="utf-8",
    )
    return path


def test_writes_one_line_per_input_in_order_with_k_best_neighbours(jsonl: Path) -> None:
    result = run(["--top", "2", str(jsonl)])
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", "c", "d"]
    for line in lines:
        neighbours = line["neighbours"]
        assert len(neighbours) == 2
        assert line["id"] not in {n["id"] for n in neighbours}
        assert neighbours[0]["score"] >= neighbours[1]["score"]
    assert lines[0]["neighbours"][0]["id"] == "b"


def test_reads_standard_input_with_a_dash(jsonl: Path) -> None:
    result = run(["--top", "1", "-"], stdin=jsonl.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 4


def test_malformed_lines_are_reported_with_line_numbers_and_nothing_is_written() -> None:
    stdin = '{"id": "a", "text": "wonen"}\nniet json\n{"id": "c"}\n["lijst"]\n'
    result = run(["-"], stdin=stdin)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "regel 2" in result.stderr
    assert "regel 3" in result.stderr
    assert "regel 4" in result.stderr
    assert "regel 1" not in result.stderr


def test_unknown_backend_is_an_error_without_output(jsonl: Path) -> None:
    result = run(["--backend", "bestaat-niet", str(jsonl)])
    assert result.returncode == 2
    assert result.stdout == ""
    assert "bestaat-niet" in result.stderr


def test_hashing_backend_can_be_chosen(jsonl: Path) -> None:
    result = run(["--backend", "hashing", "--top", "3", str(jsonl)])
    assert result.returncode == 0, result.stderr
    assert all(len(json.loads(line)["neighbours"]) == 3 for line in result.stdout.splitlines())
