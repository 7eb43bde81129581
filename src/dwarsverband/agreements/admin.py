from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dwarsverband.agreements.models import (
    Action,
    ActionDigestDelivery,
    Agreement,
    Covenant,
    CovenantActivity,
    CovenantDocument,
    CovenantParty,
    CovenantSignatory,
    JointAgenda,
    JointAmbition,
    PerformanceAgreement,
    ProgressNote,
)


class CovenantPartyInline(admin.TabularInline):
    model = CovenantParty
    autocomplete_fields = ["organisation"]
    extra = 0


class CovenantSignatoryInline(admin.TabularInline):
    model = CovenantSignatory
    autocomplete_fields = ["organisation", "person"]
    extra = 0


class CovenantActivityInline(admin.TabularInline):
    model = CovenantActivity
    extra = 0


class CovenantDocumentInline(admin.TabularInline):
    model = CovenantDocument
    extra = 0


@admin.register(Covenant)
class CovenantAdmin(SimpleHistoryAdmin):
    list_display = ["title", "status", "start_date", "end_date"]
    list_filter = ["status"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes"]
    inlines = [
        CovenantPartyInline,
        CovenantSignatoryInline,
        CovenantActivityInline,
        CovenantDocumentInline,
    ]


class ActionInline(admin.TabularInline):
    model = Action
    fields = ["title", "owner_organisation", "owner_user", "due_date", "status"]
    autocomplete_fields = ["owner_organisation", "owner_user"]
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner_organisation", "covenant", "agreed_on", "internal"]
    list_filter = ["internal", "covenant"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["owner_organisation", "owner_person", "parties"]
    filter_horizontal = ["themes"]
    inlines = [ActionInline]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "agreement", "owner_organisation", "due_date", "status"]
    list_filter = ["status"]
    search_fields = ["title", "agreement__title"]
    autocomplete_fields = ["agreement", "owner_organisation", "owner_person", "owner_user"]


class JointAmbitionInline(admin.TabularInline):
    model = JointAmbition
    extra = 0


class PerformanceAgreementInline(admin.StackedInline):
    model = PerformanceAgreement
    extra = 0


@admin.register(JointAgenda)
class JointAgendaAdmin(SimpleHistoryAdmin):
    list_display = ["title", "municipality"]
    search_fields = ["title", "municipality__name"]
    autocomplete_fields = ["municipality", "partners"]
    inlines = [JointAmbitionInline, PerformanceAgreementInline]


@admin.register(ProgressNote)
class ProgressNoteAdmin(admin.ModelAdmin):
    list_display = ["agreement", "written_on", "author_organisation"]
    search_fields = ["agreement__title", "text"]
    raw_id_fields = ["agreement", "author"]


@admin.register(ActionDigestDelivery)
class ActionDigestDeliveryAdmin(admin.ModelAdmin):
    list_display = ["week", "action_count", "sent_at"]
    readonly_fields = ["user", "week", "action_count", "sent_at"]
