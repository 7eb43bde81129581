from django.db import models
from django.utils.translation import gettext_lazy as _


class Domain(models.TextChoices):
    """The four classic domains in which Platform31 and the city networks organise knowledge."""

    HOUSING = "housing", _("Wonen")
    ECONOMY = "economy", _("Economie")
    SPATIAL = "spatial", _("Ruimte")
    SOCIAL = "social", _("Sociaal")


class ProjectKind(models.TextChoices):
    """What a project is to other organisations: something offered, a question, running work."""

    OFFER = "offer", _("aanbod")
    NEED = "need", _("vraag")
    PROJECT = "project", _("project")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    RUNNING = "running", _("lopend")
    COMPLETED = "completed", _("afgerond")
    STOPPED = "stopped", _("gestopt")
