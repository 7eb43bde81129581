"""API v1 for publications and their passages, roadmaps and signposts, and platform search.

Read-only, with the page's rules: a publication (and its passages) exists only for those who
may read it; a roadmap is public, but cites only passages the reader may read; search runs the
page's search service, which filters every result by permission.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.http import Http404
from django.urls import URLPattern, path, reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from dwarsverband.api.fields import EnumField, IntegerParameter
from dwarsverband.api.pagination import LinkPagination
from dwarsverband.api.serializers import OrganisationSummarySerializer, ThemeSummarySerializer
from dwarsverband.api.throttling import SearchThrottle
from dwarsverband.knowledge import searching, selectors
from dwarsverband.knowledge.constants import AdviceRole, PublicationKind, Visibility
from dwarsverband.knowledge.models import Advice, Passage, Publication, Roadmap, Signpost
from dwarsverband.knowledge.selectors import SignpostView


def _absolute(request: Request | None, location: str) -> str:
    return request.build_absolute_uri(location) if request is not None else location


class PublicationSummarySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:publication-detail", lookup_field="slug"
    )

    class Meta:
        model = Publication
        fields = ["url", "slug", "title"]


# Publications --------------------------------------------------------------------------------


class PublicationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:publication-detail", lookup_field="slug"
    )
    kind = EnumField(
        enum_name="PublicationKindEnum", choices=PublicationKind.choices, read_only=True
    )
    visibility = EnumField(
        enum_name="PublicationVisibilityEnum", choices=Visibility.choices, read_only=True
    )
    organisations = OrganisationSummarySerializer(many=True, read_only=True)
    themes = ThemeSummarySerializer(many=True, read_only=True)
    publishedOn = serializers.DateField(source="published_on", read_only=True, allow_null=True)
    isExample = serializers.BooleanField(
        source="is_example",
        read_only=True,
        help_text="Voorbeeldinhoud, in eigen woorden geschreven; geen echte publicatie.",
    )
    passageCount = serializers.IntegerField(source="passage_count", read_only=True)
    passages = serializers.SerializerMethodField()
    webUrl = serializers.SerializerMethodField()
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    updatedAt = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Publication
        fields = [
            "url",
            "slug",
            "title",
            "kind",
            "authors",
            "organisations",
            "themes",
            "publishedOn",
            "summary",
            "visibility",
            "isExample",
            "passageCount",
            "passages",
            "webUrl",
            "createdAt",
            "updatedAt",
        ]

    @extend_schema_field(serializers.URLField(help_text="De passages van de publicatie."))
    def get_passages(self, publication: Publication) -> str:
        location = reverse("api:passage-list", kwargs={"slug": publication.slug})
        return _absolute(self.context.get("request"), location)

    @extend_schema_field(serializers.URLField(help_text="De pagina van de publicatie."))
    def get_webUrl(self, publication: Publication) -> str:
        return _absolute(self.context.get("request"), publication.get_absolute_url())


class PublicationFilterSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(
        choices=PublicationKind.choices, required=False, allow_blank=True
    )
    thema = serializers.SlugField(
        required=False, allow_blank=True, max_length=200, help_text="Slug van een thema"
    )
    organisatie = serializers.SlugField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Slug van een uitgevende organisatie, bijv. platform31",
    )


class PublicationListApi(generics.ListAPIView):
    serializer_class = PublicationSerializer

    def get_queryset(self) -> QuerySet[Publication]:
        params = PublicationFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data: dict[str, Any] = params.validated_data
        return selectors.publication_filter(
            user=self.request.user,
            filters=selectors.PublicationFilters(
                kind=data.get("soort", ""),
                theme=data.get("thema", ""),
                organisation=data.get("organisatie", ""),
            ),
        )

    @extend_schema(
        parameters=[PublicationFilterSerializer],
        summary="Publicaties die u mag lezen, nieuwste eerst",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class PublicationDetailApi(generics.RetrieveAPIView):
    serializer_class = PublicationSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Publication]:
        return selectors.publication_filter(
            user=self.request.user, filters=selectors.PublicationFilters()
        )

    @extend_schema(summary="Eén publicatie (niet gevonden als u haar niet mag lezen)")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


def _readable_publication(request: Request, slug: str) -> Publication:
    publication = selectors.publication_readable(user=request.user, slug=slug)
    if publication is None:
        raise Http404
    return publication


# Passages ------------------------------------------------------------------------------------


def _passage_url(request: Request | None, passage: Passage, publication_slug: str) -> str:
    location = reverse(
        "api:passage-detail", kwargs={"slug": publication_slug, "anchor": passage.anchor}
    )
    return _absolute(request, location)


class PassageSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    page = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Paginanummer in de PDF, als bekend."
    )
    citation = serializers.CharField(read_only=True, help_text="Zo verwijst u naar de passage.")
    webUrl = serializers.SerializerMethodField()

    class Meta:
        model = Passage
        fields = [
            "url",
            "anchor",
            "position",
            "number",
            "chapter",
            "page",
            "citation",
            "text",
            "webUrl",
        ]

    @extend_schema_field(serializers.URLField())
    def get_url(self, passage: Passage) -> str:
        return _passage_url(self.context.get("request"), passage, self.context["publication"].slug)

    @extend_schema_field(serializers.URLField(help_text="De passage op de publicatiepagina."))
    def get_webUrl(self, passage: Passage) -> str:
        publication = self.context["publication"]
        return _absolute(
            self.context.get("request"), f"{publication.get_absolute_url()}#{passage.anchor}"
        )


class CitingSignpostSerializer(serializers.ModelSerializer):
    roadmap = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Signpost
        fields = ["url", "position", "title", "roadmap"]

    @extend_schema_field(serializers.URLField())
    def get_url(self, signpost: Signpost) -> str:
        location = reverse(
            "api:signpost-detail",
            kwargs={"slug": signpost.roadmap.slug, "position": signpost.position},
        )
        return _absolute(self.context.get("request"), location)

    @extend_schema_field(
        {
            "type": "object",
            "required": ["url", "slug", "title"],
            "properties": {
                "url": {"type": "string", "format": "uri"},
                "slug": {"type": "string"},
                "title": {"type": "string"},
            },
        }
    )
    def get_roadmap(self, signpost: Signpost) -> dict[str, str]:
        roadmap = signpost.roadmap
        location = reverse("api:roadmap-detail", kwargs={"slug": roadmap.slug})
        return {
            "url": _absolute(self.context.get("request"), location),
            "slug": roadmap.slug,
            "title": roadmap.title,
        }


class PassageDetailSerializer(PassageSerializer):
    publication = serializers.SerializerMethodField()
    signposts = CitingSignpostSerializer(
        many=True, read_only=True, help_text="Wegwijzers van routekaarten die deze passage citeren."
    )

    class Meta(PassageSerializer.Meta):
        fields = [*PassageSerializer.Meta.fields, "publication", "signposts"]

    @extend_schema_field(PublicationSummarySerializer)
    def get_publication(self, passage: Passage) -> dict[str, Any]:
        return PublicationSummarySerializer(self.context["publication"], context=self.context).data


class PassageListApi(generics.ListAPIView):
    serializer_class = PassageSerializer

    def get_queryset(self) -> QuerySet[Passage]:
        self.publication = _readable_publication(self.request, self.kwargs["slug"])
        return selectors.publication_passages(self.publication)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "publication": self.publication}

    @extend_schema(summary="De citeerbare passages van een publicatie, in volgorde")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class PassageDetailApi(generics.GenericAPIView):
    serializer_class = PassageDetailSerializer

    @extend_schema(summary="Eén passage met de wegwijzers die haar citeren")
    def get(self, request: Request, slug: str, anchor: str) -> Response:
        publication = _readable_publication(request, slug)
        passage = selectors.passage_get(publication=publication, anchor=anchor)
        if passage is None:
            raise Http404
        context = {**self.get_serializer_context(), "publication": publication}
        return Response(PassageDetailSerializer(passage, context=context).data)


# Roadmaps and signposts ----------------------------------------------------------------------


class RoadmapSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:roadmap-detail", lookup_field="slug")
    organisations = OrganisationSummarySerializer(many=True, read_only=True)
    themes = ThemeSummarySerializer(many=True, read_only=True)
    publishedOn = serializers.DateField(source="published_on", read_only=True, allow_null=True)
    isExample = serializers.BooleanField(
        source="is_example",
        read_only=True,
        help_text="Voorbeeldinhoud: verhalen en adviezen zijn voorbeelden, geen citaten.",
    )
    signpostCount = serializers.IntegerField(source="signpost_count", read_only=True)
    signposts = serializers.SerializerMethodField()
    webUrl = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = Roadmap
        fields = [
            "url",
            "slug",
            "title",
            "summary",
            "organisations",
            "themes",
            "publishedOn",
            "isExample",
            "signpostCount",
            "signposts",
            "webUrl",
            "pdf",
        ]

    @extend_schema_field(
        serializers.URLField(help_text="De wegwijzers; met ?rol=… alleen het advies voor een rol.")
    )
    def get_signposts(self, roadmap: Roadmap) -> str:
        location = reverse("api:signpost-list", kwargs={"slug": roadmap.slug})
        return _absolute(self.context.get("request"), location)

    @extend_schema_field(serializers.URLField(help_text="De pagina van de routekaart."))
    def get_webUrl(self, roadmap: Roadmap) -> str:
        return _absolute(self.context.get("request"), roadmap.get_absolute_url())

    @extend_schema_field(
        serializers.URLField(help_text="Handout als PDF; met ?rol=… voor één rol.")
    )
    def get_pdf(self, roadmap: Roadmap) -> str:
        location = reverse("knowledge:roadmap-pdf", kwargs={"slug": roadmap.slug})
        return _absolute(self.context.get("request"), location)


class RoadmapDetailSerializer(RoadmapSerializer):
    publication = serializers.SerializerMethodField()

    class Meta(RoadmapSerializer.Meta):
        fields = [*RoadmapSerializer.Meta.fields, "publication"]

    @extend_schema_field(
        PublicationSummarySerializer(
            allow_null=True,
            help_text="De onderliggende publicatie; leeg als er geen is of u haar niet mag lezen.",
        )
    )
    def get_publication(self, roadmap: Roadmap) -> dict[str, Any] | None:
        request = self.context.get("request")
        publication = selectors.roadmap_publication(
            user=request.user if request is not None else None, roadmap=roadmap
        )
        if publication is None:
            return None
        return PublicationSummarySerializer(publication, context=self.context).data


class RoadmapFilterSerializer(serializers.Serializer):
    thema = serializers.SlugField(
        required=False, allow_blank=True, max_length=200, help_text="Slug van een thema"
    )
    organisatie = serializers.SlugField(
        required=False, allow_blank=True, max_length=200, help_text="Slug van een organisatie"
    )


class RoadmapListApi(generics.ListAPIView):
    serializer_class = RoadmapSerializer

    def get_queryset(self) -> QuerySet[Roadmap]:
        params = RoadmapFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data: dict[str, Any] = params.validated_data
        return selectors.roadmap_filter(
            filters=selectors.RoadmapFilters(
                theme=data.get("thema", ""), organisation=data.get("organisatie", "")
            )
        )

    @extend_schema(parameters=[RoadmapFilterSerializer], summary="Routekaarten")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class RoadmapDetailApi(generics.RetrieveAPIView):
    serializer_class = RoadmapDetailSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Roadmap]:
        return selectors.roadmap_filter(filters=selectors.RoadmapFilters())

    @extend_schema(summary="Eén routekaart")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class AdviceSerializer(serializers.ModelSerializer):
    role = EnumField(enum_name="AdviceRoleEnum", choices=AdviceRole.choices, read_only=True)
    roleLabel = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Advice
        fields = ["role", "roleLabel", "text"]


class CitedPassageSerializer(serializers.ModelSerializer):
    publication = PublicationSummarySerializer(read_only=True)
    citation = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()
    webUrl = serializers.SerializerMethodField()

    class Meta:
        model = Passage
        fields = ["url", "publication", "number", "citation", "chapter", "webUrl"]

    @extend_schema_field(serializers.URLField())
    def get_url(self, passage: Passage) -> str:
        return _passage_url(self.context.get("request"), passage, passage.publication.slug)

    @extend_schema_field(serializers.URLField())
    def get_webUrl(self, passage: Passage) -> str:
        return _absolute(self.context.get("request"), passage.get_absolute_url())


class PracticeStorySerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)
    organisations = OrganisationSummarySerializer(many=True, read_only=True)


class SignpostSerializer(serializers.Serializer):
    """A signpost with its practice story, cited passages and the advice per role."""

    url = serializers.SerializerMethodField()
    position = serializers.IntegerField(source="signpost.position", read_only=True)
    title = serializers.CharField(source="signpost.title", read_only=True)
    summary = serializers.CharField(source="signpost.summary", read_only=True)
    story = serializers.SerializerMethodField()
    advice = AdviceSerializer(
        many=True,
        read_only=True,
        help_text="Advies per rol (burgemeester, wethouder, raadslid, ambtenaar); met ?rol=… "
        "alleen voor die rol.",
    )
    passages = CitedPassageSerializer(
        many=True, read_only=True, help_text="Bronnen: alleen passages die u mag lezen."
    )
    webUrl = serializers.SerializerMethodField()

    @extend_schema_field(serializers.URLField())
    def get_url(self, item: SignpostView) -> str:
        location = reverse(
            "api:signpost-detail",
            kwargs={"slug": item.signpost.roadmap.slug, "position": item.signpost.position},
        )
        return _absolute(self.context.get("request"), location)

    @extend_schema_field(PracticeStorySerializer(allow_null=True))
    def get_story(self, item: SignpostView) -> dict[str, Any] | None:
        story = getattr(item.signpost, "story", None)
        if story is None:
            return None
        return PracticeStorySerializer(story, context=self.context).data

    @extend_schema_field(serializers.URLField(help_text="De wegwijzer op de routekaartpagina."))
    def get_webUrl(self, item: SignpostView) -> str:
        return _absolute(self.context.get("request"), item.signpost.get_absolute_url())


class RoleFilterSerializer(serializers.Serializer):
    rol = serializers.ChoiceField(
        choices=AdviceRole.choices,
        required=False,
        allow_blank=True,
        help_text="Alleen het advies voor deze rol, zoals 'advies voor mijn rol' op de pagina",
    )


def _signposts(request: Request, slug: str) -> list[SignpostView]:
    params = RoleFilterSerializer(data=request.query_params)
    params.is_valid(raise_exception=True)
    role = params.validated_data.get("rol") or None
    found = selectors.roadmap_get(slug=slug, role=role, user=request.user)
    if found is None:
        raise Http404
    roadmap, signposts = found
    for item in signposts:
        item.signpost.roadmap = roadmap  # spares a query per signpost for its links
    return signposts


class SignpostListApi(generics.ListAPIView):
    serializer_class = SignpostSerializer

    def get_queryset(self) -> list[SignpostView]:  # type: ignore[override]
        return _signposts(self.request, self.kwargs["slug"])

    @extend_schema(
        parameters=[RoleFilterSerializer],
        summary="De wegwijzers van een routekaart, met verhaal, bronnen en advies per rol",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class SignpostDetailApi(generics.GenericAPIView):
    serializer_class = SignpostSerializer

    @extend_schema(parameters=[RoleFilterSerializer], summary="Eén wegwijzer")
    def get(self, request: Request, slug: str, position: int) -> Response:
        item = next((s for s in _signposts(request, slug) if s.signpost.position == position), None)
        if item is None:
            raise Http404
        return Response(self.get_serializer(item).data)


# Search --------------------------------------------------------------------------------------


# A query holds at least one letter or digit (Latin script, with diacritics) and no NUL:
# what the search service can use, written so the OpenAPI document can state it as a pattern.
QUERY_PATTERN = r"^[^\x00]*[0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f][^\x00]*$"


class SearchParametersSerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=searching.MAX_QUERY_LENGTH,
        trim_whitespace=False,
        validators=[
            RegexValidator(QUERY_PATTERN, message="Vul een zoekterm in met letters of cijfers.")
        ],
        help_text=f"De zoekvraag: een of meer woorden, hooguit {searching.MAX_QUERY_LENGTH} "
        "tekens. Bestaat ze alleen uit veelvoorkomende woorden (de, het, een), dan zijn er geen "
        "resultaten en zegt 'notice' waarom.",
    )
    soort = serializers.ChoiceField(
        choices=sorted(searching.DOC_TYPE_LABELS),
        required=False,
        allow_blank=True,
        help_text="Alleen deze soort inhoud",
    )
    thema = serializers.SlugField(
        required=False, allow_blank=True, max_length=200, help_text="Slug van een thema"
    )
    organisatie = serializers.SlugField(
        required=False, allow_blank=True, max_length=200, help_text="Slug van een organisatie"
    )
    jaar = IntegerParameter(required=False, min_value=1900, max_value=2100)

    def validate_q(self, value: str) -> str:
        try:
            return searching.validate_query(value)
        except searching.SearchQueryError as error:
            raise serializers.ValidationError(str(error)) from error


class SearchFacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="Waarde voor de zoekparameter met dezelfde naam.")
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class SearchFacetsSerializer(serializers.Serializer):
    soort = SearchFacetValueSerializer(many=True, source="doc_type")
    thema = SearchFacetValueSerializer(many=True, source="theme")
    organisatie = SearchFacetValueSerializer(many=True, source="organisation")
    jaar = SearchFacetValueSerializer(many=True, source="year")


class SearchResultSerializer(serializers.Serializer):
    type = serializers.CharField(source="doc_type", help_text="Soort inhoud, zoals passage.")
    typeLabel = serializers.CharField(source="type_label")
    title = serializers.CharField()
    snippet = serializers.CharField(
        source="snippet.html",
        help_text="Fragment als HTML: tekst is ge-escaped, zoektermen staan in <mark>.",
    )
    organisationName = serializers.CharField(source="organisation_name")
    year = serializers.IntegerField(allow_null=True)
    webUrl = serializers.SerializerMethodField()

    @extend_schema_field(
        serializers.URLField(help_text="Waar het resultaat op het platform staat.")
    )
    def get_webUrl(self, result: searching.Result) -> str:
        return _absolute(self.context.get("request"), result.url)


class SearchLinkSerializer(serializers.Serializer):
    href = serializers.URLField()


class SearchLinksSerializer(serializers.Serializer):
    self = SearchLinkSerializer()
    first = SearchLinkSerializer()
    last = SearchLinkSerializer()
    prev = SearchLinkSerializer(required=False)
    next = SearchLinkSerializer(required=False)


class SearchResponseSerializer(serializers.Serializer):
    _links = SearchLinksSerializer(label="Links")
    count = serializers.IntegerField()
    query = serializers.CharField(help_text="De zoekvraag zoals gezocht.")
    anyTerm = serializers.BooleanField(
        help_text="Geen resultaat bevatte alle woorden; dit zijn resultaten met enkele ervan."
    )
    facets = SearchFacetsSerializer(help_text="Aantallen per waarde, over alle resultaten.")
    notice = serializers.CharField(
        allow_null=True,
        help_text="Waarom er niets gezocht is (een zoekvraag met alleen veelvoorkomende "
        "woorden); anders leeg.",
    )
    results = SearchResultSerializer(many=True)


PAGE_PARAMETERS = [
    OpenApiParameter(
        name=LinkPagination.page_query_param,
        type={"type": "integer", "minimum": 1},
        description="Paginanummer, vanaf 1.",
    ),
    OpenApiParameter(
        name=LinkPagination.page_size_query_param,
        type={"type": "integer", "minimum": 1, "maximum": LinkPagination.max_page_size},
        description=f"Aantal resultaten per pagina (1 tot en met {LinkPagination.max_page_size}).",
    ),
]


class SearchApi(generics.GenericAPIView):
    throttle_classes = [SearchThrottle]

    @extend_schema(
        summary="Zoeken in het hele platform",
        description=(
            "Dezelfde zoekdienst als de zoekpagina: Nederlandse woordvormen, facetten per soort, "
            "thema, organisatie en jaar, en alleen resultaten die u mag zien."
        ),
        parameters=[SearchParametersSerializer, *PAGE_PARAMETERS],
        responses={200: SearchResponseSerializer},
    )
    def get(self, request: Request) -> Response:
        params = SearchParametersSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data: dict[str, Any] = params.validated_data
        pagination = LinkPagination()
        page_size = pagination.get_page_size(request)
        page_number = pagination.get_page_number(request, None)
        notice = None
        try:
            results = searching.search(
                query=data["q"],
                user=request.user,
                filters=searching.Filters(
                    doc_type=data.get("soort", ""),
                    theme=data.get("thema", ""),
                    organisation=data.get("organisatie", ""),
                    year=data.get("jaar"),
                ),
                page_number=page_number,
                per_page=page_size,
                suggest=False,  # the API does not offer spelling suggestions
            )
        except searching.SearchQueryError as error:
            # The parameters are valid, so this is a query of common words only: like a
            # query without hits, it is answered with an empty page and the reason.
            notice = str(error)
            results = searching.SearchResults(
                query=data["q"],
                terms=[],
                page=Paginator([], page_size).page(1),
                results=[],
            )
        if results.page.number != page_number:
            raise NotFound(pagination.invalid_page_message)
        pagination.request = request
        pagination.page = results.page
        response = pagination.get_paginated_response(
            SearchResultSerializer(results.results, many=True, context={"request": request}).data
        )
        facets = {
            name: results.facets.get(name, [])
            for name in ("doc_type", "theme", "organisation", "year")
        }
        response.data = {
            **response.data,
            "query": results.query,
            "anyTerm": results.any_term,
            "facets": SearchFacetsSerializer(facets).data,
            "notice": notice,
        }
        return response


api_urlpatterns: list[URLPattern] = [
    path("publicaties", PublicationListApi.as_view(), name="publication-list"),
    path("publicaties/<slug:slug>", PublicationDetailApi.as_view(), name="publication-detail"),
    path("publicaties/<slug:slug>/passages", PassageListApi.as_view(), name="passage-list"),
    path(
        "publicaties/<slug:slug>/passages/<slug:anchor>",
        PassageDetailApi.as_view(),
        name="passage-detail",
    ),
    path("routekaarten", RoadmapListApi.as_view(), name="roadmap-list"),
    path("routekaarten/<slug:slug>", RoadmapDetailApi.as_view(), name="roadmap-detail"),
    path("routekaarten/<slug:slug>/wegwijzers", SignpostListApi.as_view(), name="signpost-list"),
    path(
        "routekaarten/<slug:slug>/wegwijzers/<int:position>",
        SignpostDetailApi.as_view(),
        name="signpost-detail",
    ),
    path("zoeken", SearchApi.as_view(), name="search"),
]
