from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from dwarsverband.programmes import services
from dwarsverband.programmes.models import Iv3Taakveld, Programme, Project, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "domain"]
    list_filter = ["domain"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["iv3_taakvelden"]


@admin.register(Iv3Taakveld)
class Iv3TaakveldAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "version", "main_name"]
    list_filter = ["version"]
    search_fields = ["code", "name"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "year"]
    list_filter = ["year"]
    search_fields = ["title", "organisation__name"]
    autocomplete_fields = ["organisation"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "kind", "status"]
    list_filter = ["kind", "status", "themes"]
    search_fields = ["title", "description"]
    filter_horizontal = ["themes", "regions", "suggested_themes"]
    readonly_fields = ["content_hash"]

    def save_related(
        self, request: HttpRequest, form: ModelForm[Project], formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        services.project_saved_elsewhere(project=form.instance)

    def delete_model(self, request: HttpRequest, obj: Project) -> None:
        ids = {obj.programme.organisation_id: [obj.pk]}
        super().delete_model(request, obj)
        services.projects_deleted_elsewhere(organisation_project_ids=ids)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Project]) -> None:
        ids: dict[int, list[int]] = {}
        for pk, organisation_id in queryset.values_list("pk", "programme__organisation_id"):
            ids.setdefault(organisation_id, []).append(pk)
        super().delete_queryset(request, queryset)
        services.projects_deleted_elsewhere(organisation_project_ids=ids)
