"""Where an installation keeps its state: the SQLite file, uploads and the generated secret."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def data_dir() -> Path:
    """The data directory: `DWARSVERBAND_DATA_DIR`, else a folder under the user's home."""
    configured = os.environ.get("DWARSVERBAND_DATA_DIR")
    if configured:
        path = Path(configured).expanduser()
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(base) / "dwarsverband"
    path.mkdir(parents=True, exist_ok=True)
    return path


def generated_secret_key(directory: Path) -> str:
    """Read the secret key generated on first start, creating it (mode 0600) if missing."""
    key_file = directory / "secret_key"
    if key_file.exists():
        key = key_file.read_text(encoding="utf-8").strip()
        if key:
            return key
    key = secrets.token_urlsafe(64)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key
