from django.urls import URLPattern, URLResolver, path

from dwarsverband.knowledge import views

app_name = "knowledge"

urlpatterns: list[URLPattern | URLResolver] = [
    path("kennis", views.knowledge_home, name="knowledge-home"),
    path("zoeken", views.search, name="search"),
    path("kennis/publicaties/nieuw", views.publication_create, name="publication-create"),
    path("kennis/publicaties/<slug:slug>", views.publication_detail, name="publication-detail"),
    path("kennis/publicaties/<slug:slug>/passages", views.passages_edit, name="passages-edit"),
    path(
        "kennis/publicaties/<slug:slug>/verwijderen",
        views.publication_delete,
        name="publication-delete",
    ),
    path("kennis/routekaarten/<slug:slug>", views.roadmap_detail, name="roadmap-detail"),
    path("kennis/routekaarten/<slug:slug>/pdf", views.roadmap_pdf, name="roadmap-pdf"),
]
