from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "dwarsverband.communities"
    label = "communities"
    verbose_name = _("Leerkringen en communities")
    demo_loader = "dwarsverband.communities.demo.load"
    personal_data = "dwarsverband.communities.privacy"
    navigation = [(_("Leerkringen"), "communities:community-list")]
