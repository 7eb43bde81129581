from django.contrib import admin

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
