from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Every domain model records when it was created and last changed."""

    created_at = models.DateTimeField(
        _("aangemaakt op"), auto_now_add=True, help_text=_("Moment van aanmaken.")
    )
    updated_at = models.DateTimeField(
        _("gewijzigd op"), auto_now=True, help_text=_("Moment van de laatste wijziging.")
    )

    class Meta:
        abstract = True


class DataLoad(models.Model):
    """Marks that a data set (reference, demo) was loaded, so first-start loading runs once."""

    name = models.CharField(
        _("naam"), max_length=50, unique=True, help_text=_("Naam van de geladen gegevensset.")
    )
    version = models.CharField(
        _("versie"), max_length=50, help_text=_("Versie van de gegevensset die geladen is.")
    )
    loaded_at = models.DateTimeField(
        _("geladen op"), default=timezone.now, help_text=_("Moment van laden.")
    )

    class Meta:
        verbose_name = _("geladen gegevensset")
        verbose_name_plural = _("geladen gegevenssets")

    def __str__(self) -> str:
        return f"{self.name} {self.version}"


class AuditAction(models.TextChoices):
    LOGIN = "login", _("ingelogd")
    LOGOUT = "logout", _("uitgelogd")
    LOGIN_FAILED = "login_failed", _("inloggen mislukt")
    PERMISSION_CHANGE = "permission_change", _("rechten gewijzigd")
    DELETION = "deletion", _("verwijderd")
    PERSONAL_DATA_EXPORT = "personal_data_export", _("persoonsgegevens geëxporteerd")
    PERSONAL_DATA_ERASURE = "personal_data_erasure", _("persoonsgegevens gewist")


class AuditEvent(models.Model):
    """Who did what security-relevant thing when. Holds ids and field names, no personal data."""

    at = models.DateTimeField(_("moment"), default=timezone.now, help_text=_("Wanneer."))
    actor = models.ForeignKey(
        "organisations.User",
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("De gebruiker die het deed, als die bekend is."),
    )
    action = models.CharField(
        _("handeling"), max_length=30, choices=AuditAction.choices, help_text=_("Wat er gebeurde.")
    )
    target_type = models.CharField(
        _("soort object"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld organisations.person."),
    )
    target_id = models.CharField(
        _("id van het object"), max_length=64, blank=True, help_text=_("Sleutel van het object.")
    )
    details = models.JSONField(
        _("details"),
        default=dict,
        blank=True,
        help_text=_("Bijvoorbeeld het oude en nieuwe recht."),
    )

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-at"]
        indexes = [models.Index(fields=["action", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"
