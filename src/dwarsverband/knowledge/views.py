from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dwarsverband.common.ratelimits import SEARCH, SEARCH_GROUP, limit
from dwarsverband.knowledge import searching, selectors, services
from dwarsverband.knowledge.constants import AdviceRole
from dwarsverband.knowledge.forms import (
    PassageFormSet,
    PublicationUploadForm,
    RoleForm,
    SearchForm,
    role_slug,
)
from dwarsverband.knowledge.models import Publication
from dwarsverband.organisations.permissions import user_is_coordinator


def knowledge_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "knowledge/pages/knowledge_home.html",
        {
            "publications": selectors.publication_list(user=request.user),
            "roadmaps": selectors.roadmap_list(),
            "can_add": user_is_coordinator(request.user),
        },
    )


@limit(SEARCH, group=SEARCH_GROUP)
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    active_filters: list[tuple[str, str, str]] = []
    if request.GET and form.is_valid():
        active_filters = form.active_filters()
        try:
            results = searching.search(
                query=form.cleaned_data["q"],
                user=request.user,
                filters=form.filters(),
                page_number=request.GET.get("pagina"),
            )
        except searching.SearchQueryError as error:
            form.add_error("q", str(error))
    template = "knowledge/pages/search.html"
    if getattr(request, "htmx", False) and not request.htmx.boosted:  # type: ignore[attr-defined]
        template = "knowledge/partials/search_results.html"
    return render(
        request,
        template,
        {
            "form": form,
            "results": results,
            "active_filters": active_filters,
            "submitted": bool(request.GET),
        },
    )


def publication_detail(request: HttpRequest, slug: str) -> HttpResponse:
    publication = selectors.publication_get(user=request.user, slug=slug)
    if publication is None:
        raise Http404
    return render(
        request,
        "knowledge/pages/publication_detail.html",
        {"publication": publication, "can_edit": user_is_coordinator(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def publication_create(request: HttpRequest) -> HttpResponse:
    if not user_is_coordinator(request.user):
        raise PermissionDenied
    form = PublicationUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            publication = services.publication_create(
                user=request.user,
                title=data["title"],
                kind=data["kind"],
                data=data,
                filename=upload.name,
                content=upload.read(),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("De publicatie is toegevoegd met %(count)s passages. Controleer de verdeling.")
                % {"count": publication.passages.count()},
            )
            return redirect("knowledge:passages-edit", slug=publication.slug)
    return render(request, "knowledge/pages/publication_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def passages_edit(request: HttpRequest, slug: str) -> HttpResponse:
    if not user_is_coordinator(request.user):
        raise PermissionDenied
    publication = get_object_or_404(Publication, slug=slug)
    passages = list(publication.passages.order_by("position"))
    initial = [
        {
            "passage_id": p.pk,
            "number": p.number,
            "chapter": p.chapter,
            "page": p.page,
            "text": p.text,
        }
        for p in passages
    ]
    formset = PassageFormSet(request.POST or None, initial=initial, prefix="passages")
    error_message = ""
    stale = _(
        "De passages zijn intussen door iemand anders gewijzigd, of het formulier is niet "
        "volledig verstuurd. Laad de pagina opnieuw; er is niets opgeslagen."
    )
    if request.method == "POST" and not formset.is_valid():
        # The passage ids and the form count are hidden; an error there has no field to be
        # shown at.
        if not formset.management_form.is_valid() or any(
            "passage_id" in form.errors for form in formset.forms
        ):
            error_message = stale
    elif request.method == "POST":
        known = [p.pk for p in passages]
        edits = [
            services.PassageEdit(
                passage_id=form.cleaned_data["passage_id"],
                number=form.cleaned_data["number"],
                chapter=form.cleaned_data.get("chapter") or "",
                page=form.cleaned_data.get("page"),
                text=form.cleaned_data["text"],
                merge_with_previous=form.cleaned_data.get("merge_with_previous", False),
                delete=form.cleaned_data.get("delete", False),
            )
            for form in formset
            if form.cleaned_data
        ]
        if sorted(edit.passage_id for edit in edits) != sorted(known):  # each once
            error_message = stale
        else:
            try:
                services.passages_update(user=request.user, publication=publication, edits=edits)
            except ValidationError as error:
                error_message = " ".join(error.messages)
            else:
                messages.success(request, _("De passages zijn opgeslagen."))
                return redirect(publication)
    return render(
        request,
        "knowledge/pages/passages_edit.html",
        {"publication": publication, "formset": formset, "error_message": error_message},
    )


@login_required
@require_http_methods(["GET", "POST"])
def publication_delete(request: HttpRequest, slug: str) -> HttpResponse:
    if not user_is_coordinator(request.user):
        raise PermissionDenied
    publication = get_object_or_404(Publication, slug=slug)
    error_message = ""
    if request.method == "POST":
        try:
            services.publication_delete(user=request.user, publication=publication)
        except ValidationError as error:
            error_message = " ".join(error.messages)
        else:
            messages.success(request, _("De publicatie is verwijderd."))
            return redirect("knowledge:knowledge-home")
    return render(
        request,
        "knowledge/pages/publication_confirm_delete.html",
        {"publication": publication, "error_message": error_message},
    )


def _roadmap_context(request: HttpRequest, slug: str) -> dict[str, object]:
    form = RoleForm(request.GET or None)
    role = form.cleaned_data["rol"] if form.is_valid() else ""
    found = selectors.roadmap_get(slug=slug, role=role or None, user=request.user)
    if found is None:
        raise Http404
    roadmap, signposts = found
    return {
        "roadmap": roadmap,
        "publication": selectors.roadmap_publication(user=request.user, roadmap=roadmap),
        "signposts": signposts,
        "form": form,
        "role": role,
        "role_label": AdviceRole(role).label if role else "",
        "roles": AdviceRole.choices,
    }


def roadmap_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "knowledge/pages/roadmap_detail.html", _roadmap_context(request, slug))


def roadmap_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The roadmap as a PDF handout (for one role or all), made with WeasyPrint."""
    from weasyprint import HTML

    context = _roadmap_context(request, slug)
    html = render_to_string("knowledge/pages/roadmap_handout.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slug if slug.startswith("routekaart") else f"routekaart-{slug}"
    role = role_slug(str(context["role"])) if context["role"] else "alle-rollen"
    response["Content-Disposition"] = f'attachment; filename="{name}-{role}.pdf"'
    return response
