from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dwarsverband.common.models import BaseModel
from dwarsverband.communities.constants import (
    ACTIVE_REGISTRATION_STATUSES,
    CaseStatus,
    CommunityKind,
    CommunityStatus,
    MeetingKind,
    MeetingStatus,
    MembershipStatus,
    Pillar,
    RegistrationStatus,
)


class Community(BaseModel):
    """A learning circle (leerkring), community of practice or learning community."""

    title = models.CharField(_("titel"), max_length=200, help_text=_("Naam van de leerkring."))
    slug = models.SlugField(
        _("korte naam in webadres"),
        max_length=200,
        unique=True,
        help_text=_("Deel van het webadres."),
    )
    kind = models.CharField(
        _("soort"),
        max_length=30,
        choices=CommunityKind.choices,
        default=CommunityKind.LEARNING_CIRCLE,
        help_text=_("Leerkring, community of practice of lerende gemeenschap."),
    )
    description = models.TextField(
        _("beschrijving"), blank=True, help_text=_("Waar de leerkring over gaat en voor wie.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CommunityStatus.choices,
        default=CommunityStatus.PREPARATION,
        help_text=_("In voorbereiding, open, lopend of afgerond."),
    )
    themes = models.ManyToManyField(
        "programmes.Theme",
        verbose_name=_("thema's"),
        blank=True,
        related_name="communities",
        help_text=_("Thema's waarover de leerkring gaat."),
    )
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("regio"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="communities",
        help_text=_("Stedelijke regio waarin de bijeenkomsten plaatsvinden, als er één is."),
    )
    organiser = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisator"),
        on_delete=models.PROTECT,
        related_name="organised_communities",
        help_text=_("Organisatie die de leerkring organiseert."),
    )
    partners = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("partners"),
        blank=True,
        related_name="partner_communities",
        help_text=_(
            "Organisaties die de leerkring mee opzetten, zoals een netwerk of universiteit."
        ),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coördinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_communities",
        help_text=_("Gebruiker die de leerkring beheert."),
    )
    max_members = models.PositiveSmallIntegerField(
        _("maximaal aantal deelnemers"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leeg laten als er geen maximum is."),
    )
    planned_meetings = models.PositiveSmallIntegerField(
        _("aantal bijeenkomsten"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Aantal bijeenkomsten van de reeks, meestal vier of vijf."),
    )
    finished_at = models.DateTimeField(
        _("afgerond op"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Moment waarop de status afgerond werd; de bewaartermijn telt vanaf hier."),
    )

    class Meta:
        verbose_name = _("leerkring")
        verbose_name_plural = _("leerkringen")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("communities:community-detail", kwargs={"slug": self.slug})


class Membership(BaseModel):
    """A professional's application for, and membership of, a community."""

    community = models.ForeignKey(
        Community,
        verbose_name=_("leerkring"),
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text=_("De leerkring."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deelnemer"),
        on_delete=models.CASCADE,
        related_name="community_memberships",
        help_text=_("De professional die deelneemt."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="community_memberships",
        help_text=_("Organisatie (meestal de gemeente) namens wie de deelnemer meedoet."),
    )
    motivation = models.TextField(
        _("motivatie"), blank=True, help_text=_("Waarom de deelnemer mee wil doen.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.APPLIED,
        help_text=_("Aangevraagd, geaccepteerd of afgewezen."),
    )

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        ordering = ["organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="membership_one_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.community}"


class Meeting(BaseModel):
    """One meeting: an information meeting or a meeting of the series, hosted by a member city."""

    community = models.ForeignKey(
        Community,
        verbose_name=_("leerkring"),
        on_delete=models.CASCADE,
        related_name="meetings",
        help_text=_("De leerkring."),
    )
    kind = models.CharField(
        _("soort"),
        max_length=20,
        choices=MeetingKind.choices,
        default=MeetingKind.SERIES,
        help_text=_("Informatiebijeenkomst of bijeenkomst van de reeks."),
    )
    title = models.CharField(_("titel"), max_length=200, help_text=_("Titel van de bijeenkomst."))
    description = models.TextField(
        _("toelichting"), blank=True, help_text=_("Wat deelnemers kunnen verwachten.")
    )
    starts_at = models.DateTimeField(_("begint om"), help_text=_("Datum en begintijd."))
    ends_at = models.DateTimeField(_("eindigt om"), help_text=_("Datum en eindtijd."))
    address = models.CharField(
        _("adres"), max_length=300, blank=True, help_text=_("Locatie en adres van de bijeenkomst.")
    )
    host = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("gaststad"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        help_text=_("Deelnemende gemeente die de bijeenkomst ontvangt."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
        help_text=_("Gepland of geannuleerd."),
    )
    takes_registrations = models.BooleanField(
        _("aanmelden mogelijk"),
        default=False,
        help_text=_(
            "Iedereen kan zich zonder account aanmelden (zoals voor een informatiebijeenkomst)."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Daarboven komen aanmeldingen op de wachtlijst. Leeg: geen maximum."),
    )
    registration_deadline = models.DateTimeField(
        _("aanmelden kan tot"),
        null=True,
        blank=True,
        help_text=_("Na dit moment sluit de aanmelding. Leeg: tot het begin."),
    )
    sequence = models.PositiveIntegerField(
        _("versie in agenda's"),
        default=0,
        editable=False,
        help_text=_("Telt op als tijd of status wijzigt, zodat agenda's de wijziging overnemen."),
    )

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("communities:meeting-detail", kwargs={"pk": self.pk})

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at) / timedelta(minutes=1))

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def closes_at(self) -> datetime:
        return self.registration_deadline or self.starts_at

    @property
    def ical_uid(self) -> str:
        return f"bijeenkomst-{self.pk}@dwarsverband"


class Case(BaseModel):
    """A member's case for intervision; confidential within the community."""

    community = models.ForeignKey(
        Community,
        verbose_name=_("leerkring"),
        on_delete=models.CASCADE,
        related_name="cases",
        help_text=_("De leerkring."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="community_cases",
        help_text=_("Deelnemer die de casus inbracht."),
    )
    title = models.CharField(_("titel"), max_length=200, help_text=_("Korte titel van de casus."))
    question = models.TextField(
        _("vraag"), help_text=_("De vraag die u aan de groep wilt voorleggen.")
    )
    context = models.TextField(
        _("context"),
        blank=True,
        help_text=_("Achtergrond: de situatie, betrokkenen, wat al is geprobeerd."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CaseStatus.choices,
        default=CaseStatus.SUBMITTED,
        help_text=_("Ingediend, ingepland of besproken."),
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("bijeenkomst"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        help_text=_("Bijeenkomst waarin de casus in de intervisie besproken wordt."),
    )

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "communities:case-detail", kwargs={"slug": self.community.slug, "pk": self.pk}
        )


class AgendaItem(BaseModel):
    """A part of a meeting's programme, under one of the four pillars."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="agenda_items",
        help_text=_("De bijeenkomst."),
    )
    pillar = models.CharField(
        _("pijler"),
        max_length=20,
        choices=Pillar.choices,
        help_text=_("Actualiteiten, intervisie, verdieping of projectbezoek."),
    )
    position = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Plaats in het programma.")
    )
    title = models.CharField(
        _("titel"), max_length=200, help_text=_("Onderwerp van het agendapunt.")
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duur in minuten"),
        validators=[MinValueValidator(5), MaxValueValidator(600)],
        help_text=_("Hoe lang dit agendapunt duurt."),
    )
    lead = models.CharField(
        _("door"), max_length=200, blank=True, help_text=_("Wie het agendapunt leidt of inleidt.")
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("casus"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        help_text=_("De casus die in de intervisie besproken wordt."),
    )
    project = models.ForeignKey(
        "programmes.Project",
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        help_text=_("Het project dat bezocht of besproken wordt."),
    )
    link = models.URLField(
        _("link"), blank=True, help_text=_("Een publicatie of andere bron bij dit agendapunt.")
    )

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Registration(BaseModel):
    """Someone's registration for a meeting, made without an account."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="registrations",
        help_text=_("De bijeenkomst."),
    )
    name = models.CharField(_("naam"), max_length=200, help_text=_("Voor- en achternaam."))
    email = models.EmailField(
        _("e-mailadres"), max_length=254, help_text=_("Hierheen sturen we de bevestiging.")
    )
    organisation_name = models.CharField(
        _("organisatie"), max_length=200, help_text=_("Organisatie waarvoor u werkt.")
    )
    function = models.CharField(
        _("functie"), max_length=200, blank=True, help_text=_("Bijvoorbeeld 'beleidsadviseur'.")
    )
    consent_at = models.DateTimeField(
        _("akkoord privacyverklaring op"),
        help_text=_("Moment waarop de privacyverklaring werd geaccepteerd."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        help_text=_("Bevestigd, op de wachtlijst of afgemeld."),
    )
    promoted_at = models.DateTimeField(
        _("van wachtlijst op"),
        null=True,
        blank=True,
        help_text=_("Moment waarop de aanmelding van de wachtlijst een plaats kreeg."),
    )
    cancelled_at = models.DateTimeField(
        _("afgemeld op"), null=True, blank=True, help_text=_("Moment van afmelden.")
    )
    reminder_sent_at = models.DateTimeField(
        _("herinnering verstuurd op"),
        null=True,
        blank=True,
        help_text=_("Moment waarop de herinnering is verstuurd."),
    )
    attended = models.BooleanField(
        _("aanwezig"), null=True, blank=True, help_text=_("Of de persoon er was; leeg: onbekend.")
    )

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=models.Q(status__in=ACTIVE_REGISTRATION_STATUSES),
                name="registration_one_active_per_email",
            )
        ]
        indexes = [models.Index(fields=["meeting", "status"])]

    def __str__(self) -> str:
        return f"{_('aanmelding')} {self.pk}"


class Attendance(BaseModel):
    """Whether a member came to a meeting of the series."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="attendances",
        help_text=_("De bijeenkomst."),
    )
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("deelname"),
        on_delete=models.CASCADE,
        related_name="attendances",
        help_text=_("De deelnemer."),
    )
    present = models.BooleanField(_("aanwezig"), help_text=_("Of de deelnemer er was."))

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} – {self.membership_id}"


class MemberReminder(BaseModel):
    """That a member got the reminder for a meeting of the series (so it goes out once)."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="member_reminders",
        help_text=_("De bijeenkomst."),
    )
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("deelname"),
        on_delete=models.CASCADE,
        related_name="reminders",
        help_text=_("De deelnemer die de herinnering kreeg."),
    )

    class Meta:
        verbose_name = _("herinnering aan deelnemer")
        verbose_name_plural = _("herinneringen aan deelnemers")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="member_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} – {self.membership_id}"
