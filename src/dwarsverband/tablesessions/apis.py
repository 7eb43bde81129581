"""API v1 for table sessions (tafelsessies): read them, and for coordinators prepare them.

Planning the tables is an operation, not a change of fields: following the Dutch API Design
Rules (/core/resource-operations, API-10) it is a dedicated resource under the session,
``POST /tafelsessies/{id}/indelen``, the same word as on the page. Recording the outcomes is a
plain ``PATCH`` of the session's ``outcomes``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from dwarsverband.api.fields import SlugReferenceField
from dwarsverband.api.problems import api_errors
from dwarsverband.api.serializers import OrganisationSummarySerializer
from dwarsverband.organisations.models import Organisation, Person
from dwarsverband.organisations.permissions import user_is_coordinator
from dwarsverband.programmes.apis import ProjectSummarySerializer
from dwarsverband.programmes.models import Project
from dwarsverband.tablesessions import services
from dwarsverband.tablesessions.models import CrossTableLink, SessionTable, TableSession


def _write_errors(error: PermissionDenied | ValidationError) -> Exception:
    if isinstance(error, PermissionDenied):
        return ApiPermissionDenied()
    return api_errors(error, {"organisations": "organisationSlugs", "specialists": "specialistIds"})


def _sessions() -> QuerySet[TableSession]:
    return TableSession.objects.prefetch_related(
        Prefetch("organisations", queryset=Organisation.objects.order_by("name"))
    )


def _session_with_tables(pk: int) -> TableSession:
    """One session with its tables, seats and cross-table links, in a fixed number of queries."""
    projects = Project.objects.select_related("programme__organisation").order_by("title")
    session = (
        _sessions()
        .prefetch_related(
            Prefetch(
                "tables",
                queryset=SessionTable.objects.order_by("number").prefetch_related(
                    Prefetch("projects", queryset=projects),
                    Prefetch(
                        "people",
                        queryset=Person.objects.select_related("organisation").order_by("name"),
                    ),
                ),
            ),
            Prefetch(
                "links",
                queryset=CrossTableLink.objects.select_related(
                    "project_a__programme__organisation",
                    "project_b__programme__organisation",
                    "table_a",
                    "table_b",
                ).order_by("-score", "pk"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise Http404
    return session


class SpecialistSerializer(serializers.ModelSerializer):
    organisation = OrganisationSummarySerializer(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "name", "function", "organisation"]


class SessionTableSerializer(serializers.ModelSerializer):
    keyTerms = serializers.ListField(source="key_terms", child=serializers.CharField())
    projects = ProjectSummarySerializer(many=True, read_only=True)
    people = SpecialistSerializer(many=True, read_only=True)

    class Meta:
        model = SessionTable
        fields = ["number", "name", "keyTerms", "projects", "people"]


class CrossTableLinkSerializer(serializers.ModelSerializer):
    projectA = ProjectSummarySerializer(source="project_a", read_only=True)
    tableA = serializers.IntegerField(source="table_a.number", read_only=True)
    projectB = ProjectSummarySerializer(source="project_b", read_only=True)
    tableB = serializers.IntegerField(source="table_b.number", read_only=True)
    sharedTerms = serializers.ListField(source="shared_terms", child=serializers.CharField())

    class Meta:
        model = CrossTableLink
        fields = ["projectA", "tableA", "projectB", "tableB", "score", "sharedTerms"]


class TableSessionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:table-session-detail")
    organisations = OrganisationSummarySerializer(many=True, read_only=True)
    organisationSlugs = serializers.ListField(
        source="organisations",
        child=SlugReferenceField(
            slug_field="slug",
            # As on the page: only organisations with a programme form tables.
            queryset=Organisation.objects.filter(programmes__isnull=False).distinct(),
        ),
        min_length=1,
        write_only=True,
        help_text="Slugs van de deelnemende organisaties; hun jaarprogramma's vormen de tafels.",
    )
    specialistIds = serializers.PrimaryKeyRelatedField(
        source="specialists",
        queryset=Person.objects.all(),
        many=True,
        write_only=True,
        required=False,
        help_text="Nummers van de specialisten die aan tafel plaatsnemen.",
    )
    tableCount = serializers.IntegerField(source="table_count", min_value=1, max_value=30)
    maxPerTable = serializers.IntegerField(source="max_per_table", min_value=1, max_value=100)
    plannedAt = serializers.DateTimeField(source="planned_at", read_only=True, allow_null=True)
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    updatedAt = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = TableSession
        fields = [
            "url",
            "id",
            "title",
            "date",
            "organisations",
            "organisationSlugs",
            "specialistIds",
            "tableCount",
            "maxPerTable",
            "plannedAt",
            "outcomes",
            "createdAt",
            "updatedAt",
        ]
        read_only_fields = ["outcomes"]


class TableSessionDetailSerializer(TableSessionSerializer):
    tables = SessionTableSerializer(many=True, read_only=True)
    links = CrossTableLinkSerializer(
        many=True,
        read_only=True,
        help_text="De sterkste verbindingen tussen projecten aan verschillende tafels.",
    )

    class Meta(TableSessionSerializer.Meta):
        fields = [*TableSessionSerializer.Meta.fields, "tables", "links"]


class OutcomesSerializer(serializers.ModelSerializer):
    """Only the outcomes change after a session is made; the rest is in its planning."""

    class Meta:
        model = TableSession
        fields = ["outcomes"]


class TableSessionListApi(generics.ListCreateAPIView):
    serializer_class = TableSessionSerializer

    def get_queryset(self) -> QuerySet[TableSession]:
        return _sessions().order_by("-date", "title", "pk")

    @extend_schema(summary="Tafelsessies, nieuwste eerst")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(summary="Tafelsessie aanmaken (coördinator)")
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not user_is_coordinator(request.user):
            raise ApiPermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            session = services.table_session_create(
                user=request.user, data=dict(serializer.validated_data)
            )
        except (PermissionDenied, ValidationError) as error:
            raise _write_errors(error) from error
        return Response(
            TableSessionDetailSerializer(
                _session_with_tables(session.pk), context=self.get_serializer_context()
            ).data,
            status=status.HTTP_201_CREATED,
        )


class TableSessionDetailApi(generics.RetrieveUpdateAPIView):
    serializer_class = TableSessionDetailSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self) -> TableSession:
        return _session_with_tables(self.kwargs["pk"])

    @extend_schema(
        request=OutcomesSerializer,
        responses=TableSessionDetailSerializer,
        summary="Uitkomsten van een tafelsessie vastleggen (coördinator)",
    )
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        session = self.get_object()
        if not user_is_coordinator(request.user):
            raise ApiPermissionDenied
        serializer = OutcomesSerializer(session, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            services.table_session_record_outcomes(
                user=request.user,
                session=TableSession.objects.get(pk=session.pk),
                outcomes=serializer.validated_data.get("outcomes", session.outcomes),
            )
        except (PermissionDenied, ValidationError) as error:
            raise _write_errors(error) from error
        return Response(self.get_serializer(self.get_object()).data)


class TableSessionPlanApi(generics.GenericAPIView):
    serializer_class = TableSessionDetailSerializer

    @extend_schema(
        request=None,
        responses=TableSessionDetailSerializer,
        summary="Tafels (opnieuw) indelen en specialisten plaatsen (coördinator)",
    )
    def post(self, request: Request, pk: int) -> Response:
        session = _session_with_tables(pk)
        if not user_is_coordinator(request.user):
            raise ApiPermissionDenied
        try:
            services.table_session_plan(
                user=request.user, session=TableSession.objects.get(pk=session.pk)
            )
        except (PermissionDenied, ValidationError) as error:
            raise _write_errors(error) from error
        return Response(self.get_serializer(_session_with_tables(pk)).data)


api_urlpatterns: list[URLPattern] = [
    path("tafelsessies", TableSessionListApi.as_view(), name="table-session-list"),
    path("tafelsessies/<int:pk>", TableSessionDetailApi.as_view(), name="table-session-detail"),
    path("tafelsessies/<int:pk>/indelen", TableSessionPlanApi.as_view(), name="table-session-plan"),
]
