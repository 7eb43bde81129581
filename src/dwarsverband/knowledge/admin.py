from __future__ import annotations

from django.contrib import admin

from dwarsverband.knowledge.models import (
    Advice,
    Passage,
    PracticeStory,
    Publication,
    Roadmap,
    Signpost,
)


class PassageInline(admin.TabularInline[Passage, Publication]):
    model = Passage
    extra = 0
    fields = ["position", "number", "anchor", "chapter", "page", "text"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin[Publication]):
    list_display = ["title", "kind", "published_on", "visibility", "is_example"]
    list_filter = ["kind", "visibility", "is_example"]
    search_fields = ["title", "authors"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["organisations", "themes"]
    inlines = [PassageInline]


class SignpostInline(admin.StackedInline[Signpost, Roadmap]):
    model = Signpost
    extra = 0
    fields = ["position", "title", "summary"]


@admin.register(Roadmap)
class RoadmapAdmin(admin.ModelAdmin[Roadmap]):
    list_display = ["title", "publication", "is_example"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["organisations", "themes"]
    inlines = [SignpostInline]


class PracticeStoryInline(admin.StackedInline[PracticeStory, Signpost]):
    model = PracticeStory
    filter_horizontal = ["organisations"]


class AdviceInline(admin.StackedInline[Advice, Signpost]):
    model = Advice
    extra = 0
    max_num = 4


@admin.register(Signpost)
class SignpostAdmin(admin.ModelAdmin[Signpost]):
    list_display = ["__str__", "roadmap"]
    list_filter = ["roadmap"]
    autocomplete_fields = ["passages"]
    inlines = [PracticeStoryInline, AdviceInline]


@admin.register(Passage)
class PassageAdmin(admin.ModelAdmin[Passage]):
    list_display = ["__str__", "chapter", "page"]
    search_fields = ["text", "number", "publication__title"]
    list_filter = ["publication"]
