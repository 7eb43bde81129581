from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "dwarsverband.common"
    label = "common"
    verbose_name = _("Algemeen")

    def ready(self) -> None:
        # Connect the signal receivers of the audit log and the page cache.
        from dwarsverband.common import audit, page_cache  # noqa: F401
