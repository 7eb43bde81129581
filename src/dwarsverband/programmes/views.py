from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dwarsverband.common.pagination import paginate
from dwarsverband.matching import selectors as matching_selectors
from dwarsverband.organisations.models import Organisation
from dwarsverband.organisations.permissions import user_can_edit_organisation, user_is_coordinator
from dwarsverband.programmes import selectors, services
from dwarsverband.programmes.forms import (
    ProgrammeCreateForm,
    ProgrammeFilterForm,
    ProgrammeForm,
    ProgrammeImportForm,
    ProjectForm,
    ThemeForm,
)
from dwarsverband.programmes.imports import ImportFileError, programme_file_read
from dwarsverband.programmes.models import Programme, Project, Theme


def theme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programmes/pages/theme_list.html",
        {"domains": selectors.themes_by_domain(), "can_edit": user_is_coordinator(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def theme_create(request: HttpRequest) -> HttpResponse:
    if not user_is_coordinator(request.user):
        raise PermissionDenied
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        theme = services.theme_create(user=request.user, data=dict(form.cleaned_data))
        messages.success(request, _("Het thema is toegevoegd."))
        return redirect(theme)
    return render(
        request, "programmes/pages/theme_form.html", {"form": form, "title": _("Thema toevoegen")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def theme_update(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    if not user_is_coordinator(request.user):
        raise PermissionDenied
    form = ThemeForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        services.theme_update(
            user=request.user, theme=Theme.objects.get(pk=theme.pk), data=dict(form.cleaned_data)
        )
        messages.success(request, _("De wijzigingen zijn opgeslagen."))
        return redirect(theme)
    return render(
        request,
        "programmes/pages/theme_form.html",
        {"form": form, "title": _("Thema %(name)s bewerken") % {"name": theme.name}},
    )


def _editable_organisations(user: Any) -> QuerySet[Organisation]:
    if user_is_coordinator(user):
        return Organisation.objects.order_by("name")
    if getattr(user, "is_authenticated", False) and user.organisation_id:
        organisation = Organisation.objects.filter(pk=user.organisation_id)
        if organisation.exists() and user_can_edit_organisation(user, organisation.get()):
            return organisation
    return Organisation.objects.none()


def _form_error(form: forms.BaseForm, error: ValidationError) -> None:
    """A model rule the form could not check (e.g. one programme per year) shown on the form."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error)


def programme_list(request: HttpRequest) -> HttpResponse:
    years = selectors.programme_years()
    form = ProgrammeFilterForm(request.GET or None, years=years)
    organisation_slug, year = form.filters()
    page = paginate(
        request, selectors.programme_list(organisation_slug=organisation_slug, year=year)
    )
    return render(
        request,
        "programmes/pages/programme_list.html",
        {
            "form": form,
            "page": page,
            "can_add": _editable_organisations(request.user).exists(),
        },
    )


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(pk=pk)
    if programme is None:
        raise Http404
    return render(
        request,
        "programmes/pages/programme_detail.html",
        {
            "programme": programme,
            "can_edit": user_can_edit_organisation(request.user, programme.organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    organisations = _editable_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = ProgrammeCreateForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation")
        try:
            programme = services.programme_create(
                user=request.user, organisation=organisation, data=data
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Het jaarprogramma is toegevoegd."))
            return redirect(programme)
    return render(
        request,
        "programmes/pages/form.html",
        {
            "form": form,
            "title": _("Jaarprogramma toevoegen"),
            "cancel_url": reverse("programmes:programme-list"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_update(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.select_related("organisation"), pk=pk)
    if not user_can_edit_organisation(request.user, programme.organisation):
        raise PermissionDenied
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(
                user=request.user,
                programme=Programme.objects.select_related("organisation").get(pk=pk),
                data=dict(form.cleaned_data),
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(programme)
    return render(
        request,
        "programmes/pages/form.html",
        {
            "form": form,
            "title": _("%(programme)s bewerken") % {"programme": programme},
            "cancel_url": programme.get_absolute_url(),
        },
    )


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get(pk=pk)
    if project is None:
        raise Http404
    return render(
        request,
        "programmes/pages/project_detail.html",
        {
            "project": project,
            "similar": matching_selectors.similar_projects(project=project, limit=8),
            "can_edit": user_can_edit_organisation(request.user, project.programme.organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.select_related("organisation"), pk=pk)
    if not user_can_edit_organisation(request.user, programme.organisation):
        raise PermissionDenied
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(
                user=request.user, programme=programme, data=dict(form.cleaned_data)
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Het project is toegevoegd."))
            return redirect(project)
    return render(
        request,
        "programmes/pages/form.html",
        {
            "form": form,
            "title": _("Project toevoegen aan %(programme)s") % {"programme": programme},
            "cancel_url": programme.get_absolute_url(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_update(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.select_related("programme__organisation"), pk=pk)
    if not user_can_edit_organisation(request.user, project.programme.organisation):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(
                user=request.user,
                project=Project.objects.select_related("programme__organisation").get(pk=pk),
                data=dict(form.cleaned_data),
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(project)
    return render(
        request,
        "programmes/pages/form.html",
        {
            "form": form,
            "title": _("%(project)s bewerken") % {"project": project.title},
            "cancel_url": project.get_absolute_url(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_import(request: HttpRequest) -> HttpResponse:
    organisations = _editable_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = ProgrammeImportForm(
        request.POST or None, request.FILES or None, organisations=organisations
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = programme_file_read(name=upload.name, content=upload.read())
        except ImportFileError as error:
            problems = [str(error)]
        else:
            problems = result.errors
            if not problems:
                programme, created, changed = services.programme_save_rows(
                    user=request.user,
                    organisation=form.cleaned_data["organisation"],
                    year=form.cleaned_data["year"],
                    rows=result.rows,
                )
                messages.success(
                    request,
                    _("Import klaar: %(created)s projecten toegevoegd, %(changed)s gewijzigd.")
                    % {"created": created, "changed": changed},
                )
                return redirect(programme)
    return render(
        request,
        "programmes/pages/programme_import.html",
        {"form": form, "problems": problems},
        status=400 if problems else 200,
    )
