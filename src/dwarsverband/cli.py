"""The `dwarsverband` command: serve the platform, load data, pass through to Django."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

SETTINGS_MODULE = "dwarsverband.conf.base"


class StartupError(Exception):
    """A problem the user can fix, explained in one line."""


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    _check_database_url(os.environ.get("DATABASE_URL", ""))
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        raise StartupError(f"De configuratie klopt niet: {error}") from error


def _check_database_url(url: str) -> None:
    if not url:
        return
    scheme = url.split(":", 1)[0].lower()
    supported = {"sqlite", "postgres", "postgresql", "pgsql", "psql"}
    if scheme not in supported:
        raise StartupError(
            f"DATABASE_URL gebruikt het onbekende schema '{scheme}'; "
            "gebruik sqlite:///pad/naar/bestand of postgres://gebruiker@host:poort/database."
        )


def _check_database_reachable() -> None:
    from django.db import connection
    from django.db.utils import Error as DatabaseError

    try:
        connection.ensure_connection()
    except DatabaseError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        raise StartupError(f"De database is niet bereikbaar: {first_line}") from error


def _prepare() -> None:
    """Migrate, load data on first start and collect static files."""
    from django.conf import settings
    from django.core.management import call_command

    from dwarsverband.common.loading import load_on_first_start, run_start_hooks

    _check_database_reachable()
    call_command("migrate", interactive=False, verbosity=0)
    load_on_first_start(report=print)
    run_start_hooks(report=print)
    if "Manifest" in settings.STORAGES["staticfiles"]["BACKEND"]:
        call_command("collectstatic", interactive=False, verbosity=0)


# Waitress accepts request bodies up to 1 GB by default, reading each to disk before Django sees
# it. The largest upload the platform takes is 20 MB; up to this bound a too-large file still
# gets the form's Dutch message, beyond it the server answers 413 before reading the body.
MAX_REQUEST_BYTES = 100 * 1024 * 1024


def serve(host: str, port: int, threads: int) -> None:
    _setup_django()
    _prepare()
    from django.conf import settings
    from waitress.server import create_server

    from dwarsverband.conf.wsgi import application

    if host not in ("0.0.0.0", "::") and host not in settings.ALLOWED_HOSTS:  # noqa: S104
        settings.ALLOWED_HOSTS.append(host)
    shown_host = f"[{host}]" if ":" in host else host
    try:
        server = create_server(
            application,
            host=host,
            port=port,
            threads=threads,
            ident="dwarsverband",
            max_request_body_size=MAX_REQUEST_BYTES,
        )
    except OSError as error:
        raise StartupError(
            f"Kan niet luisteren op {shown_host}:{port}: {error.strerror}"
        ) from error
    # Printed once the socket listens, so whoever waits for this line can connect at once.
    print(f"Dwarsverband draait op http://{shown_host}:{port}/ (stoppen met Ctrl+C)", flush=True)
    server.run()


def _manage(arguments: Sequence[str]) -> None:
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["dwarsverband manage", *arguments])


def _run_command(name: str) -> None:
    _setup_django()
    _check_database_reachable()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command(name)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dwarsverband",
        description="Dwarsverband: samenwerkingsplatform voor gemeenten en hun partners.",
        epilog=(
            "Andere opdrachten van de apps, zoals 'dwarsverband bench NAAM' of "
            "'dwarsverband import-cbs TABEL', gaan door naar Django's beheeropdrachten; "
            "'dwarsverband manage help' toont ze allemaal."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="opdracht")
    serve_parser = commands.add_parser("serve", help="Start het platform (webserver).")
    serve_parser.add_argument("--host", default="127.0.0.1", help="adres (standaard 127.0.0.1)")
    serve_parser.add_argument("--port", type=int, default=8000, help="poort (standaard 8000)")
    serve_parser.add_argument("--threads", type=int, default=8, help="aantal threads")
    commands.add_parser("load-reference", help="Laad de referentiegegevens (herhaalbaar).")
    commands.add_parser("load-demo", help="Laad de demogegevens (herhaalbaar).")
    manage_parser = commands.add_parser("manage", help="Django-beheeropdrachten.")
    manage_parser.add_argument("arguments", nargs=argparse.REMAINDER)
    return parser


BUILT_IN = {"serve", "load-reference", "load-demo", "manage", "-h", "--help"}


def management_command_for(arguments: Sequence[str]) -> list[str]:
    """Map `dwarsverband NAME ...` to a Django management command of one of the apps.

    `dwarsverband import-cbs 85542NED` runs `import_cbs`; `dwarsverband bench matching ...`
    runs `bench_matching`. Apps add commands without touching this file.
    """
    name, *rest = arguments
    if name == "bench" and rest and not rest[0].startswith("-"):
        return [f"bench_{rest[0].replace('-', '_')}", *rest[1:]]
    return [name.replace("-", "_"), *rest]


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] not in BUILT_IN:
        try:
            _manage(management_command_for(arguments))
        except StartupError as error:
            print(f"dwarsverband: {error}", file=sys.stderr)
            return 2
        return 0
    args = build_parser().parse_args(arguments)
    try:
        if args.command == "serve":
            serve(args.host, args.port, args.threads)
        elif args.command == "load-reference":
            _run_command("load_reference")
        elif args.command == "load-demo":
            _run_command("load_demo")
        elif args.command == "manage":
            _manage(args.arguments)
    except StartupError as error:
        print(f"dwarsverband: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
