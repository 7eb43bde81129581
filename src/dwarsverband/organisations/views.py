from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dwarsverband.common.pagination import paginate
from dwarsverband.organisations import selectors, services
from dwarsverband.organisations.constants import RegionKind
from dwarsverband.organisations.forms import (
    OrganisationEditorForm,
    OrganisationFilterForm,
    OrganisationForm,
    PersonForm,
)
from dwarsverband.organisations.models import Organisation, Person
from dwarsverband.organisations.permissions import (
    user_can_add_organisation,
    user_can_edit_organisation,
    user_is_coordinator,
)


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    filters = form.filters() if request.GET else OrganisationFilterForm({}).filters()
    page = paginate(request, selectors.organisation_list(filters=filters))
    context = {
        "form": form,
        "page": page,
        "can_add": user_can_add_organisation(request.user),
    }
    template = "organisations/pages/organisation_list.html"
    if getattr(request, "htmx", False) and not request.htmx.boosted:  # type: ignore[attr-defined]
        template = "organisations/partials/organisation_results.html"
    return render(request, template, context)


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get(slug=slug)
    if organisation is None:
        raise Http404
    members = selectors.network_members(network=organisation) if organisation.is_network else None
    return render(
        request,
        "organisations/pages/organisation_detail.html",
        {
            "organisation": organisation,
            "members": members,
            "can_edit": user_can_edit_organisation(request.user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not user_can_add_organisation(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(user=request.user, data=form.cleaned_data)
        messages.success(request, _("De organisatie is toegevoegd."))
        return redirect(organisation)
    return render(
        request,
        "organisations/pages/organisation_form.html",
        {"form": form, "title": _("Organisatie toevoegen")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_update(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not user_can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form_class = OrganisationForm if user_is_coordinator(request.user) else OrganisationEditorForm
    form = form_class(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.organisation_update(
            user=request.user,
            organisation=Organisation.objects.get(pk=organisation.pk),
            data=dict(form.cleaned_data),
        )
        messages.success(request, _("De wijzigingen zijn opgeslagen."))
        return redirect(organisation)
    return render(
        request,
        "organisations/pages/organisation_form.html",
        {
            "form": form,
            "organisation": organisation,
            "title": _("%(name)s bewerken") % {"name": organisation.name},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not user_can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.person_create(user=request.user, organisation=organisation, data=form.cleaned_data)
        messages.success(request, _("De persoon is toegevoegd."))
        return redirect(organisation)
    return render(
        request,
        "organisations/pages/person_form.html",
        {"form": form, "organisation": organisation, "title": _("Persoon toevoegen")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_update(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=pk)
    if not user_can_edit_organisation(request.user, person.organisation):
        raise PermissionDenied
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        services.person_update(
            user=request.user,
            person=Person.objects.select_related("organisation").get(pk=person.pk),
            data=dict(form.cleaned_data),
        )
        messages.success(request, _("De wijzigingen zijn opgeslagen."))
        return redirect(person.organisation)
    return render(
        request,
        "organisations/pages/person_form.html",
        {
            "form": form,
            "organisation": person.organisation,
            "person": person,
            "title": _("%(name)s bewerken") % {"name": person.name},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_delete(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=pk)
    organisation = person.organisation
    if not user_can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    if request.method == "POST":
        services.person_delete(user=request.user, person=person)
        messages.success(request, _("De persoon is verwijderd."))
        return redirect(organisation)
    return render(
        request,
        "organisations/pages/person_confirm_delete.html",
        {"person": person, "organisation": organisation},
    )


def region_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "organisations/pages/region_list.html", {"groups": selectors.region_list()}
    )


def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = selectors.region_get(code=code)
    if region is None:
        raise Http404
    municipalities = list(selectors.region_municipalities(region=region))
    return render(
        request,
        "organisations/pages/region_detail.html",
        {
            "region": region,
            "municipalities": municipalities,
            "governing_organisation": getattr(region, "governing_organisation", None),
            "other_kinds": [
                kind
                for kind in (RegionKind.PROVINCE, RegionKind.LABOUR_MARKET, RegionKind.COROP)
                if kind != region.kind
            ],
            "partners": region.members.exclude(kind="municipality").exclude(governed_region=region),
        },
    )


def network_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "organisations/pages/network_list.html", {"networks": selectors.network_list()}
    )
