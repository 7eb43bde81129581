from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dwarsverband.organisations.permissions import user_is_coordinator
from dwarsverband.programmes.models import Project
from dwarsverband.tablesessions import services
from dwarsverband.tablesessions.forms import OutcomesForm, TableSessionForm
from dwarsverband.tablesessions.models import CrossTableLink, SessionTable, TableSession


def _session(pk: int) -> TableSession:
    return get_object_or_404(
        TableSession.objects.prefetch_related(
            "organisations",
            Prefetch(
                "tables",
                queryset=SessionTable.objects.prefetch_related(
                    Prefetch(
                        "projects",
                        queryset=Project.objects.select_related("programme__organisation"),
                    ),
                    "people__organisation",
                ),
            ),
            Prefetch(
                "links",
                queryset=CrossTableLink.objects.select_related(
                    "project_a__programme__organisation",
                    "project_b__programme__organisation",
                    "table_a",
                    "table_b",
                ),
            ),
        ),
        pk=pk,
    )


def session_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "tablesessions/pages/session_list.html",
        {
            "sessions": TableSession.objects.order_by("-date"),
            "can_add": user_is_coordinator(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest) -> HttpResponse:
    if not user_is_coordinator(request.user):
        raise PermissionDenied
    form = TableSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.table_session_create(user=request.user, data=dict(form.cleaned_data))
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("De tafelsessie is aangemaakt. Deel nu de tafels in."))
            return redirect(session)
    return render(request, "tablesessions/pages/session_form.html", {"form": form})


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    return render(
        request,
        "tablesessions/pages/session_detail.html",
        {
            "session": session,
            "can_edit": user_is_coordinator(request.user),
            "outcomes_form": OutcomesForm(instance=session),
        },
    )


@login_required
@require_POST
def session_plan(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TableSession, pk=pk)
    if not user_is_coordinator(request.user):
        raise PermissionDenied
    try:
        services.table_session_plan(user=request.user, session=session)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("De tafels zijn ingedeeld."))
    return redirect(session)


@login_required
@require_POST
def session_outcomes(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TableSession, pk=pk)
    if not user_is_coordinator(request.user):
        raise PermissionDenied
    form = OutcomesForm(request.POST, instance=session)
    if form.is_valid():
        services.table_session_record_outcomes(
            user=request.user,
            session=TableSession.objects.get(pk=pk),
            outcomes=form.cleaned_data["outcomes"],
        )
        messages.success(request, _("De uitkomsten zijn opgeslagen."))
    return redirect(session)


def session_csv(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tafelsessie-{session.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("tafel"), _("naam tafel"), _("soort"), _("naam"), _("organisatie")])
    for table in session.tables.all():
        for person in table.people.all():
            writer.writerow(
                [table.number, table.name, _("specialist"), person.name, person.organisation]
            )
        for project in table.projects.all():
            writer.writerow(
                [
                    table.number,
                    table.name,
                    _("project"),
                    project.title,
                    project.programme.organisation,
                ]
            )
    return response
