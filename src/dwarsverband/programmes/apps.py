from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "dwarsverband.programmes"
    label = "programmes"
    verbose_name = _("Programma's en thema's")
    reference_loader = "dwarsverband.programmes.reference.load"
    demo_loader = "dwarsverband.programmes.demo.load"
    navigation = [
        (_("Jaarprogramma's"), "programmes:programme-list"),
        (_("Thema's"), "programmes:theme-list"),
    ]
