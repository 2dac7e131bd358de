"""REST endpoints for children, journeys, adopters, links, matches, placements, disruptions and
SSDA903 imports. Reads through the selectors, writes through the services."""

from django.core.exceptions import TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from agencies.audit import AuditedReadsMixin
from agencies.models import LocalAuthority
from agencies.scoping import IMPORTS, require_write
from core.api_support import ScopedViewSet
from journeys import filters, selectors, services
from journeys.casework import STEPS, step_households
from journeys.models import (
    JOURNEY_DATES,
)
from journeys.serializers import (
    CHILD_ADD_ONLY,
    AdoptionOrderSerializer,
    ChildSerializer,
    DisruptionSerializer,
    HouseholdSerializer,
    ImportRecordSerializer,
    JourneySerializer,
    LinkSerializer,
    MatchCreateSerializer,
    PlacementSerializer,
    Ssda903UploadSerializer,
)
from journeys.ssda903.services import import_record_create
from journeys.ssda903.uploads import request_size_problem, too_many_files_sent

UNKNOWN_LA = "Unknown LA code."
UNKNOWN_STEP = "No such step."


class ChildViewSet(AuditedReadsMixin, ScopedViewSet):
    """Children looked after by the LAs in your scope."""

    serializer_class = ChildSerializer
    selector = selectors.child_list
    create_service = services.child_add
    update_service = services.child_update
    # What adding a child reads (its sibling group, the duplicate check) is not changed later.
    update_fields = tuple(
        name
        for name in ChildSerializer.Meta.fields
        if name not in (*CHILD_ADD_ONLY, *ChildSerializer.Meta.read_only_fields)
    )
    filterset_class = filters.ChildFilterSet
    ordering_fields = ["la_child_id", "date_of_birth"]


class JourneyViewSet(AuditedReadsMixin, ScopedViewSet):
    """Adoption journeys: one period of care of a child."""

    serializer_class = JourneySerializer
    selector = selectors.journey_list
    create_service = services.journey_start
    update_service = services.journey_update
    delete_service = services.journey_delete
    update_fields = (
        "entered_care",
        "adm_decision",
        "placement_order",
        "adoption_application",
        "plan_ceased",
        "plan_ceased_reason",
        "early_permanence",
    )
    extra_methods = ("post",)
    filterset_class = filters.JourneyFilterSet
    ordering_fields = list(JOURNEY_DATES)

    @extend_schema(request=AdoptionOrderSerializer, responses={200: JourneySerializer})
    @action(detail=True, methods=["post"], url_path="adoption-order")
    def adoption_order(self, request, pk=None):
        """Record the adoption order; the current placement ends in adoption."""
        journey = self.get_object()  # another LA's journey is not found, whatever the body
        data = AdoptionOrderSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        journey = services.adoption_order_record(
            user=request.user,
            journey=journey,
            granted=data.validated_data["granted"],
            via=self.via,
        )
        return Response(self.get_serializer(journey).data)

    @extend_schema(request=None, responses={200: JourneySerializer(many=True)})
    @action(detail=True, methods=["post"], url_path=r"steps/(?P<slug>[a-z-]+)")
    def step(self, request, pk=None, slug=None):
        """Record a casework step (the page's fields; `siblings`: ids of the brothers' and
        sisters' open journeys to record it on too): on every journey, or on none."""
        journey = self.get_object()
        step = STEPS.get(slug)
        if step is None:
            raise NotFound(UNKNOWN_STEP)
        siblings = selectors.sibling_journeys(user=request.user, journey=journey)
        options = {"journey": journey, "siblings": siblings}
        if step.households:
            households = selectors.household_list(user=request.user)
            options["households"] = step_households(step, journey, households)
        form = step.form(request.data, **options)
        if not form.is_valid():
            raise ValidationError(form.errors.get_json_data())
        chosen = list(form.cleaned_data.get("siblings", []))
        services.journey_step_record(
            user=request.user,
            record=lambda user, each: step.record(user, each, form.cleaned_data),
            journey=journey,
            siblings=chosen,
        )
        recorded = selectors.journey_list(user=request.user).filter(
            pk__in=[journey.pk, *(j.pk for j in chosen)]
        )
        return Response(self.get_serializer(recorded, many=True).data)


class HouseholdViewSet(ScopedViewSet):
    """Adopter households, from enquiry to approval."""

    serializer_class = HouseholdSerializer
    selector = selectors.household_list
    create_service = services.household_create
    update_service = services.household_update
    record = "household"
    filterset_class = filters.HouseholdFilterSet
    ordering_fields = ["reference", "registration", "approved"]


class LinkViewSet(AuditedReadsMixin, ScopedViewSet):
    """Links: a household proposed for a child."""

    serializer_class = LinkSerializer
    selector = selectors.link_list
    create_service = services.link_create
    filterset_class = filters.LinkFilterSet
    ordering_fields = ["linked", "matched"]


class MatchViewSet(AuditedReadsMixin, ScopedViewSet):
    """Matches: links on which the agency decision maker has decided. POST a link and the day."""

    serializer_class = MatchCreateSerializer
    output_serializer_class = LinkSerializer
    selector = selectors.match_list
    create_service = services.match_record
    filterset_class = filters.LinkFilterSet
    ordering_fields = ["matched"]

    def get_serializer_class(self):
        return MatchCreateSerializer if self.action == "create" else LinkSerializer

    @extend_schema(request=MatchCreateSerializer, responses={201: LinkSerializer})
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)


class PlacementViewSet(AuditedReadsMixin, ScopedViewSet):
    """Adoption placements; a disruption ends one (see disruptions), an adoption order another."""

    serializer_class = PlacementSerializer
    selector = selectors.placement_list
    create_service = services.placement_record
    update_service = services.placement_update
    update_fields = services.PLACEMENT_FIELDS
    filterset_class = filters.PlacementFilterSet
    ordering_fields = ["placed", "ended"]


class DisruptionViewSet(AuditedReadsMixin, ScopedViewSet):
    """Disruptions: placements that ended before an adoption order."""

    serializer_class = DisruptionSerializer
    selector = selectors.disruption_list
    create_service = services.disruption_record
    update_service = services.disruption_update
    update_fields = (
        "ended",
        "reason",
        "meeting",
        "chair",
        "chair_independent",
        "report_completed",
        "report_received",
        "learning",
    )
    filterset_class = filters.DisruptionFilterSet


class ImportViewSet(AuditedReadsMixin, ScopedViewSet):
    """SSDA903 imports of the LAs in your scope; POST files to `ssda903/` to import a return."""

    serializer_class = ImportRecordSerializer
    output_serializer_class = ImportRecordSerializer
    selector = selectors.import_record_list
    extra_methods = ("post",)
    filterset_class = filters.ImportRecordFilterSet

    @extend_schema(
        request={"multipart/form-data": Ssda903UploadSerializer},
        responses={202: ImportRecordSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        parser_classes=[MultiPartParser, FormParser],
        serializer_class=Ssda903UploadSerializer,
    )
    def ssda903(self, request):
        """Upload an LA's return (CSV tables, the XML file, or a zip of either) for one year; it
        is imported by a task. The role and the request's size are checked before the body is
        read."""
        require_write(request.user, IMPORTS)
        if problem := request_size_problem(request.META.get("CONTENT_LENGTH")):
            raise ValidationError({"files": [problem]})
        try:
            upload = Ssda903UploadSerializer(data=request.data)
        except TooManyFilesSent:
            raise ValidationError({"files": [too_many_files_sent()]}) from None
        upload.is_valid(raise_exception=True)
        la = LocalAuthority.objects.filter(code=upload.validated_data["la"]).first()
        if la is None:
            raise ValidationError({"la": [UNKNOWN_LA]})
        try:
            record = import_record_create(
                user=request.user,
                la=la,
                year=upload.validated_data["year"],
                uploads=upload.validated_data["files"],
            )
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from error
        record.refresh_from_db()
        return Response(ImportRecordSerializer(record).data, status=status.HTTP_202_ACCEPTED)
