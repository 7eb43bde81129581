import json

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from dwarsverband.common.privacy import personal_data_erase, personal_data_export
from dwarsverband.organisations.models import (
    Boundary,
    NetworkMembership,
    Organisation,
    Person,
    Region,
    User,
)


class NetworkMembershipInline(admin.TabularInline):
    model = NetworkMembership
    fk_name = "network"
    autocomplete_fields = ["member"]
    extra = 0


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "abbreviation"]
    list_filter = ["kind", "regions__kind"]
    search_fields = ["name", "code", "abbreviation", "alternative_names"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["regions"]
    inlines = [PersonInline, NetworkMembershipInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(admin.ModelAdmin):
    list_display = ["member", "network", "joined_on", "joined_note", "left_on"]
    list_filter = ["network"]
    autocomplete_fields = ["network", "member"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "role", "function"]
    list_filter = ["role"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation"]


@admin.register(Boundary)
class BoundaryAdmin(admin.ModelAdmin):
    list_display = ["organisation", "source"]
    search_fields = ["organisation__name"]
    readonly_fields = ["geometry"]


@admin.action(description=_("Persoonsgegevens exporteren (JSON)"))
def export_personal_data(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[User]
) -> HttpResponse:
    exports = [
        personal_data_export(email=user.email, actor=request.user)
        for user in queryset
        if user.email
    ]
    response = HttpResponse(
        json.dumps(exports, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="persoonsgegevens.json"'
    return response


@admin.action(description=_("Persoonsgegevens wissen (account wordt geanonimiseerd)"))
def erase_personal_data(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[User]
) -> None:
    total = 0
    for user in list(queryset):
        if user.email:
            total += sum(personal_data_erase(email=user.email, actor=request.user).values())
    modeladmin.message_user(request, _("%(count)s gegevens gewist.") % {"count": total})


@admin.register(User)
class PlatformUserAdmin(UserAdmin):
    actions = [export_personal_data, erase_personal_data]
    list_display = [
        "username",
        "first_name",
        "last_name",
        "organisation",
        "platform_role",
        "is_staff",
    ]
    list_filter = ["platform_role", "is_staff", "is_active"]
    autocomplete_fields = ["organisation"]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Dwarsverband"), {"fields": ("organisation", "platform_role")}),
    )
