from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegiodataConfig(AppConfig):
    name = "dwarsverband.regiodata"
    label = "regiodata"
    verbose_name = _("Regiodata")
    reference_loader = "dwarsverband.regiodata.reference.load"
    navigation = [(_("Regiodata"), "regiodata:indicator-list")]

    def ready(self) -> None:
        # Connect the receivers that make drawn map outlines follow boundary changes.
        from dwarsverband.regiodata import receivers  # noqa: F401
