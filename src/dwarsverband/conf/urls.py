from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from dwarsverband.common import ratelimits
from dwarsverband.common.ratelimits import limit

admin.site.site_header = _("Dwarsverband beheer")
admin.site.site_title = _("Dwarsverband beheer")

account_patterns = [
    path(
        "inloggen",
        limit(ratelimits.LOGIN, method="POST")(auth_views.LoginView.as_view()),
        name="login",
    ),
    path("uitloggen", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-vergeten",
        limit(ratelimits.LOGIN, method="POST")(auth_views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "wachtwoord-wijzigen",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "wachtwoord-wijzigen/klaar",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]

urlpatterns = [
    path("", include("dwarsverband.common.urls")),
    path("", include("dwarsverband.organisations.urls")),
    path("", include("dwarsverband.programmes.urls")),
    path("", include("dwarsverband.matching.urls")),
    path("", include("dwarsverband.tablesessions.urls")),
    path("", include("dwarsverband.communities.urls")),
    path("", include("dwarsverband.knowledge.urls")),
    path("", include("dwarsverband.agreements.urls")),
    path("", include("dwarsverband.regiodata.urls")),
    path("account/", include(account_patterns)),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("dwarsverband.api.urls")),
    *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
]

handler404 = "dwarsverband.api.views.not_found"
handler500 = "dwarsverband.api.views.crashed"
