from django.db import models
from django.utils.translation import gettext_lazy as _


class OpportunityKind(models.TextChoices):
    OVERLAP = "overlap", _("overlap")
    COMPLEMENT = "complement", _("aanvulling")
    CROSS_TABLE = "cross_table", _("over de tafels heen")


class OpportunityStatus(models.TextChoices):
    PROPOSED = "proposed", _("voorgesteld")
    ACCEPTED = "accepted", _("opgepakt")
    DISMISSED = "dismissed", _("afgewezen")
