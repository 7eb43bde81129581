from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("gemeente")
    PROVINCE = "province", _("provincie")
    NETWORK = "network", _("netwerk")
    KNOWLEDGE_INSTITUTE = "knowledge_institute", _("kennisinstituut")
    HOUSING_CORPORATION = "housing_corporation", _("woningcorporatie")
    GOVERNMENT_AGENCY = "government_agency", _("overheidsorganisatie")
    UNIVERSITY = "university", _("universiteit of hogeschool")
    COMPANY = "company", _("bedrijf")
    OTHER = "other", _("anders")


class RegionKind(models.TextChoices):
    PROVINCE = "province", _("provincie")
    LABOUR_MARKET = "labour_market", _("arbeidsmarktregio")
    COROP = "corop", _("COROP-gebied")
    HOUSING_MARKET = "housing_market", _("woningmarktregio")


class PlatformRole(models.TextChoices):
    """What a user account may do on the platform."""

    READER = "reader", _("lezer")
    EDITOR = "editor", _("redacteur (eigen organisatie)")
    COORDINATOR = "coordinator", _("coördinator (alle inhoud)")
    ADMIN = "admin", _("beheerder")


class PersonRole(models.TextChoices):
    """The role a person has in public administration or in a network."""

    MAYOR = "mayor", _("burgemeester")
    ALDERMAN = "alderman", _("wethouder")
    COUNCIL_MEMBER = "council_member", _("raadslid")
    CIVIL_SERVANT = "civil_servant", _("ambtenaar")
    DIRECTOR = "director", _("directeur of bestuurder")
    COORDINATOR = "coordinator", _("netwerkcoördinator")
    SPECIALIST = "specialist", _("specialist of adviseur")
    RESEARCHER = "researcher", _("onderzoeker")
    OTHER = "other", _("anders")
