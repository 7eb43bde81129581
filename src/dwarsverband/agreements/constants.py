from django.db import models
from django.utils.translation import gettext_lazy as _

# An action is "due" when its due date falls within this many days from today.
DUE_SOON_DAYS = 14
# Imports larger than this are refused before parsing.
IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_ROWS = 5000


class CovenantStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    SIGNED = "signed", _("ondertekend")
    RUNNING = "running", _("lopend")
    ENDED = "ended", _("afgelopen")
    EXTENDED = "extended", _("verlengd")


class CovenantActivityKind(models.TextChoices):
    """What runs under a covenant."""

    COMMUNITY = "community", _("leergemeenschap of leerkring")
    EXPERIMENT = "experiment", _("experiment")
    RESEARCH_PROGRAMME = "research_programme", _("onderzoeksprogramma")
    PROJECT = "project", _("project")


class ActionStatus(models.TextChoices):
    """The state of a follow-up action. An empty status means: not (yet) known."""

    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in uitvoering")
    DONE = "done", _("afgerond")
    DROPPED = "dropped", _("vervallen")


class FollowUp(models.TextChoices):
    """Where an unfinished action stands in time, for the 'wordt vervolgd' dashboard."""

    OVERDUE = "overdue", _("te laat")
    DUE = "due", _("binnenkort")
    OPEN = "open", _("open")
    NO_DUE_DATE = "no_due_date", _("zonder einddatum")


# Models of other apps from which an agreement may be created through the page
# (`/afspraken/nieuw?bron=matching.opportunity&bron_id=5`). Only these, so that the form never
# shows the name of an arbitrary record.
ALLOWED_SOURCE_MODELS = frozenset(
    {
        "matching.opportunity",
        "tablesessions.tablesession",
        "tablesessions.sessiontable",
        "communities.meeting",
        "communities.community",
    }
)
