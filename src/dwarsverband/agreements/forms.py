from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from dwarsverband.agreements.constants import IMPORT_MAX_BYTES, ActionStatus
from dwarsverband.agreements.models import (
    Action,
    Agreement,
    Covenant,
    JointAgenda,
    JointAmbition,
    PerformanceAgreement,
    ProgressNote,
)
from dwarsverband.agreements.selectors import allowed_owner_organisations
from dwarsverband.organisations.models import Organisation, Person
from dwarsverband.programmes.models import Theme


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


def _organisations() -> Any:
    return Organisation.objects.order_by("name")


class CovenantForm(forms.ModelForm):
    parties = forms.ModelMultipleChoiceField(
        label=_("Partijen"),
        queryset=Organisation.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Houd Ctrl (of Cmd) ingedrukt om meer partijen te kiezen."),
    )
    on_behalf_of_members = forms.BooleanField(
        label=_("Netwerken onder de partijen tekenen namens hun leden"),
        required=False,
    )

    class Meta:
        model = Covenant
        fields = [
            "title",
            "summary",
            "programme_text",
            "status",
            "signed_on",
            "start_date",
            "end_date",
            "themes",
        ]
        widgets = {
            "signed_on": DateInput(),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "themes": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, with_parties: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_parties:
            cast(forms.ModelMultipleChoiceField, self.fields["parties"]).queryset = _organisations()
        else:
            del self.fields["parties"]
            del self.fields["on_behalf_of_members"]
        cast(
            forms.ModelMultipleChoiceField, self.fields["themes"]
        ).queryset = Theme.objects.order_by("name")
        self.fields["themes"].required = False
        for name in ("signed_on", "start_date", "end_date"):
            cast(forms.DateField, self.fields[name]).input_formats = DATE_FORMATS


class AgreementForm(forms.ModelForm):
    parties = forms.ModelMultipleChoiceField(
        label=_("Partijen"),
        queryset=Organisation.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Houd Ctrl (of Cmd) ingedrukt om meer partijen te kiezen."),
    )

    class Meta:
        model = Agreement
        fields = [
            "title",
            "description",
            "parties",
            "owner_organisation",
            "owner_person",
            "covenant",
            "joint_agenda",
            "source_label",
            "themes",
            "agreed_on",
            "internal",
        ]
        widgets = {
            "agreed_on": DateInput(),
            "themes": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["parties"]).queryset = _organisations()
        cast(forms.ModelChoiceField, self.fields["owner_organisation"]).queryset = _organisations()
        cast(
            forms.ModelChoiceField, self.fields["owner_person"]
        ).queryset = Person.objects.select_related("organisation").order_by("name")
        cast(forms.ModelChoiceField, self.fields["covenant"]).queryset = Covenant.objects.order_by(
            "title"
        )
        cast(
            forms.ModelChoiceField, self.fields["joint_agenda"]
        ).queryset = JointAgenda.objects.order_by("title")
        cast(
            forms.ModelMultipleChoiceField, self.fields["themes"]
        ).queryset = Theme.objects.order_by("name")
        cast(forms.DateField, self.fields["agreed_on"]).input_formats = DATE_FORMATS
        if self.instance.pk and not self.is_bound:
            self.initial["parties"] = list(self.instance.parties.all())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        owner = data.get("owner_organisation")
        parties = data.get("parties")
        if (
            owner is not None
            and parties
            and owner.pk not in allowed_owner_organisations(party_ids=[p.pk for p in parties])
        ):
            self.add_error(
                "owner_organisation",
                _("%(organisation)s is geen partij. Kies een van de partijen als eigenaar.")
                % {"organisation": owner},
            )
        return data


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "owner_organisation",
            "owner_person",
            "due_date",
            "status",
            "dropped_reason",
        ]
        widgets = {"due_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = allowed_owner_organisations(
            party_ids=list(agreement.parties.values_list("pk", flat=True))
        )
        cast(
            forms.ModelChoiceField, self.fields["owner_organisation"]
        ).queryset = Organisation.objects.filter(pk__in=allowed).order_by("name")
        cast(forms.ModelChoiceField, self.fields["owner_person"]).queryset = (
            Person.objects.filter(organisation_id__in=allowed)
            .select_related("organisation")
            .order_by("name")
        )
        cast(forms.DateField, self.fields["due_date"]).input_formats = DATE_FORMATS
        status = cast(forms.ChoiceField, self.fields["status"])
        status.choices = [("", _("onbekend")), *ActionStatus.choices]
        if not self.instance.pk:
            self.initial.setdefault("owner_organisation", agreement.owner_organisation_id)


class ProgressNoteForm(forms.ModelForm):
    class Meta:
        model = ProgressNote
        fields = ["written_on", "text"]
        widgets = {"written_on": DateInput(), "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.DateField, self.fields["written_on"]).input_formats = DATE_FORMATS


class FollowUpFilterForm(forms.Form):
    organisatie = forms.ChoiceField(label=_("Organisatie"), required=False)
    convenant = forms.ChoiceField(label=_("Convenant"), required=False)
    thema = forms.ChoiceField(label=_("Thema"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("Alle"))]
        involved = Organisation.objects.filter(owned_actions__isnull=False) | (
            Organisation.objects.filter(agreements__isnull=False)
        )
        cast(forms.ChoiceField, self.fields["organisatie"]).choices = everything + list(
            involved.distinct().order_by("name").values_list("slug", "name")
        )
        cast(forms.ChoiceField, self.fields["convenant"]).choices = everything + list(
            Covenant.objects.order_by("title").values_list("slug", "title")
        )
        cast(forms.ChoiceField, self.fields["thema"]).choices = everything + list(
            Theme.objects.order_by("name").values_list("slug", "name")
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "CSV (.csv) of Excel (.xlsx), met de kolommen van de export. Eén rij per "
            "actiepunt; een afspraak zonder actiepunten staat op één rij."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan %(mb)d MB.") % {"mb": IMPORT_MAX_BYTES // 1024 // 1024}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(
                _("Kies een CSV-bestand (.csv) of een Excel-bestand (.xlsx).")
            )
        return upload


class JointAgendaForm(forms.ModelForm):
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=Organisation.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Woningcorporaties en huurdersorganisaties. Houd Ctrl (of Cmd) ingedrukt om er meer "
            "te kiezen."
        ),
    )

    class Meta:
        model = JointAgenda
        fields = ["title", "municipality", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, with_municipality: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelMultipleChoiceField, self.fields["partners"]
        ).queryset = Organisation.objects.exclude(kind="municipality").order_by("name")
        if self.instance.pk:
            self.initial.setdefault("partners", list(self.instance.partners.all()))
        if with_municipality:
            cast(
                forms.ModelChoiceField, self.fields["municipality"]
            ).queryset = Organisation.objects.filter(kind="municipality").order_by("name")
        else:
            del self.fields["municipality"]


class JointAmbitionForm(forms.ModelForm):
    class Meta:
        model = JointAmbition
        fields = ["theme", "ambition"]
        widgets = {"ambition": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["theme"]).queryset = Theme.objects.order_by("name")


class PerformanceAgreementForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Webadres"),
        required=False,
        assume_scheme="https",
        help_text=_("Link naar het document."),
    )

    class Meta:
        model = PerformanceAgreement
        fields = ["year", "title", "summary", "signed_on", "url"]
        widgets = {"signed_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.DateField, self.fields["signed_on"]).input_formats = DATE_FORMATS
