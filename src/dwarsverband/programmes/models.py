from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dwarsverband.common.models import BaseModel
from dwarsverband.programmes.constants import Domain, ProjectKind, ProjectStatus


class Iv3Taakveld(models.Model):
    """An official task field from the BBV/Iv3 classification of municipal budgets."""

    version = models.PositiveSmallIntegerField(
        _("versie"), help_text=_("Jaar vanaf wanneer deze indeling geldt.")
    )
    code = models.CharField(_("code"), max_length=10, help_text=_("Bijvoorbeeld 8.3."))
    name = models.CharField(_("naam"), max_length=200, help_text=_("Officiële naam."))
    main_code = models.CharField(
        _("hoofdtaakveld"), max_length=5, help_text=_("Nummer van het hoofdtaakveld.")
    )
    main_name = models.CharField(
        _("naam hoofdtaakveld"), max_length=200, help_text=_("Naam van het hoofdtaakveld.")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), help_text=_("Volgorde in de lijst."))

    class Meta:
        verbose_name = _("Iv3-taakveld")
        verbose_name_plural = _("Iv3-taakvelden")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="iv3_version_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Theme(BaseModel):
    """A theme in the taxonomy, under one of the four domains."""

    name = models.CharField(
        _("naam"), max_length=120, unique=True, help_text=_("Naam van het thema.")
    )
    slug = models.SlugField(
        _("korte naam in webadres"),
        max_length=120,
        unique=True,
        help_text=_("Deel van het webadres."),
    )
    domain = models.CharField(
        _("domein"), max_length=20, choices=Domain.choices, help_text=_("Domein van het thema.")
    )
    description = models.TextField(
        _("beschrijving"), blank=True, help_text=_("Waar het thema over gaat.")
    )
    iv3_taakvelden = models.ManyToManyField(
        Iv3Taakveld,
        verbose_name=_("Iv3-taakvelden"),
        blank=True,
        related_name="themes",
        help_text=_("Officiële taakvelden uit de gemeentebegroting die bij dit thema horen."),
    )

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["domain", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:theme-list") + f"#thema-{self.slug}"


class Programme(BaseModel):
    """The annual programme (jaarprogramma) of one organisation."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="programmes",
        help_text=_("Organisatie van wie het jaarprogramma is."),
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Jaar waarvoor het programma geldt."),
    )
    title = models.CharField(
        _("titel"), max_length=200, help_text=_("Bijvoorbeeld 'Jaarprogramma 2026'.")
    )
    description = models.TextField(
        _("toelichting"), blank=True, help_text=_("Korte toelichting op het programma.")
    )

    class Meta:
        verbose_name = _("jaarprogramma")
        verbose_name_plural = _("jaarprogramma's")
        ordering = ["-year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="programme_organisation_year_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme-detail", kwargs={"pk": self.pk})


class Project(BaseModel):
    """A project in an annual programme: an offer, a need or running work."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("jaarprogramma"),
        on_delete=models.CASCADE,
        related_name="projects",
        help_text=_("Jaarprogramma waartoe het project hoort."),
    )
    reference = models.CharField(
        _("kenmerk"),
        max_length=60,
        blank=True,
        help_text=_("Eigen kenmerk of nummer; een import herkent het project hieraan."),
    )
    title = models.CharField(_("titel"), max_length=200, help_text=_("Korte, herkenbare titel."))
    description = models.TextField(
        _("beschrijving"),
        help_text=_("Wat het project doet, voor wie en met welk doel. Hierop wordt gematcht."),
    )
    kind = models.CharField(
        _("soort"),
        max_length=20,
        choices=ProjectKind.choices,
        default=ProjectKind.PROJECT,
        help_text=_(
            "Aanbod: iets wat u levert (cursus, onderzoek); vraag: een vraagstuk waar u aan "
            "werkt; project: lopend werk."
        ),
    )
    themes = models.ManyToManyField(
        Theme,
        verbose_name=_("thema's"),
        blank=True,
        related_name="projects",
        help_text=_("Thema's waar het project onder valt."),
    )
    suggested_themes = models.ManyToManyField(
        Theme,
        verbose_name=_("voorgestelde thema's"),
        blank=True,
        related_name="suggested_for",
        help_text=_("Thema's die het platform voorstelt voor een project zonder thema's."),
    )
    regions = models.ManyToManyField(
        "organisations.Region",
        verbose_name=_("regio's"),
        blank=True,
        related_name="projects",
        help_text=_("Gebieden waar het project over gaat."),
    )
    starts_on = models.DateField(
        _("begindatum"), null=True, blank=True, help_text=_("Wanneer het project begint.")
    )
    ends_on = models.DateField(
        _("einddatum"), null=True, blank=True, help_text=_("Wanneer het project afloopt.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.RUNNING,
        help_text=_("Stand van zaken."),
    )
    contact_role = models.CharField(
        _("contactpersoon (rol)"),
        max_length=200,
        blank=True,
        help_text=_("Rol of functie van wie u kunt benaderen, geen naam of telefoonnummer."),
    )
    content_hash = models.CharField(
        _("inhoudsvingerafdruk"),
        max_length=64,
        editable=False,
        blank=True,
        help_text=_("Verandert alleen als titel, beschrijving of soort inhoudelijk verandert."),
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projecten")
        ordering = ["programme", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "reference"],
                condition=~models.Q(reference=""),
                name="project_programme_reference_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="project_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programmes:project-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("De einddatum ligt vóór de begindatum.")})

    @property
    def matching_text(self) -> str:
        """The text the matching engine compares: title and description."""
        return f"{self.title}. {self.description}".strip()
