"""Background work: the weekly digest of due and overdue actions."""

from __future__ import annotations

from django_tasks import task

from dwarsverband.agreements import services


@task()
def action_digest_task() -> dict[str, int]:
    """Send this week's digest; safe to run more than once a week (sends once per user)."""
    result = services.action_digest_send()
    return {
        "recipients": result.recipients,
        "actions": result.actions,
        "skipped": result.skipped_already_sent,
    }
