"""Writes of table sessions: create, plan the tables and seats, record outcomes."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dwarsverband.matching.engine import grouping, lexical
from dwarsverband.matching.vectors import vectors_for_texts
from dwarsverband.organisations.permissions import user_is_coordinator
from dwarsverband.programmes import selectors as programme_selectors
from dwarsverband.tablesessions.models import CrossTableLink, SessionTable, TableSession

LINKS_SHOWN = 10


def _check_capacity(session: TableSession, specialists: int) -> None:
    if specialists > session.table_count * session.max_per_table:
        raise ValidationError(
            {
                "max_per_table": _(
                    "%(people)s specialisten passen niet aan %(tables)s tafels van hoogstens "
                    "%(max)s; kies meer tafels of een hoger maximum."
                )
                % {
                    "people": specialists,
                    "tables": session.table_count,
                    "max": session.max_per_table,
                }
            }
        )


@transaction.atomic
def table_session_create(*, user: Any, data: dict[str, Any]) -> TableSession:
    if not user_is_coordinator(user):
        raise PermissionDenied
    organisations = data.pop("organisations")
    specialists = data.pop("specialists", [])
    session = TableSession(created_by=user if getattr(user, "pk", None) else None, **data)
    session.full_clean()
    _check_capacity(session, len(specialists))
    session.save()
    session.organisations.set(organisations)
    session.specialists.set(specialists)
    return session


@transaction.atomic
def table_session_plan(*, user: Any, session: TableSession) -> TableSession:
    """Group the participants' projects into balanced thematic tables and seat the specialists.

    Each specialist sits at the table where most of their organisation's projects are (or,
    without projects, the table closest to their function), at most `max_per_table` per table.
    """
    if not user_is_coordinator(user):
        raise PermissionDenied
    specialists = list(session.specialists.select_related("organisation").order_by("name"))
    _check_capacity(session, len(specialists))
    organisation_ids = set(session.organisations.values_list("pk", flat=True))
    projects = [
        p
        for p in programme_selectors.project_list()
        if p.programme.organisation_id in organisation_ids
    ]
    if not projects:
        raise ValidationError(_("De deelnemende organisaties hebben nog geen projecten."))
    session.tables.all().delete()
    vectors = vectors_for_texts(texts=[p.matching_text for p in projects])
    table_total = min(session.table_count, len(projects))
    assignment = grouping.balanced_groups(vectors, table_total)
    term_list = [lexical.terms(p.matching_text) for p in projects]
    weights = lexical.TermWeights(term_list)
    tables: list[SessionTable] = []
    for number in range(table_total):
        members = [i for i, g in enumerate(assignment) if g == number]
        theme_counts: Counter[str] = Counter(
            theme.name for i in members for theme in projects[i].themes.all()
        )
        key_terms = lexical.key_terms([term_list[i] for i in members], weights, limit=4)
        dominant = theme_counts.most_common(1)[0][0] if theme_counts else _("Gemengd")
        name = f"{dominant}: {', '.join(key_terms[:3])}" if key_terms else dominant
        table = SessionTable(
            session=session, number=number + 1, name=name[:300], key_terms=key_terms
        )
        table.full_clean()
        table.save()
        table.projects.set([projects[i] for i in members])
        tables.append(table)
    centres = np.vstack(
        [
            grouping._normalise(
                vectors[[i for i, g in enumerate(assignment) if g == t]].mean(axis=0, keepdims=True)
            )[0]
            for t in range(table_total)
        ]
    )
    if specialists:
        preferences = np.zeros((len(specialists), table_total), dtype=np.float64)
        functions = vectors_for_texts(
            texts=[person.function or person.get_role_display() for person in specialists]
        )
        for row, person in enumerate(specialists):
            own = [
                i
                for i, p in enumerate(projects)
                if p.programme.organisation_id == person.organisation_id
            ]
            for i in own:
                preferences[row, assignment[i]] += 1.0 / len(own)
            preferences[row] += 0.5 * (centres @ functions[row])
        seats = grouping.seat_people(preferences, session.max_per_table)
        for row, table_index in enumerate(seats):
            tables[table_index].people.add(specialists[row])
    for i, j, score in grouping.strongest_links(vectors, assignment, LINKS_SHOWN):
        CrossTableLink.objects.create(
            session=session,
            project_a=projects[i],
            project_b=projects[j],
            table_a=tables[assignment[i]],
            table_b=tables[assignment[j]],
            score=round(score, 4),
            shared_terms=lexical.shared_terms(term_list[i], term_list[j], weights, limit=4),
        )
    session.planned_at = timezone.now()
    session.save(update_fields=["planned_at", "updated_at"])
    return session


@transaction.atomic
def table_session_record_outcomes(
    *, user: Any, session: TableSession, outcomes: str
) -> TableSession:
    if not user_is_coordinator(user):
        raise PermissionDenied
    session.outcomes = outcomes
    session.full_clean()
    session.save(update_fields=["outcomes", "updated_at"])
    return session
