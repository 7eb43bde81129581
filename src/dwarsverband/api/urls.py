"""Routing of the versioned API. Paths are plural Dutch nouns in kebab-case, no trailing slash."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import URLPattern, URLResolver, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularRedocView

from dwarsverband.organisations import apis as organisation_apis

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
    path("organisaties", organisation_apis.OrganisationListApi.as_view(), name="organisation-list"),
    path(
        "organisaties/<slug:slug>",
        organisation_apis.OrganisationDetailApi.as_view(),
        name="organisation-detail",
    ),
    path("regios", organisation_apis.RegionListApi.as_view(), name="region-list"),
    path("regios/<str:code>", organisation_apis.RegionDetailApi.as_view(), name="region-detail"),
    path("netwerken", organisation_apis.NetworkListApi.as_view(), name="network-list"),
    path(
        "netwerken/<slug:slug>",
        organisation_apis.NetworkDetailApi.as_view(),
        name="network-detail",
    ),
]
