from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dwarsverband.common.models import BaseModel
from dwarsverband.regiodata.constants import Aggregation, ObservationStatus, PeriodType


class Indicator(BaseModel):
    """A statistic measured per municipality and period, with its source and aggregation rule."""

    code = models.SlugField(
        _("code"),
        max_length=80,
        unique=True,
        help_text=_("Vaste code, bijvoorbeeld inkomen-gemiddeld-gestandaardiseerd."),
    )
    name = models.CharField(_("naam"), max_length=200, help_text=_("Naam zoals op de pagina."))
    unit = models.CharField(
        _("eenheid"), max_length=60, help_text=_("Bijvoorbeeld 'x 1 000 euro', 'aantal' of '%'.")
    )
    definition = models.TextField(
        _("definitie"), blank=True, help_text=_("Wat er precies gemeten wordt.")
    )
    source_table = models.CharField(
        _("brontabel"), max_length=40, help_text=_("CBS-tabelnummer, bijvoorbeeld 70072ned.")
    )
    source_title = models.CharField(
        _("titel van de bron"), max_length=300, help_text=_("Naam van de tabel bij de bron.")
    )
    source_note = models.CharField(
        _("toelichting bij de bron"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld de datum van de export."),
    )
    licence = models.CharField(
        _("licentie"), max_length=60, default="CC BY 4.0", help_text=_("Licentie van de cijfers.")
    )
    period_type = models.CharField(
        _("soort periode"),
        max_length=20,
        choices=PeriodType.choices,
        default=PeriodType.YEAR,
        help_text=_("Waar een periode voor staat."),
    )
    aggregation = models.CharField(
        _("optellen naar regio"),
        max_length=20,
        choices=Aggregation.choices,
        help_text=_("Hoe gemeentecijfers samen een regiocijfer vormen."),
    )
    weight = models.ForeignKey(
        "self",
        verbose_name=_("gewicht"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="weighted_indicators",
        help_text=_("Voor een gewogen gemiddelde: de basis, zoals het aantal huishoudens."),
    )
    decimals = models.PositiveSmallIntegerField(
        _("decimalen"), default=1, help_text=_("Aantal cijfers achter de komma op de pagina.")
    )
    position = models.PositiveIntegerField(
        _("volgorde"), default=0, help_text=_("Volgorde in lijsten.")
    )
    is_key_figure = models.BooleanField(
        _("kerncijfer"),
        default=False,
        help_text=_("Getoond als kerncijfer op pagina's van regio's en gemeenten."),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("regiodata:indicator-detail", kwargs={"code": self.code})

    def clean(self) -> None:
        if self.aggregation == Aggregation.WEIGHTED_MEAN and self.weight_id is None:
            raise ValidationError({"weight": _("Een gewogen gemiddelde heeft een basis nodig.")})
        if self.aggregation != Aggregation.WEIGHTED_MEAN and self.weight_id is not None:
            raise ValidationError(
                {"weight": _("Alleen een gewogen gemiddelde heeft een basis als gewicht.")}
            )
        if self.weight_id is not None and self.weight_id == self.pk:
            raise ValidationError({"weight": _("Een indicator kan niet zijn eigen basis zijn.")})


class Observation(BaseModel):
    """One value of an indicator for one area (code of its own year) and one period."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="observations",
        # The unique constraint below starts with the indicator and serves its lookups; a
        # separate index would only slow down large loads.
        db_index=False,
        help_text=_("Wat er gemeten is."),
    )
    area_code = models.CharField(
        _("gebiedscode"),
        max_length=10,
        help_text=_("CBS-code uit de indeling van dat jaar, zoals GM0363, of NL01 voor Nederland."),
    )
    period = models.CharField(
        _("periode"), max_length=12, help_text=_("Bijvoorbeeld 2024 of 2024KW02.")
    )
    value = models.FloatField(
        _("waarde"),
        null=True,
        blank=True,
        help_text=_("Leeg als het cijfer ontbreekt of geheim is; nooit nul in plaats van leeg."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ObservationStatus.choices,
        default=ObservationStatus.FINAL,
        help_text=_("Definitief, voorlopig of ontbrekend."),
    )

    class Meta:
        verbose_name = _("waarneming")
        verbose_name_plural = _("waarnemingen")
        ordering = ["indicator", "period", "area_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_code", "period"], name="observation_unique"
            )
        ]
        indexes = [
            # Covers the reads of an area (its members' rows for many indicators) without
            # visiting the table: status and value are in the index itself.
            models.Index(
                fields=["area_code", "indicator", "period", "status", "value"],
                name="observation_area_covering",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_code} {self.period}"

    def clean(self) -> None:
        if self.status == ObservationStatus.MISSING and self.value is not None:
            raise ValidationError({"value": _("Een ontbrekend cijfer heeft geen waarde.")})
        if self.status != ObservationStatus.MISSING and self.value is None:
            raise ValidationError({"status": _("Een cijfer zonder waarde heeft status ontbreekt.")})


class AreaCodeChange(BaseModel):
    """A municipality that merged into another: its code stops, its figures continue there."""

    old_code = models.CharField(
        _("oude code"),
        max_length=10,
        unique=True,
        help_text=_("CBS-code van de opgeheven gemeente, zoals GM0393."),
    )
    old_name = models.CharField(
        _("oude naam"), max_length=200, help_text=_("Naam van de opgeheven gemeente.")
    )
    new_code = models.CharField(
        _("nieuwe code"),
        max_length=10,
        help_text=_("Code van de gemeente waarin ze opging (indeling van nu)."),
    )
    effective_year = models.PositiveSmallIntegerField(
        _("vanaf jaar"), help_text=_("Het jaar op 1 januari waarvan de nieuwe indeling geldt.")
    )
    source = models.CharField(
        _("bron"), max_length=300, help_text=_("Waar de herindeling gepubliceerd is.")
    )

    class Meta:
        verbose_name = _("gemeentelijke herindeling")
        verbose_name_plural = _("gemeentelijke herindelingen")
        ordering = ["effective_year", "old_code"]

    def __str__(self) -> str:
        return f"{self.old_code} → {self.new_code} ({self.effective_year})"

    def clean(self) -> None:
        if self.old_code == self.new_code:
            raise ValidationError({"new_code": _("De nieuwe code is gelijk aan de oude.")})
