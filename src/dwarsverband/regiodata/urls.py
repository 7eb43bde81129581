from django.urls import path

from dwarsverband.regiodata import views

app_name = "regiodata"

urlpatterns = [
    path("regiodata", views.indicator_list, name="indicator-list"),
    path("regiodata/indicatoren/<slug:code>", views.indicator_detail, name="indicator-detail"),
    path("regiodata/indicatoren/<slug:code>/csv", views.indicator_csv, name="indicator-csv"),
    path("regiodata/gebieden/<str:code>", views.area_detail, name="area-detail"),
    path("regiodata/gebieden/<str:code>/csv", views.area_csv, name="area-csv"),
]
