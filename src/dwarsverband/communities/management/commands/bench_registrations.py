"""`dwarsverband bench registrations`: parallel registrations over HTTP against `serve`.

Creates a dedicated PostgreSQL database, starts `dwarsverband serve` on it (fresh data
directory; mail to an SMTP sink on loopback; rate limits counted per simulated visitor through
X-Real-IP, because waitress drops X-Forwarded-For from untrusted peers), adds one meeting with
a fixed number of seats, and lets every simulated visitor open the meeting page (for the CSRF
token) and then post a registration, all posts released at the same moment. Reports
throughput, latency of the posts, the confirmed and waiting counts read straight from the
database, errors, and the mails received. Fails when more or fewer than the seats are
confirmed or when any request failed.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/dv_bench_registrations"
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def create_meeting(seats: int) -> int:
    """Run inside the server's environment (via `manage shell`): the meeting under test."""
    from datetime import timedelta

    from django.utils import timezone

    from dwarsverband.communities import services
    from dwarsverband.communities.constants import MeetingKind
    from dwarsverband.organisations.models import Organisation, User

    system_user = User(is_superuser=True, is_active=True)
    organiser = Organisation.objects.order_by("pk").first()
    if organiser is None:
        raise RuntimeError("no organisations loaded")
    community = services.community_create(
        user=system_user, data={"title": "Benchmark aanmeldingen", "organiser": organiser}
    )
    start = timezone.now() + timedelta(days=30)
    meeting = services.meeting_create(
        user=system_user,
        community=community,
        data={
            "kind": MeetingKind.INFORMATION,
            "title": "Benchmark-bijeenkomst",
            "starts_at": start,
            "ends_at": start + timedelta(hours=3),
            "takes_registrations": True,
            "capacity": seats,
        },
    )
    return meeting.pk


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Command(BaseCommand):
    help = "Belastingstest: gelijktijdige aanmeldingen over HTTP voor één bijeenkomst."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--requests", type=int, default=250, help="aantal aanmeldingen")
        parser.add_argument("--seats", type=int, default=50, help="plaatsen in de bijeenkomst")
        parser.add_argument("--threads", type=int, default=16, help="threads van de server")
        parser.add_argument(
            "--mail",
            choices=["smtp", "dummy"],
            default="smtp",
            help="smtp: echte mails naar een SMTP-server op loopback; dummy: mails niet versturen",
        )
        parser.add_argument(
            "--database-url",
            default=DEFAULT_DATABASE_URL,
            help="PostgreSQL-database die voor de test opnieuw wordt aangemaakt",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.server_output: deque[str] = deque(maxlen=60)
        try:
            import psycopg
            from aiosmtpd.controller import Controller
        except ImportError as error:
            raise CommandError(
                f"{error.name} ontbreekt: installeer de testextra's (pip install -e '.[test]')."
            ) from error
        url = options["database_url"]
        parsed = urllib.parse.urlparse(url)
        database = parsed.path.lstrip("/")
        if parsed.scheme not in ("postgres", "postgresql") or not database.startswith("dv_bench"):
            raise CommandError(
                "Gebruik een PostgreSQL-database waarvan de naam met dv_bench begint."
            )
        self._recreate_database(psycopg, parsed, database)

        mails = _MailCounter()
        smtp = Controller(mails, hostname="127.0.0.1", port=_free_port())
        smtp.start()
        port = _free_port()
        data_dir = Path(tempfile.mkdtemp(prefix="dwarsverband-bench-registrations-"))
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DWARSVERBAND_DATA_DIR": str(data_dir),
            "DJANGO_EMAIL_BACKEND": f"django.core.mail.backends.{options['mail']}.EmailBackend",
            "DJANGO_EMAIL_HOST": "127.0.0.1",
            "DJANGO_EMAIL_PORT": str(smtp.port),
            "DWARSVERBAND_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
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
        try:
            self._wait_until_ready(server)
            meeting_id = self._create_meeting(env, options["seats"])
            started = time.perf_counter()
            outcome = self._load(port, meeting_id, options["requests"])
            wall = time.perf_counter() - started
            counts = self._counts(psycopg, url, meeting_id)
            if options["mail"] == "smtp":
                mails.wait_for(options["requests"] - len(outcome.errors), timeout=30)
        finally:
            server.terminate()
            server.wait(timeout=30)
            smtp.stop()
            shutil.rmtree(data_dir, ignore_errors=True)
        self._report(options, outcome, wall, counts, mails.count)

    def _recreate_database(self, psycopg: Any, parsed: urllib.parse.ParseResult, name: str) -> None:
        admin = parsed._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')

    def _wait_until_ready(self, server: subprocess.Popen[str]) -> None:
        assert server.stdout is not None
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                raise CommandError("De server startte niet.")
            if "draait op" in line:
                # Keep reading the server's output so it never blocks on a full pipe.
                threading.Thread(target=self._drain, args=(server,), daemon=True).start()
                return
        raise CommandError("De server startte niet binnen tien minuten.")

    def _drain(self, server: subprocess.Popen[str]) -> None:
        assert server.stdout is not None
        for line in server.stdout:
            self.server_output.append(line.rstrip())

    def _create_meeting(self, env: dict[str, str], seats: int) -> int:
        code = (
            "from dwarsverband.communities.management.commands.bench_registrations import "
            f"create_meeting; print('MEETING', create_meeting({int(seats)}))"
        )
        result = subprocess.run(  # noqa: S603 (our own command)
            [sys.executable, "-m", "dwarsverband.cli", "manage", "shell", "-c", code],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        match = re.search(r"MEETING (\d+)", result.stdout)
        if match is None:
            raise CommandError(f"De bijeenkomst kon niet worden aangemaakt: {result.stderr[-500:]}")
        return int(match.group(1))

    def _load(self, port: int, meeting_id: int, requests: int) -> Outcome:
        outcome = Outcome()
        barrier = threading.Barrier(requests)
        path = f"/bijeenkomsten/{meeting_id}"

        def visitor(n: int) -> None:
            address = f"10.{n // 250}.{n % 250}.1"
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                connection.request("GET", path, headers={"X-Real-IP": address})
                page = connection.getresponse()
                html = page.read().decode()
                cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie") or "")
                token = TOKEN_RE.search(html)
                if page.status != 200 or cookie is None or token is None:
                    raise RuntimeError(f"pagina gaf {page.status}")
                body = urllib.parse.urlencode(
                    {
                        "csrfmiddlewaretoken": token.group(1),
                        "name": f"Bezoeker {n}",
                        "email": f"bezoeker{n}@example.org",
                        "organisation_name": "Gemeente Test",
                        "function": "beleidsadviseur",
                        "consent": "on",
                    }
                )
                # A fresh connection for the post: open connections waiting at the barrier
                # would otherwise count against the server's connection limit.
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                barrier.wait(timeout=300)
                sent = time.perf_counter()
                connection.request(
                    "POST",
                    f"{path}/aanmelden",
                    body=body,
                    headers={
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Cookie": f"csrftoken={cookie.group(1)}",
                        "X-Real-IP": address,
                    },
                )
                response = connection.getresponse()
                response.read()
                elapsed = time.perf_counter() - sent
                location = response.getheader("Location") or ""
                if response.status != 302 or "/aanmelding/" not in location:
                    raise RuntimeError(f"aanmelding gaf {response.status}")
                with outcome.lock:
                    outcome.latencies.append(elapsed)
                connection.close()
            except Exception as error:  # every failure counts as an error
                with outcome.lock:
                    outcome.errors.append(str(error) or type(error).__name__)
                if not isinstance(error, threading.BrokenBarrierError):
                    barrier.abort()

        threads = [threading.Thread(target=visitor, args=(n,)) for n in range(requests)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return outcome

    def _counts(self, psycopg: Any, url: str, meeting_id: int) -> dict[str, int]:
        with psycopg.connect(url) as connection:
            rows = connection.execute(
                "SELECT status, count(*) FROM communities_registration "
                "WHERE meeting_id = %s GROUP BY status",
                (meeting_id,),
            ).fetchall()
        return {status: int(count) for status, count in rows}

    def _report(
        self,
        options: dict[str, Any],
        outcome: Outcome,
        wall: float,
        counts: dict[str, int],
        mails: int,
    ) -> None:
        latencies = sorted(outcome.latencies)
        ok = len(latencies)
        p95 = latencies[max(round(0.95 * ok) - 1, 0)] * 1000 if ok else 0.0
        p50 = statistics.median(latencies) * 1000 if ok else 0.0
        post_span = max(latencies) if latencies else 0.0
        confirmed = counts.get("confirmed", 0)
        waiting = counts.get("waiting", 0)
        self.stdout.write(
            f"\n{options['requests']} gelijktijdige aanmeldingen, {options['seats']} plaatsen, "
            f"server met {options['threads']} threads (PostgreSQL), mail: {options['mail']}\n"
        )
        self.stdout.write(f"geslaagd            {ok}")
        self.stdout.write(f"fouten              {len(outcome.errors)}")
        self.stdout.write(
            f"doorvoer            {ok / post_span if post_span else 0:.1f} aanmeldingen/s"
        )
        self.stdout.write(f"latentie p50        {p50:.0f} ms")
        self.stdout.write(f"latentie p95        {p95:.0f} ms")
        self.stdout.write(f"latentie max        {post_span * 1000:.0f} ms")
        self.stdout.write(f"bevestigd           {confirmed}")
        self.stdout.write(f"wachtlijst          {waiting}")
        self.stdout.write(f"mails ontvangen     {mails}")
        self.stdout.write(f"totale duur         {wall:.1f} s (inclusief het openen van de pagina)")
        if outcome.errors:
            self.stdout.write("eerste fouten: " + "; ".join(outcome.errors[:5]))
            self.stdout.write("laatste uitvoer van de server:\n" + "\n".join(self.server_output))
        if confirmed != options["seats"] or outcome.errors or confirmed + waiting != ok:
            raise CommandError("De aanmeldingen kloppen niet (zie hierboven).")


class _MailCounter:
    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._lock:
            self.count += 1
        return "250 OK"

    def wait_for(self, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.count < count and time.monotonic() < deadline:
            time.sleep(0.1)
