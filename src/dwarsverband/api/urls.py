"""Routing of the versioned API. Paths are plural Dutch nouns in kebab-case, no trailing slash."""

from importlib import import_module

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.apps import apps
from django.urls import URLPattern, URLResolver, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularRedocView

app_name = "api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path(
        "docs",
        # Redoc styles itself inline and renders in a web worker: only this page allows that.
        csp_update({"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})(
            SpectacularRedocView.as_view(url_name="api:openapi")
        ),
        name="docs",
    ),
]


def _app_routes() -> list[URLPattern | URLResolver]:
    """Each domain app publishes its endpoints as ``api_urlpatterns`` in its ``apis.py``."""
    routes: list[URLPattern | URLResolver] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("dwarsverband.") or config.name == "dwarsverband.api":
            continue
        try:
            module = import_module(f"{config.name}.apis")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.apis":
                raise
            continue
        routes.extend(getattr(module, "api_urlpatterns", []))
    return routes


urlpatterns += _app_routes()
