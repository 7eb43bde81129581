from django.urls import path

from dwarsverband.organisations import views

app_name = "organisations"

urlpatterns = [
    path("organisaties", views.organisation_list, name="organisation-list"),
    path("organisaties/nieuw", views.organisation_create, name="organisation-create"),
    path("organisaties/<slug:slug>", views.organisation_detail, name="organisation-detail"),
    path(
        "organisaties/<slug:slug>/bewerken", views.organisation_update, name="organisation-update"
    ),
    path("organisaties/<slug:slug>/personen/nieuw", views.person_create, name="person-create"),
    path("personen/<int:pk>/bewerken", views.person_update, name="person-update"),
    path("personen/<int:pk>/verwijderen", views.person_delete, name="person-delete"),
    path("regios", views.region_list, name="region-list"),
    path("regios/<str:code>", views.region_detail, name="region-detail"),
    path("netwerken", views.network_list, name="network-list"),
]
