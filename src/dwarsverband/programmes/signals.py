"""Signals other apps listen to, so that programmes need not know who reacts to a change.

`projects_changed` is sent after a transaction that created, changed or deleted projects has
been committed; the matching app recomputes opportunities in reply.
"""

from __future__ import annotations

from django.dispatch import Signal

# Arguments: organisation_id (int), project_ids (list[int]).
projects_changed = Signal()
