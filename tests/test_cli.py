"""The `dwarsverband` command as a user runs it: real processes, a real port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DWARSVERBAND_DATA_DIR")
    }
    env.update({"DWARSVERBAND_DATA_DIR": str(tmp_path / "data"), **extra})
    return env


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "dwarsverband.cli", *args]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _oversized_post_status(port: int) -> int:
    """The status for a POST that announces a body over the server's limit (none is sent)."""
    from dwarsverband.cli import MAX_REQUEST_BYTES

    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(
            b"POST /kennis/publicaties/nieuw HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + f"Content-Length: {MAX_REQUEST_BYTES + 1}\r\n\r\n".encode()
        )
        status_line = connection.recv(200).split(b"\r\n", 1)[0]
    return int(status_line.split()[1])


def _serve_once(tmp_path: Path, *, check: Callable[[int], None] | None = None) -> tuple[str, str]:
    """Start serve, fetch the organisation list (and run `check` with the port), stop; return
    what it printed and the page."""
    port = _free_port()
    process = subprocess.Popen(
        _command("serve", "--port", str(port)),
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            output.append(line)
            if "draait op" in line:
                break
        assert any(f"http://127.0.0.1:{port}/" in line for line in output), "".join(output)
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/organisaties?soort=municipality", timeout=30
        ) as response:
            page = response.read().decode()
        if check:
            check(port)
    finally:
        process.terminate()
        process.wait(timeout=30)
    return "".join(output), page


def test_serve_loads_data_on_first_start_only(tmp_path: Path) -> None:
    first_output, first_page = _serve_once(tmp_path)
    assert "342 gemeenten" in first_output
    assert "342 organisaties gevonden" in first_page
    statuses: list[int] = []
    second_output, second_page = _serve_once(
        tmp_path, check=lambda port: statuses.append(_oversized_post_status(port))
    )
    assert statuses == [413], "a body over the limit is refused before it is read"
    assert "Referentiegegevens" not in second_output
    assert "342 organisaties gevonden" in second_page
    assert (tmp_path / "data" / "secret_key").exists()
    assert (tmp_path / "data" / "dwarsverband.sqlite3").exists()


def test_unknown_database_scheme_is_explained_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        _command("serve"),
        env=_env(tmp_path, DATABASE_URL="oracle://user@host/db"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "onbekende schema 'oracle'" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_database_is_explained_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        _command("serve"),
        env=_env(tmp_path, DATABASE_URL=f"postgres://nobody@127.0.0.1:{_free_port()}/nothing"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "niet bereikbaar" in result.stderr
    assert "Traceback" not in result.stderr


def test_load_commands_are_idempotent(tmp_path: Path) -> None:
    env = _env(tmp_path)
    for _run in range(2):
        for name in ("load-reference", "load-demo"):
            result = subprocess.run(
                _command(name), env=env, capture_output=True, text=True, timeout=300, check=False
            )
            assert result.returncode == 0, result.stderr
    count = subprocess.run(
        _command(
            "manage",
            "shell",
            "-c",
            "from dwarsverband.organisations.models import Organisation as O;"
            "print(O.objects.count(), O.objects.filter(kind='municipality').count())",
        ),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    total, municipalities = count.stdout.strip().splitlines()[-1].split()
    assert municipalities == "342"
    assert int(total) == 342 + 12 + 2 + 10


def test_app_commands_are_reached_through_the_dwarsverband_command() -> None:
    from dwarsverband.cli import management_command_for

    assert management_command_for(["import-cbs", "85542NED"]) == ["import_cbs", "85542NED"]
    assert management_command_for(["bench", "matching-quality"]) == ["bench_matching_quality"]
    assert management_command_for(["bench", "matching", "--projects", "10"]) == [
        "bench_matching",
        "--projects",
        "10",
    ]
    assert management_command_for(["neighbours", "--top", "3", "-"]) == [
        "neighbours",
        "--top",
        "3",
        "-",
    ]
