from django.urls import path

from dwarsverband.programmes import views

app_name = "programmes"

urlpatterns = [
    path("themas", views.theme_list, name="theme-list"),
    path("themas/nieuw", views.theme_create, name="theme-create"),
    path("themas/<slug:slug>/bewerken", views.theme_update, name="theme-update"),
    path("jaarprogrammas", views.programme_list, name="programme-list"),
    path("jaarprogrammas/nieuw", views.programme_create, name="programme-create"),
    path("jaarprogrammas/importeren", views.programme_import, name="programme-import"),
    path("jaarprogrammas/<int:pk>", views.programme_detail, name="programme-detail"),
    path("jaarprogrammas/<int:pk>/bewerken", views.programme_update, name="programme-update"),
    path("jaarprogrammas/<int:pk>/project-toevoegen", views.project_create, name="project-create"),
    path("projecten/<int:pk>", views.project_detail, name="project-detail"),
    path("projecten/<int:pk>/bewerken", views.project_update, name="project-update"),
]
