"""Settings as an installation sees them: evaluated in a fresh process with its environment."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'secure': settings.SESSION_COOKIE_SECURE, "
    "'csrf_secure': settings.CSRF_COOKIE_SECURE, 'hsts': settings.SECURE_HSTS_SECONDS, "
    "'key': settings.SECRET_KEY, 'engine': settings.DATABASES['default']['ENGINE']}))"
)


def _settings(tmp_path: Path, **extra: str) -> dict[str, object]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DWARSVERBAND_", "DATABASE_URL"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "dwarsverband.conf.base",
            "DWARSVERBAND_DATA_DIR": str(tmp_path),
            **extra,
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return dict(json.loads(result.stdout))


def test_embedded_default_generates_and_keeps_a_private_secret(tmp_path: Path) -> None:
    first = _settings(tmp_path)
    second = _settings(tmp_path)
    assert first["key"] == second["key"]
    assert len(str(first["key"])) >= 50
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600
    assert first["engine"] == "django.db.backends.sqlite3"


def test_environment_secret_wins_and_no_file_is_written(tmp_path: Path) -> None:
    values = _settings(tmp_path, DJANGO_SECRET_KEY="from-the-environment")
    assert values["key"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_https_deployment_gets_secure_cookies_and_hsts(tmp_path: Path) -> None:
    plain = _settings(tmp_path)
    assert plain["secure"] is False
    secure = _settings(tmp_path, DWARSVERBAND_HTTPS="true")
    assert secure["secure"] is True and secure["csrf_secure"] is True
    assert int(str(secure["hsts"])) >= 31_536_000


def test_database_url_selects_postgresql(tmp_path: Path) -> None:
    values = _settings(tmp_path, DATABASE_URL="postgres://u@127.0.0.1:5432/db")
    assert values["engine"] == "django.db.backends.postgresql"
