from __future__ import annotations

from django import template
from django.urls import reverse

from dwarsverband.agreements.permissions import user_can_add_agreement

register = template.Library()


@register.filter
def may_add_agreement(user: object) -> bool:
    """Whether the user may record an agreement (a coordinator, or an editor)."""
    return user_can_add_agreement(user)


@register.simple_tag
def agreement_from_url(source: object) -> str:
    """The address of the agreement form, prefilled from where the agreement arose."""
    label = source._meta.label_lower  # type: ignore[attr-defined]
    return f"{reverse('agreements:agreement-create')}?bron={label}&bron_id={source.pk}"  # type: ignore[attr-defined]
