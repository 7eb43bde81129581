"""Settings for the test suite: the base settings with a throwaway data directory."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DWARSVERBAND_DATA_DIR", tempfile.mkdtemp(prefix="dwarsverband-test-"))
os.environ.setdefault(
    "DWARSVERBAND_STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Playwright's synchronous API runs an event loop in the test thread; the tests themselves
# are synchronous, so Django's guard against ORM calls from async code does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from dwarsverband.conf.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests roll back the database, which does not move the page cache's content version:
# the page cache is off unless a test switches it on.
DWARSVERBAND_PAGE_CACHE_SECONDS = 0

Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # noqa: F405
