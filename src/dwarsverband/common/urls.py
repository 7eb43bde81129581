from django.urls import path

from dwarsverband.common import views

urlpatterns = [
    path("", views.home, name="home"),
    path("toegankelijkheid", views.accessibility, name="accessibility"),
    path("privacy", views.privacy, name="privacy"),
    path("bronnen", views.sources, name="sources"),
    path("taal/<str:code>", views.language_switch, name="language-switch"),
    path("status/live", views.status_live, name="status-live"),
    path("status/ready", views.status_ready, name="status-ready"),
]
