"""API v1 for organisations, regions and networks: parse input, call a selector or service."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from dwarsverband.api.fields import SlugReferenceField
from dwarsverband.api.problems import api_errors
from dwarsverband.organisations import selectors, services
from dwarsverband.organisations.constants import OrganisationKind, RegionKind
from dwarsverband.organisations.models import NetworkMembership, Organisation, Region


class RegionSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "kind"]


class OrganisationSerializer(serializers.ModelSerializer):
    alternativeNames = serializers.CharField(
        source="alternative_names", required=False, allow_blank=True, max_length=300
    )
    regions = RegionSummarySerializer(many=True, read_only=True)
    regionCodes = SlugReferenceField(
        source="regions",
        slug_field="code",
        queryset=Region.objects.all(),
        many=True,
        write_only=True,
        required=False,
    )
    url = serializers.HyperlinkedIdentityField(
        view_name="api:organisation-detail", lookup_field="slug"
    )
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    updatedAt = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "url",
            "slug",
            "name",
            "kind",
            "code",
            "abbreviation",
            "alternativeNames",
            "description",
            "website",
            "regions",
            "regionCodes",
            "createdAt",
            "updatedAt",
        ]
        read_only_fields = ["slug"]


class OrganisationFilterSerializer(serializers.Serializer):
    naam = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Deel van naam, afkorting of andere naam, of de code",
    )
    soort = serializers.ChoiceField(
        choices=OrganisationKind.choices, required=False, allow_blank=True
    )
    provincie = serializers.CharField(
        required=False, allow_blank=True, max_length=10, help_text="Provinciecode, bijv. PV28"
    )
    arbeidsmarktregio = serializers.CharField(
        required=False, allow_blank=True, max_length=10, help_text="Code, bijv. AM20"
    )
    corop = serializers.CharField(
        required=False, allow_blank=True, max_length=10, help_text="COROP-code, bijv. CR28"
    )
    netwerk = serializers.SlugField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Slug van het netwerk, bijv. g40-stedennetwerk",
    )


class OrganisationListApi(generics.ListCreateAPIView):
    serializer_class = OrganisationSerializer

    def get_queryset(self) -> QuerySet[Organisation]:
        params = OrganisationFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data: dict[str, Any] = params.validated_data
        return selectors.organisation_list(
            filters=selectors.OrganisationFilters(
                text=data.get("naam", ""),
                kind=data.get("soort", ""),
                province=data.get("provincie", ""),
                labour_market_region=data.get("arbeidsmarktregio", ""),
                corop=data.get("corop", ""),
                network=data.get("netwerk", ""),
            )
        ).order_by("name", "pk")

    @extend_schema(
        parameters=[OrganisationFilterSerializer], summary="Organisaties zoeken en filteren"
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(summary="Organisatie toevoegen (coördinator)")
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            organisation = services.organisation_create(
                user=request.user, data=dict(serializer.validated_data)
            )
        except PermissionDenied as error:
            raise ApiPermissionDenied from error
        except ValidationError as error:
            raise api_errors(error) from error
        return Response(self.get_serializer(organisation).data, status=status.HTTP_201_CREATED)


class OrganisationDetailApi(generics.RetrieveUpdateAPIView):
    serializer_class = OrganisationSerializer
    lookup_field = "slug"
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.prefetch_related("regions")

    @extend_schema(
        summary="Organisatie wijzigen (redacteur van de eigen organisatie of coördinator)"
    )
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        organisation = self.get_object()
        serializer = self.get_serializer(organisation, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            updated = services.organisation_update(
                user=request.user,
                organisation=Organisation.objects.get(pk=organisation.pk),
                data=dict(serializer.validated_data),
            )
        except PermissionDenied as error:
            raise ApiPermissionDenied from error
        except ValidationError as error:
            raise api_errors(error) from error
        return Response(self.get_serializer(updated).data)


class RegionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:region-detail", lookup_field="code")
    municipalityCount = serializers.IntegerField(source="member_count", read_only=True)

    class Meta:
        model = Region
        fields = ["url", "code", "name", "kind", "municipalityCount"]


class MunicipalitySummarySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:organisation-detail", lookup_field="slug"
    )

    class Meta:
        model = Organisation
        fields = ["url", "slug", "code", "name"]


class RegionDetailSerializer(RegionSerializer):
    municipalities = serializers.SerializerMethodField()

    class Meta(RegionSerializer.Meta):
        fields = [*RegionSerializer.Meta.fields, "municipalities"]

    def get_municipalities(self, region: Region) -> list[dict[str, Any]]:
        return MunicipalitySummarySerializer(
            selectors.region_municipalities(region=region), many=True, context=self.context
        ).data  # type: ignore[return-value]


class RegionFilterSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=RegionKind.choices, required=False, allow_blank=True)


class RegionListApi(generics.ListAPIView):
    serializer_class = RegionSerializer

    def get_queryset(self) -> QuerySet[Region]:
        params = RegionFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        regions = selectors.regions_with_member_count()
        kind = params.validated_data.get("soort")
        return regions.filter(kind=kind) if kind else regions

    @extend_schema(
        parameters=[RegionFilterSerializer],
        summary="Provincies, arbeidsmarktregio's en COROP-gebieden",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class RegionDetailApi(generics.RetrieveAPIView):
    serializer_class = RegionDetailSerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Region]:
        return selectors.regions_with_member_count()


class MembershipSerializer(serializers.ModelSerializer):
    member = MunicipalitySummarySerializer(read_only=True)
    joinedOn = serializers.DateField(source="joined_on", read_only=True)
    joinedNote = serializers.CharField(source="joined_note", read_only=True)
    leftOn = serializers.DateField(source="left_on", read_only=True)

    class Meta:
        model = NetworkMembership
        fields = ["member", "joinedOn", "joinedNote", "leftOn"]


class NetworkSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:network-detail", lookup_field="slug")
    memberCount = serializers.IntegerField(source="member_count", read_only=True)

    class Meta:
        model = Organisation
        fields = ["url", "slug", "name", "code", "description", "memberCount"]


class NetworkDetailSerializer(NetworkSerializer):
    members = serializers.SerializerMethodField()

    class Meta(NetworkSerializer.Meta):
        fields = [*NetworkSerializer.Meta.fields, "members"]

    def get_members(self, network: Organisation) -> list[dict[str, Any]]:
        return MembershipSerializer(
            selectors.network_members(network=network), many=True, context=self.context
        ).data  # type: ignore[return-value]


class NetworkListApi(generics.ListAPIView):
    serializer_class = NetworkSerializer

    def get_queryset(self) -> QuerySet[Organisation]:
        return selectors.network_list().order_by("name", "pk")


class NetworkDetailApi(generics.RetrieveAPIView):
    serializer_class = NetworkDetailSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Organisation]:
        return selectors.network_list()


api_urlpatterns: list[URLPattern] = [
    path("organisaties", OrganisationListApi.as_view(), name="organisation-list"),
    path(
        "organisaties/<slug:slug>",
        OrganisationDetailApi.as_view(),
        name="organisation-detail",
    ),
    path("regios", RegionListApi.as_view(), name="region-list"),
    path("regios/<str:code>", RegionDetailApi.as_view(), name="region-detail"),
    path("netwerken", NetworkListApi.as_view(), name="network-list"),
    path(
        "netwerken/<slug:slug>",
        NetworkDetailApi.as_view(),
        name="network-detail",
    ),
]
