from django.db import models
from django.utils.translation import gettext_lazy as _


class CommunityKind(models.TextChoices):
    LEARNING_CIRCLE = "learning_circle", _("leerkring")
    COMMUNITY_OF_PRACTICE = "community_of_practice", _("community of practice")
    LEARNING_COMMUNITY = "learning_community", _("lerende gemeenschap")


class CommunityStatus(models.TextChoices):
    PREPARATION = "preparation", _("in voorbereiding")
    OPEN = "open", _("open voor aanmelding")
    RUNNING = "running", _("loopt")
    FINISHED = "finished", _("afgerond")


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("aangevraagd")
    ACCEPTED = "accepted", _("geaccepteerd")
    DECLINED = "declined", _("afgewezen")


class MeetingKind(models.TextChoices):
    INFORMATION = "information", _("informatiebijeenkomst")
    SERIES = "series", _("bijeenkomst van de reeks")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    CANCELLED = "cancelled", _("geannuleerd")


class Pillar(models.TextChoices):
    """The four fixed parts of every meeting of a learning circle."""

    NEWS = "news", _("actualiteiten")
    INTERVISION = "intervision", _("intervisie")
    DEEPENING = "deepening", _("verdieping")
    PROJECT_VISIT = "project_visit", _("projectbezoek")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("bevestigd")
    WAITING = "waiting", _("op de wachtlijst")
    CANCELLED = "cancelled", _("afgemeld")


class CaseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("ingediend")
    SCHEDULED = "scheduled", _("ingepland")
    DISCUSSED = "discussed", _("besproken")


ACTIVE_REGISTRATION_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
REGISTRATION_TOKEN_SALT = "dwarsverband.communities.registration"  # noqa: S105 (a salt)
# A cancel link stays valid this long; a meeting is rarely announced further ahead.
REGISTRATION_TOKEN_MAX_AGE_DAYS = 400
REMINDER_DAYS_BEFORE = 2
DEFAULT_RETENTION_DAYS = 180
