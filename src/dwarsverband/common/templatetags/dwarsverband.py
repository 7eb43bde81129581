from __future__ import annotations

from django import template
from django.forms import BoundField
from django.http import HttpRequest

register = template.Library()


@register.simple_tag
def query_with(request: HttpRequest, **changes: object) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


_WIDGET_CLASSES = {
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
}


@register.inclusion_tag("common/partials/field.html")
def form_field(field: BoundField) -> dict[str, object]:
    """Render a form field as an NL Design System form field with label, help and errors."""
    widget = field.field.widget
    input_type = getattr(widget, "input_type", "")
    if widget.__class__.__name__.endswith("Textarea"):
        kind = "textarea"
    elif input_type == "select" or widget.__class__.__name__.endswith("Select"):
        kind = "select"
    elif input_type == "checkbox":
        kind = "checkbox"
    else:
        kind = "textbox"
    css = _WIDGET_CLASSES.get(kind, "utrecht-textbox utrecht-textbox--html-input")
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-help")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
        css += f" utrecht-{kind}--invalid"
    attrs: dict[str, str | bool] = {"class": css}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return {"field": field, "widget": field.as_widget(attrs=attrs), "kind": kind}


@register.filter
def is_coordinator(user: object) -> bool:
    """Whether the user coordinates the platform (and so may start communities, etc.)."""
    from dwarsverband.organisations.permissions import user_is_coordinator

    return user_is_coordinator(user)
