"""API v1 for collaboration opportunities (kansen): read, filter, accept and dismiss.

Accepting and dismissing are operations that do not fit create/read/update/delete; following
the Dutch API Design Rules (/core/resource-operations, API-10) they are dedicated resources
under the opportunity, named with a verb in the imperative: ``POST /kansen/{id}/oppakken`` and
``POST /kansen/{id}/afwijzen``, the same words as the pages.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from dwarsverband.api.fields import IntegerParameter
from dwarsverband.api.problems import api_errors
from dwarsverband.matching import selectors, services
from dwarsverband.matching.constants import OpportunityKind, OpportunityStatus
from dwarsverband.matching.explanations import opportunity_explanation
from dwarsverband.matching.models import Opportunity
from dwarsverband.organisations.permissions import user_can_edit_organisation
from dwarsverband.programmes.apis import ProjectSummarySerializer
from dwarsverband.programmes.constants import Domain


class SharedRegionSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField(help_text="Soort regio, bijv. province of labour_market.")


class OpportunitySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:opportunity-detail")
    projectA = ProjectSummarySerializer(source="project_a", read_only=True)
    projectB = ProjectSummarySerializer(source="project_b", read_only=True)
    offerProjectId = serializers.IntegerField(
        source="offer_project_id",
        read_only=True,
        allow_null=True,
        help_text="Bij een aanvulling: het nummer van het project met het aanbod.",
    )
    percentage = serializers.IntegerField(
        read_only=True, help_text="Tekstuele gelijkenis in procenten (0–100)."
    )
    sharedTerms = serializers.ListField(
        source="shared_terms", child=serializers.CharField(), read_only=True
    )
    sharedThemes = serializers.ListField(
        source="shared_themes", child=serializers.CharField(), read_only=True
    )
    sharedRegions = serializers.SerializerMethodField()
    sharedNetworks = serializers.ListField(
        source="shared_networks", child=serializers.CharField(), read_only=True
    )
    explanation = serializers.SerializerMethodField()
    dismissalReason = serializers.CharField(source="dismissal_reason", read_only=True)
    decidedAt = serializers.DateTimeField(source="decided_at", read_only=True, allow_null=True)
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    updatedAt = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Opportunity
        fields = [
            "url",
            "id",
            "kind",
            "status",
            "score",
            "similarity",
            "percentage",
            "projectA",
            "projectB",
            "offerProjectId",
            "sharedTerms",
            "sharedThemes",
            "sharedRegions",
            "sharedNetworks",
            "explanation",
            "dismissalReason",
            "decidedAt",
            "createdAt",
            "updatedAt",
        ]
        read_only_fields = fields

    @extend_schema_field(SharedRegionSerializer(many=True))
    def get_sharedRegions(self, opportunity: Opportunity) -> list[dict[str, str]]:
        return [{"name": str(name), "kind": str(kind)} for name, kind in opportunity.shared_regions]

    def get_explanation(self, opportunity: Opportunity) -> list[str]:
        """Why this is an opportunity, in plain Dutch (the same sentences as on the page)."""
        return [str(sentence) for sentence in opportunity_explanation(opportunity)]


class OpportunityFilterSerializer(serializers.Serializer):
    organisatie = serializers.SlugField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Slug van een van beide partijen",
    )
    thema = serializers.SlugField(
        required=False, allow_blank=True, max_length=120, help_text="Slug van het thema"
    )
    domein = serializers.ChoiceField(choices=Domain.choices, required=False, allow_blank=True)
    soort = serializers.ChoiceField(
        choices=OpportunityKind.choices, required=False, allow_blank=True
    )
    regio = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=10,
        help_text="Code van een provincie of arbeidsmarktregio, bijv. AM20",
    )
    status = serializers.ChoiceField(
        choices=OpportunityStatus.choices,
        required=False,
        allow_blank=True,
        help_text="Zonder status: voorgestelde en opgepakte kansen.",
    )
    project = IntegerParameter(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="Nummer van een van beide projecten",
    )


class DismissalSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=1000,
        help_text="Waarom de kans wordt afgewezen, bijv. 'we werken hier al samen'.",
    )


def _opportunity(pk: int) -> Opportunity:
    opportunity = selectors.opportunity_get(pk=pk)
    if opportunity is None:
        raise Http404
    return opportunity


def _require_party(user: Any, opportunity: Opportunity) -> None:
    """As on the pages: an editor of either party, or a coordinator, decides."""
    if not (
        user_can_edit_organisation(user, opportunity.project_a.programme.organisation)
        or user_can_edit_organisation(user, opportunity.project_b.programme.organisation)
    ):
        raise ApiPermissionDenied


class OpportunityListApi(generics.ListAPIView):
    serializer_class = OpportunitySerializer

    def get_queryset(self) -> QuerySet[Opportunity]:
        params = OpportunityFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data: dict[str, Any] = params.validated_data
        return selectors.opportunity_list(
            filters=selectors.OpportunityFilters(
                organisation=data.get("organisatie", ""),
                theme=data.get("thema", ""),
                domain=data.get("domein", ""),
                kind=data.get("soort", ""),
                region=data.get("regio", ""),
                status=data.get("status", ""),
                project=data.get("project"),
            )
        )

    @extend_schema(
        parameters=[OpportunityFilterSerializer],
        summary="Samenwerkingskansen, beste eerst; afgewezen kansen alleen op verzoek",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class OpportunityDetailApi(generics.RetrieveAPIView):
    serializer_class = OpportunitySerializer

    def get_object(self) -> Opportunity:
        return _opportunity(self.kwargs["pk"])


class OpportunityAcceptApi(generics.GenericAPIView):
    serializer_class = OpportunitySerializer

    @extend_schema(
        request=None,
        responses=OpportunitySerializer,
        summary="Kans oppakken (redacteur van een van beide partijen of coördinator)",
    )
    def post(self, request: Request, pk: int) -> Response:
        opportunity = _opportunity(pk)
        _require_party(request.user, opportunity)
        try:
            services.opportunity_accept(user=request.user, opportunity=opportunity)
        except PermissionDenied as error:
            raise ApiPermissionDenied from error
        return Response(self.get_serializer(_opportunity(pk)).data)


class OpportunityDismissApi(generics.GenericAPIView):
    serializer_class = DismissalSerializer

    @extend_schema(
        request=DismissalSerializer,
        responses=OpportunitySerializer,
        summary="Kans afwijzen met een reden (redacteur van een van beide partijen of coördinator)",
    )
    def post(self, request: Request, pk: int) -> Response:
        opportunity = _opportunity(pk)
        _require_party(request.user, opportunity)
        serializer = DismissalSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.opportunity_dismiss(
                user=request.user,
                opportunity=opportunity,
                reason=serializer.validated_data["reason"],
            )
        except PermissionDenied as error:
            raise ApiPermissionDenied from error
        except ValidationError as error:
            raise api_errors(error, {"dismissal_reason": "reason"}) from error
        return Response(
            OpportunitySerializer(_opportunity(pk), context=self.get_serializer_context()).data
        )


api_urlpatterns: list[URLPattern] = [
    path("kansen", OpportunityListApi.as_view(), name="opportunity-list"),
    path("kansen/<int:pk>", OpportunityDetailApi.as_view(), name="opportunity-detail"),
    path("kansen/<int:pk>/oppakken", OpportunityAcceptApi.as_view(), name="opportunity-accept"),
    path("kansen/<int:pk>/afwijzen", OpportunityDismissApi.as_view(), name="opportunity-dismiss"),
]
