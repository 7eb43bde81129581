from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from dwarsverband.organisations.models import Organisation, Region
from dwarsverband.programmes.models import Iv3Taakveld, Programme, Project, Theme
from dwarsverband.programmes.reference import IV3_VERSION


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "domain", "description", "iv3_taakvelden"]
        widgets = {"iv3_taakvelden": forms.SelectMultiple(attrs={"size": 10})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelMultipleChoiceField, self.fields["iv3_taakvelden"]
        ).queryset = Iv3Taakveld.objects.filter(version=IV3_VERSION).order_by("position")


class ProgrammeFilterForm(forms.Form):
    """Filters of the programme list. An unknown organisation or a year that is no year is
    reported on the form and left out; the other filter still applies."""

    organisatie = forms.ChoiceField(
        label=_("Organisatie"),
        required=False,
        error_messages={
            "invalid_choice": _(
                "Organisatie ‘%(value)s’ heeft geen jaarprogramma; u ziet nu alle organisaties."
            )
        },
    )
    jaar = forms.IntegerField(
        label=_("Jaar"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.Select,
        error_messages={
            key: _("Het jaar moet een jaartal zijn, zoals 2026; u ziet nu alle jaren.")
            for key in ("invalid", "min_value", "max_value")
        },
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything: list[tuple[Any, Any]] = [("", _("Alle"))]
        cast(forms.ChoiceField, self.fields["organisatie"]).choices = everything + list(
            Organisation.objects.filter(programmes__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )
        cast(forms.Select, self.fields["jaar"].widget).choices = everything + [
            (year, year) for year in years
        ]

    def filters(self) -> tuple[str, int | None]:
        """The organisation slug and year to filter on ("" and None: all)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("organisatie") or "", data.get("jaar")


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["year", "title", "description"]


class ProgrammeCreateForm(forms.ModelForm):
    """For coordinators, who choose the organisation; editors always add to their own."""

    class Meta:
        model = Programme
        fields = ["organisation", "year", "title", "description"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        organisations = kwargs.pop("organisations")
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "description",
            "kind",
            "themes",
            "regions",
            "starts_on",
            "ends_on",
            "status",
            "contact_role",
            "reference",
        ]
        widgets = {
            "themes": forms.SelectMultiple(attrs={"size": 10}),
            "regions": forms.SelectMultiple(attrs={"size": 8}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelMultipleChoiceField, self.fields["themes"]
        ).queryset = Theme.objects.order_by("name")
        cast(
            forms.ModelMultipleChoiceField, self.fields["regions"]
        ).queryset = Region.objects.order_by("kind", "name")


class ProgrammeImportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.none()
    )
    year = forms.IntegerField(
        label=_("Jaar"), min_value=2000, max_value=2100, help_text=_("Bijvoorbeeld 2026.")
    )
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "CSV (met ; of ,), Excel (XLSX) of JSON, met de kolommen titel, beschrijving, "
            "soort, thema's, regio's, begindatum, einddatum, status, contactpersoon en kenmerk."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        organisations = kwargs.pop("organisations")
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations
