from django.urls import path

from dwarsverband.agreements import views

app_name = "agreements"

urlpatterns = [
    path("convenanten", views.covenant_list, name="covenant-list"),
    path("convenanten/nieuw", views.covenant_create, name="covenant-create"),
    path("convenanten/<slug:slug>", views.covenant_detail, name="covenant-detail"),
    path("convenanten/<slug:slug>/bewerken", views.covenant_update, name="covenant-update"),
    path("afspraken", views.agreement_list, name="agreement-list"),
    path("afspraken/nieuw", views.agreement_create, name="agreement-create"),
    path("afspraken/importeren", views.agreement_import, name="agreement-import"),
    path("afspraken/export.csv", views.export_csv, name="export-csv"),
    path("afspraken/export.xlsx", views.export_xlsx, name="export-xlsx"),
    path("afspraken/<int:pk>", views.agreement_detail, name="agreement-detail"),
    path("afspraken/<int:pk>/bewerken", views.agreement_update, name="agreement-update"),
    path("afspraken/<int:pk>/actiepunten/nieuw", views.action_create, name="action-create"),
    path("afspraken/<int:pk>/notities/nieuw", views.note_create, name="note-create"),
    path("actiepunten/<int:pk>/bewerken", views.action_update, name="action-update"),
    path("wordt-vervolgd", views.follow_up, name="follow-up"),
    path("gezamenlijke-agendas", views.joint_agenda_list, name="joint-agenda-list"),
    path("gezamenlijke-agendas/nieuw", views.joint_agenda_create, name="joint-agenda-create"),
    path("gezamenlijke-agendas/<int:pk>", views.joint_agenda_detail, name="joint-agenda-detail"),
    path(
        "gezamenlijke-agendas/<int:pk>/bewerken",
        views.joint_agenda_update,
        name="joint-agenda-update",
    ),
    path(
        "gezamenlijke-agendas/<int:pk>/ambities/nieuw",
        views.joint_ambition_edit,
        name="joint-ambition-create",
    ),
    path(
        "gezamenlijke-agendas/<int:pk>/ambities/<int:ambition_pk>/bewerken",
        views.joint_ambition_edit,
        name="joint-ambition-update",
    ),
    path(
        "gezamenlijke-agendas/<int:pk>/ambities/<int:ambition_pk>/verwijderen",
        views.joint_ambition_delete,
        name="joint-ambition-delete",
    ),
    path(
        "gezamenlijke-agendas/<int:pk>/prestatieafspraken/nieuw",
        views.performance_agreement_edit,
        name="performance-agreement-create",
    ),
    path(
        "gezamenlijke-agendas/<int:pk>/prestatieafspraken/<int:record_pk>/bewerken",
        views.performance_agreement_edit,
        name="performance-agreement-update",
    ),
]
