from django.urls import path

from dwarsverband.matching import views

app_name = "matching"

urlpatterns = [
    path("kansen", views.opportunity_list, name="opportunity-list"),
    path("kansen/<int:pk>", views.opportunity_detail, name="opportunity-detail"),
    path("kansen/<int:pk>/oppakken", views.opportunity_accept, name="opportunity-accept"),
    path(
        "kansen/<int:pk>/leerkring-starten",
        views.opportunity_start_community,
        name="opportunity-start-community",
    ),
    path("kansen/<int:pk>/afwijzen", views.opportunity_dismiss, name="opportunity-dismiss"),
]
