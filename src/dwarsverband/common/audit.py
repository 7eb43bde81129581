"""The audit log: logins, permission changes and deletions, recorded through signals."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from dwarsverband.common.models import AuditAction, AuditEvent

PERMISSION_FIELDS = ("platform_role", "is_staff", "is_superuser", "is_active", "organisation_id")


def _current_user() -> Any:
    # simple_history's middleware keeps the current request for its own history records.
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def audit_record(
    *,
    action: str,
    actor: Any = None,
    target_type: str = "",
    target_id: object = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        action=action,
        actor=actor if actor is not None else _current_user(),
        target_type=target_type,
        target_id=str(target_id or ""),
        details=details or {},
    )


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(
        action=AuditAction.LOGIN, actor=user, target_type="organisations.user", target_id=user.pk
    )


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(
            action=AuditAction.LOGOUT,
            actor=user,
            target_type="organisations.user",
            target_id=user.pk,
        )


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    # The attempted user name may be someone's e-mail address: it is not stored.
    audit_record(action=AuditAction.LOGIN_FAILED, actor=None)


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def _permissions_changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None:
        return
    previous = sender.objects.filter(pk=instance.pk).values(*PERMISSION_FIELDS).first()
    if previous is None:
        return
    changes = {
        field: {"old": previous[field], "new": getattr(instance, field)}
        for field in PERMISSION_FIELDS
        if previous[field] != getattr(instance, field)
    }
    if changes:
        audit_record(
            action=AuditAction.PERMISSION_CHANGE,
            target_type="organisations.user",
            target_id=instance.pk,
            details=changes,
        )


@receiver(post_delete)
def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    meta = sender._meta
    if not meta.app_config or not meta.app_config.name.startswith("dwarsverband."):
        return
    if sender is AuditEvent or meta.model_name.startswith("historical"):
        return
    if not getattr(sender, "audit_deletions", True):
        return
    audit_record(action=AuditAction.DELETION, target_type=meta.label_lower, target_id=instance.pk)
