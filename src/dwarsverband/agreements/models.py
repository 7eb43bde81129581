from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dwarsverband.agreements.constants import (
    ActionStatus,
    CovenantActivityKind,
    CovenantStatus,
)
from dwarsverband.common.models import BaseModel
from dwarsverband.organisations.models import Organisation, Person
from dwarsverband.programmes.models import Theme


class Covenant(BaseModel):
    """A signed collaboration agreement between organisations for a period and themes."""

    title = models.CharField(_("titel"), max_length=300, help_text=_("Titel van het convenant."))
    slug = models.SlugField(
        _("korte naam in webadres"),
        max_length=200,
        unique=True,
        help_text=_("Deel van het webadres."),
    )
    summary = models.TextField(
        _("samenvatting"), blank=True, help_text=_("Waar het convenant over gaat, kort.")
    )
    programme_text = models.TextField(
        _("programmatekst"),
        blank=True,
        help_text=_("Het inhoudelijke programma: wat de partijen samen gaan doen."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CovenantStatus.choices,
        default=CovenantStatus.DRAFT,
        help_text=_("Concept, ondertekend, lopend, afgelopen of verlengd."),
    )
    signed_on = models.DateField(
        _("ondertekend op"), null=True, blank=True, help_text=_("Datum van ondertekening.")
    )
    start_date = models.DateField(
        _("begindatum"), null=True, blank=True, help_text=_("Begin van de looptijd.")
    )
    end_date = models.DateField(
        _("einddatum"), null=True, blank=True, help_text=_("Einde van de looptijd.")
    )
    parties: models.ManyToManyField[Organisation, CovenantParty] = models.ManyToManyField(
        Organisation,
        through="CovenantParty",
        verbose_name=_("partijen"),
        related_name="covenants",
        help_text=_("Organisaties die het convenant aangaan."),
    )
    themes = models.ManyToManyField(
        Theme,
        verbose_name=_("thema's"),
        related_name="covenants",
        blank=True,
        help_text=_("Thema's van het convenant."),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[themes])

    class Meta:
        verbose_name = _("convenant")
        verbose_name_plural = _("convenanten")
        ordering = ["-start_date", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:covenant-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("De einddatum ligt vóór de begindatum. Kies een latere einddatum.")}
            )

    @property
    def period_label(self) -> str:
        if self.start_date and self.end_date:
            return f"{self.start_date.year}–{self.end_date.year}"
        if self.start_date:
            return _("vanaf %(year)s") % {"year": self.start_date.year}
        return ""

    def covers(self, day: date) -> bool:
        """Whether a day lies within the covenant's period (an open end covers everything)."""
        if self.start_date and day < self.start_date:
            return False
        return not (self.end_date and day > self.end_date)


class CovenantParty(BaseModel):
    """An organisation that is party to a covenant, possibly on behalf of its members."""

    covenant = models.ForeignKey(
        Covenant,
        verbose_name=_("convenant"),
        on_delete=models.CASCADE,
        related_name="party_links",
        help_text=_("Het convenant."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="covenant_party_links",
        help_text=_("De partij."),
    )
    on_behalf_of_members = models.BooleanField(
        _("namens de leden"),
        default=False,
        help_text=_("Een netwerk dat het convenant namens zijn leden aangaat."),
    )
    note = models.CharField(
        _("toelichting"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld de naam van de partij bij de ondertekening."),
    )

    class Meta:
        verbose_name = _("partij bij een convenant")
        verbose_name_plural = _("partijen bij convenanten")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "organisation"], name="covenant_party_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.covenant}"


class CovenantSignatory(BaseModel):
    """Someone who signed a covenant for one of its parties, in a given capacity."""

    covenant = models.ForeignKey(
        Covenant,
        verbose_name=_("convenant"),
        on_delete=models.CASCADE,
        related_name="signatories",
        help_text=_("Het convenant."),
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("persoon"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signed_covenants",
        help_text=_("De ondertekenaar, als die als persoon op het platform staat."),
    )
    name = models.CharField(
        _("naam"), max_length=200, help_text=_("Naam zoals die onder het convenant staat.")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("namens"),
        on_delete=models.PROTECT,
        related_name="covenant_signatures",
        help_text=_("De partij namens wie is getekend."),
    )
    capacity = models.CharField(
        _("hoedanigheid"),
        max_length=200,
        help_text=_("Rol bij de ondertekening, bijvoorbeeld 'voorzitter' of 'directeur'."),
    )

    class Meta:
        verbose_name = _("ondertekenaar")
        verbose_name_plural = _("ondertekenaars")
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.capacity})"


class CovenantActivity(BaseModel):
    """What runs under a covenant: a community, an experiment, a research programme, a project."""

    covenant = models.ForeignKey(
        Covenant,
        verbose_name=_("convenant"),
        on_delete=models.CASCADE,
        related_name="activities",
        help_text=_("Het convenant."),
    )
    kind = models.CharField(
        _("soort"),
        max_length=30,
        choices=CovenantActivityKind.choices,
        help_text=_("Soort activiteit."),
    )
    title = models.CharField(_("titel"), max_length=300, help_text=_("Naam van de activiteit."))
    description = models.TextField(
        _("beschrijving"), blank=True, help_text=_("Wat de activiteit inhoudt.")
    )
    url = models.URLField(
        _("webadres"), blank=True, help_text=_("Pagina met meer informatie, als die er is.")
    )

    class Meta:
        verbose_name = _("activiteit onder een convenant")
        verbose_name_plural = _("activiteiten onder convenanten")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title


class CovenantDocument(BaseModel):
    """A document belonging to a covenant: the signed text, an annual plan, an evaluation."""

    covenant = models.ForeignKey(
        Covenant,
        verbose_name=_("convenant"),
        on_delete=models.CASCADE,
        related_name="documents",
        help_text=_("Het convenant."),
    )
    title = models.CharField(_("titel"), max_length=300, help_text=_("Titel van het document."))
    file = models.FileField(
        _("bestand"),
        upload_to="convenanten/",
        blank=True,
        help_text=_("Het document zelf, bijvoorbeeld als pdf."),
    )
    url = models.URLField(
        _("webadres"), blank=True, help_text=_("Of een link naar het document elders.")
    )

    class Meta:
        verbose_name = _("document bij een convenant")
        verbose_name_plural = _("documenten bij convenanten")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.file and not self.url:
            raise ValidationError(_("Voeg een bestand toe of geef een webadres op."))


class JointAgenda(BaseModel):
    """The joint agenda of a municipality with its housing corporations and tenants.

    It sits beside the yearly formal performance agreements (prestatieafspraken), which are
    kept per year on the same page.
    """

    title = models.CharField(_("titel"), max_length=300, help_text=_("Naam van de agenda."))
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="joint_agendas",
        help_text=_("De gemeente die de agenda met haar partners voert."),
    )
    partners = models.ManyToManyField(
        Organisation,
        verbose_name=_("partners"),
        related_name="joint_agenda_partnerships",
        help_text=_("Woningcorporaties en huurdersorganisaties."),
    )
    description = models.TextField(
        _("beschrijving"), blank=True, help_text=_("Gedeelde opgave en werkwijze.")
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("gezamenlijke agenda")
        verbose_name_plural = _("gezamenlijke agenda's")
        ordering = ["municipality__name", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:joint-agenda-detail", kwargs={"pk": self.pk})


class JointAmbition(BaseModel):
    """A shared ambition on a joint agenda, per theme."""

    agenda = models.ForeignKey(
        JointAgenda,
        verbose_name=_("gezamenlijke agenda"),
        on_delete=models.CASCADE,
        related_name="ambitions",
        help_text=_("De agenda."),
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("thema"),
        on_delete=models.PROTECT,
        related_name="joint_ambitions",
        help_text=_("Thema van de ambitie."),
    )
    ambition = models.TextField(_("ambitie"), help_text=_("Wat de partners samen willen bereiken."))

    class Meta:
        verbose_name = _("gedeelde ambitie")
        verbose_name_plural = _("gedeelde ambities")
        ordering = ["theme__name"]

    def __str__(self) -> str:
        return f"{self.theme}: {self.ambition[:60]}"


class PerformanceAgreement(BaseModel):
    """The formal yearly performance agreements (prestatieafspraken) beside a joint agenda."""

    agenda = models.ForeignKey(
        JointAgenda,
        verbose_name=_("gezamenlijke agenda"),
        on_delete=models.CASCADE,
        related_name="performance_agreements",
        help_text=_("De agenda waar deze prestatieafspraken naast staan."),
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"), help_text=_("Het jaar waarvoor de afspraken gelden.")
    )
    title = models.CharField(_("titel"), max_length=300, help_text=_("Titel van het document."))
    summary = models.TextField(
        _("samenvatting"), blank=True, help_text=_("De belangrijkste afspraken van dat jaar.")
    )
    signed_on = models.DateField(
        _("ondertekend op"), null=True, blank=True, help_text=_("Datum van ondertekening.")
    )
    url = models.URLField(_("webadres"), blank=True, help_text=_("Link naar het document."))

    class Meta:
        verbose_name = _("prestatieafspraken")
        verbose_name_plural = _("prestatieafspraken")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["agenda", "year"], name="performance_agreement_year")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def clean(self) -> None:
        if self.year is not None and not 1990 <= self.year <= 2100:
            raise ValidationError({"year": _("Geef een jaartal tussen 1990 en 2100.")})


class Agreement(BaseModel):
    """An agreement (afspraak): who does what, arising from a covenant, session or agenda."""

    title = models.CharField(_("titel"), max_length=300, help_text=_("De afspraak in één zin."))
    description = models.TextField(
        _("omschrijving"), blank=True, help_text=_("Wat is afgesproken, en waarom.")
    )
    covenant = models.ForeignKey(
        Covenant,
        verbose_name=_("convenant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        help_text=_("Het convenant waaronder de afspraak valt, als dat zo is."),
    )
    joint_agenda = models.ForeignKey(
        JointAgenda,
        verbose_name=_("gezamenlijke agenda"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        help_text=_("De gezamenlijke agenda waarop dit een concrete stap is, als dat zo is."),
    )
    # The source lives in another app (a table session, a meeting, an accepted opportunity);
    # a generic relation links it without this app importing those models.
    source_type = models.ForeignKey(
        ContentType,
        verbose_name=_("soort bron"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Soort gegeven waaruit de afspraak voortkomt."),
    )
    source_id = models.PositiveBigIntegerField(
        _("bron"), null=True, blank=True, help_text=_("Nummer van de bron.")
    )
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(
        _("omschrijving van de bron"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld 'middag VNG en Platform31, 10 maart 2015'."),
    )
    parties = models.ManyToManyField(
        Organisation,
        verbose_name=_("partijen"),
        related_name="agreements",
        help_text=_("Organisaties die de afspraak hebben gemaakt."),
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("eigenaar (organisatie)"),
        on_delete=models.PROTECT,
        related_name="owned_agreements",
        help_text=_("De partij die de afspraak trekt."),
    )
    owner_person = models.ForeignKey(
        Person,
        verbose_name=_("eigenaar (persoon)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_agreements",
        help_text=_("De persoon die de afspraak trekt, van de eigenaar-organisatie."),
    )
    themes = models.ManyToManyField(
        Theme,
        verbose_name=_("thema's"),
        related_name="agreements",
        blank=True,
        help_text=_("Thema's van de afspraak."),
    )
    agreed_on = models.DateField(
        _("afgesproken op"), null=True, blank=True, help_text=_("Datum waarop is afgesproken.")
    )
    internal = models.BooleanField(
        _("alleen voor de partijen"),
        default=False,
        help_text=_("Alleen zichtbaar voor de partijen bij de afspraak en coördinatoren."),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[parties])

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["-agreed_on", "title"]
        indexes = [models.Index(fields=["source_type", "source_id"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:agreement-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if (
            self.owner_person is not None
            and self.owner_organisation_id
            and self.owner_person.organisation_id != self.owner_organisation_id
        ):
            raise ValidationError(
                {
                    "owner_person": _(
                        "Deze persoon werkt niet bij de eigenaar-organisatie. Kies iemand "
                        "van %(organisation)s."
                    )
                    % {"organisation": self.owner_organisation}
                }
            )


class Action(BaseModel):
    """A follow-up action (actiepunt) of an agreement, with owner, due date and status."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("afspraak"),
        on_delete=models.CASCADE,
        related_name="actions",
        help_text=_("De afspraak waar dit actiepunt bij hoort."),
    )
    title = models.CharField(_("titel"), max_length=300, help_text=_("Wat er moet gebeuren."))
    description = models.TextField(
        _("toelichting"), blank=True, help_text=_("Meer uitleg, als dat nodig is.")
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("eigenaar (organisatie)"),
        on_delete=models.PROTECT,
        related_name="owned_actions",
        help_text=_("De partij die het actiepunt uitvoert."),
    )
    owner_person = models.ForeignKey(
        Person,
        verbose_name=_("eigenaar (persoon)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_actions",
        help_text=_("De persoon die het actiepunt uitvoert."),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar (gebruiker)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_actions",
        help_text=_(
            "Gebruiker die het wekelijkse overzicht krijgt; zonder gebruiker krijgen de "
            "redacteuren van de eigenaar-organisatie het."
        ),
    )
    due_date = models.DateField(
        _("einddatum"), null=True, blank=True, help_text=_("Uiterlijk klaar op.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActionStatus.choices,
        blank=True,
        default=ActionStatus.OPEN,
        help_text=_("Leeg betekent: status onbekend (bijvoorbeeld na een import)."),
    )
    dropped_reason = models.TextField(
        _("reden van vervallen"),
        blank=True,
        help_text=_("Waarom het actiepunt niet meer wordt uitgevoerd."),
    )
    completed_on = models.DateField(
        _("afgerond op"), null=True, blank=True, help_text=_("Datum van afronden.")
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["due_date", "title"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:agreement-detail", kwargs={"pk": self.agreement_id}) + (
            f"#actiepunt-{self.pk}"
        )

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.status == ActionStatus.DROPPED and not self.dropped_reason.strip():
            errors["dropped_reason"] = _("Geef aan waarom het actiepunt vervalt.")
        if (
            self.owner_person is not None
            and self.owner_organisation_id
            and self.owner_person.organisation_id != self.owner_organisation_id
        ):
            errors["owner_person"] = _(
                "Deze persoon werkt niet bij de eigenaar-organisatie. Kies iemand van "
                "%(organisation)s."
            ) % {"organisation": self.owner_organisation}
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status not in (ActionStatus.DONE, ActionStatus.DROPPED)


class ProgressNote(BaseModel):
    """A dated note on the progress of an agreement."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("afspraak"),
        on_delete=models.CASCADE,
        related_name="notes",
        help_text=_("De afspraak."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreement_notes",
        help_text=_("Wie de notitie schreef."),
    )
    author_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("namens"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreement_notes",
        help_text=_("Organisatie van de auteur op het moment van schrijven."),
    )
    written_on = models.DateField(_("datum"), help_text=_("Datum van de notitie."))
    text = models.TextField(_("tekst"), help_text=_("Wat er is gebeurd of besloten."))

    class Meta:
        verbose_name = _("voortgangsnotitie")
        verbose_name_plural = _("voortgangsnotities")
        ordering = ["-written_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.written_on}: {self.text[:60]}"


class ActionDigestDelivery(models.Model):
    """That a user got the weekly digest for a week, so a second run that week sends nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="action_digests",
        help_text=_("Ontvanger."),
    )
    week = models.CharField(
        _("week"), max_length=8, help_text=_("ISO-jaar en weeknummer, bijvoorbeeld 2026-W07.")
    )
    action_count = models.PositiveIntegerField(
        _("aantal actiepunten"), help_text=_("Aantal actiepunten in het overzicht.")
    )
    sent_at = models.DateTimeField(_("verstuurd op"), help_text=_("Moment van versturen."))

    class Meta:
        verbose_name = _("verstuurd wekelijks overzicht")
        verbose_name_plural = _("verstuurde wekelijkse overzichten")
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="action_digest_once_a_week")
        ]

    def __str__(self) -> str:
        return f"{self.week}: {self.action_count}"
