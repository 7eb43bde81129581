from __future__ import annotations

import csv
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dwarsverband.common.pagination import paginate
from dwarsverband.common.ratelimits import REGISTRATION, REGISTRATION_GROUP, limit
from dwarsverband.common.request_values import plain_id
from dwarsverband.communities import calendars, selectors, services
from dwarsverband.communities.constants import MeetingKind, MembershipStatus, RegistrationStatus
from dwarsverband.communities.forms import (
    AgendaItemForm,
    CaseForm,
    CaseScheduleForm,
    CommunityForm,
    MeetingForm,
    MembershipApplyForm,
    RegistrationForm,
)
from dwarsverband.communities.models import AgendaItem, Case, Community, Meeting, Membership
from dwarsverband.communities.permissions import (
    user_can_manage_community,
    user_is_member,
    user_sees_internal_pages,
)
from dwarsverband.organisations.permissions import user_is_coordinator


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _form_error(form: forms.BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error)


def _community(slug: str) -> Community:
    community = selectors.community_get(slug=slug)
    if community is None:
        raise Http404
    return community


def _managed_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("community", "host"), pk=pk)
    if not user_can_manage_community(request.user, meeting.community):
        raise PermissionDenied
    return meeting


def _form_page(
    request: HttpRequest, form: forms.BaseForm, title: str, cancel_url: str, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "communities/pages/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url},
        status=status,
    )


# Communities ---------------------------------------------------------------------------------


def community_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "communities/pages/community_list.html",
        {
            "page": paginate(request, selectors.community_list()),
            "can_add": user_is_coordinator(request.user),
        },
    )


def community_detail(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(slug)
    internal = user_sees_internal_pages(request.user, community)
    can_manage = user_can_manage_community(request.user, community)
    meetings = list(selectors.community_meetings(community))
    own_membership = (
        community.memberships.filter(user=request.user).first()
        if request.user.is_authenticated
        else None
    )
    context: dict[str, Any] = {
        "community": community,
        "information_meetings": [m for m in meetings if m.kind == MeetingKind.INFORMATION],
        "series": [m for m in meetings if m.kind == MeetingKind.SERIES],
        "members": selectors.memberships(community, request.user).filter(
            status=MembershipStatus.ACCEPTED
        ),
        "internal": internal,
        "can_manage": can_manage,
        "own_membership": own_membership,
        "feed_url": _base_url(request) + calendars.community_feed_path(community),
        "rotation": services.host_rotation_propose(community=community) if can_manage else [],
    }
    if internal:
        context["attendance_meetings"], context["attendance_rows"] = selectors.attendance_overview(
            community
        )
    return render(request, "communities/pages/community_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def community_create(request: HttpRequest) -> HttpResponse:
    if not user_is_coordinator(request.user):
        raise PermissionDenied
    form = CommunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            community = services.community_create(user=request.user, data=dict(form.cleaned_data))
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("De leerkring is aangemaakt."))
            return redirect(community)
    return _form_page(request, form, _("Leerkring starten"), reverse("communities:community-list"))


@login_required
@require_http_methods(["GET", "POST"])
def community_update(request: HttpRequest, slug: str) -> HttpResponse:
    community = get_object_or_404(Community, slug=slug)
    if not user_can_manage_community(request.user, community):
        raise PermissionDenied
    form = CommunityForm(request.POST or None, instance=community)
    if request.method == "POST" and form.is_valid():
        try:
            community = services.community_update(
                user=request.user,
                community=Community.objects.get(pk=community.pk),
                data=dict(form.cleaned_data),
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(community)
    return _form_page(
        request,
        form,
        _("%(title)s bewerken") % {"title": community.title},
        community.get_absolute_url(),
    )


@require_GET
def community_feed(request: HttpRequest, slug: str) -> HttpResponse:
    community = get_object_or_404(Community, slug=slug)
    response = HttpResponse(
        calendars.community_feed(community, base_url=_base_url(request)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{community.slug}.ics"'
    return response


# Membership ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def membership_apply(request: HttpRequest, slug: str) -> HttpResponse:
    community = get_object_or_404(Community, slug=slug)
    user: Any = request.user
    form = MembershipApplyForm(request.POST or None, initial={"organisation": user.organisation})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_apply(
                user=user,
                community=community,
                organisation=form.cleaned_data["organisation"],
                motivation=form.cleaned_data["motivation"],
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("Uw aanvraag is verstuurd. De coördinator laat u weten of u mee kunt doen."),
            )
            return redirect(community)
    return _form_page(
        request,
        form,
        _("Deelnemen aan %(title)s") % {"title": community.title},
        community.get_absolute_url(),
    )


@login_required
def membership_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(slug)
    if not user_can_manage_community(request.user, community):
        raise PermissionDenied
    return render(
        request,
        "communities/pages/membership_list.html",
        {"community": community, "memberships": selectors.memberships(community, request.user)},
    )


@login_required
@require_POST
def membership_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("community"), pk=pk, community__slug=slug
    )
    if not user_can_manage_community(request.user, membership.community):
        raise PermissionDenied
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        messages.error(request, _("Kies accepteren of afwijzen."))
    else:
        try:
            services.membership_decide(
                user=request.user, membership=membership, accept=decision == "accept"
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Het besluit is opgeslagen."))
    return redirect("communities:membership-list", slug=slug)


# Meetings ------------------------------------------------------------------------------------


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    if meeting is None:
        raise Http404
    return _meeting_page(request, meeting, RegistrationForm())


def _meeting_page(
    request: HttpRequest, meeting: Meeting, form: RegistrationForm, status: int = 200
) -> HttpResponse:
    community = meeting.community
    internal = user_sees_internal_pages(request.user, community)
    return render(
        request,
        "communities/pages/meeting_detail.html",
        {
            "meeting": meeting,
            "community": community,
            "agenda": meeting.agenda_items.select_related("case", "project"),
            "internal": internal,
            "can_manage": user_can_manage_community(request.user, community),
            "closed_reason": services.registration_closed_reason(meeting)
            if meeting.takes_registrations
            else "",
            "seats_left": (
                max(meeting.capacity - getattr(meeting, "confirmed_count", 0), 0)
                if meeting.capacity is not None
                else None
            ),
            "form": form,
        },
        status=status,
    )


@limit(REGISTRATION, method="POST", group=REGISTRATION_GROUP)
@require_http_methods(["GET", "POST"])
def registration_create(request: HttpRequest, pk: int) -> HttpResponse:
    # The seat counts are only needed to show the page again; the service counts under lock.
    meeting = get_object_or_404(Meeting, pk=pk)
    if request.method == "GET":
        return redirect(reverse("communities:meeting-detail", kwargs={"pk": pk}) + "#aanmelden")
    form = RegistrationForm(request.POST)
    if form.is_valid():
        try:
            registration = services.registration_create(
                meeting=meeting, base_url=_base_url(request), **form.cleaned_data
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            token = services.registration_token(registration)
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(
                    request,
                    _("U bent aangemeld. U krijgt een bevestiging per e-mail met uw afmeldlink."),
                )
            else:
                messages.warning(
                    request,
                    _(
                        "De bijeenkomst is vol: u staat op de wachtlijst. Komt er een plaats vrij, "
                        "dan krijgt u bericht per e-mail."
                    ),
                )
            return redirect("communities:registration-manage", token=token)
    shown = selectors.meeting_get(pk=pk)
    if shown is None:
        raise Http404
    return _meeting_page(request, shown, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(slug)
    if not user_can_manage_community(request.user, community):
        raise PermissionDenied
    rotation = services.host_rotation_propose(community=community)
    initial = {"host": rotation[0] if rotation else None, "kind": MeetingKind.SERIES}
    form = MeetingForm(
        request.POST or None, initial=initial, hosts=selectors.all_host_choices(community)
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                user=request.user, community=community, data=dict(form.cleaned_data)
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("De bijeenkomst is toegevoegd."))
            return redirect(meeting)
    return _form_page(
        request,
        form,
        _("Bijeenkomst toevoegen aan %(title)s") % {"title": community.title},
        community.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_update(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    form = MeetingForm(
        request.POST or None,
        instance=meeting,
        hosts=selectors.all_host_choices(meeting.community),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                user=request.user,
                meeting=Meeting.objects.get(pk=pk),
                data=dict(form.cleaned_data),
                base_url=_base_url(request),
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect("communities:meeting-detail", pk=pk)
    return _form_page(
        request,
        form,
        _("%(title)s bewerken") % {"title": meeting.title},
        reverse("communities:meeting-detail", kwargs={"pk": pk}),
    )


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    services.meeting_cancel(user=request.user, meeting=meeting)
    messages.success(request, _("De bijeenkomst is geannuleerd; agenda's nemen dat over."))
    return redirect("communities:meeting-detail", pk=pk)


@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("community", "host"), pk=pk)
    response = HttpResponse(
        calendars.meeting_ics(meeting, base_url=_base_url(request)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{meeting.pk}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    form = AgendaItemForm(request.POST or None, cases=meeting.community.cases.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(
                user=request.user, meeting=meeting, data=dict(form.cleaned_data)
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Het agendapunt is toegevoegd."))
            return redirect("communities:meeting-detail", pk=pk)
    return _form_page(
        request,
        form,
        _("Agendapunt toevoegen aan %(title)s") % {"title": meeting.title},
        reverse("communities:meeting-detail", kwargs={"pk": pk}),
    )


def _managed_agenda_item(request: HttpRequest, pk: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__community", "case"), pk=pk)
    if not user_can_manage_community(request.user, item.meeting.community):
        raise PermissionDenied
    return item


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_update(request: HttpRequest, pk: int) -> HttpResponse:
    item = _managed_agenda_item(request, pk)
    meeting = item.meeting
    # The form validates a copy: the service compares the stored item with the new values.
    form = AgendaItemForm(
        request.POST or None,
        instance=AgendaItem.objects.get(pk=item.pk),
        cases=meeting.community.cases.all(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(user=request.user, item=item, data=dict(form.cleaned_data))
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Het agendapunt is bijgewerkt."))
            return redirect("communities:meeting-detail", pk=meeting.pk)
    return _form_page(
        request,
        form,
        _("Agendapunt bewerken: %(title)s") % {"title": item.title},
        reverse("communities:meeting-detail", kwargs={"pk": meeting.pk}),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = _managed_agenda_item(request, pk)
    meeting = item.meeting
    if request.method == "POST":
        services.agenda_item_delete(user=request.user, item=item)
        messages.success(
            request, _("Het agendapunt „%(title)s” is verwijderd.") % {"title": item.title}
        )
        return redirect("communities:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "communities/pages/agenda_item_delete.html",
        {"item": item, "meeting": meeting, "community": meeting.community},
    )


@login_required
@require_POST
def agenda_item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = _managed_agenda_item(request, pk)
    direction = request.POST.get("richting", "")
    if direction not in ("omhoog", "omlaag"):
        messages.error(
            request, _("Geef aan of het agendapunt omhoog of omlaag moet worden verplaatst.")
        )
    else:
        services.agenda_item_move(user=request.user, item=item, up=direction == "omhoog")
    return redirect(
        reverse("communities:meeting-detail", kwargs={"pk": item.meeting_id}) + "#programma"
    )


# Registrations for coordinators --------------------------------------------------------------


@login_required
def registration_list(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    return render(
        request,
        "communities/pages/registration_list.html",
        {"meeting": meeting, "registrations": meeting.registrations.order_by("status", "pk")},
    )


@login_required
def registration_export(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="aanmeldingen-{meeting.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Naam"),
            _("E-mailadres"),
            _("Organisatie"),
            _("Functie"),
            _("Status"),
            _("Aangemeld op"),
        ]
    )
    for registration in meeting.registrations.order_by("status", "pk"):
        writer.writerow(
            [
                _csv_safe(registration.name),
                _csv_safe(registration.email),
                _csv_safe(registration.organisation_name),
                _csv_safe(registration.function),
                registration.get_status_display(),
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@login_required
@require_http_methods(["GET", "POST"])
def attendance_list(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    if request.method == "POST":
        present_ids = [plain_id(value) for value in request.POST.getlist("present")]
        if None in present_ids:
            messages.error(request, _("De presentielijst bevat een ongeldige keuze."))
        else:
            try:
                count = services.attendance_record(
                    user=request.user,
                    meeting=meeting,
                    present_ids=[pk for pk in present_ids if pk is not None],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request, _("Aanwezigheid opgeslagen: %(count)s aanwezig.") % {"count": count}
                )
                return redirect("communities:attendance-list", pk=pk)
    if meeting.takes_registrations:
        people = [
            (r.pk, r.name, r.organisation_name, r.attended)
            for r in meeting.registrations.filter(status=RegistrationStatus.CONFIRMED).order_by(
                "name"
            )
        ]
    else:
        marks = dict(meeting.attendances.values_list("membership_id", "present"))
        people = [
            (m.pk, m.user.get_full_name() or m.user.username, m.organisation.name, marks.get(m.pk))
            for m in meeting.community.memberships.filter(
                status=MembershipStatus.ACCEPTED
            ).select_related("user", "organisation")
        ]
    return render(
        request, "communities/pages/attendance_list.html", {"meeting": meeting, "people": people}
    )


# The registrant's own page, through the signed link ------------------------------------------


@require_http_methods(["GET", "POST"])
def registration_manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        registration = services.registration_from_token(token)
    except ValidationError as error:
        return render(
            request,
            "communities/pages/registration_invalid.html",
            {"reason": " ".join(error.messages)},
            status=404 if error.code == "gone" else 400,
        )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel":
            services.registration_cancel(registration=registration, base_url=_base_url(request))
            messages.success(request, _("U bent afgemeld. U krijgt hiervan een bevestiging."))
            return redirect("communities:registration-manage", token=token)
        if action == "delete":
            meeting = registration.meeting
            services.registration_delete(registration=registration, base_url=_base_url(request))
            messages.success(request, _("Uw aanmelding en uw gegevens zijn verwijderd."))
            return redirect(meeting)
        messages.error(request, _("Kies afmelden of gegevens verwijderen."))
    return render(
        request,
        "communities/pages/registration_manage.html",
        {"registration": registration, "meeting": registration.meeting, "token": token},
    )


# Cases ---------------------------------------------------------------------------------------


@login_required
def case_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(slug)
    if not user_sees_internal_pages(request.user, community):
        raise PermissionDenied
    return render(
        request,
        "communities/pages/case_list.html",
        {
            "community": community,
            "cases": community.cases.select_related("meeting", "submitted_by"),
            "can_submit": user_is_member(request.user, community)
            or user_can_manage_community(request.user, community),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_submit(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(slug)
    if not user_sees_internal_pages(request.user, community):
        raise PermissionDenied
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_submit(
                user=request.user, community=community, data=dict(form.cleaned_data)
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Uw casus is ingediend."))
            return redirect(case)
    return _form_page(
        request,
        form,
        _("Casus indienen bij %(title)s") % {"title": community.title},
        reverse("communities:case-list", kwargs={"slug": slug}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    case = get_object_or_404(
        Case.objects.select_related("community", "meeting", "submitted_by"),
        pk=pk,
        community__slug=slug,
    )
    if not user_sees_internal_pages(request.user, case.community):
        raise PermissionDenied
    can_manage = user_can_manage_community(request.user, case.community)
    form = CaseScheduleForm(
        request.POST or None, community=case.community, initial={"meeting": case.meeting}
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.case_schedule(
                    user=request.user, case=case, meeting=form.cleaned_data["meeting"]
                )
            except ValidationError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("De casus is ingepland."))
                return redirect(case)
    return render(
        request,
        "communities/pages/case_detail.html",
        {"case": case, "form": form, "can_manage": can_manage},
    )


@login_required
@require_POST
def case_discussed(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    case = get_object_or_404(
        Case.objects.select_related("community", "meeting"), pk=pk, community__slug=slug
    )
    if not user_can_manage_community(request.user, case.community):
        raise PermissionDenied
    try:
        services.case_mark_discussed(user=request.user, case=case)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De casus is als besproken gemarkeerd."))
    return redirect(case)
