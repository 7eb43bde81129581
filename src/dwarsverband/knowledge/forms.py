from __future__ import annotations

from typing import Any

from django import forms
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from dwarsverband.knowledge.constants import (
    MAX_UPLOAD_BYTES,
    AdviceRole,
    PublicationKind,
    Visibility,
)
from dwarsverband.knowledge.searching import (
    DOC_TYPE_LABELS,
    Filters,
    SearchQueryError,
    doc_type_label,
    validate_query,
)
from dwarsverband.knowledge.services import megabytes
from dwarsverband.organisations.models import Organisation
from dwarsverband.programmes.models import Theme

UNKNOWN_FILTER = _(
    "‘%(value)s’ bestaat niet als filter. Klik op Zoeken om zonder dit filter te zoeken."
)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoekterm"),
        required=False,
        help_text=_("Bijvoorbeeld: samenwerking arbeidsmarkt, woningcorporaties, Gouda."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    soort = forms.ChoiceField(
        label=_("Soort"),
        choices=[("", ""), *((value, value) for value in DOC_TYPE_LABELS)],
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": UNKNOWN_FILTER},
    )
    thema = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": UNKNOWN_FILTER},
    )
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": UNKNOWN_FILTER},
    )
    jaar = forms.IntegerField(
        label=_("Jaar"),
        required=False,
        min_value=1900,
        max_value=2100,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("Het jaar moet een jaartal zijn, zoals 2018."),
            "min_value": _("Het jaar moet een jaartal zijn, zoals 2018."),
            "max_value": _("Het jaar moet een jaartal zijn, zoals 2018."),
        },
    )

    def clean_q(self) -> str:
        query = str(self.cleaned_data.get("q") or "")
        try:
            return validate_query(query)
        except SearchQueryError as error:
            raise forms.ValidationError(str(error)) from error

    def filters(self) -> Filters:
        data = self.cleaned_data
        theme, organisation = data.get("thema"), data.get("organisatie")
        return Filters(
            doc_type=data.get("soort") or "",
            theme=theme.slug if theme else "",
            organisation=organisation.slug if organisation else "",
            year=data.get("jaar") or None,
        )

    def active_filters(self) -> list[tuple[str, str, str]]:
        """The filters in force as (parameter, label, value shown), so each can be removed
        even when it leaves no results and so no facet to click."""
        data = self.cleaned_data
        shown = {
            "soort": doc_type_label(data["soort"]) if data.get("soort") else "",
            "thema": data["thema"].name if data.get("thema") else "",
            "organisatie": data["organisatie"].name if data.get("organisatie") else "",
            "jaar": str(data["jaar"]) if data.get("jaar") else "",
        }
        return [
            (name, str(self.fields[name].label), value) for name, value in shown.items() if value
        ]


class PublicationUploadForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    kind = forms.ChoiceField(label=_("Soort"), choices=PublicationKind.choices)
    authors = forms.CharField(
        label=_("Auteurs"),
        max_length=500,
        required=False,
        help_text=_("Namen van de auteurs, gescheiden door komma's."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisaties"),
        queryset=Organisation.objects.exclude(kind="municipality").order_by("name"),
        required=False,
        help_text=_("Organisaties die de publicatie uitgaven of schreven."),
    )
    published_on = forms.DateField(
        label=_("Datum van verschijnen"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"), queryset=Theme.objects.order_by("name"), required=False
    )
    summary = forms.CharField(label=_("Samenvatting"), required=False, widget=forms.Textarea)
    visibility = forms.ChoiceField(
        label=_("Zichtbaarheid"), choices=Visibility.choices, initial=Visibility.PUBLIC
    )
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "PDF met tekstlaag, Markdown (.md) of HTML (.html), hooguit %(max)s MB. De tekst "
            "wordt verdeeld in genummerde passages; die kunt u daarna corrigeren."
        )
        % {"max": MAX_UPLOAD_BYTES // 1024 // 1024},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.md,.markdown,.html,.htm"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Het bestand is %(size)s MB; het maximum is %(max)s MB.")
                % {"size": megabytes(upload.size), "max": MAX_UPLOAD_BYTES // 1024 // 1024}
            )
        return upload


class PassageEditForm(forms.Form):
    passage_id = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.CharField(label=_("Nummer"), max_length=20)
    chapter = forms.CharField(label=_("Hoofdstuk of paragraaf"), max_length=300, required=False)
    page = forms.IntegerField(label=_("Pagina"), required=False, min_value=1, max_value=100000)
    text = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Zet een regel met alleen --- waar de passage gesplitst moet worden."),
    )
    merge_with_previous = forms.BooleanField(
        label=_("Samenvoegen met de vorige passage"), required=False
    )
    delete = forms.BooleanField(label=_("Verwijderen"), required=False)


PassageFormSet = forms.formset_factory(PassageEditForm, extra=0, max_num=5000, absolute_max=5000)


def role_slug(role: str) -> str:
    """The Dutch name of a role as used in web addresses and file names: "wethouder"."""
    with translation.override("nl"):
        return slugify(str(AdviceRole(role).label))


class RoleField(forms.ChoiceField):
    """A role, given as its value ("alderman") or its Dutch name ("wethouder"), so that
    a web address someone types or shares in Dutch works too."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value).strip()
        by_name = {role_slug(role): role for role in AdviceRole.values}
        return by_name.get(slugify(text), text)

    def prepare_value(self, value: Any) -> Any:
        # The select shows the role chosen by its Dutch name as selected too.
        return self.to_python(value) if isinstance(value, str) else value


class RoleForm(forms.Form):
    rol = RoleField(
        label=_("Advies voor"),
        choices=[("", _("alle rollen")), *AdviceRole.choices],
        required=False,
        error_messages={
            "invalid_choice": _(
                "De rol ‘%(value)s’ kennen we niet. Kies burgemeester, wethouder, raadslid of "
                "ambtenaar; u ziet nu het advies voor alle rollen."
            )
        },
    )
