"""`dwarsverband bench http`: load on `serve` over loopback with wrk, against a trivial view.

Starts `dwarsverband serve` in a fresh data directory (or on DATABASE_URL), then runs wrk
against each key page and API endpoint with the same connections and duration, and reports
throughput, latency percentiles and errors beside the ceiling: /status/live, a view that does
nothing, served by the same server in the same run.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

TARGETS = [
    ("plafond: lege view", "/status/live"),
    ("startpagina", "/"),
    ("organisaties", "/organisaties"),
    ("organisatie Gouda", "/organisaties/gouda"),
    ("regio Midden-Holland", "/regios/AM20"),
    ("kansen", "/kansen"),
    ("zoeken", "/zoeken?q=samenwerking"),
    ("API organisaties", "/api/v1/organisaties?soort=municipality"),
    ("API regio", "/api/v1/regios/AM20"),
    ("API netwerk", "/api/v1/netwerken/g40-stedennetwerk"),
]

LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %d %d %f %f %f %f\\n", summary.requests, errors,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Command(BaseCommand):
    help = "HTTP-belastingstest van de belangrijkste pagina's en API's tegen een lege view."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--duration", type=int, default=10, help="seconden per doel")
        parser.add_argument("--connections", type=int, default=32)
        parser.add_argument("--threads", type=int, default=16, help="threads van de server")
        parser.add_argument("--database-url", default="", help="standaard een nieuwe SQLite")
        parser.add_argument(
            "--page-cache-seconds",
            type=int,
            default=60,
            help="paginacache voor anonieme bezoekers; 0 meet zonder cache",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        wrk = shutil.which("wrk")
        if wrk is None:
            raise CommandError("wrk ontbreekt: installeer het met 'apt-get install wrk'.")
        port = _free_port()
        data_dir = Path(tempfile.mkdtemp(prefix="dwarsverband-bench-"))
        env = {**os.environ, "DWARSVERBAND_DATA_DIR": str(data_dir)}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        env["DWARSVERBAND_PAGE_CACHE_SECONDS"] = str(options["page_cache_seconds"])
        if options["database_url"]:
            env["DATABASE_URL"] = options["database_url"]
        else:
            env.pop("DATABASE_URL", None)
        server = subprocess.Popen(  # noqa: S603 (our own command)
            [
                sys.executable,
                "-m",
                "dwarsverband.cli",
                "serve",
                "--port",
                str(port),
                "--threads",
                str(options["threads"]),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        base = f"http://127.0.0.1:{port}"
        lua = data_dir / "report.lua"
        lua.write_text(LUA, encoding="utf-8")
        try:
            self._wait_until_ready(server, base)
            rows = []
            for name, path in TARGETS:
                try:
                    # Warm-up: the first request may load a model or fill a cache.
                    with urllib.request.urlopen(base + path, timeout=180) as response:  # noqa: S310
                        response.read()
                except urllib.error.HTTPError as error:
                    self.stdout.write(f"{name}: overgeslagen ({path} gaf {error.code})")
                    continue
                except (urllib.error.URLError, TimeoutError) as error:
                    self.stdout.write(f"{name}: overgeslagen ({path}: {error})")
                    continue
                rows.append((name, path, self._wrk(wrk, lua, base + path, options)))
        finally:
            server.terminate()
            server.wait(timeout=30)
            shutil.rmtree(data_dir, ignore_errors=True)
        self._report(rows, options)

    def _wait_until_ready(self, server: subprocess.Popen[str], base: str) -> None:
        assert server.stdout is not None
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                raise CommandError("De server startte niet.")
            if "draait op" in line:
                # Keep reading what the server prints: a full pipe would block the server.
                threading.Thread(target=server.stdout.read, daemon=True).start()
                return
        raise CommandError("De server startte niet binnen vijf minuten.")

    def _wrk(self, wrk: str, lua: Path, url: str, options: dict[str, Any]) -> dict[str, float]:
        result = subprocess.run(  # noqa: S603 (wrk on loopback)
            [
                wrk,
                "-t2",
                f"-c{options['connections']}",
                f"-d{options['duration']}s",
                "--timeout",
                "10s",
                "-s",
                str(lua),
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        match = re.search(r"RESULT (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)", result.stdout)
        if match is None:
            raise CommandError(f"wrk gaf geen resultaat voor {url}: {result.stdout[-300:]}")
        requests, errors, seconds, p50, p95, p99 = (float(value) for value in match.groups())
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
        return {
            "rps": requests / seconds,
            "errors": errors + (float(non_2xx.group(1)) if non_2xx else 0),
            "p50": p50,
            "p95": p95,
            "p99": p99,
        }

    def _report(
        self, rows: list[tuple[str, str, dict[str, float]]], options: dict[str, Any]
    ) -> None:
        ceiling = rows[0][2]["rps"] if rows else 0.0
        self.stdout.write(
            f"\n{options['connections']} verbindingen, {options['duration']} s per doel, "
            f"server met {options['threads']} threads, "
            f"paginacache {options['page_cache_seconds']} s\n"
        )
        header = (
            f"{'doel':<24} {'req/s':>8} {'plafond':>8} {'p50 ms':>8} {'p95 ms':>8} "
            f"{'p99 ms':>8} {'fouten':>7}"
        )
        self.stdout.write(header)
        for name, _path, figures in rows:
            ratio = figures["rps"] / ceiling if ceiling else 0.0
            self.stdout.write(
                f"{name:<24} {figures['rps']:>8.1f} {ratio:>7.0%} {figures['p50']:>8.1f} "
                f"{figures['p95']:>8.1f} {figures['p99']:>8.1f} {int(figures['errors']):>7}"
            )
