from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dwarsverband.agreements import selectors, services, transfer
from dwarsverband.agreements.constants import ALLOWED_SOURCE_MODELS, DUE_SOON_DAYS
from dwarsverband.agreements.forms import (
    ActionForm,
    AgreementForm,
    CovenantForm,
    FollowUpFilterForm,
    ImportForm,
    JointAgendaForm,
    JointAmbitionForm,
    PerformanceAgreementForm,
    ProgressNoteForm,
)
from dwarsverband.agreements.models import (
    Action,
    Agreement,
    Covenant,
    JointAgenda,
    JointAmbition,
    PerformanceAgreement,
)
from dwarsverband.agreements.permissions import (
    user_can_add_agreement,
    user_can_add_covenant,
    user_can_edit_action,
    user_can_edit_agreement,
    user_can_edit_covenant,
    user_can_edit_joint_agenda,
    visible_agreements,
)
from dwarsverband.common.pagination import paginate
from dwarsverband.common.request_values import plain_id
from dwarsverband.organisations.models import Organisation
from dwarsverband.programmes.models import Theme


def _add_service_errors(form: BaseForm, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        target = field if field in form.fields else None
        for message in errors:
            form.add_error(target, message)


# --- Covenants ------------------------------------------------------------------------------


@require_GET
def covenant_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    covenants = [
        (
            covenant,
            selectors.covenant_progress(user=request.user, covenant=covenant, today=today),
        )
        for covenant in selectors.covenant_list()
    ]
    return render(
        request,
        "agreements/pages/covenant_list.html",
        {"covenants": covenants, "can_add": user_can_add_covenant(request.user)},
    )


@require_GET
def covenant_detail(request: HttpRequest, slug: str) -> HttpResponse:
    covenant = selectors.covenant_get(slug=slug)
    if covenant is None:
        raise Http404
    today = timezone.localdate()
    return render(
        request,
        "agreements/pages/covenant_detail.html",
        {
            "covenant": covenant,
            "progress": selectors.covenant_progress(
                user=request.user, covenant=covenant, today=today
            ),
            "agreements": selectors.agreements_with_progress(
                user=request.user,
                agreements=Agreement.objects.filter(covenant=covenant),
                today=today,
            ),
            "timeline": selectors.covenant_timeline(
                user=request.user, covenant=covenant, today=today
            ),
            "history": selectors.covenant_history(user=request.user, covenant=covenant),
            "can_edit": user_can_edit_covenant(request.user, covenant),
            "can_add_agreement": user_can_add_agreement(request.user),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def covenant_create(request: HttpRequest) -> HttpResponse:
    if not user_can_add_covenant(request.user):
        raise PermissionDenied
    form = CovenantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        parties = data.pop("parties")
        on_behalf = data.pop("on_behalf_of_members")
        try:
            covenant = services.covenant_create(
                user=request.user,
                data=data,
                parties=parties,
                networks_on_behalf_of_members=parties if on_behalf else [],
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Het convenant is toegevoegd."))
            return redirect(covenant)
    return render(
        request,
        "agreements/pages/form.html",
        {"form": form, "title": _("Convenant toevoegen"), "back": "agreements:covenant-list"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def covenant_update(request: HttpRequest, slug: str) -> HttpResponse:
    covenant = get_object_or_404(Covenant, slug=slug)
    if not user_can_edit_covenant(request.user, covenant):
        raise PermissionDenied
    form = CovenantForm(request.POST or None, instance=covenant, with_parties=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.covenant_update(
                user=request.user,
                covenant=Covenant.objects.get(pk=covenant.pk),
                data=dict(form.cleaned_data),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(covenant)
    return render(
        request,
        "agreements/pages/form.html",
        {
            "form": form,
            "title": _("%(title)s bewerken") % {"title": covenant.title},
            "cancel_url": covenant.get_absolute_url(),
        },
    )


# --- Agreements -----------------------------------------------------------------------------


@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.agreement_list(user=request.user))
    return render(
        request,
        "agreements/pages/agreement_list.html",
        {
            "page": page,
            "can_add": user_can_add_agreement(request.user),
            "can_import": user_can_add_agreement(request.user),
        },
    )


def _visible_agreement(request: HttpRequest, pk: int) -> Agreement:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    if agreement is None:
        # Internal agreements do not exist for those who may not see them.
        raise Http404
    return agreement


@require_GET
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _visible_agreement(request, pk)
    today = timezone.localdate()
    actions = [
        (action, selectors.follow_up_of(action, today=today)) for action in agreement.actions.all()
    ]
    source = agreement.source if agreement.source_type_id else None
    return render(
        request,
        "agreements/pages/agreement_detail.html",
        {
            "agreement": agreement,
            "actions": actions,
            "progress": selectors.agreement_progress(agreement=agreement, today=today),
            "history": selectors.agreement_history(agreement=agreement),
            "source": source,
            "source_url": getattr(source, "get_absolute_url", lambda: "")() if source else "",
            "source_kind": selectors.agreement_source_kind(agreement),
            "can_edit": user_can_edit_agreement(request.user, agreement),
            "note_form": ProgressNoteForm(initial={"written_on": today}),
        },
    )


def _source_from_query(request: HttpRequest) -> Any:
    label = request.GET.get("bron", "")
    source_id = plain_id(request.GET.get("bron_id", ""))
    if not label:
        return None
    if label not in ALLOWED_SOURCE_MODELS or source_id is None:
        raise Http404
    app_label, model = label.split(".", 1)
    content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
    if content_type is None:
        raise Http404
    model_class = content_type.model_class()
    if model_class is None:
        raise Http404
    return get_object_or_404(model_class, pk=source_id)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    if not user_can_add_agreement(request.user):
        raise PermissionDenied
    source = _source_from_query(request)
    initial: dict[str, Any] = {"agreed_on": timezone.localdate()}
    own = getattr(request.user, "organisation", None)
    if own is not None:
        initial["owner_organisation"] = own
        initial["parties"] = [own]
    covenant_slug = request.GET.get("convenant", "")
    if covenant_slug:
        covenant = get_object_or_404(Covenant, slug=covenant_slug)
        initial["covenant"] = covenant
        initial["themes"] = list(covenant.themes.all())
    agenda_id = plain_id(request.GET.get("agenda", ""))
    if agenda_id is not None:
        initial["joint_agenda"] = get_object_or_404(JointAgenda, pk=agenda_id)
    if source is not None:
        prefill = selectors.agreement_prefill_from_source(source)
        parties = prefill.pop("parties", None)
        if parties:
            initial["parties"] = parties
            if initial.get("owner_organisation") not in parties:
                initial["owner_organisation"] = parties[0]
        initial.update(prefill)
    form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        parties = data.pop("parties")
        themes = data.pop("themes")
        try:
            agreement = services.agreement_create(
                user=request.user, data=data, parties=parties, themes=themes, source=source
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("De afspraak is vastgelegd."))
            return redirect(agreement)
    return render(
        request,
        "agreements/pages/form.html",
        {
            "form": form,
            "title": _("Afspraak vastleggen"),
            "source": source,
            "cancel_url": "/afspraken",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_update(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _visible_agreement(request, pk)
    if not user_can_edit_agreement(request.user, agreement):
        raise PermissionDenied
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        parties = data.pop("parties")
        themes = data.pop("themes")
        try:
            services.agreement_update(
                user=request.user,
                agreement=Agreement.objects.get(pk=agreement.pk),
                data=data,
                parties=parties,
                themes=themes,
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(agreement)
    return render(
        request,
        "agreements/pages/form.html",
        {
            "form": form,
            "title": _("Afspraak bewerken"),
            "cancel_url": agreement.get_absolute_url(),
        },
    )


@login_required
@require_http_methods(["POST"])
def note_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _visible_agreement(request, pk)
    if not user_can_edit_agreement(request.user, agreement):
        raise PermissionDenied
    form = ProgressNoteForm(request.POST)
    if form.is_valid():
        services.progress_note_create(
            user=request.user,
            agreement=agreement,
            text=form.cleaned_data["text"],
            written_on=form.cleaned_data["written_on"],
        )
        messages.success(request, _("De voortgangsnotitie is toegevoegd."))
        return redirect(agreement)
    return render(
        request,
        "agreements/pages/form.html",
        {
            "form": form,
            "title": _("Voortgangsnotitie toevoegen"),
            "cancel_url": agreement.get_absolute_url(),
        },
        status=400,
    )


# --- Actions --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _visible_agreement(request, pk)
    if not user_can_edit_agreement(request.user, agreement):
        raise PermissionDenied
    form = ActionForm(request.POST or None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            _action, warnings = services.action_create(
                user=request.user, agreement=agreement, data=dict(form.cleaned_data)
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Het actiepunt is toegevoegd."))
            for warning in warnings:
                messages.warning(request, warning)
            return redirect(agreement)
    return render(
        request,
        "agreements/pages/form.html",
        {
            "form": form,
            "title": _("Actiepunt toevoegen"),
            "agreement": agreement,
            "cancel_url": agreement.get_absolute_url(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("agreement"), pk=pk)
    agreement = _visible_agreement(request, action.agreement_id)
    if not user_can_edit_action(request.user, action):
        raise PermissionDenied
    form = ActionForm(request.POST or None, instance=action, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            _action, warnings = services.action_update(
                user=request.user,
                action=Action.objects.select_related("agreement__covenant").get(pk=action.pk),
                data=dict(form.cleaned_data),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Het actiepunt is bijgewerkt."))
            for warning in warnings:
                messages.warning(request, warning)
            return redirect(agreement)
    return render(
        request,
        "agreements/pages/form.html",
        {
            "form": form,
            "title": _("Actiepunt bewerken"),
            "agreement": agreement,
            "cancel_url": agreement.get_absolute_url(),
        },
    )


# --- Follow-up dashboard --------------------------------------------------------------------


@require_GET
def follow_up(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    own = getattr(request.user, "organisation", None)
    if "organisatie" not in data and own is not None:
        data["organisatie"] = own.slug
    form = FollowUpFilterForm(data)
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    filters = selectors.FollowUpFilters(
        organisation=Organisation.objects.filter(slug=cleaned.get("organisatie") or "").first(),
        covenant=Covenant.objects.filter(slug=cleaned.get("convenant") or "").first(),
        theme=Theme.objects.filter(slug=cleaned.get("thema") or "").first(),
    )
    today = timezone.localdate()
    return render(
        request,
        "agreements/pages/follow_up.html",
        {
            "form": form,
            "filters": filters,
            "overview": selectors.follow_up_overview(
                user=request.user, filters=filters, today=today
            ),
            "due_soon_days": DUE_SOON_DAYS,
            "today": today,
        },
    )


# --- Export and import ----------------------------------------------------------------------


def _export_agreements(request: HttpRequest) -> Any:
    agreements = visible_agreements(request.user, Agreement.objects.all())
    covenant_slug = request.GET.get("convenant", "")
    if covenant_slug:
        agreements = agreements.filter(covenant__slug=covenant_slug)
    return transfer.export_queryset(agreements.order_by("title"))


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        transfer.export_csv(_export_agreements(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="afspraken.csv"'
    return response


@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        transfer.export_xlsx(_export_agreements(request)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="afspraken.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def agreement_import(request: HttpRequest) -> HttpResponse:
    if not user_can_add_agreement(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = transfer.agreements_import(
                user=request.user, name=upload.name, content=upload.read()
            )
        except transfer.ImportFailed as failed:
            problems = failed.problems
        else:
            messages.success(
                request,
                _("Geïmporteerd: %(agreements)d afspraken met %(actions)d actiepunten.")
                % {"agreements": result.agreements, "actions": result.actions},
            )
            for warning in result.warnings:
                messages.warning(request, warning)
            return redirect("agreements:agreement-list")
    return render(
        request,
        "agreements/pages/import.html",
        {"form": form, "problems": problems, "columns": transfer.HEADERS},
        status=400 if problems else 200,
    )


# --- Joint agendas --------------------------------------------------------------------------


@require_GET
def joint_agenda_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "agreements/pages/joint_agenda_list.html",
        {
            "agendas": selectors.joint_agenda_list(),
            "can_create": user_can_add_agreement(request.user),
        },
    )


@require_GET
def joint_agenda_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agenda = selectors.joint_agenda_get(pk=pk)
    if agenda is None:
        raise Http404
    today = timezone.localdate()
    return render(
        request,
        "agreements/pages/joint_agenda_detail.html",
        {
            "agenda": agenda,
            "years": selectors.joint_agenda_years(user=request.user, agenda=agenda, today=today),
            "can_edit": user_can_edit_joint_agenda(request.user, agenda),
            "can_add_agreement": user_can_add_agreement(request.user),
        },
    )


def _editable_agenda(request: HttpRequest, pk: int) -> JointAgenda:
    agenda = get_object_or_404(JointAgenda.objects.select_related("municipality"), pk=pk)
    if not user_can_edit_joint_agenda(request.user, agenda):
        raise PermissionDenied
    return agenda


def _form_page(request: HttpRequest, form: BaseForm, title: str, cancel_url: str) -> HttpResponse:
    return render(
        request,
        "agreements/pages/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def joint_agenda_create(request: HttpRequest) -> HttpResponse:
    if not user_can_add_agreement(request.user):
        raise PermissionDenied
    own = getattr(request.user, "organisation", None)
    initial = {"municipality": own} if own is not None and own.kind == "municipality" else {}
    form = JointAgendaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partners = data.pop("partners")
        try:
            agenda = services.joint_agenda_create(user=request.user, data=data, partners=partners)
        except ValidationError as error:
            _add_service_errors(form, error)
        except PermissionDenied:
            form.add_error(
                "municipality",
                _("U kunt alleen een gezamenlijke agenda voor uw eigen gemeente beginnen."),
            )
        else:
            messages.success(request, _("De gezamenlijke agenda is aangemaakt."))
            return redirect(agenda)
    return _form_page(
        request,
        form,
        _("Gezamenlijke agenda beginnen"),
        reverse("agreements:joint-agenda-list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def joint_agenda_update(request: HttpRequest, pk: int) -> HttpResponse:
    agenda = _editable_agenda(request, pk)
    form = JointAgendaForm(
        request.POST or None,
        instance=JointAgenda.objects.get(pk=agenda.pk),
        with_municipality=False,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partners = data.pop("partners")
        try:
            services.joint_agenda_update(
                user=request.user, agenda=agenda, data=data, partners=partners
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(agenda)
    return _form_page(
        request,
        form,
        _("%(title)s bewerken") % {"title": agenda.title},
        agenda.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def joint_ambition_edit(
    request: HttpRequest, pk: int, ambition_pk: int | None = None
) -> HttpResponse:
    agenda = _editable_agenda(request, pk)
    ambition = (
        get_object_or_404(JointAmbition, pk=ambition_pk, agenda=agenda) if ambition_pk else None
    )
    form = JointAmbitionForm(
        request.POST or None,
        instance=JointAmbition.objects.get(pk=ambition.pk) if ambition else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.joint_ambition_save(
                user=request.user, agenda=agenda, data=form.cleaned_data, ambition=ambition
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("De ambitie is opgeslagen."))
            return redirect(agenda.get_absolute_url() + "#ambities")
    title = _("Ambitie bewerken") if ambition else _("Ambitie toevoegen")
    return _form_page(request, form, f"{title}: {agenda.title}", agenda.get_absolute_url())


@login_required
@require_POST
def joint_ambition_delete(request: HttpRequest, pk: int, ambition_pk: int) -> HttpResponse:
    agenda = _editable_agenda(request, pk)
    ambition = get_object_or_404(JointAmbition, pk=ambition_pk, agenda=agenda)
    services.joint_ambition_delete(user=request.user, ambition=ambition)
    messages.success(request, _("De ambitie is verwijderd."))
    return redirect(agenda.get_absolute_url() + "#ambities")


@login_required
@require_http_methods(["GET", "POST"])
def performance_agreement_edit(
    request: HttpRequest, pk: int, record_pk: int | None = None
) -> HttpResponse:
    agenda = _editable_agenda(request, pk)
    record = (
        get_object_or_404(PerformanceAgreement, pk=record_pk, agenda=agenda) if record_pk else None
    )
    form = PerformanceAgreementForm(
        request.POST or None,
        instance=PerformanceAgreement.objects.get(pk=record.pk) if record else None,
        initial={} if record else {"year": timezone.localdate().year},
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.performance_agreement_save(
                user=request.user,
                agenda=agenda,
                data=form.cleaned_data,
                performance_agreement=record,
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("De prestatieafspraken zijn opgeslagen."))
            return redirect(agenda.get_absolute_url() + f"#jaar-{saved.year}")
    title = _("Prestatieafspraken bewerken") if record else _("Prestatieafspraken vastleggen")
    return _form_page(request, form, f"{title}: {agenda.title}", agenda.get_absolute_url())
