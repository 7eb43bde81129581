"""API v1 for themes, annual programmes (jaarprogramma's) and their projects.

Views parse input, call a selector or service, and render. Writes follow the pages: editors
change their own organisation's programmes and projects, coordinators everything; themes are
the coordinators'.
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

from dwarsverband.api.fields import IntegerParameter, SlugReferenceField
from dwarsverband.api.problems import api_errors
from dwarsverband.api.serializers import OrganisationSummarySerializer
from dwarsverband.organisations.models import Organisation, Region
from dwarsverband.organisations.permissions import user_can_edit_organisation, user_is_coordinator
from dwarsverband.programmes import selectors, services
from dwarsverband.programmes.constants import Domain, ProjectKind, ProjectStatus
from dwarsverband.programmes.models import Iv3Taakveld, Programme, Project, Theme


def write_errors(error: PermissionDenied | ValidationError) -> Exception:
    if isinstance(error, PermissionDenied):
        return ApiPermissionDenied()
    return api_errors(error, {"themes": "themeSlugs", "regions": "regionCodes"})


class RegionReferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name"]


class Iv3TaakveldSerializer(serializers.ModelSerializer):
    class Meta:
        model = Iv3Taakveld
        fields = ["code", "name"]


class ThemeReferenceSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:theme-detail", lookup_field="slug")

    class Meta:
        model = Theme
        fields = ["url", "slug", "name"]


class ThemeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:theme-detail", lookup_field="slug")
    iv3Taakvelden = Iv3TaakveldSerializer(source="iv3_taakvelden", many=True, read_only=True)
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    updatedAt = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Theme
        fields = [
            "url",
            "slug",
            "name",
            "domain",
            "description",
            "iv3Taakvelden",
            "createdAt",
            "updatedAt",
        ]
        read_only_fields = ["slug"]


class ThemeFilterSerializer(serializers.Serializer):
    domein = serializers.ChoiceField(choices=Domain.choices, required=False, allow_blank=True)


def _themes() -> QuerySet[Theme]:
    return Theme.objects.prefetch_related(
        Prefetch("iv3_taakvelden", queryset=Iv3Taakveld.objects.order_by("position"))
    )


class ThemeListApi(generics.ListCreateAPIView):
    serializer_class = ThemeSerializer

    def get_queryset(self) -> QuerySet[Theme]:
        params = ThemeFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        domain = params.validated_data.get("domein")
        themes = _themes().filter(domain=domain) if domain else _themes()
        return themes.order_by("name", "pk")

    @extend_schema(parameters=[ThemeFilterSerializer], summary="Thema's, per domein te filteren")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(summary="Thema toevoegen (coördinator)")
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not user_is_coordinator(request.user):
            raise ApiPermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            theme = services.theme_create(user=request.user, data=dict(serializer.validated_data))
        except (PermissionDenied, ValidationError) as error:
            raise write_errors(error) from error
        return Response(
            self.get_serializer(_themes().get(pk=theme.pk)).data, status=status.HTTP_201_CREATED
        )


class ThemeDetailApi(generics.RetrieveUpdateAPIView):
    serializer_class = ThemeSerializer
    lookup_field = "slug"
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Theme]:
        return _themes()

    @extend_schema(summary="Thema wijzigen (coördinator)")
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        theme = self.get_object()
        if not user_is_coordinator(request.user):
            raise ApiPermissionDenied
        serializer = self.get_serializer(theme, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            services.theme_update(
                user=request.user,
                theme=Theme.objects.get(pk=theme.pk),
                data=dict(serializer.validated_data),
            )
        except (PermissionDenied, ValidationError) as error:
            raise write_errors(error) from error
        return Response(self.get_serializer(_themes().get(pk=theme.pk)).data)


class ProgrammeSummarySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:programme-detail")

    class Meta:
        model = Programme
        fields = ["url", "id", "year", "title"]


class ProjectSummarySerializer(serializers.ModelSerializer):
    """A project as other resources refer to it: where it is and whose it is."""

    url = serializers.HyperlinkedIdentityField(view_name="api:project-detail")
    organisation = OrganisationSummarySerializer(source="programme.organisation", read_only=True)

    class Meta:
        model = Project
        fields = ["url", "id", "title", "organisation"]


class ProgrammeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:programme-detail")
    organisation = OrganisationSummarySerializer(read_only=True)
    organisationSlug = SlugReferenceField(
        source="organisation",
        slug_field="slug",
        queryset=Organisation.objects.all(),
        write_only=True,
        help_text="Slug van de organisatie van wie het jaarprogramma is.",
    )
    projectCount = serializers.IntegerField(source="project_count", read_only=True)
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    updatedAt = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Programme
        fields = [
            "url",
            "id",
            "organisation",
            "organisationSlug",
            "year",
            "title",
            "description",
            "projectCount",
            "createdAt",
            "updatedAt",
        ]
        # One programme per organisation and year: the service's model validation checks it.
        validators: list[Any] = []


class ProgrammeDetailSerializer(ProgrammeSerializer):
    projects = ProjectSummarySerializer(many=True, read_only=True)

    class Meta(ProgrammeSerializer.Meta):
        fields = [
            name
            for name in [*ProgrammeSerializer.Meta.fields, "projects"]
            if name != "organisationSlug"
        ]


class ProgrammeFilterSerializer(serializers.Serializer):
    organisatie = serializers.SlugField(
        required=False, allow_blank=True, max_length=200, help_text="Slug van de organisatie"
    )
    jaar = IntegerParameter(required=False, min_value=2000, max_value=2100)


def _may_add_programmes(user: Any) -> bool:
    """As on the pages: coordinators for every organisation, editors for their own."""
    if user_is_coordinator(user):
        return True
    organisation = getattr(user, "organisation", None)
    return organisation is not None and user_can_edit_organisation(user, organisation)


class ProgrammeListApi(generics.ListCreateAPIView):
    serializer_class = ProgrammeSerializer

    def get_queryset(self) -> QuerySet[Programme]:
        params = ProgrammeFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data: dict[str, Any] = params.validated_data
        return selectors.programme_list(
            organisation_slug=data.get("organisatie", ""), year=data.get("jaar")
        ).order_by("-year", "organisation__name", "pk")

    @extend_schema(parameters=[ProgrammeFilterSerializer], summary="Jaarprogramma's")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Jaarprogramma toevoegen (redacteur van de eigen organisatie of coördinator)"
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not _may_add_programmes(request.user):
            raise ApiPermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        try:
            programme = services.programme_create(
                user=request.user, organisation=organisation, data=data
            )
        except (PermissionDenied, ValidationError) as error:
            raise write_errors(error) from error
        created = selectors.programme_list().get(pk=programme.pk)
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)


class ProgrammeDetailApi(generics.RetrieveUpdateAPIView):
    serializer_class = ProgrammeDetailSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self) -> Programme:
        programme = selectors.programme_get(pk=self.kwargs["pk"])
        if programme is None:
            raise Http404
        programme.project_count = len(programme.projects.all())  # type: ignore[attr-defined]
        return programme

    @extend_schema(
        summary="Jaarprogramma wijzigen (redacteur van de eigen organisatie of coördinator)"
    )
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        programme = self.get_object()
        if not user_can_edit_organisation(request.user, programme.organisation):
            raise ApiPermissionDenied
        serializer = self.get_serializer(programme, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            services.programme_update(
                user=request.user,
                programme=Programme.objects.select_related("organisation").get(pk=programme.pk),
                data=dict(serializer.validated_data),
            )
        except (PermissionDenied, ValidationError) as error:
            raise write_errors(error) from error
        return Response(self.get_serializer(self.get_object()).data)


class ProjectSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:project-detail")
    programme = ProgrammeSummarySerializer(read_only=True)
    organisation = OrganisationSummarySerializer(source="programme.organisation", read_only=True)
    themes = ThemeReferenceSerializer(many=True, read_only=True)
    themeSlugs = SlugReferenceField(
        source="themes",
        slug_field="slug",
        queryset=Theme.objects.all(),
        many=True,
        write_only=True,
        required=False,
        help_text="Slugs van de thema's van het project.",
    )
    suggestedThemes = ThemeReferenceSerializer(
        source="suggested_themes",
        many=True,
        read_only=True,
        help_text="Thema's die het platform voorstelt zolang het project geen thema's heeft.",
    )
    regions = RegionReferenceSerializer(many=True, read_only=True)
    regionCodes = SlugReferenceField(
        source="regions",
        slug_field="code",
        queryset=Region.objects.all(),
        many=True,
        write_only=True,
        required=False,
        help_text="Codes van de regio's waar het project over gaat, bijv. AM20.",
    )
    startsOn = serializers.DateField(source="starts_on", required=False, allow_null=True)
    endsOn = serializers.DateField(source="ends_on", required=False, allow_null=True)
    contactRole = serializers.CharField(
        source="contact_role",
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Rol of functie van wie u kunt benaderen, geen naam of telefoonnummer.",
    )
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    updatedAt = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Project
        fields = [
            "url",
            "id",
            "programme",
            "organisation",
            "reference",
            "title",
            "description",
            "kind",
            "status",
            "themes",
            "themeSlugs",
            "suggestedThemes",
            "regions",
            "regionCodes",
            "startsOn",
            "endsOn",
            "contactRole",
            "createdAt",
            "updatedAt",
        ]
        # The programme's unique references and the period are checked by the service.
        validators: list[Any] = []


class ProjectFilterSerializer(serializers.Serializer):
    organisatie = serializers.SlugField(
        required=False, allow_blank=True, max_length=200, help_text="Slug van de organisatie"
    )
    jaar = IntegerParameter(
        required=False, min_value=2000, max_value=2100, help_text="Jaar van het jaarprogramma"
    )
    thema = serializers.SlugField(
        required=False, allow_blank=True, max_length=120, help_text="Slug van het thema"
    )
    domein = serializers.ChoiceField(choices=Domain.choices, required=False, allow_blank=True)
    soort = serializers.ChoiceField(choices=ProjectKind.choices, required=False, allow_blank=True)
    status = serializers.ChoiceField(
        choices=ProjectStatus.choices, required=False, allow_blank=True
    )
    regio = serializers.CharField(
        required=False, allow_blank=True, max_length=10, help_text="Regiocode, bijv. AM20"
    )


def _project(pk: int) -> Project:
    project = selectors.project_search().filter(pk=pk).first()
    if project is None:
        raise Http404
    return project


class ProjectListApi(generics.ListAPIView):
    serializer_class = ProjectSerializer

    def get_queryset(self) -> QuerySet[Project]:
        params = ProjectFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data: dict[str, Any] = params.validated_data
        return selectors.project_search(
            organisation_slug=data.get("organisatie", ""),
            year=data.get("jaar"),
            theme_slug=data.get("thema", ""),
            domain=data.get("domein", ""),
            kind=data.get("soort", ""),
            status=data.get("status", ""),
            region_code=data.get("regio", ""),
        )

    @extend_schema(
        parameters=[ProjectFilterSerializer],
        summary="Projecten uit alle jaarprogramma's zoeken en filteren",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ProgrammeProjectListApi(generics.ListCreateAPIView):
    """The projects of one programme; a project is added to the programme it belongs to."""

    serializer_class = ProjectSerializer

    def _programme(self) -> Programme:
        programme = (
            Programme.objects.select_related("organisation").filter(pk=self.kwargs["pk"]).first()
        )
        if programme is None:
            raise Http404
        return programme

    def get_queryset(self) -> QuerySet[Project]:
        return selectors.project_search(programme_id=self._programme().pk)

    @extend_schema(summary="Projecten van een jaarprogramma")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Project toevoegen aan een jaarprogramma "
        "(redacteur van de eigen organisatie of coördinator)"
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        programme = self._programme()
        if not user_can_edit_organisation(request.user, programme.organisation):
            raise ApiPermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            project = services.project_create(
                user=request.user, programme=programme, data=dict(serializer.validated_data)
            )
        except (PermissionDenied, ValidationError) as error:
            raise write_errors(error) from error
        return Response(
            self.get_serializer(_project(project.pk)).data, status=status.HTTP_201_CREATED
        )


class ProjectDetailApi(generics.RetrieveUpdateAPIView):
    serializer_class = ProjectSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self) -> Project:
        return _project(self.kwargs["pk"])

    @extend_schema(summary="Project wijzigen (redacteur van de eigen organisatie of coördinator)")
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        project = self.get_object()
        if not user_can_edit_organisation(request.user, project.programme.organisation):
            raise ApiPermissionDenied
        serializer = self.get_serializer(project, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            services.project_update(
                user=request.user,
                project=Project.objects.select_related("programme__organisation").get(
                    pk=project.pk
                ),
                data=dict(serializer.validated_data),
            )
        except (PermissionDenied, ValidationError) as error:
            raise write_errors(error) from error
        return Response(self.get_serializer(_project(project.pk)).data)


api_urlpatterns: list[URLPattern] = [
    path("themas", ThemeListApi.as_view(), name="theme-list"),
    path("themas/<slug:slug>", ThemeDetailApi.as_view(), name="theme-detail"),
    path("jaarprogrammas", ProgrammeListApi.as_view(), name="programme-list"),
    path("jaarprogrammas/<int:pk>", ProgrammeDetailApi.as_view(), name="programme-detail"),
    path(
        "jaarprogrammas/<int:pk>/projecten",
        ProgrammeProjectListApi.as_view(),
        name="programme-project-list",
    ),
    path("projecten", ProjectListApi.as_view(), name="project-list"),
    path("projecten/<int:pk>", ProjectDetailApi.as_view(), name="project-detail"),
]
