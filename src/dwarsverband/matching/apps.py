from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "dwarsverband.matching"
    label = "matching"
    verbose_name = _("Samenwerkingskansen")
    navigation = [(_("Kansen"), "matching:opportunity-list")]
    after_load = "dwarsverband.matching.tasks.opportunities_recompute_after_load"

    def ready(self) -> None:
        from dwarsverband.matching.tasks import on_projects_changed
        from dwarsverband.programmes.signals import projects_changed

        projects_changed.connect(on_projects_changed, dispatch_uid="matching-recompute")
