from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "dwarsverband.knowledge"
    label = "knowledge"
    verbose_name = _("Kennis en routekaarten")
    demo_loader = "dwarsverband.knowledge.demo.load"
    after_load = "dwarsverband.knowledge.indexing.index_rebuild_after_load"
    on_start = "dwarsverband.knowledge.indexing.index_rebuild_if_outdated"
    search_documents = "dwarsverband.knowledge.search.documents"
    # Adapters for apps that have none of their own yet; an app's own declaration wins.
    search_fallback_documents = {
        "organisations": ("dwarsverband.knowledge.search_adapters.organisations.documents",),
        "programmes": (
            "dwarsverband.knowledge.search_adapters.themes.documents",
            "dwarsverband.knowledge.search_adapters.projects.documents",
        ),
        "communities": ("dwarsverband.knowledge.search_adapters.communities.documents",),
        "agreements": ("dwarsverband.knowledge.search_adapters.agreements.documents",),
    }
    navigation = [
        (_("Kennis"), "knowledge:knowledge-home"),
        (_("Zoeken"), "knowledge:search"),
    ]

    def ready(self) -> None:
        from dwarsverband.knowledge.indexing import connect_signals

        connect_signals()
