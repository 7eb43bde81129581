from django.urls import path

from dwarsverband.tablesessions import views

app_name = "tablesessions"

urlpatterns = [
    path("tafelsessies", views.session_list, name="session-list"),
    path("tafelsessies/nieuw", views.session_create, name="session-create"),
    path("tafelsessies/<int:pk>", views.session_detail, name="session-detail"),
    path("tafelsessies/<int:pk>/indelen", views.session_plan, name="session-plan"),
    path("tafelsessies/<int:pk>/uitkomsten", views.session_outcomes, name="session-outcomes"),
    path("tafelsessies/<int:pk>/csv", views.session_csv, name="session-csv"),
]
