"""The plain-Dutch explanation of an opportunity, built from what the engine stored."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from dwarsverband.matching.constants import OpportunityKind
from dwarsverband.matching.models import Opportunity
from dwarsverband.organisations.constants import RegionKind


def _listing(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s en %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def opportunity_explanation(opportunity: Opportunity) -> list[str]:
    """Sentences: what the two projects share, and why that makes an opportunity."""
    a, b = opportunity.project_a, opportunity.project_b
    org_a, org_b = a.programme.organisation.name, b.programme.organisation.name
    sentences: list[str] = []
    if opportunity.kind == OpportunityKind.COMPLEMENT:
        offer, need = (a, b) if opportunity.offer_project_id == a.pk else (b, a)
        sentences.append(
            _(
                "Aanvulling: %(offer_org)s biedt '%(offer)s' aan en %(need_org)s heeft de vraag "
                "'%(need)s'. Het aanbod kan de vraag beantwoorden."
            )
            % {
                "offer_org": offer.programme.organisation.name,
                "offer": offer.title,
                "need_org": need.programme.organisation.name,
                "need": need.title,
            }
        )
    elif opportunity.kind == OpportunityKind.CROSS_TABLE:
        sentences.append(
            _(
                "Over de tafels heen: %(org_a)s en %(org_b)s werken vanuit verschillende domeinen, "
                "maar voor dezelfde mensen of dezelfde plek. Samen kijken voorkomt dat ieder "
                "een deel van de opgave oplost."
            )
            % {"org_a": org_a, "org_b": org_b}
        )
    else:
        sentences.append(
            _(
                "Overlap: %(org_a)s en %(org_b)s doen vergelijkbaar werk. Door het één keer "
                "samen te doen, delen ze kosten en kennis (schaalvoordeel)."
            )
            % {"org_a": org_a, "org_b": org_b}
        )
    if opportunity.shared_terms:
        sentences.append(
            _("Beide beschrijvingen gaan over %(terms)s.")
            % {"terms": _listing([f"'{term}'" for term in opportunity.shared_terms])}
        )
    if opportunity.shared_themes:
        sentences.append(
            _("Gedeelde thema's: %(themes)s.") % {"themes": _listing(opportunity.shared_themes)}
        )
    regions = [(name, kind) for name, kind in opportunity.shared_regions]
    if regions:
        described = [
            str(format_lazy("{} {}", RegionKind(kind).label, name))
            if kind in RegionKind.values
            else name
            for name, kind in regions
        ]
        sentences.append(
            _(
                "Ze werken in dezelfde regio (%(regions)s); dat maakt regionale samenwerking "
                "praktisch en telt mee in de rangorde."
            )
            % {"regions": _listing(described)}
        )
    if opportunity.shared_networks:
        sentences.append(
            _("Beide zitten in %(networks)s, dus er is al een netwerk om op voort te bouwen.")
            % {"networks": _listing(opportunity.shared_networks)}
        )
    return sentences
