from django.db import models
from django.utils.translation import gettext_lazy as _

COUNTRY_CODE = "NL01"


class Aggregation(models.TextChoices):
    """How municipal values of an indicator combine into a value for a region."""

    SUM = "sum", _("optellen (aantallen)")
    WEIGHTED_MEAN = "weighted_mean", _("gewogen gemiddelde (naar de basis)")
    NONE = "none", _("niet optelbaar (zoals een mediaan)")


class PeriodType(models.TextChoices):
    YEAR = "year", _("jaar")
    JANUARY_FIRST = "january_first", _("stand op 1 januari")
    QUARTER = "quarter", _("kwartaal")
    MONTH = "month", _("maand")


class ObservationStatus(models.TextChoices):
    FINAL = "final", _("definitief")
    PROVISIONAL = "provisional", _("voorlopig")
    MISSING = "missing", _("ontbreekt of geheim")
