from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "dwarsverband.agreements"
    label = "agreements"
    verbose_name = _("Convenanten en afspraken")
    demo_loader = "dwarsverband.agreements.demo.load"
    navigation = [
        (_("Convenanten"), "agreements:covenant-list"),
        (_("Wordt vervolgd"), "agreements:follow-up"),
    ]
