from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TablesessionsConfig(AppConfig):
    name = "dwarsverband.tablesessions"
    label = "tablesessions"
    verbose_name = _("Tafelsessies")
    demo_loader = "dwarsverband.tablesessions.demo.load"
    navigation = [(_("Tafelsessies"), "tablesessions:session-list")]
