from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dwarsverband.communities.constants import MeetingKind, MeetingStatus
from dwarsverband.communities.models import AgendaItem, Case, Community, Meeting
from dwarsverband.organisations.models import Organisation

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CommunityForm(forms.ModelForm[Community]):
    class Meta:
        model = Community
        fields = [
            "title",
            "kind",
            "status",
            "description",
            "themes",
            "region",
            "organiser",
            "partners",
            "max_members",
            "planned_meetings",
        ]
        widgets = {"themes": forms.CheckboxSelectMultiple, "partners": forms.SelectMultiple}


class MembershipApplyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.order_by("name"),
        help_text=_("De gemeente of organisatie namens wie u meedoet."),
    )
    motivation = forms.CharField(
        label=_("Motivatie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Waarom wilt u meedoen en wat brengt u in?"),
    )


class MeetingForm(forms.ModelForm[Meeting]):
    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "address",
            "host",
            "takes_registrations",
            "capacity",
            "registration_deadline",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "registration_deadline": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, hosts: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        host = self.fields["host"]
        assert isinstance(host, forms.ModelChoiceField)
        host.queryset = hosts


class AgendaItemForm(forms.ModelForm[AgendaItem]):
    link = forms.URLField(
        label=_("Link"),
        required=False,
        assume_scheme="https",
        help_text=_("Een publicatie of andere bron bij dit agendapunt."),
    )

    class Meta:
        model = AgendaItem
        fields = ["pillar", "title", "duration_minutes", "lead", "case", "link"]

    def __init__(self, *args: Any, cases: QuerySet[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        case = self.fields["case"]
        assert isinstance(case, forms.ModelChoiceField)
        case.queryset = cases


class CaseForm(forms.ModelForm[Case]):
    class Meta:
        model = Case
        fields = ["title", "question", "context"]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 3}),
            "context": forms.Textarea(attrs={"rows": 6}),
        }


class CaseScheduleForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Bijeenkomst"),
        queryset=Meeting.objects.none(),
        help_text=_("In het intervisiedeel van deze bijeenkomst wordt de casus besproken."),
    )

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ModelChoiceField)
        meeting.queryset = community.meetings.filter(kind=MeetingKind.SERIES).exclude(
            status=MeetingStatus.CANCELLED
        )


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200, help_text=_("Voor- en achternaam."))
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Hierheen sturen we de bevestiging en uw persoonlijke afmeldlink."),
    )
    organisation_name = forms.CharField(
        label=_("Organisatie"), max_length=200, help_text=_("Organisatie waarvoor u werkt.")
    )
    function = forms.CharField(
        label=_("Functie"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld 'beleidsadviseur wonen'."),
    )
    consent = forms.BooleanField(
        label=_("Ik ga akkoord met de privacyverklaring"),
        help_text=_(
            "We gebruiken uw gegevens alleen voor deze bijeenkomst en verwijderen ze na afloop "
            "van de leerkring, zodra de bewaartermijn voorbij is."
        ),
        error_messages={"required": _("Ga akkoord met de privacyverklaring om u aan te melden.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"
        self.fields["function"].widget.attrs["autocomplete"] = "organization-title"
