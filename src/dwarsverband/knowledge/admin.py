from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from dwarsverband.knowledge.models import (
    Advice,
    Passage,
    PracticeStory,
    Publication,
    Roadmap,
    Signpost,
    SynonymGroup,
)


def _is_cited(passages: Any) -> bool:
    return Signpost.objects.filter(passages__in=passages).exists()


class PassageInline(admin.TabularInline[Passage, Publication]):
    model = Passage
    extra = 0
    fields = ["position", "number", "anchor", "chapter", "page", "text"]
    # Deleting passages here would silently take sources away from signposts; the page
    # 'Verdeling in passages corrigeren' deletes and merges with that check.
    can_delete = False


class CitedKeptAdmin(admin.ModelAdmin[Any]):
    """Refuses to delete objects whose passages signposts cite, as the site itself does:
    a signpost must not lose its sources without anyone noticing."""

    def passages_of(self, obj: Any) -> Any:
        raise NotImplementedError

    def cited_message(self) -> str:
        raise NotImplementedError

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # bulk deletion would skip the check below
        return actions

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and _is_cited(self.passages_of(obj)):
            self.message_user(request, self.cited_message(), messages.ERROR)
            return redirect(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", obj.pk)
        return super().delete_view(request, object_id, extra_context)


@admin.register(Publication)
class PublicationAdmin(CitedKeptAdmin):
    list_display = ["title", "kind", "published_on", "visibility", "is_example"]
    list_filter = ["kind", "visibility", "is_example"]
    search_fields = ["title", "authors"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["organisations", "themes"]
    inlines = [PassageInline]

    def cited_message(self) -> str:
        return _(
            "Deze publicatie kan niet worden verwijderd: wegwijzers halen er passages uit aan. "
            "Haal die verwijzingen eerst weg."
        )

    def passages_of(self, obj: Any) -> Any:
        return obj.passages.all()


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
class PassageAdmin(CitedKeptAdmin):
    list_display = ["__str__", "chapter", "page"]
    search_fields = ["text", "number", "publication__title"]
    list_filter = ["publication"]

    def cited_message(self) -> str:
        return _(
            "Deze passage kan niet worden verwijderd: een wegwijzer haalt haar aan. Haal die "
            "verwijzing eerst weg."
        )

    def passages_of(self, obj: Any) -> Any:
        return [obj]


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin[SynonymGroup]):
    list_display = ["words", "updated_at"]
    search_fields = ["words"]
