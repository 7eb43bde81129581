from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "dwarsverband.organisations"
    label = "organisations"
    verbose_name = _("Organisaties")
    reference_loader = "dwarsverband.organisations.reference.load"
    demo_loader = "dwarsverband.organisations.demo.load"
    personal_data = "dwarsverband.organisations.privacy"
    navigation = [
        (_("Organisaties"), "organisations:organisation-list"),
        (_("Regio's"), "organisations:region-list"),
        (_("Netwerken"), "organisations:network-list"),
    ]
