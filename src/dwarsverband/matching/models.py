from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dwarsverband.common.models import BaseModel
from dwarsverband.matching.constants import OpportunityKind, OpportunityStatus


class EmbeddingVector(models.Model):
    """A cached sentence embedding, per text and model, so no text is embedded twice."""

    # Derived data, recomputed by the platform: its deletions are not audit events.
    audit_deletions = False

    model_name = models.CharField(
        _("model"), max_length=200, help_text=_("Naam van het embeddingmodel.")
    )
    text_hash = models.CharField(
        _("tekstvingerafdruk"), max_length=64, help_text=_("SHA-256 van de tekst.")
    )
    vector = models.BinaryField(_("vector"), help_text=_("float32-vector, genormaliseerd."))
    created_at = models.DateTimeField(
        _("aangemaakt op"), auto_now_add=True, help_text=_("Moment van berekenen.")
    )

    class Meta:
        verbose_name = _("tekstvector")
        verbose_name_plural = _("tekstvectoren")
        constraints = [
            models.UniqueConstraint(
                fields=["model_name", "text_hash"], name="embedding_model_text_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.model_name} {self.text_hash[:12]}"


class Opportunity(BaseModel):
    """A proposed collaboration between two projects of different organisations."""

    # Derived data, recomputed by the platform: its deletions are not audit events.
    audit_deletions = False

    project_a = models.ForeignKey(
        "programmes.Project",
        verbose_name=_("project A"),
        on_delete=models.CASCADE,
        related_name="opportunities_as_a",
        help_text=_("Het project met het laagste nummer van het paar."),
    )
    project_b = models.ForeignKey(
        "programmes.Project",
        verbose_name=_("project B"),
        on_delete=models.CASCADE,
        related_name="opportunities_as_b",
        help_text=_("Het andere project van het paar."),
    )
    kind = models.CharField(
        _("soort kans"),
        max_length=20,
        choices=OpportunityKind.choices,
        help_text=_("Overlap, aanvulling of over de tafels heen."),
    )
    score = models.FloatField(
        _("score"), help_text=_("Gelijkenis plus bonus voor regionale nabijheid; hoger is beter.")
    )
    similarity = models.FloatField(_("gelijkenis"), help_text=_("Tekstuele gelijkenis (0–1)."))
    shared_terms = models.JSONField(
        _("gedeelde termen"), default=list, blank=True, help_text=_("Kernwoorden die beide delen.")
    )
    shared_themes = models.JSONField(
        _("gedeelde thema's"), default=list, blank=True, help_text=_("Thema's die beide hebben.")
    )
    shared_regions = models.JSONField(
        _("gedeelde regio's"),
        default=list,
        blank=True,
        help_text=_("Regio's die beide delen, als [naam, soort]."),
    )
    shared_networks = models.JSONField(
        _("gedeelde netwerken"),
        default=list,
        blank=True,
        help_text=_("Netwerken waarin beide organisaties zitten."),
    )
    offer_project = models.ForeignKey(
        "programmes.Project",
        verbose_name=_("aanbiedend project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Bij een aanvulling: het project met het aanbod."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.PROPOSED,
        help_text=_("Voorgesteld, opgepakt of afgewezen."),
    )
    dismissal_reason = models.TextField(
        _("reden van afwijzen"), blank=True, help_text=_("Waarom de kans is afgewezen.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Wie de kans oppakte of afwees."),
    )
    decided_at = models.DateTimeField(
        _("besloten op"), null=True, blank=True, help_text=_("Moment van oppakken of afwijzen.")
    )
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("leerkring"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_opportunities",
        help_text=_("De leerkring die uit deze opgepakte kans is gestart."),
    )
    decided_hash_a = models.CharField(
        _("inhoud A bij besluit"),
        max_length=64,
        blank=True,
        help_text=_("Vingerafdruk van project A toen het besluit viel."),
    )
    decided_hash_b = models.CharField(
        _("inhoud B bij besluit"),
        max_length=64,
        blank=True,
        help_text=_("Vingerafdruk van project B toen het besluit viel."),
    )

    class Meta:
        verbose_name = _("samenwerkingskans")
        verbose_name_plural = _("samenwerkingskansen")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["project_a", "project_b"], name="opportunity_pair"),
            models.CheckConstraint(
                condition=models.Q(project_a__lt=models.F("project_b")),
                name="opportunity_pair_ordered",
            ),
        ]
        indexes = [models.Index(fields=["status", "-score"])]

    def __str__(self) -> str:
        return f"{self.project_a} ↔ {self.project_b}"

    def get_absolute_url(self) -> str:
        return reverse("matching:opportunity-detail", kwargs={"pk": self.pk})

    @property
    def percentage(self) -> int:
        return round(max(0.0, min(self.similarity, 1.0)) * 100)
