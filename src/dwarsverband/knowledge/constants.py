from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationKind(models.TextChoices):
    RESEARCH_REPORT = "research_report", _("onderzoeksrapport")
    GUIDE = "guide", _("handreiking")
    ARTICLE = "article", _("artikel")
    PRESENTATION = "presentation", _("presentatie")


class Visibility(models.TextChoices):
    """Who may read a publication (and find it in search)."""

    PUBLIC = "public", _("openbaar")
    LOGGED_IN = "logged_in", _("alleen ingelogde gebruikers")
    ORGANISATIONS = "organisations", _("alleen de auteursorganisaties")


class AdviceRole(models.TextChoices):
    """The four roles a roadmap gives advice to."""

    MAYOR = "mayor", _("burgemeester")
    ALDERMAN = "alderman", _("wethouder")
    COUNCIL_MEMBER = "council_member", _("raadslid")
    CIVIL_SERVANT = "civil_servant", _("ambtenaar")


class SourceFormat(models.TextChoices):
    PDF = "pdf", _("PDF")
    MARKDOWN = "markdown", _("Markdown")
    HTML = "html", _("HTML")


# Audience keys of search documents: who may see a document.
AUDIENCE_PUBLIC = "public"
AUDIENCE_LOGGED_IN = "logged_in"

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 1000
MAX_PASSAGES = 5000
