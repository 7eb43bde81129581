"""API v1 for covenants, agreements, actions and progress notes: parse input, call a selector
or service, render.

The rules are the pages' rules: internal agreements (and their actions and notes) do not exist
for those who may not see them (404); editors write to the agreements their organisation is a
party to, coordinators to all. Progress counts actions without a status or due date.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from dwarsverband.agreements import selectors, services
from dwarsverband.agreements.constants import (
    ActionStatus,
    CovenantActivityKind,
    CovenantStatus,
    FollowUp,
)
from dwarsverband.agreements.models import (
    Action,
    Agreement,
    Covenant,
    CovenantActivity,
    CovenantDocument,
    CovenantParty,
    CovenantSignatory,
    JointAgenda,
    ProgressNote,
)
from dwarsverband.api.fields import EnumField, SlugReferenceField
from dwarsverband.api.problems import api_errors
from dwarsverband.api.serializers import OrganisationSummarySerializer, ThemeSummarySerializer
from dwarsverband.organisations.models import Organisation
from dwarsverband.programmes.models import Theme

# --- Shared pieces --------------------------------------------------------------------------


def _today() -> date:
    """Today as the pages see it: the API answers in UTC, but a due date is a Dutch date."""
    return timezone.localdate(timezone=ZoneInfo(settings.TIME_ZONE))


class ProgressSerializer(serializers.Serializer):
    # Progress of a set of actions, counted as on the pages.

    total = serializers.IntegerField(help_text="Alle actiepunten, ook vervallen.")
    done = serializers.IntegerField(help_text="Afgerond.")
    inProgress = serializers.IntegerField(source="in_progress", help_text="In uitvoering.")
    open = serializers.IntegerField(help_text="Open.")
    dropped = serializers.IntegerField(help_text="Vervallen; telt niet mee als werk.")
    withoutStatus = serializers.IntegerField(
        source="unknown_status", help_text="Zonder status (onbekend); wel meegeteld."
    )
    withoutDueDate = serializers.IntegerField(
        source="without_due_date", help_text="Zonder einddatum; wel meegeteld."
    )
    overdue = serializers.IntegerField(help_text="Niet afgerond en de einddatum is voorbij.")
    percentage = serializers.IntegerField(
        allow_null=True,
        help_text="Afgerond als percentage van de niet-vervallen actiepunten; null zonder "
        "actiepunten.",
    )


def _progress(serializer: serializers.Serializer, pk: int) -> dict[str, Any]:
    progress = serializer.context["progress"].get(pk, selectors.Progress())
    return ProgressSerializer(progress).data


# --- Covenants ------------------------------------------------------------------------------


class CovenantPartySerializer(serializers.ModelSerializer):
    organisation = OrganisationSummarySerializer(read_only=True)
    onBehalfOfMembers = serializers.BooleanField(source="on_behalf_of_members", read_only=True)

    class Meta:
        model = CovenantParty
        fields = ["organisation", "onBehalfOfMembers", "note"]


class CovenantSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:covenant-detail", lookup_field="slug")
    status = EnumField(
        enum_name="CovenantStatusEnum", choices=CovenantStatus.choices, read_only=True
    )
    signedOn = serializers.DateField(source="signed_on", read_only=True, allow_null=True)
    startDate = serializers.DateField(source="start_date", read_only=True, allow_null=True)
    endDate = serializers.DateField(source="end_date", read_only=True, allow_null=True)
    parties = CovenantPartySerializer(source="party_links", many=True, read_only=True)
    themes = ThemeSummarySerializer(many=True, read_only=True)
    progress = serializers.SerializerMethodField(
        help_text="Voortgang over de actiepunten van de afspraken die u mag zien."
    )
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    updatedAt = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Covenant
        fields = [
            "url",
            "slug",
            "title",
            "summary",
            "status",
            "signedOn",
            "startDate",
            "endDate",
            "parties",
            "themes",
            "progress",
            "createdAt",
            "updatedAt",
        ]

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, covenant: Covenant) -> dict[str, Any]:
        return _progress(self, covenant.pk)


class CovenantSignatorySerializer(serializers.ModelSerializer):
    organisation = OrganisationSummarySerializer(read_only=True)

    class Meta:
        model = CovenantSignatory
        fields = ["name", "capacity", "organisation"]


class CovenantActivitySerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=CovenantActivityKind.choices, read_only=True)

    class Meta:
        model = CovenantActivity
        fields = ["kind", "title", "description", "url"]


class CovenantDocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Het bestand, of de link naar elders.")

    class Meta:
        model = CovenantDocument
        fields = ["title", "url"]

    def get_url(self, document: CovenantDocument) -> str:
        if document.file:
            request = self.context.get("request")
            url = document.file.url
            return request.build_absolute_uri(url) if request is not None else url
        return document.url


class AgreementReferenceSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:agreement-detail", lookup_field="pk", lookup_url_kwarg="id"
    )
    agreedOn = serializers.DateField(source="agreed_on", read_only=True, allow_null=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = ["url", "id", "title", "agreedOn", "internal", "progress"]

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, agreement: Agreement) -> dict[str, Any]:
        return _progress(self, agreement.pk)


class CovenantDetailSerializer(CovenantSerializer):
    programmeText = serializers.CharField(source="programme_text", read_only=True)
    signatories = CovenantSignatorySerializer(many=True, read_only=True)
    activities = CovenantActivitySerializer(many=True, read_only=True)
    documents = CovenantDocumentSerializer(many=True, read_only=True)
    agreements = serializers.SerializerMethodField(
        help_text="De afspraken onder dit convenant die u mag zien, met hun voortgang."
    )

    class Meta(CovenantSerializer.Meta):
        fields = [
            *CovenantSerializer.Meta.fields,
            "programmeText",
            "signatories",
            "activities",
            "documents",
            "agreements",
        ]

    @extend_schema_field(AgreementReferenceSerializer(many=True))
    def get_agreements(self, covenant: Covenant) -> list[dict[str, Any]]:
        agreements = self.context["agreements"]
        context = {**self.context, "progress": self.context["agreement_progress"]}
        return AgreementReferenceSerializer(agreements, many=True, context=context).data  # type: ignore[return-value]


class CovenantFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=CovenantStatus.choices, required=False, allow_blank=True
    )
    partij = serializers.SlugField(
        required=False, allow_blank=True, max_length=200, help_text="Slug van een partij"
    )
    thema = serializers.SlugField(
        required=False, allow_blank=True, max_length=120, help_text="Slug van een thema"
    )


class CovenantListApi(generics.ListAPIView):
    serializer_class = CovenantSerializer

    def get_queryset(self) -> QuerySet[Covenant]:
        params = CovenantFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data: dict[str, Any] = params.validated_data
        covenants = selectors.covenant_list()
        if data.get("status"):
            covenants = covenants.filter(status=data["status"])
        if data.get("partij"):
            covenants = covenants.filter(parties__slug=data["partij"])
        if data.get("thema"):
            covenants = covenants.filter(themes__slug=data["thema"])
        return covenants.order_by("-start_date", "title", "pk")

    @extend_schema(parameters=[CovenantFilterSerializer], summary="Convenanten, met hun voortgang")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        assert page is not None
        progress = selectors.progress_by_covenant(
            user=request.user, covenant_ids=[covenant.pk for covenant in page], today=_today()
        )
        context = {**self.get_serializer_context(), "progress": progress}
        return self.get_paginated_response(
            CovenantSerializer(page, many=True, context=context).data
        )


class CovenantDetailApi(generics.GenericAPIView):
    serializer_class = CovenantDetailSerializer

    @extend_schema(summary="Convenant met partijen, ondertekenaars en afspraken")
    def get(self, request: Request, slug: str) -> Response:
        covenant = selectors.covenant_get(slug=slug)
        if covenant is None:
            raise Http404
        today = _today()
        agreements = list(selectors.agreement_list(user=request.user).filter(covenant=covenant))
        context = {
            **self.get_serializer_context(),
            "progress": {
                covenant.pk: selectors.covenant_progress(
                    user=request.user, covenant=covenant, today=today
                )
            },
            "agreements": agreements,
            "agreement_progress": selectors.progress_by_agreement(
                agreement_ids=[agreement.pk for agreement in agreements], today=today
            ),
        }
        return Response(CovenantDetailSerializer(covenant, context=context).data)


# --- Agreements -----------------------------------------------------------------------------


class CovenantReferenceSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:covenant-detail", lookup_field="slug")

    class Meta:
        model = Covenant
        fields = ["url", "slug", "title"]


class JointAgendaReferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = JointAgenda
        fields = ["id", "title"]


class ActionAgreementSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:agreement-detail", lookup_field="pk", lookup_url_kwarg="id"
    )

    class Meta:
        model = Agreement
        fields = ["url", "id", "title"]


class ActionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:action-detail", lookup_field="pk", lookup_url_kwarg="id"
    )
    agreement = ActionAgreementSerializer(read_only=True)
    ownerOrganisation = OrganisationSummarySerializer(source="owner_organisation", read_only=True)
    ownerPerson = serializers.CharField(
        source="owner_person.name",
        read_only=True,
        allow_null=True,
        help_text="Naam van de persoon die het actiepunt uitvoert, als die bekend is.",
    )
    dueDate = serializers.DateField(source="due_date", read_only=True, allow_null=True)
    status = EnumField(
        enum_name="ActionStatusEnum",
        choices=ActionStatus.choices,
        read_only=True,
        allow_null=True,
        help_text="null betekent: status onbekend (bijvoorbeeld na een import).",
    )
    droppedReason = serializers.CharField(source="dropped_reason", read_only=True)
    completedOn = serializers.DateField(source="completed_on", read_only=True, allow_null=True)
    followUp = serializers.SerializerMethodField(
        help_text="Waar een niet-afgerond actiepunt in de tijd staat; null als het klaar is."
    )
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    updatedAt = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Action
        fields = [
            "url",
            "id",
            "agreement",
            "title",
            "description",
            "ownerOrganisation",
            "ownerPerson",
            "dueDate",
            "status",
            "droppedReason",
            "completedOn",
            "followUp",
            "createdAt",
            "updatedAt",
        ]
        read_only_fields = ["title", "description"]

    @extend_schema_field(serializers.ChoiceField(choices=FollowUp.choices, allow_null=True))
    def get_followUp(self, action: Action) -> str | None:
        return selectors.follow_up_of(action, today=self.context.get("today") or _today())


class ActionStatusChangeSerializer(serializers.Serializer):
    status = EnumField(
        enum_name="ActionStatusEnum",
        choices=ActionStatus.choices,
        help_text="Verplicht: de nieuwe status. Een afgerond of vervallen actiepunt gaat eerst "
        "terug naar open.",
    )
    droppedReason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Waarom het actiepunt vervalt; verplicht bij status dropped.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["status"] == ActionStatus.DROPPED and not attrs.get("droppedReason", "").strip():
            raise serializers.ValidationError(
                {"droppedReason": "Geef aan waarom het actiepunt vervalt."}
            )
        return attrs


class ProgressNoteSerializer(serializers.ModelSerializer):
    writtenOn = serializers.DateField(
        source="written_on", required=False, help_text="Datum van de notitie; standaard vandaag."
    )
    text = serializers.CharField(max_length=10000, help_text="Wat er is gebeurd of besloten.")
    authorOrganisation = OrganisationSummarySerializer(
        source="author_organisation", read_only=True, allow_null=True
    )
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = ProgressNote
        fields = ["id", "writtenOn", "text", "authorOrganisation", "createdAt"]


class AgreementSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:agreement-detail", lookup_field="pk", lookup_url_kwarg="id"
    )
    covenant = CovenantReferenceSerializer(read_only=True, allow_null=True)
    jointAgenda = JointAgendaReferenceSerializer(
        source="joint_agenda", read_only=True, allow_null=True
    )
    sourceKind = serializers.SerializerMethodField(
        help_text="Waaruit de afspraak voortkomt, in woorden (leeg als onbekend)."
    )
    sourceLabel = serializers.CharField(source="source_label", read_only=True)
    parties = OrganisationSummarySerializer(many=True, read_only=True)
    ownerOrganisation = OrganisationSummarySerializer(source="owner_organisation", read_only=True)
    ownerPerson = serializers.CharField(source="owner_person.name", read_only=True, allow_null=True)
    themes = ThemeSummarySerializer(many=True, read_only=True)
    agreedOn = serializers.DateField(source="agreed_on", read_only=True, allow_null=True)
    internal = serializers.BooleanField(
        read_only=True, help_text="Alleen zichtbaar voor de partijen en coördinatoren."
    )
    progress = serializers.SerializerMethodField()
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    updatedAt = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "url",
            "id",
            "title",
            "description",
            "covenant",
            "jointAgenda",
            "sourceKind",
            "sourceLabel",
            "parties",
            "ownerOrganisation",
            "ownerPerson",
            "themes",
            "agreedOn",
            "internal",
            "progress",
            "createdAt",
            "updatedAt",
        ]

    def get_sourceKind(self, agreement: Agreement) -> str:
        return selectors.agreement_source_kind(agreement)

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, agreement: Agreement) -> dict[str, Any]:
        return _progress(self, agreement.pk)


class AgreementDetailSerializer(AgreementSerializer):
    actions = ActionSerializer(many=True, read_only=True)
    notes = ProgressNoteSerializer(many=True, read_only=True)

    class Meta(AgreementSerializer.Meta):
        fields = [*AgreementSerializer.Meta.fields, "actions", "notes"]


class AgreementCreateSerializer(serializers.Serializer):
    # The service checks that the owner is a party (or a member of a network that is one).

    title = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    ownerOrganisation = SlugReferenceField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        help_text="Slug van de partij die de afspraak trekt.",
    )
    parties = serializers.ListField(
        child=SlugReferenceField(slug_field="slug", queryset=Organisation.objects.all()),
        min_length=1,
        max_length=50,
        help_text="Slugs van de partijen; een redacteur neemt de eigen organisatie op.",
    )
    themes = serializers.ListField(
        child=SlugReferenceField(slug_field="slug", queryset=Theme.objects.all()),
        required=False,
        max_length=50,
    )
    covenant = SlugReferenceField(
        slug_field="slug",
        queryset=Covenant.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug van het convenant waaronder de afspraak valt.",
    )
    agreedOn = serializers.DateField(
        required=False, allow_null=True, help_text="Datum van de afspraak; standaard vandaag."
    )
    sourceLabel = serializers.CharField(required=False, allow_blank=True, max_length=300)
    internal = serializers.BooleanField(required=False, default=False)


class AgreementFilterSerializer(serializers.Serializer):
    convenant = serializers.SlugField(
        required=False, allow_blank=True, max_length=200, help_text="Slug van het convenant"
    )
    partij = serializers.SlugField(
        required=False, allow_blank=True, max_length=200, help_text="Slug van een partij"
    )
    thema = serializers.SlugField(
        required=False, allow_blank=True, max_length=120, help_text="Slug van een thema"
    )


def _visible_agreement(request: Request, agreement_id: int) -> Agreement:
    agreement = selectors.agreement_get(user=request.user, pk=agreement_id)
    if agreement is None:
        # Internal agreements do not exist for those who may not see them.
        raise Http404
    return agreement


def _agreement_response(
    view: generics.GenericAPIView, agreement: Agreement, **kwargs: Any
) -> Response:
    today = _today()
    context = {
        **view.get_serializer_context(),
        "today": today,
        "progress": {agreement.pk: selectors.agreement_progress(agreement=agreement, today=today)},
    }
    return Response(AgreementDetailSerializer(agreement, context=context).data, **kwargs)


class AgreementListApi(generics.ListCreateAPIView):
    serializer_class = AgreementSerializer

    def get_queryset(self) -> QuerySet[Agreement]:
        params = AgreementFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data: dict[str, Any] = params.validated_data
        agreements = selectors.agreement_list(user=self.request.user)
        if data.get("convenant"):
            agreements = agreements.filter(covenant__slug=data["convenant"])
        if data.get("partij"):
            agreements = agreements.filter(parties__slug=data["partij"])
        if data.get("thema"):
            agreements = agreements.filter(themes__slug=data["thema"])
        return (
            agreements.select_related("owner_person", "source_type")
            .prefetch_related("themes")
            .order_by("-agreed_on", "title", "pk")
        )

    @extend_schema(
        parameters=[AgreementFilterSerializer],
        summary="Afspraken die u mag zien, met hun voortgang",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        assert page is not None
        progress = selectors.progress_by_agreement(
            agreement_ids=[agreement.pk for agreement in page], today=_today()
        )
        context = {**self.get_serializer_context(), "progress": progress}
        return self.get_paginated_response(
            AgreementSerializer(page, many=True, context=context).data
        )

    @extend_schema(
        request=AgreementCreateSerializer,
        responses={201: AgreementDetailSerializer},
        summary="Afspraak vastleggen (redacteur van een partij of coördinator)",
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = AgreementCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = serializer.validated_data
        try:
            agreement = services.agreement_create(
                user=request.user,
                data={
                    "title": data["title"],
                    "description": data.get("description", ""),
                    "owner_organisation": data["ownerOrganisation"],
                    "covenant": data.get("covenant"),
                    "agreed_on": data.get("agreedOn") or _today(),
                    "source_label": data.get("sourceLabel", ""),
                    "internal": data.get("internal", False),
                },
                parties=data["parties"],
                themes=data.get("themes", []),
            )
        except PermissionDenied as error:
            raise ApiPermissionDenied from error
        except ValidationError as error:
            raise api_errors(error) from error
        created = _visible_agreement(request, agreement.pk)
        url = request.build_absolute_uri(reverse("api:agreement-detail", args=[agreement.pk]))
        return _agreement_response(
            self, created, status=status.HTTP_201_CREATED, headers={"Location": url}
        )


class AgreementDetailApi(generics.GenericAPIView):
    serializer_class = AgreementDetailSerializer

    @extend_schema(summary="Afspraak met actiepunten, voortgang en notities")
    def get(self, request: Request, id: int) -> Response:
        return _agreement_response(self, _visible_agreement(request, id))


# --- Actions --------------------------------------------------------------------------------


class ActionFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False, allow_blank=True)
    eigenaar = serializers.SlugField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Slug van de organisatie die het actiepunt uitvoert",
    )
    convenant = serializers.SlugField(
        required=False, allow_blank=True, max_length=200, help_text="Slug van het convenant"
    )


def _filtered_actions(request: Request, actions: QuerySet[Action]) -> QuerySet[Action]:
    params = ActionFilterSerializer(data=request.query_params)
    params.is_valid(raise_exception=True)
    data: dict[str, Any] = params.validated_data
    if data.get("status"):
        actions = actions.filter(status=data["status"])
    if data.get("eigenaar"):
        actions = actions.filter(owner_organisation__slug=data["eigenaar"])
    if data.get("convenant"):
        actions = actions.filter(agreement__covenant__slug=data["convenant"])
    return actions


class ActionListApi(generics.ListAPIView):
    serializer_class = ActionSerializer

    def get_queryset(self) -> QuerySet[Action]:
        return _filtered_actions(self.request, selectors.action_list(user=self.request.user))

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "today": _today()}

    @extend_schema(
        parameters=[ActionFilterSerializer],
        summary="Actiepunten die u mag zien, op einddatum",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class AgreementActionListApi(ActionListApi):
    def get_queryset(self) -> QuerySet[Action]:
        agreement = _visible_agreement(self.request, self.kwargs["id"])
        return _filtered_actions(
            self.request,
            selectors.action_list(user=self.request.user).filter(agreement=agreement),
        )

    @extend_schema(parameters=[ActionFilterSerializer], summary="Actiepunten van één afspraak")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ActionDetailApi(generics.GenericAPIView):
    serializer_class = ActionSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "today": _today()}

    def _action(self, action_id: int) -> Action:
        action = selectors.action_get(user=self.request.user, pk=action_id)
        if action is None:
            raise Http404
        return action

    @extend_schema(summary="Actiepunt")
    def get(self, request: Request, id: int) -> Response:
        return Response(self.get_serializer(self._action(id)).data)

    @extend_schema(
        request=ActionStatusChangeSerializer,
        responses={200: ActionSerializer},
        summary="Status van een actiepunt wijzigen (redacteur van een partij of coördinator)",
        description="Alleen status en droppedReason worden gelezen; vervallen (dropped) vraagt "
        "een reden.",
    )
    def patch(self, request: Request, id: int) -> Response:
        action = self._action(id)
        serializer = ActionStatusChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = serializer.validated_data
        try:
            updated = services.action_set_status(
                user=request.user,
                action=action,
                status=data["status"],
                reason=data.get("droppedReason", ""),
                today=_today(),
            )
        except PermissionDenied as error:
            raise ApiPermissionDenied from error
        except ValidationError as error:
            raise api_errors(error) from error
        return Response(self.get_serializer(updated).data)


# --- Progress notes -------------------------------------------------------------------------


class ProgressNoteListApi(generics.ListCreateAPIView):
    serializer_class = ProgressNoteSerializer

    def get_queryset(self) -> QuerySet[ProgressNote]:
        agreement = _visible_agreement(self.request, self.kwargs["id"])
        return selectors.progress_note_list(agreement=agreement)

    @extend_schema(summary="Voortgangsnotities van een afspraak, nieuwste eerst")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(summary="Voortgangsnotitie toevoegen (redacteur van een partij of coördinator)")
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        agreement = _visible_agreement(request, self.kwargs["id"])
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = serializer.validated_data
        try:
            note = services.progress_note_create(
                user=request.user,
                agreement=agreement,
                text=data["text"],
                written_on=data.get("written_on") or _today(),
            )
        except PermissionDenied as error:
            raise ApiPermissionDenied from error
        except ValidationError as error:
            raise api_errors(error) from error
        return Response(self.get_serializer(note).data, status=status.HTTP_201_CREATED)


api_urlpatterns: list[URLPattern] = [
    path("convenanten", CovenantListApi.as_view(), name="covenant-list"),
    path("convenanten/<slug:slug>", CovenantDetailApi.as_view(), name="covenant-detail"),
    path("afspraken", AgreementListApi.as_view(), name="agreement-list"),
    path("afspraken/<int:id>", AgreementDetailApi.as_view(), name="agreement-detail"),
    path(
        "afspraken/<int:id>/acties",
        AgreementActionListApi.as_view(),
        name="agreement-action-list",
    ),
    path(
        "afspraken/<int:id>/notities",
        ProgressNoteListApi.as_view(),
        name="agreement-note-list",
    ),
    path("acties", ActionListApi.as_view(), name="action-list"),
    path("acties/<int:id>", ActionDetailApi.as_view(), name="action-detail"),
]
