"""Writes of opportunities: recomputing them from the programmes, accepting and dismissing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dwarsverband.communities import services as community_services
from dwarsverband.communities.models import Community
from dwarsverband.matching.constants import OpportunityStatus
from dwarsverband.matching.engine import explain, lexical
from dwarsverband.matching.engine.backends import EmbeddingBackend, get_backend
from dwarsverband.matching.engine.similarity import hybrid_neighbours
from dwarsverband.matching.engine.themes import suggest_themes
from dwarsverband.matching.explanations import opportunity_explanation
from dwarsverband.matching.models import Opportunity
from dwarsverband.matching.vectors import vectors_for_texts
from dwarsverband.organisations.models import NetworkMembership
from dwarsverband.organisations.permissions import user_can_edit_organisation
from dwarsverband.programmes import selectors as programme_selectors
from dwarsverband.programmes import services as programme_services
from dwarsverband.programmes.models import Project

NEIGHBOURS_PER_PROJECT = 6
MIN_SIMILARITY = 0.32
THEME_NEIGHBOURS = 8


@dataclass
class RecomputeResult:
    projects: int = 0
    created: int = 0
    updated: int = 0
    removed: int = 0
    reappeared: int = 0


def _profiles(projects: list[Project]) -> list[explain.ProjectProfile]:
    organisation_ids = {p.programme.organisation_id for p in projects}
    networks: dict[int, set[str]] = {}
    for member_id, network_name in NetworkMembership.objects.filter(
        member_id__in=organisation_ids, left_on__isnull=True
    ).values_list("member_id", "network__name"):
        networks.setdefault(member_id, set()).add(network_name)
    profiles = []
    for project in projects:
        organisation = project.programme.organisation
        themes = list(project.themes.all()) or list(project.suggested_themes.all())
        regions = {*project.regions.all(), *organisation.regions.all()}
        profiles.append(
            explain.ProjectProfile(
                id=project.pk,
                organisation_id=organisation.pk,
                kind=project.kind,
                text=project.matching_text,
                themes=frozenset(t.name for t in themes),
                domains=frozenset(t.domain for t in themes),
                regions=frozenset(explain.Region(r.code, r.name, r.kind) for r in regions),
                networks=frozenset(networks.get(organisation.pk, set())),
            )
        )
    return profiles


def _suggest_themes(
    projects: list[Project], vectors: np.ndarray, backend: EmbeddingBackend
) -> None:
    untagged = [i for i, p in enumerate(projects) if not p.themes.all()]
    if not untagged:
        return
    themes = list(programme_selectors.theme_list())
    theme_vectors = vectors_for_texts(
        texts=[f"{t.name}. {t.description}" for t in themes], backend=backend
    )
    theme_index = {theme.pk: i for i, theme in enumerate(themes)}
    tagged = [i for i, p in enumerate(projects) if p.themes.all()]
    for row in untagged:
        neighbour_scores: list[float] = []
        neighbour_themes: list[list[int]] = []
        if tagged:
            sims = vectors[tagged] @ vectors[row]
            for position in np.argsort(-sims)[:THEME_NEIGHBOURS]:
                neighbour = projects[tagged[int(position)]]
                neighbour_scores.append(float(sims[position]))
                neighbour_themes.append([theme_index[t.pk] for t in neighbour.themes.all()])
        chosen = suggest_themes(vectors[row], theme_vectors, neighbour_scores, neighbour_themes)
        programme_services.project_set_suggested_themes(
            project=projects[row], themes=[themes[i] for i in chosen]
        )


@transaction.atomic
def opportunities_recompute(*, backend: EmbeddingBackend | None = None) -> RecomputeResult:
    """Recompute every opportunity from the current programmes.

    Proposed opportunities that no longer qualify disappear. Accepted ones stay accepted.
    Dismissed ones stay dismissed until one of the two projects changes materially (its
    content hash differs from the one recorded at dismissal); then the pair is proposed again.
    """
    backend = backend or get_backend()
    projects = list(programme_selectors.project_list().prefetch_related("suggested_themes"))
    result = RecomputeResult(projects=len(projects))
    if not projects:
        Opportunity.objects.filter(status=OpportunityStatus.PROPOSED).delete()
        return result
    vectors = vectors_for_texts(texts=[p.matching_text for p in projects], backend=backend)
    _suggest_themes(projects, vectors, backend)
    profiles = _profiles(projects)
    term_list = [lexical.terms(profile.text) for profile in profiles]
    weights = lexical.TermWeights(term_list)
    groups = np.array([profile.organisation_id for profile in profiles], dtype=np.int64)
    neighbours = hybrid_neighbours(
        [profile.text for profile in profiles],
        vectors,
        NEIGHBOURS_PER_PROJECT,
        groups=groups,
        term_list=term_list,
        weights=weights,
    )
    assessments: dict[tuple[int, int], explain.Assessment] = {}
    for row, found in enumerate(neighbours):
        for neighbour in found:
            if neighbour.score < MIN_SIMILARITY:
                continue
            first, second = sorted((row, neighbour.index), key=lambda i: profiles[i].id)
            key = (profiles[first].id, profiles[second].id)
            if key in assessments:
                continue
            assessments[key] = explain.assess(
                profiles[first],
                profiles[second],
                neighbour.score,
                terms_a=term_list[first],
                terms_b=term_list[second],
                weights=weights,
            )
    hashes = {p.pk: p.content_hash for p in projects}
    existing = {(o.project_a_id, o.project_b_id): o for o in Opportunity.objects.all()}
    for key, assessment in assessments.items():
        fields = {
            "kind": assessment.kind,
            "score": round(assessment.score, 4),
            "similarity": round(assessment.similarity, 4),
            "shared_terms": assessment.shared_terms,
            "shared_themes": assessment.shared_themes,
            "shared_regions": [[r.name, r.kind] for r in assessment.shared_regions],
            "shared_networks": assessment.shared_networks,
            "offer_project_id": assessment.offer_id,
        }
        opportunity = existing.get(key)
        if opportunity is None:
            Opportunity.objects.create(project_a_id=key[0], project_b_id=key[1], **fields)
            result.created += 1
            continue
        if opportunity.status == OpportunityStatus.DISMISSED:
            unchanged = (opportunity.decided_hash_a, opportunity.decided_hash_b) == (
                hashes[key[0]],
                hashes[key[1]],
            )
            if unchanged:
                continue
            fields.update(
                status=OpportunityStatus.PROPOSED,
                dismissal_reason="",
                decided_by=None,
                decided_at=None,
                decided_hash_a="",
                decided_hash_b="",
            )
            result.reappeared += 1
        changed = [name for name, value in fields.items() if getattr(opportunity, name) != value]
        if changed:
            for name in changed:
                setattr(opportunity, name, fields[name])
            opportunity.save(update_fields=[*changed, "updated_at"])
            result.updated += 1
    stale = [
        o.pk
        for key, o in existing.items()
        if key not in assessments and o.status == OpportunityStatus.PROPOSED
    ]
    if stale:
        result.removed = Opportunity.objects.filter(pk__in=stale).delete()[0]
    return result


def _require_party(user: Any, opportunity: Opportunity) -> None:
    """Either party (an editor of one of the two organisations) or a coordinator decides."""
    if not (
        user_can_edit_organisation(user, opportunity.project_a.programme.organisation)
        or user_can_edit_organisation(user, opportunity.project_b.programme.organisation)
    ):
        raise PermissionDenied


@transaction.atomic
def opportunity_accept(*, user: Any, opportunity: Opportunity) -> Opportunity:
    """Turn a proposed opportunity into a follow-up; it stays visible as accepted."""
    _require_party(user, opportunity)
    if opportunity.status == OpportunityStatus.ACCEPTED:
        return opportunity
    opportunity.status = OpportunityStatus.ACCEPTED
    opportunity.dismissal_reason = ""
    opportunity.decided_by = user
    opportunity.decided_at = timezone.now()
    opportunity.decided_hash_a = opportunity.project_a.content_hash
    opportunity.decided_hash_b = opportunity.project_b.content_hash
    opportunity.full_clean()
    opportunity.save(
        update_fields=[
            "status",
            "dismissal_reason",
            "decided_by",
            "decided_at",
            "decided_hash_a",
            "decided_hash_b",
            "updated_at",
        ]
    )
    return opportunity


@transaction.atomic
def opportunity_start_community(*, user: Any, opportunity: Opportunity) -> Community:
    """Start a learning circle (in preparation) from an accepted opportunity, prefilled with
    both parties, their shared themes and the explanation. Starting twice gives the same one."""
    if opportunity.status != OpportunityStatus.ACCEPTED:
        raise ValidationError(_("Alleen een opgepakte kans kan een leerkring starten."))
    if opportunity.community_id is not None:
        return opportunity.community  # type: ignore[return-value]
    project_a, project_b = opportunity.project_a, opportunity.project_b
    themes_a = set(project_a.themes.values_list("pk", flat=True))
    themes_b = set(project_b.themes.values_list("pk", flat=True))
    subject = ", ".join(opportunity.shared_themes[:2]) or project_a.title
    description = "\n\n".join(
        [
            _("Gestart uit de kans „%(a)s” ↔ „%(b)s”.")
            % {"a": project_a.title, "b": project_b.title},
            *opportunity_explanation(opportunity),
        ]
    )
    community = community_services.community_create_from_opportunity(
        user=user,
        title=_("Leerkring over %(subject)s") % {"subject": subject},
        description=description,
        theme_ids=sorted(themes_a & themes_b or themes_a | themes_b),
        organisation_ids=[
            project_a.programme.organisation_id,
            project_b.programme.organisation_id,
        ],
    )
    opportunity.community = community
    opportunity.save(update_fields=["community", "updated_at"])
    return community


@transaction.atomic
def opportunity_dismiss(*, user: Any, opportunity: Opportunity, reason: str) -> Opportunity:
    """Dismiss with a reason; the pair stays away until either project changes materially."""
    _require_party(user, opportunity)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"dismissal_reason": _("Geef een reden op.")})
    opportunity.status = OpportunityStatus.DISMISSED
    opportunity.dismissal_reason = reason
    opportunity.decided_by = user
    opportunity.decided_at = timezone.now()
    opportunity.decided_hash_a = opportunity.project_a.content_hash
    opportunity.decided_hash_b = opportunity.project_b.content_hash
    opportunity.full_clean()
    opportunity.save(
        update_fields=[
            "status",
            "dismissal_reason",
            "decided_by",
            "decided_at",
            "decided_hash_a",
            "decided_hash_b",
            "updated_at",
        ]
    )
    return opportunity
