from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dwarsverband.common.pagination import paginate
from dwarsverband.matching import selectors, services
from dwarsverband.matching.explanations import opportunity_explanation
from dwarsverband.matching.forms import DismissForm, OpportunityFilterForm
from dwarsverband.matching.models import Opportunity
from dwarsverband.organisations.permissions import user_can_edit_organisation, user_is_coordinator


def _can_decide(request: HttpRequest, opportunity: Opportunity) -> bool:
    return user_can_edit_organisation(
        request.user, opportunity.project_a.programme.organisation
    ) or user_can_edit_organisation(request.user, opportunity.project_b.programme.organisation)


def opportunity_list(request: HttpRequest) -> HttpResponse:
    form = OpportunityFilterForm(request.GET or None)
    filters = form.filters() if request.GET else OpportunityFilterForm({}).filters()
    page = paginate(request, selectors.opportunity_list(filters=filters), per_page=20)
    items = [
        {
            "opportunity": opportunity,
            "explanation": opportunity_explanation(opportunity),
            "can_decide": _can_decide(request, opportunity),
        }
        for opportunity in page.object_list
    ]
    template = "matching/pages/opportunity_list.html"
    if getattr(request, "htmx", False) and not request.htmx.boosted:  # type: ignore[attr-defined]
        template = "matching/partials/opportunity_results.html"
    return render(
        request,
        template,
        {"form": form, "page": page, "items": items, "dismiss_form": DismissForm()},
    )


def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get(pk=pk)
    if opportunity is None:
        raise Http404
    return render(
        request,
        "matching/pages/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "explanation": opportunity_explanation(opportunity),
            "can_decide": _can_decide(request, opportunity),
            "dismiss_form": DismissForm(),
        },
    )


def _get(pk: int) -> Opportunity:
    return get_object_or_404(
        Opportunity.objects.select_related(
            "project_a__programme__organisation", "project_b__programme__organisation"
        ),
        pk=pk,
    )


def _back(request: HttpRequest, opportunity: Opportunity) -> HttpResponse:
    target = request.POST.get("volgende", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(opportunity)


@login_required
@require_POST
def opportunity_accept(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _get(pk)
    if not _can_decide(request, opportunity):
        raise PermissionDenied
    services.opportunity_accept(user=request.user, opportunity=opportunity)
    messages.success(request, _("De kans is opgepakt en staat nu bij de opgepakte kansen."))
    return _back(request, opportunity)


@login_required
@require_POST
def opportunity_start_community(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _get(pk)
    if not user_is_coordinator(request.user):
        raise PermissionDenied
    try:
        community = services.opportunity_start_community(user=request.user, opportunity=opportunity)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(opportunity)
    messages.success(
        request,
        _(
            "De leerkring is gestart (in voorbereiding) met beide partijen en hun thema's. "
            "Vul de gegevens verder aan."
        ),
    )
    return redirect("communities:community-update", slug=community.slug)


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _get(pk)
    if not _can_decide(request, opportunity):
        raise PermissionDenied
    form = DismissForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.opportunity_dismiss(
            user=request.user, opportunity=opportunity, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            _(
                "De kans is afgewezen. Hij komt alleen terug als een van beide projecten "
                "wezenlijk verandert."
            ),
        )
        return _back(request, opportunity)
    return render(
        request,
        "matching/pages/opportunity_dismiss.html",
        {"opportunity": opportunity, "form": form},
        status=400 if request.method == "POST" else 200,
    )
