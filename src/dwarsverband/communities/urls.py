from django.urls import URLPattern, URLResolver, path

from dwarsverband.communities import views

app_name = "communities"

urlpatterns: list[URLPattern | URLResolver] = [
    path("leerkringen", views.community_list, name="community-list"),
    path("leerkringen/nieuw", views.community_create, name="community-create"),
    path("leerkringen/<slug:slug>", views.community_detail, name="community-detail"),
    path("leerkringen/<slug:slug>/bewerken", views.community_update, name="community-update"),
    path("leerkringen/<slug:slug>/agenda.ics", views.community_feed, name="community-feed"),
    path("leerkringen/<slug:slug>/deelnemen", views.membership_apply, name="membership-apply"),
    path("leerkringen/<slug:slug>/deelnemers", views.membership_list, name="membership-list"),
    path(
        "leerkringen/<slug:slug>/deelnemers/<int:pk>/besluit",
        views.membership_decide,
        name="membership-decide",
    ),
    path(
        "leerkringen/<slug:slug>/bijeenkomst-toevoegen", views.meeting_create, name="meeting-create"
    ),
    path("leerkringen/<slug:slug>/casussen", views.case_list, name="case-list"),
    path("leerkringen/<slug:slug>/casussen/nieuw", views.case_submit, name="case-submit"),
    path("leerkringen/<slug:slug>/casussen/<int:pk>", views.case_detail, name="case-detail"),
    path(
        "leerkringen/<slug:slug>/casussen/<int:pk>/besproken",
        views.case_discussed,
        name="case-discussed",
    ),
    path("bijeenkomsten/<int:pk>", views.meeting_detail, name="meeting-detail"),
    path("bijeenkomsten/<int:pk>/bewerken", views.meeting_update, name="meeting-update"),
    path("bijeenkomsten/<int:pk>/annuleren", views.meeting_cancel, name="meeting-cancel"),
    path("bijeenkomsten/<int:pk>/agenda.ics", views.meeting_ics, name="meeting-ics"),
    path(
        "bijeenkomsten/<int:pk>/agendapunt-toevoegen",
        views.agenda_item_add,
        name="agenda-item-add",
    ),
    path("agendapunten/<int:pk>/bewerken", views.agenda_item_update, name="agenda-item-update"),
    path("agendapunten/<int:pk>/verwijderen", views.agenda_item_delete, name="agenda-item-delete"),
    path("agendapunten/<int:pk>/verplaatsen", views.agenda_item_move, name="agenda-item-move"),
    path("bijeenkomsten/<int:pk>/aanmelden", views.registration_create, name="registration-create"),
    path("bijeenkomsten/<int:pk>/aanmeldingen", views.registration_list, name="registration-list"),
    path(
        "bijeenkomsten/<int:pk>/aanmeldingen.csv",
        views.registration_export,
        name="registration-export",
    ),
    path("bijeenkomsten/<int:pk>/presentielijst", views.attendance_list, name="attendance-list"),
    path("aanmelding/<str:token>", views.registration_manage, name="registration-manage"),
]
