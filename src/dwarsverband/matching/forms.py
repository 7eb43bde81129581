from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from dwarsverband.matching.constants import OpportunityKind, OpportunityStatus
from dwarsverband.matching.selectors import OpportunityFilters
from dwarsverband.organisations.constants import RegionKind
from dwarsverband.organisations.models import Organisation, Region
from dwarsverband.programmes.constants import Domain
from dwarsverband.programmes.models import Theme


class OpportunityFilterForm(forms.Form):
    """Filters of the opportunities page; an unknown value is ignored, never an error page."""

    organisatie = forms.ChoiceField(label=_("Organisatie"), required=False)
    thema = forms.ChoiceField(label=_("Thema"), required=False)
    domein = forms.ChoiceField(label=_("Domein"), required=False)
    soort = forms.ChoiceField(label=_("Soort kans"), required=False)
    regio = forms.ChoiceField(label=_("Regio"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    project = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything: list[tuple[str, Any]] = [("", _("Alle"))]
        choices: dict[str, list[tuple[Any, Any]]] = {
            "organisatie": list(
                Organisation.objects.filter(programmes__isnull=False)
                .distinct()
                .order_by("name")
                .values_list("slug", "name")
            ),
            "thema": list(Theme.objects.order_by("name").values_list("slug", "name")),
            "domein": list(Domain.choices),
            "soort": list(OpportunityKind.choices),
            "regio": [
                (code, f"{name} ({RegionKind(kind).label})")
                for code, name, kind in Region.objects.filter(
                    kind__in=[RegionKind.PROVINCE, RegionKind.LABOUR_MARKET]
                )
                .order_by("kind", "name")
                .values_list("code", "name", "kind")
            ],
            "status": [
                ("", _("Voorgesteld en opgepakt")),
                *OpportunityStatus.choices,
            ],
        }
        for name, values in choices.items():
            field = cast(forms.ChoiceField, self.fields[name])
            field.choices = values if name == "status" else everything + values

    def filters(self) -> OpportunityFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return OpportunityFilters(
            organisation=data.get("organisatie", ""),
            theme=data.get("thema", ""),
            domain=data.get("domein", ""),
            kind=data.get("soort", ""),
            region=data.get("regio", ""),
            status=data.get("status", ""),
            project=data.get("project"),
        )


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van afwijzen"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: 'we werken hier al samen' of 'andere doelgroep'."),
    )
