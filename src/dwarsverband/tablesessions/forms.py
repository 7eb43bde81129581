from __future__ import annotations

from typing import Any, cast

from django import forms

from dwarsverband.organisations.models import Organisation, Person
from dwarsverband.tablesessions.models import TableSession


class SpecialistField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.organisation})"


class TableSessionForm(forms.ModelForm):
    class Meta:
        model = TableSession
        fields = ["title", "date", "organisations", "specialists", "table_count", "max_per_table"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "organisations": forms.SelectMultiple(attrs={"size": 10}),
            "specialists": forms.SelectMultiple(attrs={"size": 10}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["organisations"]).queryset = (
            Organisation.objects.filter(programmes__isnull=False).distinct().order_by("name")
        )
        specialists = self.fields["specialists"]
        self.fields["specialists"] = SpecialistField(
            queryset=Person.objects.select_related("organisation").order_by("name"),
            required=False,
            label=specialists.label,
            help_text=specialists.help_text,
            widget=specialists.widget,
        )


class OutcomesForm(forms.ModelForm):
    class Meta:
        model = TableSession
        fields = ["outcomes"]
        widgets = {"outcomes": forms.Textarea(attrs={"rows": 8})}
