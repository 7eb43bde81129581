from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dwarsverband.organisations.constants import RegionKind
from dwarsverband.regiodata.models import Indicator

REGION_KINDS = [
    (RegionKind.LABOUR_MARKET.value, _("arbeidsmarktregio's")),
    (RegionKind.PROVINCE.value, _("provincies")),
    (RegionKind.COROP.value, _("COROP-gebieden")),
]


class IndicatorChoiceForm(forms.Form):
    indicator = forms.ChoiceField(
        label=_("Indicator"), help_text=_("Kies welk cijfer u wilt zien."), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(i.code, f"{i.name} ({i.unit})") for i in Indicator.objects.all()]


class RegionKindForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort gebied"),
        choices=REGION_KINDS,
        required=False,
        help_text=_("Voor welke indeling de regiocijfers berekend worden."),
    )


class AreaChoiceForm(forms.Form):
    gebied = forms.ChoiceField(
        label=_("Regio of netwerk"), help_text=_("Kies een gebied om te bekijken.")
    )

    def __init__(self, *args: Any, choices: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["gebied"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
