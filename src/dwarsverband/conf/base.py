"""Settings for Dwarsverband, read from the environment.

Without any configuration the platform runs on an SQLite file in the data directory
(see `datadir.py`) with a secret key generated on first start. Production sets
`DATABASE_URL` (PostgreSQL), `DJANGO_SECRET_KEY`, `DJANGO_ALLOWED_HOSTS` and
`DWARSVERBAND_HTTPS=true`.
"""

from __future__ import annotations

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from dwarsverband.conf.datadir import data_dir, generated_secret_key

env = environ.Env()

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="") or generated_secret_key(DATA_DIR)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Behind HTTPS (production) cookies are secure and browsers are told to stay on HTTPS.
HTTPS = env.bool("DWARSVERBAND_HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env.bool("DWARSVERBAND_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy without 'unsafe-inline': no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

INSTALLED_APPS = [
    # First, so that the platform's templates (error pages, login) win over the admin's.
    "dwarsverband.common",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django_ratelimit",
    "csp",
    "django_tasks",
    "simple_history",
    "axes",
    "dwarsverband.organisations",
    "dwarsverband.programmes",
    "dwarsverband.matching",
    "dwarsverband.tablesessions",
    "dwarsverband.communities",
    "dwarsverband.knowledge",
    "dwarsverband.agreements",
    "dwarsverband.regiodata",
    "dwarsverband.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "dwarsverband.api.middleware.ApiMiddleware",
    "dwarsverband.common.middleware.UnstorableCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dwarsverband.common.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "dwarsverband.common.page_cache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "dwarsverband.conf.urls"
WSGI_APPLICATION = "dwarsverband.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dwarsverband.common.context_processors.platform",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'dwarsverband.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the single writer of a small installation work side by side.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login throttling: five failures lock the username/address pair for an hour.
AXES_ENABLED = env.bool("DWARSVERBAND_LOGIN_THROTTLING", default=True)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DWARSVERBAND_STATIC_ROOT", default=str(DATA_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DWARSVERBAND_MEDIA_ROOT", default=str(DATA_DIR / "uploads"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "DWARSVERBAND_STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# REST API v1 after the Dutch API Design Rules (see dwarsverband/api/).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["dwarsverband.api.permissions.ReadPublicWriteAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "dwarsverband.api.pagination.LinkPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "dwarsverband.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Dwarsverband API",
    "DESCRIPTION": (
        "Open API van Dwarsverband volgens de API Design Rules van de Nederlandse overheid. "
        "Lezen van openbare gegevens kan zonder inloggen; schrijven vraagt een token "
        "(header 'Authorization: Token ...')."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "COMPONENT_SPLIT_REQUEST": True,
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "CONTACT": {"name": "Beheer Dwarsverband"},
    "LICENSE": {"name": "EUPL-1.2"},
    "SERVERS": [{"url": "/api/v1"}],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "dwarsverband.api.schema.add_problem_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "dwarsverband.organisations.constants.OrganisationKind",
        "RegionKindEnum": "dwarsverband.organisations.constants.RegionKind",
    },
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_EXPOSE_HEADERS = ["API-Version", "Link"]

# Background work (recomputing opportunities, digests) goes through Django's task API
# (django-tasks backport). The default runs tasks right after the transaction commits.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "DWARSVERBAND_TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Rate limits (django-ratelimit) count per client address in the default cache. Behind a
# proxy, DWARSVERBAND_CLIENT_IP_HEADER names the META key holding the real address.
RATELIMIT_VIEW = "dwarsverband.common.views.rate_limited"
RATELIMIT_ENABLE = env.bool("DWARSVERBAND_RATE_LIMITS", default=True)
RATELIMIT_IP_META_KEY = env.str("DWARSVERBAND_CLIENT_IP_HEADER", default="") or None

# CACHE_URL selects a shared cache for several app servers (e.g. redis://127.0.0.1:6379/1).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://dwarsverband")}
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # The embedded default serves from one process, whose threads share this memory cache,
    # so rate-limit counters are exact. Several app servers need a shared CACHE_URL.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
DWARSVERBAND_PAGE_CACHE_SECONDS = env.int("DWARSVERBAND_PAGE_CACHE_SECONDS", default=60)

# Registrant data of a finished community is deleted after this many days (purge-registrations).
DWARSVERBAND_REGISTRATION_RETENTION_DAYS = env.int(
    "DWARSVERBAND_REGISTRATION_RETENTION_DAYS", default=180
)

# Absolute links in e-mails (digests, confirmations), e.g. https://dwarsverband.example.nl
DWARSVERBAND_BASE_URL = env.str("DWARSVERBAND_BASE_URL", default="http://127.0.0.1:8000")

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="noreply@dwarsverband.local")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
}
