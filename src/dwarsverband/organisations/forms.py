from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import URLField
from django.utils.translation import gettext_lazy as _

from dwarsverband.organisations.constants import OrganisationKind, RegionKind
from dwarsverband.organisations.models import Organisation, Person, Region
from dwarsverband.organisations.selectors import OrganisationFilters


class OrganisationFilterForm(forms.Form):
    """The search and filters of the organisation list. Unknown values are reported, not fatal."""

    q = forms.CharField(label=_("Zoek op naam of code"), required=False, max_length=200)
    soort = forms.ChoiceField(label=_("Soort"), required=False)
    provincie = forms.ChoiceField(label=_("Provincie"), required=False)
    arbeidsmarktregio = forms.ChoiceField(label=_("Arbeidsmarktregio"), required=False)
    corop = forms.ChoiceField(label=_("COROP-gebied"), required=False)
    netwerk = forms.ChoiceField(label=_("Netwerk"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("Alle"))]
        cast(forms.ChoiceField, self.fields["soort"]).choices = everything + list(
            OrganisationKind.choices
        )
        for field, kind in (
            ("provincie", RegionKind.PROVINCE),
            ("arbeidsmarktregio", RegionKind.LABOUR_MARKET),
            ("corop", RegionKind.COROP),
        ):
            cast(forms.ChoiceField, self.fields[field]).choices = everything + list(
                Region.objects.filter(kind=kind).order_by("name").values_list("code", "name")
            )
        cast(forms.ChoiceField, self.fields["netwerk"]).choices = everything + list(
            Organisation.objects.networks().order_by("name").values_list("slug", "name")
        )

    def filters(self) -> OrganisationFilters:
        # Invalid values (an unknown region code in the address bar) are reported by the form
        # and left out; the valid filters still apply.
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return OrganisationFilters(
            text=data.get("q", ""),
            kind=data.get("soort", ""),
            province=data.get("provincie", ""),
            labour_market_region=data.get("arbeidsmarktregio", ""),
            corop=data.get("corop", ""),
            network=data.get("netwerk", ""),
        )


def _https_url_fields(field: Any, **kwargs: Any) -> Any:
    if isinstance(field, URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class OrganisationForm(forms.ModelForm):
    class Meta:
        formfield_callback = _https_url_fields
        model = Organisation
        fields = [
            "name",
            "kind",
            "abbreviation",
            "alternative_names",
            "code",
            "description",
            "website",
            "regions",
        ]
        widgets = {"regions": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelMultipleChoiceField, self.fields["regions"]
        ).queryset = Region.objects.order_by("kind", "name")
        self.fields["regions"].required = False


class OrganisationEditorForm(OrganisationForm):
    """Editors describe their own organisation but do not change its official identity."""

    class Meta(OrganisationForm.Meta):
        fields = ["name", "abbreviation", "alternative_names", "description", "website"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        forms.ModelForm.__init__(self, *args, **kwargs)
        if self.instance.code:
            # The official name of a municipality, province or network comes from the register.
            del self.fields["name"]


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "role", "function"]
