from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dwarsverband.common.models import BaseModel
from dwarsverband.knowledge.analysis import SynonymError, synonym_overlap, synonym_terms
from dwarsverband.knowledge.constants import (
    AdviceRole,
    PublicationKind,
    SourceFormat,
    Visibility,
)


class Publication(BaseModel):
    """A research report, guide, article or presentation, split into citable passages."""

    title = models.CharField(_("titel"), max_length=300, help_text=_("Titel van de publicatie."))
    slug = models.SlugField(
        _("korte naam in webadres"),
        max_length=200,
        unique=True,
        help_text=_("Deel van het webadres."),
    )
    kind = models.CharField(
        _("soort"),
        max_length=30,
        choices=PublicationKind.choices,
        help_text=_("Onderzoeksrapport, handreiking, artikel of presentatie."),
    )
    authors = models.CharField(
        _("auteurs"),
        max_length=500,
        blank=True,
        help_text=_("Namen van de auteurs, gescheiden door komma's."),
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("organisaties"),
        related_name="publications",
        blank=True,
        help_text=_("Organisaties die de publicatie uitgaven of schreven."),
    )
    published_on = models.DateField(
        _("datum"), null=True, blank=True, help_text=_("Datum van verschijnen.")
    )
    themes = models.ManyToManyField(
        "programmes.Theme",
        verbose_name=_("thema's"),
        related_name="publications",
        blank=True,
        help_text=_("Thema's waarover de publicatie gaat."),
    )
    summary = models.TextField(
        _("samenvatting"), blank=True, help_text=_("Waar de publicatie over gaat, kort.")
    )
    file = models.FileField(
        _("bestand"),
        upload_to="publicaties/",
        blank=True,
        help_text=_("Het oorspronkelijke bestand (PDF, Markdown of HTML)."),
    )
    source_format = models.CharField(
        _("bronformaat"),
        max_length=10,
        choices=SourceFormat.choices,
        blank=True,
        help_text=_("Formaat waaruit de passages zijn gehaald."),
    )
    visibility = models.CharField(
        _("zichtbaarheid"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Wie de publicatie mag lezen en vinden."),
    )
    is_example = models.BooleanField(
        _("voorbeeldinhoud"),
        default=False,
        help_text=_("Aangevinkt voor voorbeeldinhoud die niet uit een echte publicatie komt."),
    )

    class Meta:
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        ordering = ["-published_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:publication-detail", kwargs={"slug": self.slug})


class Passage(BaseModel):
    """A numbered, citable piece of a publication with a stable anchor."""

    publication = models.ForeignKey(
        Publication,
        verbose_name=_("publicatie"),
        on_delete=models.CASCADE,
        related_name="passages",
        help_text=_("De publicatie waar de passage uit komt."),
    )
    position = models.PositiveIntegerField(
        _("volgorde"), help_text=_("Plaats van de passage in de publicatie.")
    )
    number = models.CharField(
        _("nummer"), max_length=20, help_text=_("Nummer om naar te verwijzen, bijvoorbeeld 3.2.")
    )
    anchor = models.SlugField(
        _("anker"),
        max_length=40,
        help_text=_("Vast deel van het webadres van de passage; verandert niet bij bewerken."),
    )
    chapter = models.CharField(
        _("hoofdstuk of paragraaf"),
        max_length=300,
        blank=True,
        help_text=_("Kop waaronder de passage staat."),
    )
    page = models.PositiveIntegerField(
        _("pagina"), null=True, blank=True, help_text=_("Paginanummer in de PDF, als bekend.")
    )
    text = models.TextField(_("tekst"), help_text=_("De tekst van de passage."))

    class Meta:
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        ordering = ["publication", "position"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "anchor"], name="passage_anchor_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.publication} – {self.citation}"

    @property
    def citation(self) -> str:
        if self.page:
            return str(_("passage %(number)s, p. %(page)s")) % {
                "number": self.number,
                "page": self.page,
            }
        return str(_("passage %(number)s")) % {"number": self.number}

    def get_absolute_url(self) -> str:
        return f"{self.publication.get_absolute_url()}#{self.anchor}"


class Roadmap(BaseModel):
    """A route (routekaart) of ordered signposts, based on a publication."""

    title = models.CharField(_("titel"), max_length=300, help_text=_("Titel van de routekaart."))
    slug = models.SlugField(
        _("korte naam in webadres"),
        max_length=200,
        unique=True,
        help_text=_("Deel van het webadres."),
    )
    summary = models.TextField(
        _("inleiding"), blank=True, help_text=_("Waarvoor de routekaart is en voor wie.")
    )
    publication = models.ForeignKey(
        Publication,
        verbose_name=_("onderliggende publicatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roadmaps",
        help_text=_("De publicatie waarop de routekaart steunt."),
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("organisaties"),
        related_name="roadmaps",
        blank=True,
        help_text=_("Organisaties die de routekaart maakten."),
    )
    themes = models.ManyToManyField(
        "programmes.Theme",
        verbose_name=_("thema's"),
        related_name="roadmaps",
        blank=True,
        help_text=_("Thema's van de routekaart."),
    )
    published_on = models.DateField(
        _("datum"), null=True, blank=True, help_text=_("Datum van verschijnen.")
    )
    is_example = models.BooleanField(
        _("voorbeeldinhoud"),
        default=False,
        help_text=_("Aangevinkt voor voorbeeldinhoud die niet uit een echte routekaart komt."),
    )

    class Meta:
        verbose_name = _("routekaart")
        verbose_name_plural = _("routekaarten")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:roadmap-detail", kwargs={"slug": self.slug})


class Signpost(BaseModel):
    """A signpost (wegwijzer) on a roadmap: a lesson with its story, sources and advice."""

    roadmap = models.ForeignKey(
        Roadmap,
        verbose_name=_("routekaart"),
        on_delete=models.CASCADE,
        related_name="signposts",
        help_text=_("De routekaart waar de wegwijzer op staat."),
    )
    position = models.PositiveIntegerField(
        _("volgorde"), help_text=_("Nummer van de wegwijzer op de routekaart.")
    )
    title = models.CharField(_("titel"), max_length=300, help_text=_("De les in een zin."))
    summary = models.TextField(_("toelichting"), help_text=_("Wat de wegwijzer inhoudt."))
    passages = models.ManyToManyField(
        Passage,
        verbose_name=_("passages"),
        related_name="signposts",
        blank=True,
        help_text=_("Passages uit publicaties die de wegwijzer onderbouwen."),
    )

    class Meta:
        verbose_name = _("wegwijzer")
        verbose_name_plural = _("wegwijzers")
        ordering = ["roadmap", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["roadmap", "position"], name="signpost_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def anchor(self) -> str:
        return f"wegwijzer-{self.position}"

    def get_absolute_url(self) -> str:
        return f"{self.roadmap.get_absolute_url()}#{self.anchor}"


class PracticeStory(BaseModel):
    """A real case from a region or municipality that illustrates a signpost."""

    signpost = models.OneToOneField(
        Signpost,
        verbose_name=_("wegwijzer"),
        on_delete=models.CASCADE,
        related_name="story",
        help_text=_("De wegwijzer bij dit verhaal."),
    )
    title = models.CharField(_("titel"), max_length=300, help_text=_("Titel van het verhaal."))
    text = models.TextField(_("verhaal"), help_text=_("Het verhaal uit de praktijk."))
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("betrokken organisaties"),
        related_name="practice_stories",
        blank=True,
        help_text=_("Gemeenten en partners die in het verhaal voorkomen."),
    )

    class Meta:
        verbose_name = _("praktijkverhaal")
        verbose_name_plural = _("praktijkverhalen")

    def __str__(self) -> str:
        return self.title


class Advice(BaseModel):
    """Concrete advice for one role at one signpost."""

    signpost = models.ForeignKey(
        Signpost,
        verbose_name=_("wegwijzer"),
        on_delete=models.CASCADE,
        related_name="advice",
        help_text=_("De wegwijzer waar het advies bij hoort."),
    )
    role = models.CharField(
        _("rol"),
        max_length=20,
        choices=AdviceRole.choices,
        help_text=_("Voor wie het advies is."),
    )
    text = models.TextField(_("advies"), help_text=_("Het advies voor deze rol."))

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["signpost", "role"]
        constraints = [
            models.UniqueConstraint(fields=["signpost", "role"], name="advice_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.signpost} – {self.get_role_display()}"

    def clean(self) -> None:
        if self.role and self.role not in AdviceRole.values:
            raise ValidationError({"role": _("Kies een van de vier rollen.")})


class SynonymGroup(BaseModel):
    """Words that mean the same to the search: a query with one finds texts with the others.

    Expanded when a query is analysed (`searching.synonyms`), so a change works at once,
    without re-indexing.
    """

    words = models.CharField(
        _("woorden"),
        max_length=500,
        unique=True,
        help_text=_(
            "Twee of meer losse woorden die bij het zoeken hetzelfde betekenen, gescheiden door "
            "komma's, bijvoorbeeld: statushouder, vergunninghouder. Andere vormen van een woord "
            "(meervoud, vervoegingen) vindt het zoeken zelf al."
        ),
    )

    class Meta:
        verbose_name = _("synoniemengroep")
        verbose_name_plural = _("synoniemen bij het zoeken")
        ordering = ["words"]

    def __str__(self) -> str:
        return self.words

    def clean(self) -> None:
        try:
            self.words = ", ".join(synonym_terms(self.words).values())
        except SynonymError as error:
            raise ValidationError({"words": str(error)}) from error
        others = SynonymGroup.objects.exclude(pk=self.pk).values_list("words", flat=True)
        overlap = synonym_overlap(self.words, others)
        if overlap:
            raise ValidationError(
                {
                    "words": _(
                        "‘%(word)s’ staat al in de groep ‘%(group)s’. Vul die groep aan in "
                        "plaats van een nieuwe te maken."
                    )
                    % {"word": overlap[0], "group": overlap[1]}
                }
            )


class SearchDocument(models.Model):
    """One findable thing in the platform-wide search index, as an app's adapter described it.

    `audience` holds the keys of who may see it (" public " for everyone), surrounded by
    spaces; `themes` holds theme slugs the same way. `stemmed` is the analysed text that the
    full-text index (FTS5 on SQLite, `search_vector` on PostgreSQL) is built from.
    """

    # Derived data, recomputed by the platform: its deletions are not audit events.
    audit_deletions = False

    key = models.CharField(
        _("sleutel"), max_length=120, unique=True, help_text=_("Soort en id, zoals passage:12.")
    )
    source = models.CharField(
        _("bron"),
        max_length=120,
        db_index=True,
        help_text=_("Het object waaruit het document komt, zoals knowledge.passage:12."),
    )
    doc_type = models.CharField(
        _("soort"), max_length=40, help_text=_("Soort inhoud, zoals passage of organisatie.")
    )
    title = models.CharField(_("titel"), max_length=500, help_text=_("Titel in de resultaten."))
    body = models.TextField(_("tekst"), blank=True, help_text=_("Doorzoekbare tekst."))
    url = models.CharField(
        _("webadres"), max_length=500, help_text=_("Waar het resultaat heen leidt.")
    )
    themes = models.CharField(
        _("thema's"), max_length=1000, blank=True, help_text=_("Slugs van de thema's.")
    )
    organisation = models.CharField(
        _("organisatie"), max_length=200, blank=True, help_text=_("Slug van de organisatie.")
    )
    organisation_name = models.CharField(
        _("naam organisatie"), max_length=200, blank=True, help_text=_("Naam van de organisatie.")
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"), null=True, blank=True, help_text=_("Jaar van de inhoud.")
    )
    audience = models.CharField(
        _("zichtbaar voor"),
        max_length=1000,
        help_text=_("Wie het resultaat mag zien, zoals public of organisation:12."),
    )
    stemmed = models.TextField(
        _("geanalyseerde tekst"), help_text=_("Gestamde zoektermen van de woorden zelf.")
    )
    stemmed_title = models.TextField(
        _("geanalyseerde titel"), blank=True, help_text=_("Gestamde termen van de titel.")
    )
    stemmed_derived = models.TextField(
        _("afgeleide zoektermen"),
        blank=True,
        default="",
        help_text=_(
            "Delen van samenstellingen en voluit geschreven afkortingen; "
            "tellen minder zwaar bij het rangschikken."
        ),
    )
    search_vector = SearchVectorField(
        _("zoekvector"), null=True, blank=True, help_text=_("Alleen gebruikt op PostgreSQL.")
    )

    class Meta:
        verbose_name = _("zoekdocument")
        verbose_name_plural = _("zoekdocumenten")

    def __str__(self) -> str:
        return self.title
