from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dwarsverband.common.models import BaseModel


class TableSession(BaseModel):
    """A meeting where participants sit at thematic tables, like the VNG–Platform31 afternoon."""

    title = models.CharField(_("titel"), max_length=200, help_text=_("Naam van de bijeenkomst."))
    date = models.DateField(_("datum"), help_text=_("Dag van de bijeenkomst."))
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("deelnemende organisaties"),
        related_name="table_sessions",
        help_text=_("Hun jaarprogramma's vormen de tafels."),
    )
    specialists = models.ManyToManyField(
        "organisations.Person",
        verbose_name=_("specialisten"),
        blank=True,
        related_name="table_sessions",
        help_text=_("Mensen die aan een tafel plaatsnemen."),
    )
    table_count = models.PositiveSmallIntegerField(
        _("aantal tafels"),
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Hoeveel thematische tafels er zijn."),
    )
    max_per_table = models.PositiveSmallIntegerField(
        _("maximum per tafel"),
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Hoeveel mensen er hoogstens aan één tafel zitten."),
    )
    outcomes = models.TextField(
        _("uitkomsten"),
        blank=True,
        help_text=_("Afspraken en uitkomsten die tijdens de sessie zijn genoteerd."),
    )
    planned_at = models.DateTimeField(
        _("ingedeeld op"), null=True, blank=True, help_text=_("Wanneer de tafels zijn ingedeeld.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Coördinator die de sessie voorbereidde."),
    )

    class Meta:
        verbose_name = _("tafelsessie")
        verbose_name_plural = _("tafelsessies")
        ordering = ["-date", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tablesessions:session-detail", kwargs={"pk": self.pk})


class SessionTable(BaseModel):
    """One thematic table of a session, with its projects and the people seated there."""

    # Derived data, recomputed by the platform: its deletions are not audit events.
    audit_deletions = False

    session = models.ForeignKey(
        TableSession,
        verbose_name=_("tafelsessie"),
        on_delete=models.CASCADE,
        related_name="tables",
        help_text=_("Sessie waartoe de tafel hoort."),
    )
    number = models.PositiveSmallIntegerField(_("nummer"), help_text=_("Tafelnummer."))
    name = models.CharField(
        _("naam"), max_length=300, help_text=_("Naar het meest voorkomende thema en kernwoorden.")
    )
    key_terms = models.JSONField(
        _("kernwoorden"), default=list, blank=True, help_text=_("Kernwoorden van de tafel.")
    )
    projects = models.ManyToManyField(
        "programmes.Project",
        verbose_name=_("projecten"),
        blank=True,
        related_name="session_tables",
        help_text=_("Projecten die aan deze tafel besproken worden."),
    )
    people = models.ManyToManyField(
        "organisations.Person",
        verbose_name=_("aan tafel"),
        blank=True,
        related_name="session_tables",
        help_text=_("Specialisten die aan deze tafel zitten."),
    )

    class Meta:
        verbose_name = _("tafel")
        verbose_name_plural = _("tafels")
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="table_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class CrossTableLink(models.Model):
    """A strong link between projects at two different tables, for the moderator."""

    # Derived data, recomputed by the platform: its deletions are not audit events.
    audit_deletions = False

    session = models.ForeignKey(
        TableSession,
        verbose_name=_("tafelsessie"),
        on_delete=models.CASCADE,
        related_name="links",
        help_text=_("Sessie."),
    )
    project_a = models.ForeignKey(
        "programmes.Project",
        verbose_name=_("project A"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Project aan de ene tafel."),
    )
    project_b = models.ForeignKey(
        "programmes.Project",
        verbose_name=_("project B"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Project aan de andere tafel."),
    )
    table_a = models.ForeignKey(
        SessionTable,
        verbose_name=_("tafel A"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Tafel van project A."),
    )
    table_b = models.ForeignKey(
        SessionTable,
        verbose_name=_("tafel B"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Tafel van project B."),
    )
    score = models.FloatField(_("gelijkenis"), help_text=_("Gelijkenis van de projecten (0–1)."))
    shared_terms = models.JSONField(
        _("gedeelde termen"), default=list, blank=True, help_text=_("Kernwoorden die beide delen.")
    )

    class Meta:
        verbose_name = _("verbinding tussen tafels")
        verbose_name_plural = _("verbindingen tussen tafels")
        ordering = ["session", "-score"]

    def __str__(self) -> str:
        return f"{self.project_a} ↔ {self.project_b}"

    def clean(self) -> None:
        if self.table_a_id == self.table_b_id:
            raise ValidationError(_("Een verbinding loopt tussen twee verschillende tafels."))
