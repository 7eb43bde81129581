"""API v1 for learning circles, their meetings, cases and registrations.

The same permission rules as the pages: communities and meetings are public; cases (and the
case on a meeting's agenda) only for members and managers, hidden from everyone else (404);
registrant lists only for the community's managers. Anyone may register for a meeting that
takes registrations, without an account and within the page's rate limit. A user with a token
sees and cancels their own registrations, found by their account's e-mail address.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.urls import URLPattern, path, reverse
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from dwarsverband.api.constants import PROBLEM_CONTENT_TYPE
from dwarsverband.api.fields import (
    BooleanParameter,
    DateTimeParameter,
    EnumField,
    problem_response,
)
from dwarsverband.api.permissions import ReadPublicWriteAuthenticated
from dwarsverband.api.problems import api_errors
from dwarsverband.api.serializers import OrganisationSummarySerializer, ThemeSummarySerializer
from dwarsverband.api.throttling import RegistrationThrottle
from dwarsverband.communities import selectors, services
from dwarsverband.communities.constants import (
    CaseStatus,
    CommunityKind,
    CommunityStatus,
    MeetingKind,
    MeetingStatus,
    MembershipStatus,
    Pillar,
    RegistrationStatus,
)
from dwarsverband.communities.models import (
    AgendaItem,
    Case,
    Community,
    Meeting,
    Membership,
    Registration,
)
from dwarsverband.communities.permissions import (
    user_can_manage_community,
    user_sees_internal_pages,
)

# Schema helpers ------------------------------------------------------------------------------


NEEDS_TOKEN = {
    (401, PROBLEM_CONTENT_TYPE): problem_response("Niet ingelogd: dit vraagt een token.")
}
MANAGERS_ONLY = {
    **NEEDS_TOKEN,
    (403, PROBLEM_CONTENT_TYPE): problem_response(
        "Alleen voor de coördinator van de leerkring en coördinatoren van het platform."
    ),
}


def _absolute(request: Request | None, location: str) -> str:
    return request.build_absolute_uri(location) if request is not None else location


# Summaries of related objects ----------------------------------------------------------------


class CommunitySummarySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:community-detail", lookup_field="slug"
    )

    class Meta:
        model = Community
        fields = ["url", "slug", "title"]


class MeetingSummarySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:meeting-detail")
    community = CommunitySummarySerializer(read_only=True)
    startsAt = serializers.DateTimeField(source="starts_at", read_only=True)
    endsAt = serializers.DateTimeField(source="ends_at", read_only=True)

    class Meta:
        model = Meeting
        fields = ["url", "id", "title", "startsAt", "endsAt", "community"]


# Communities ---------------------------------------------------------------------------------


class CommunitySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:community-detail", lookup_field="slug"
    )
    kind = EnumField(enum_name="CommunityKindEnum", choices=CommunityKind.choices, read_only=True)
    status = EnumField(
        enum_name="CommunityStatusEnum", choices=CommunityStatus.choices, read_only=True
    )
    themes = ThemeSummarySerializer(many=True, read_only=True)
    region = serializers.SerializerMethodField()
    organiser = OrganisationSummarySerializer(read_only=True)
    plannedMeetings = serializers.IntegerField(source="planned_meetings", read_only=True)
    maxMembers = serializers.IntegerField(source="max_members", read_only=True, allow_null=True)
    memberCount = serializers.IntegerField(source="member_count", read_only=True)
    meetings = serializers.SerializerMethodField()
    calendarFeed = serializers.SerializerMethodField()
    webUrl = serializers.SerializerMethodField()
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    updatedAt = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Community
        fields = [
            "url",
            "slug",
            "title",
            "kind",
            "status",
            "description",
            "themes",
            "region",
            "organiser",
            "plannedMeetings",
            "maxMembers",
            "memberCount",
            "meetings",
            "calendarFeed",
            "webUrl",
            "createdAt",
            "updatedAt",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "required": ["code", "name", "url"],
            "properties": {
                "code": {"type": "string"},
                "name": {"type": "string"},
                "url": {"type": "string", "format": "uri"},
            },
        }
    )
    def get_region(self, community: Community) -> dict[str, str] | None:
        region = community.region
        if region is None:
            return None
        location = reverse("api:region-detail", kwargs={"code": region.code})
        return {
            "code": region.code,
            "name": region.name,
            "url": _absolute(self.context.get("request"), location),
        }

    @extend_schema_field(serializers.URLField(help_text="De bijeenkomsten van de leerkring."))
    def get_meetings(self, community: Community) -> str:
        location = reverse("api:community-meeting-list", kwargs={"slug": community.slug})
        return _absolute(self.context.get("request"), location)

    @extend_schema_field(
        serializers.URLField(help_text="Agenda-abonnement (iCalendar) met alle bijeenkomsten.")
    )
    def get_calendarFeed(self, community: Community) -> str:
        location = reverse("communities:community-feed", kwargs={"slug": community.slug})
        return _absolute(self.context.get("request"), location)

    @extend_schema_field(serializers.URLField(help_text="De pagina van de leerkring."))
    def get_webUrl(self, community: Community) -> str:
        return _absolute(self.context.get("request"), community.get_absolute_url())


class MemberSerializer(serializers.ModelSerializer):
    organisation = OrganisationSummarySerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["organisation"]


class CommunityDetailSerializer(CommunitySerializer):
    partners = OrganisationSummarySerializer(many=True, read_only=True)
    members = serializers.SerializerMethodField()

    class Meta(CommunitySerializer.Meta):
        fields = [*CommunitySerializer.Meta.fields, "partners", "members"]

    @extend_schema_field(MemberSerializer(many=True))
    def get_members(self, community: Community) -> list[dict[str, Any]]:
        """The accepted members' organisations, as on the page."""
        request = self.context.get("request")
        user = request.user if request is not None else None
        members = selectors.memberships(community, user).filter(status=MembershipStatus.ACCEPTED)
        return MemberSerializer(members, many=True, context=self.context).data  # type: ignore[return-value]


class CommunityFilterSerializer(serializers.Serializer):
    naam = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Deel van de titel"
    )
    soort = serializers.ChoiceField(choices=CommunityKind.choices, required=False, allow_blank=True)
    status = serializers.ChoiceField(
        choices=CommunityStatus.choices, required=False, allow_blank=True
    )
    thema = serializers.SlugField(
        required=False, allow_blank=True, max_length=200, help_text="Slug van een thema"
    )
    regio = serializers.CharField(
        required=False, allow_blank=True, max_length=10, help_text="Regiocode, bijv. PV28"
    )
    organisator = serializers.SlugField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Slug van de organiserende organisatie, bijv. platform31",
    )


class CommunityListApi(generics.ListAPIView):
    serializer_class = CommunitySerializer

    def get_queryset(self) -> QuerySet[Community]:
        params = CommunityFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data: dict[str, Any] = params.validated_data
        return selectors.community_filter(
            filters=selectors.CommunityFilters(
                text=data.get("naam", ""),
                kind=data.get("soort", ""),
                status=data.get("status", ""),
                theme=data.get("thema", ""),
                region=data.get("regio", ""),
                organiser=data.get("organisator", ""),
            )
        )

    @extend_schema(
        parameters=[CommunityFilterSerializer],
        summary="Leerkringen en communities of practice zoeken en filteren",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class CommunityDetailApi(generics.RetrieveAPIView):
    serializer_class = CommunityDetailSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Community]:
        return selectors.community_list().prefetch_related("partners")

    @extend_schema(summary="Eén leerkring, met partners en deelnemende organisaties")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


def _community_or_404(slug: str) -> Community:
    community = selectors.community_get(slug=slug)
    if community is None:
        raise Http404
    return community


# Meetings ------------------------------------------------------------------------------------


class MeetingSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:meeting-detail")
    kind = EnumField(enum_name="MeetingKindEnum", choices=MeetingKind.choices, read_only=True)
    status = EnumField(enum_name="MeetingStatusEnum", choices=MeetingStatus.choices, read_only=True)
    community = CommunitySummarySerializer(read_only=True)
    startsAt = serializers.DateTimeField(source="starts_at", read_only=True)
    endsAt = serializers.DateTimeField(source="ends_at", read_only=True)
    host = OrganisationSummarySerializer(read_only=True, allow_null=True)
    takesRegistrations = serializers.BooleanField(source="takes_registrations", read_only=True)
    capacity = serializers.IntegerField(read_only=True, allow_null=True)
    registrationDeadline = serializers.DateTimeField(
        source="closes_at",
        read_only=True,
        help_text="Tot dit moment kan men zich aanmelden (zonder aparte termijn: het begin).",
    )
    seatsLeft = serializers.SerializerMethodField()
    registrationOpen = serializers.SerializerMethodField()
    ics = serializers.SerializerMethodField()
    webUrl = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "url",
            "id",
            "title",
            "kind",
            "status",
            "community",
            "description",
            "startsAt",
            "endsAt",
            "address",
            "host",
            "takesRegistrations",
            "capacity",
            "registrationDeadline",
            "seatsLeft",
            "registrationOpen",
            "ics",
            "webUrl",
        ]

    @extend_schema_field(
        serializers.IntegerField(
            allow_null=True, help_text="Vrije plaatsen; leeg als er geen maximum is."
        )
    )
    def get_seatsLeft(self, meeting: Meeting) -> int | None:
        if meeting.capacity is None:
            return None
        return max(meeting.capacity - int(getattr(meeting, "confirmed_count", 0)), 0)

    @extend_schema_field(
        serializers.BooleanField(help_text="Of aanmelden nu kan (vol: op de wachtlijst).")
    )
    def get_registrationOpen(self, meeting: Meeting) -> bool:
        return not services.registration_closed_reason(meeting)

    @extend_schema_field(serializers.URLField(help_text="De bijeenkomst als iCalendar-bestand."))
    def get_ics(self, meeting: Meeting) -> str:
        location = reverse("communities:meeting-ics", kwargs={"pk": meeting.pk})
        return _absolute(self.context.get("request"), location)

    @extend_schema_field(serializers.URLField(help_text="De pagina van de bijeenkomst."))
    def get_webUrl(self, meeting: Meeting) -> str:
        return _absolute(self.context.get("request"), meeting.get_absolute_url())


class CaseSummarySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ["url", "id", "title"]

    @extend_schema_field(serializers.URLField())
    def get_url(self, case: Case) -> str:
        location = reverse(
            "api:community-case-detail", kwargs={"slug": case.community.slug, "pk": case.pk}
        )
        return _absolute(self.context.get("request"), location)


class AgendaItemSerializer(serializers.ModelSerializer):
    pillar = EnumField(enum_name="PillarEnum", choices=Pillar.choices, read_only=True)
    durationMinutes = serializers.IntegerField(source="duration_minutes", read_only=True)
    case = serializers.SerializerMethodField()
    project = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "position",
            "pillar",
            "title",
            "durationMinutes",
            "lead",
            "case",
            "project",
            "link",
        ]

    @extend_schema_field(CaseSummarySerializer(allow_null=True))
    def get_case(self, item: AgendaItem) -> dict[str, Any] | None:
        """A case is confidential: only members and managers of the community see it."""
        if item.case is None or not self.context.get("internal", False):
            return None
        return CaseSummarySerializer(item.case, context=self.context).data

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "required": ["title", "webUrl"],
            "properties": {
                "title": {"type": "string"},
                "webUrl": {"type": "string", "format": "uri"},
            },
        }
    )
    def get_project(self, item: AgendaItem) -> dict[str, str] | None:
        if item.project is None:
            return None
        return {
            "title": item.project.title,
            "webUrl": _absolute(self.context.get("request"), item.project.get_absolute_url()),
        }


class MeetingDetailSerializer(MeetingSerializer):
    agenda = serializers.SerializerMethodField()

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "agenda"]

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, meeting: Meeting) -> list[dict[str, Any]]:
        request = self.context.get("request")
        internal = request is not None and user_sees_internal_pages(request.user, meeting.community)
        return AgendaItemSerializer(  # type: ignore[return-value]
            selectors.meeting_agenda(meeting),
            many=True,
            context={**self.context, "internal": internal},
        ).data


class MeetingFilterSerializer(serializers.Serializer):
    leerkring = serializers.SlugField(
        required=False, allow_blank=True, max_length=200, help_text="Slug van de leerkring"
    )
    soort = serializers.ChoiceField(choices=MeetingKind.choices, required=False, allow_blank=True)
    status = serializers.ChoiceField(
        choices=MeetingStatus.choices, required=False, allow_blank=True
    )
    vanaf = DateTimeParameter(
        required=False, help_text="Alleen bijeenkomsten die op of na dit moment beginnen"
    )
    tot = DateTimeParameter(
        required=False, help_text="Alleen bijeenkomsten die vóór dit moment beginnen"
    )
    aanmelden = BooleanParameter(
        required=False,
        help_text="true: alleen bijeenkomsten waarvoor men zich kan aanmelden; false: de andere",
    )


def _meeting_filters(
    query_params: Any,
    community: str = "",
    parser: type[serializers.Serializer] = MeetingFilterSerializer,
) -> selectors.MeetingFilters:
    params = parser(data=query_params)
    params.is_valid(raise_exception=True)
    data: dict[str, Any] = params.validated_data
    return selectors.MeetingFilters(
        community=community or data.get("leerkring", ""),
        kind=data.get("soort", ""),
        status=data.get("status", ""),
        starts_from=data.get("vanaf"),
        starts_before=data.get("tot"),
        takes_registrations=data.get("aanmelden"),
    )


class MeetingListApi(generics.ListAPIView):
    serializer_class = MeetingSerializer

    def get_queryset(self) -> QuerySet[Meeting]:
        return selectors.meeting_list(filters=_meeting_filters(self.request.query_params))

    @extend_schema(
        parameters=[MeetingFilterSerializer],
        summary="Bijeenkomsten van alle leerkringen, op begintijd",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class CommunityMeetingFilterSerializer(MeetingFilterSerializer):
    leerkring = None  # type: ignore[assignment]  # the path names the community


class CommunityMeetingListApi(generics.ListAPIView):
    serializer_class = MeetingSerializer

    def get_queryset(self) -> QuerySet[Meeting]:
        community = _community_or_404(self.kwargs["slug"])
        return selectors.meeting_list(
            filters=_meeting_filters(
                self.request.query_params,
                community=community.slug,
                parser=CommunityMeetingFilterSerializer,
            )
        )

    @extend_schema(
        parameters=[CommunityMeetingFilterSerializer],
        summary="De bijeenkomsten van één leerkring",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class MeetingDetailApi(generics.RetrieveAPIView):
    serializer_class = MeetingDetailSerializer

    def get_queryset(self) -> QuerySet[Meeting]:
        return selectors.meeting_list()

    @extend_schema(summary="Eén bijeenkomst met programma (casussen alleen voor deelnemers)")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


# Cases: only for members and managers; for everyone else they do not exist -----------------


class CaseSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    status = EnumField(enum_name="CaseStatusEnum", choices=CaseStatus.choices, read_only=True)
    meeting = serializers.SerializerMethodField()
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Case
        fields = ["url", "id", "title", "question", "context", "status", "meeting", "createdAt"]

    @extend_schema_field(serializers.URLField())
    def get_url(self, case: Case) -> str:
        location = reverse(
            "api:community-case-detail", kwargs={"slug": case.community.slug, "pk": case.pk}
        )
        return _absolute(self.context.get("request"), location)

    @extend_schema_field(MeetingSummarySerializer(allow_null=True))
    def get_meeting(self, case: Case) -> dict[str, Any] | None:
        if case.meeting is None:
            return None
        return MeetingSummarySerializer(case.meeting, context=self.context).data


def _internal_community_or_404(request: Request, slug: str) -> Community:
    community = _community_or_404(slug)
    if not user_sees_internal_pages(request.user, community):
        raise Http404
    return community


class CaseListApi(generics.ListAPIView):
    serializer_class = CaseSerializer

    def get_queryset(self) -> QuerySet[Case]:
        community = _internal_community_or_404(self.request, self.kwargs["slug"])
        return (
            selectors.community_cases(community)
            .select_related("community", "meeting__community")
            .order_by("-created_at", "pk")
        )

    @extend_schema(summary="Casussen voor intervisie (alleen voor deelnemers en coördinatoren)")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class CaseDetailApi(generics.RetrieveAPIView):
    serializer_class = CaseSerializer

    def get_queryset(self) -> QuerySet[Case]:
        community = _internal_community_or_404(self.request, self.kwargs["slug"])
        return selectors.community_cases(community).select_related(
            "community", "meeting__community"
        )

    @extend_schema(summary="Eén casus (alleen voor deelnemers en coördinatoren)")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


# Registrations -------------------------------------------------------------------------------


class RegistrantSerializer(serializers.ModelSerializer):
    """A registrant as the community's managers see them."""

    status = EnumField(
        enum_name="RegistrationStatusEnum", choices=RegistrationStatus.choices, read_only=True
    )
    organisationName = serializers.CharField(source="organisation_name", read_only=True)
    registeredAt = serializers.DateTimeField(source="created_at", read_only=True)
    promotedAt = serializers.DateTimeField(source="promoted_at", read_only=True, allow_null=True)
    cancelledAt = serializers.DateTimeField(source="cancelled_at", read_only=True, allow_null=True)
    attended = serializers.BooleanField(read_only=True, allow_null=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "name",
            "email",
            "organisationName",
            "function",
            "status",
            "registeredAt",
            "promotedAt",
            "cancelledAt",
            "attended",
        ]


class RegistrationCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, help_text="Voor- en achternaam.")
    email = serializers.EmailField(max_length=254, help_text="Hierheen gaat de bevestiging.")
    organisationName = serializers.CharField(
        max_length=200, help_text="Organisatie waarvoor u werkt."
    )
    function = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="Bijv. beleidsadviseur."
    )
    consent = serializers.BooleanField(
        help_text="Akkoord met de privacyverklaring; zonder akkoord geen aanmelding."
    )


class RegistrationReceiptSerializer(serializers.ModelSerializer):
    """What the registrant gets back: their data, the status and their personal link."""

    meeting = MeetingSummarySerializer(read_only=True)
    status = EnumField(
        enum_name="RegistrationStatusEnum", choices=RegistrationStatus.choices, read_only=True
    )
    organisationName = serializers.CharField(source="organisation_name", read_only=True)
    registeredAt = serializers.DateTimeField(source="created_at", read_only=True)
    manageUrl = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = [
            "id",
            "meeting",
            "name",
            "email",
            "organisationName",
            "function",
            "status",
            "registeredAt",
            "manageUrl",
        ]

    @extend_schema_field(
        serializers.URLField(
            help_text="Persoonlijke link om de aanmelding te bekijken, af te melden of te "
            "verwijderen (ook in de bevestigingsmail)."
        )
    )
    def get_manageUrl(self, registration: Registration) -> str:
        location = reverse(
            "communities:registration-manage",
            kwargs={"token": services.registration_token(registration)},
        )
        return _absolute(self.context.get("request"), location)


class TokenRequired(BasePermission):
    """The user's own data: reading and writing need a token."""

    def has_permission(self, request: Request, view: Any) -> bool:
        method = (request.method or "").lower()
        if method == "options" or method not in view.http_method_names:
            return True  # a description reveals nothing; an unknown method is a 405
        if not hasattr(view, method):
            return True  # the view answers 405 Method Not Allowed, not 401
        return bool(request.user and request.user.is_authenticated)


class PostIsPublic(BasePermission):
    """Registering needs no account (as on the page); other methods follow the defaults."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method == "POST":
            return True
        return ReadPublicWriteAuthenticated().has_permission(request, view)


class MeetingRegistrationListApi(generics.ListCreateAPIView):
    permission_classes = [PostIsPublic]
    throttle_classes = [RegistrationThrottle]

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.request.method == "POST":
            return RegistrationCreateSerializer
        return RegistrantSerializer

    def _meeting(self) -> Meeting:
        meeting = selectors.meeting_get(pk=self.kwargs["pk"])
        if meeting is None:
            raise Http404
        return meeting

    def get_queryset(self) -> QuerySet[Registration]:
        meeting = self._meeting()
        if not self.request.user.is_authenticated:
            raise NotAuthenticated
        if not user_can_manage_community(self.request.user, meeting.community):
            raise ApiPermissionDenied
        return selectors.meeting_registrations(meeting)

    @extend_schema(
        summary="Aanmeldingen voor een bijeenkomst (coördinator van de leerkring)",
        responses={200: RegistrantSerializer(many=True), **MANAGERS_ONLY},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Aanmelden voor een bijeenkomst (zonder account; bij vol op de wachtlijst)",
        description=(
            "Zoals op de pagina: iedereen kan zich aanmelden zolang de aanmelding open is. "
            "Is de bijeenkomst vol, dan komt de aanmelding op de wachtlijst (status 'waiting'). "
            "Per adres geldt dezelfde limiet als op de pagina."
        ),
        request=RegistrationCreateSerializer,
        responses={201: RegistrationReceiptSerializer},
        auth=[],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        meeting = self._meeting()
        serializer = RegistrationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            registration = services.registration_create(
                meeting=meeting,
                name=data["name"],
                email=data["email"],
                organisation_name=data["organisationName"],
                function=data.get("function", ""),
                consent=data["consent"],
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except ValidationError as error:
            raise api_errors(error) from error
        receipt = RegistrationReceiptSerializer(registration, context=self.get_serializer_context())
        return Response(receipt.data, status=status.HTTP_201_CREATED)


class OwnRegistrationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:own-registration-detail")
    meeting = MeetingSummarySerializer(read_only=True)
    status = EnumField(
        enum_name="RegistrationStatusEnum", choices=RegistrationStatus.choices, read_only=True
    )
    organisationName = serializers.CharField(source="organisation_name", read_only=True)
    registeredAt = serializers.DateTimeField(source="created_at", read_only=True)
    consentAt = serializers.DateTimeField(source="consent_at", read_only=True)
    promotedAt = serializers.DateTimeField(source="promoted_at", read_only=True, allow_null=True)
    cancelledAt = serializers.DateTimeField(source="cancelled_at", read_only=True, allow_null=True)

    class Meta:
        model = Registration
        fields = [
            "url",
            "id",
            "meeting",
            "name",
            "email",
            "organisationName",
            "function",
            "status",
            "registeredAt",
            "consentAt",
            "promotedAt",
            "cancelledAt",
        ]


class RegistrationCancelSerializer(serializers.Serializer):
    status = EnumField(
        enum_name="RegistrationCancelStatusEnum",
        choices=[(RegistrationStatus.CANCELLED.value, RegistrationStatus.CANCELLED.label)],
        help_text="Alleen 'cancelled': afmelden. De eerste op de wachtlijst krijgt de plaats.",
    )


OWN_REGISTRATIONS_NOTE = (
    "Aanmeldingen gaan zonder account; ze horen bij de gebruiker van het token via het "
    "e-mailadres van diens account (dat alleen de beheerder instelt)."
)


class OwnRegistrationListApi(generics.ListAPIView):
    serializer_class = OwnRegistrationSerializer
    permission_classes = [TokenRequired]

    def get_queryset(self) -> QuerySet[Registration]:
        return selectors.registrations_of_user(user=self.request.user)

    @extend_schema(
        summary="Mijn aanmeldingen",
        description=OWN_REGISTRATIONS_NOTE,
        responses={200: OwnRegistrationSerializer(many=True), **NEEDS_TOKEN},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class OwnRegistrationDetailApi(generics.RetrieveAPIView):
    serializer_class = OwnRegistrationSerializer
    permission_classes = [TokenRequired]
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Registration]:
        return selectors.registrations_of_user(user=self.request.user)

    @extend_schema(
        summary="Eén eigen aanmelding",
        description=OWN_REGISTRATIONS_NOTE,
        responses={200: OwnRegistrationSerializer, **NEEDS_TOKEN},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Afmelden voor een bijeenkomst",
        description="Zet de status op 'cancelled'. " + OWN_REGISTRATIONS_NOTE,
        request=RegistrationCancelSerializer,
        responses={200: OwnRegistrationSerializer},
    )
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        registration = self.get_object()
        RegistrationCancelSerializer(data=request.data).is_valid(raise_exception=True)
        services.registration_cancel(
            registration=registration, base_url=request.build_absolute_uri("/").rstrip("/")
        )
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        summary="Eigen aanmelding en gegevens verwijderen",
        description="Verwijdert de aanmelding met alle gegevens; een vrijgekomen plaats gaat "
        "naar de wachtlijst. " + OWN_REGISTRATIONS_NOTE,
        responses={204: None},
    )
    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        registration = self.get_object()
        services.registration_delete(
            registration=registration, base_url=request.build_absolute_uri("/").rstrip("/")
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


api_urlpatterns: list[URLPattern] = [
    path("leerkringen", CommunityListApi.as_view(), name="community-list"),
    path("leerkringen/<slug:slug>", CommunityDetailApi.as_view(), name="community-detail"),
    path(
        "leerkringen/<slug:slug>/bijeenkomsten",
        CommunityMeetingListApi.as_view(),
        name="community-meeting-list",
    ),
    path("leerkringen/<slug:slug>/casussen", CaseListApi.as_view(), name="community-case-list"),
    path(
        "leerkringen/<slug:slug>/casussen/<int:pk>",
        CaseDetailApi.as_view(),
        name="community-case-detail",
    ),
    path("bijeenkomsten", MeetingListApi.as_view(), name="meeting-list"),
    path("bijeenkomsten/<int:pk>", MeetingDetailApi.as_view(), name="meeting-detail"),
    path(
        "bijeenkomsten/<int:pk>/aanmeldingen",
        MeetingRegistrationListApi.as_view(),
        name="meeting-registration-list",
    ),
    path("aanmeldingen", OwnRegistrationListApi.as_view(), name="own-registration-list"),
    path(
        "aanmeldingen/<int:pk>", OwnRegistrationDetailApi.as_view(), name="own-registration-detail"
    ),
]
