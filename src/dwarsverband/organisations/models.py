from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dwarsverband.common.models import BaseModel
from dwarsverband.organisations.constants import (
    OrganisationKind,
    PersonRole,
    PlatformRole,
    RegionKind,
)
from dwarsverband.organisations.query import OrganisationQuerySet

OrganisationManager = models.Manager.from_queryset(OrganisationQuerySet)


class Region(BaseModel):
    """An official area: province, labour-market region, COROP area or housing-market region."""

    code = models.CharField(
        _("code"), max_length=10, unique=True, help_text=_("CBS-code, bijvoorbeeld PV27 of AM18.")
    )
    name = models.CharField(_("naam"), max_length=200, help_text=_("Officiële naam."))
    kind = models.CharField(
        _("soort"), max_length=20, choices=RegionKind.choices, help_text=_("Soort gebied.")
    )

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:region-detail", kwargs={"code": self.code})


class Organisation(BaseModel):
    """A party on the platform: municipality, network, knowledge institute, partner."""

    name = models.CharField(_("naam"), max_length=200, help_text=_("Officiële naam."))
    slug = models.SlugField(
        _("korte naam in webadres"),
        max_length=200,
        unique=True,
        help_text=_("Deel van het webadres."),
    )
    kind = models.CharField(
        _("soort"),
        max_length=30,
        choices=OrganisationKind.choices,
        help_text=_("Soort organisatie."),
    )
    code = models.CharField(
        _("code"),
        max_length=20,
        blank=True,
        help_text=_("Officiële code, zoals de CBS-gemeentecode GM0363."),
    )
    abbreviation = models.CharField(
        _("afkorting"), max_length=30, blank=True, help_text=_("Bijvoorbeeld VNG of NSOB.")
    )
    alternative_names = models.CharField(
        _("andere namen"),
        max_length=300,
        blank=True,
        help_text=_("Namen waaronder de organisatie ook bekend is, gescheiden door komma's."),
    )
    description = models.TextField(
        _("beschrijving"), blank=True, help_text=_("Wat de organisatie doet, in een paar zinnen.")
    )
    website = models.URLField(_("website"), blank=True, help_text=_("Adres van de website."))
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("regio's"),
        related_name="members",
        blank=True,
        help_text=_("Gebieden waartoe de organisatie hoort."),
    )
    governed_region = models.OneToOneField(
        Region,
        verbose_name=_("bestuurt gebied"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="governing_organisation",
        help_text=_("Voor een provincie: de provincie als gebied."),
    )

    objects = OrganisationManager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="organisation_code_unique"
            )
        ]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:organisation-detail", kwargs={"slug": self.slug})

    def _region_names(self, kind: str) -> str:
        # Uses the prefetched regions when the list view prefetched them.
        return ", ".join(region.name for region in self.regions.all() if region.kind == kind)

    @property
    def province_names(self) -> str:
        return self._region_names(RegionKind.PROVINCE)

    @property
    def labour_market_region_names(self) -> str:
        return self._region_names(RegionKind.LABOUR_MARKET)

    @property
    def is_municipality(self) -> bool:
        return self.kind == OrganisationKind.MUNICIPALITY

    @property
    def is_network(self) -> bool:
        return self.kind == OrganisationKind.NETWORK


class NetworkMembership(BaseModel):
    """Membership of an organisation in a network such as the G40 city network."""

    network = models.ForeignKey(
        Organisation,
        verbose_name=_("netwerk"),
        on_delete=models.CASCADE,
        related_name="memberships",
        limit_choices_to={"kind": OrganisationKind.NETWORK},
        help_text=_("Het netwerk."),
    )
    member = models.ForeignKey(
        Organisation,
        verbose_name=_("lid"),
        on_delete=models.CASCADE,
        related_name="network_memberships",
        help_text=_("De aangesloten organisatie."),
    )
    joined_on = models.DateField(
        _("lid sinds"),
        null=True,
        blank=True,
        help_text=_("Datum van toetreden, als die bekend is."),
    )
    joined_note = models.CharField(
        _("toelichting toetreden"),
        max_length=200,
        blank=True,
        help_text=_("Als de datum niet bekend is, bijvoorbeeld 'vóór 2009'."),
    )
    left_on = models.DateField(
        _("lid tot"), null=True, blank=True, help_text=_("Datum van uittreden, als van toepassing.")
    )

    class Meta:
        verbose_name = _("lidmaatschap van een netwerk")
        verbose_name_plural = _("lidmaatschappen van netwerken")
        ordering = ["network__name", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "member"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.network}"

    def clean(self) -> None:
        if self.network_id and self.network.kind != OrganisationKind.NETWORK:
            raise ValidationError({"network": _("Kies een organisatie van de soort netwerk.")})
        if self.network_id and self.network_id == self.member_id:
            raise ValidationError({"member": _("Een netwerk kan geen lid van zichzelf zijn.")})
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("De einddatum ligt vóór de datum van toetreden.")})


class Person(BaseModel):
    """Someone who works for an organisation, with their role. Holds no contact details."""

    name = models.CharField(_("naam"), max_length=200, help_text=_("Voor- en achternaam."))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="people",
        help_text=_("Organisatie waarvoor de persoon werkt."),
    )
    role = models.CharField(
        _("rol"),
        max_length=30,
        choices=PersonRole.choices,
        help_text=_("Rol in het openbaar bestuur."),
    )
    function = models.CharField(
        _("functie"),
        max_length=200,
        blank=True,
        help_text=_("Functie of specialisme, bijvoorbeeld 'beleidsadviseur wonen'."),
    )

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Boundary(models.Model):
    """The generalised boundary of a municipality (GeoJSON geometry, WGS84)."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="boundary",
        help_text=_("De gemeente."),
    )
    geometry = models.JSONField(_("geometrie"), help_text=_("GeoJSON-geometrie in WGS84."))
    source = models.CharField(_("bron"), max_length=300, help_text=_("Herkomst van de grens."))

    class Meta:
        verbose_name = _("gemeentegrens")
        verbose_name_plural = _("gemeentegrenzen")

    def __str__(self) -> str:
        return str(self.organisation)


class User(AbstractUser):
    """A user account, tied to the organisation it works for."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Organisatie waarvoor deze gebruiker werkt."),
    )
    platform_role = models.CharField(
        _("rol op het platform"),
        max_length=20,
        choices=PlatformRole.choices,
        default=PlatformRole.READER,
        help_text=_("Wat deze gebruiker mag: lezen, de eigen organisatie bewerken, alles."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def is_coordinator(self) -> bool:
        return self.is_superuser or self.platform_role in (
            PlatformRole.COORDINATOR,
            PlatformRole.ADMIN,
        )
