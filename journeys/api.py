"""REST endpoints for children, journeys, adopters, links, matches, placements, disruptions and
SSDA903 imports. Reads through the selectors, writes through the services."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from agencies.audit import AuditedReadsMixin
from agencies.models import LocalAuthority
from core.api_support import ScopedViewSet
from core.filters import filterset_for
from indicators.calculations.states import (
    STATUS_FILTERS,
    harder_to_place_waiting,
    journeys_with_status,
)
from journeys import selectors, services
from journeys.models import (
    JOURNEY_DATES,
    AdopterHousehold,
    Child,
    Disruption,
    ImportRecord,
    Journey,
    Link,
    Placement,
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

UNKNOWN_LA = "Unknown LA code."


class JourneyFilterSet(
    filterset_for(
        Journey,
        la_path="child__la",
        dates=JOURNEY_DATES,
        fields=["early_permanence", "foster_carer_adoption", "source"],
        search=["child__la_child_id"],
    )
):
    # The journey's status today, as its body gives it (one definition: states.journey_status_at).
    status = django_filters.ChoiceFilter(
        choices=[(s, s) for s in STATUS_FILTERS], method="by_status"
    )
    harder_to_place = django_filters.BooleanFilter(
        method="by_harder_to_place",
        help_text="waiting today and aged 5+, waiting with a sibling, disabled or not White "
        "British",
    )

    def by_status(self, queryset, _name, value):
        return journeys_with_status(queryset, value)

    def by_harder_to_place(self, queryset, _name, value):
        harder = harder_to_place_waiting(timezone.localdate())
        return queryset.filter(harder) if value else queryset.exclude(harder)


class ChildViewSet(AuditedReadsMixin, ScopedViewSet):
    """Children looked after by the LAs in your scope."""

    serializer_class = ChildSerializer
    selector = selectors.child_list
    create_service = staticmethod(
        lambda user, **fields: services.child_add(user=user, via="api", **fields)
    )
    update_service = staticmethod(
        lambda child, user, **fields: services.child_update(
            user=user,
            child=child,
            via="api",
            **{k: v for k, v in fields.items() if k not in CHILD_ADD_ONLY},
        )
    )
    filterset_class = filterset_for(
        Child,
        la_path="la",
        dates=["date_of_birth"],
        fields=["sex", "ethnicity", "disability"],
        search=["la_child_id", "first_name", "last_name"],
    )
    ordering_fields = ["la_child_id", "date_of_birth"]


class JourneyViewSet(AuditedReadsMixin, ScopedViewSet):
    """Adoption journeys: one period of care of a child."""

    serializer_class = JourneySerializer
    selector = selectors.journey_list
    create_service = staticmethod(
        lambda user, child, **dates: services.journey_start(
            user=user, child=child, via="api", **dates
        )
    )
    update_service = staticmethod(
        lambda journey, user, **fields: services.journey_update(
            user=user,
            journey=journey,
            via="api",
            **{k: v for k, v in fields.items() if k != "child"},
        )
    )
    delete_service = staticmethod(
        lambda journey, user: services.journey_delete(user=user, journey=journey, via="api")
    )
    extra_methods = ("post",)
    filterset_class = JourneyFilterSet
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
            via="api",
        )
        return Response(self.get_serializer(journey).data)


class HouseholdViewSet(ScopedViewSet):
    """Adopter households, from enquiry to approval."""

    serializer_class = HouseholdSerializer
    selector = selectors.household_list
    create_service = staticmethod(services.household_create)
    update_service = staticmethod(
        lambda household, user, **fields: services.household_update(
            user=user, household=household, **fields
        )
    )
    filterset_class = filterset_for(
        AdopterHousehold,
        la_path="la",
        dates=["enquiry", "registration", "stage2_start", "approved", "withdrawn"],
        fields=["early_permanence", "legal_status"],
        search=["reference"],
    )
    ordering_fields = ["reference", "registration", "approved"]


class LinkViewSet(AuditedReadsMixin, ScopedViewSet):
    """Links: a household proposed for a child."""

    serializer_class = LinkSerializer
    selector = selectors.link_list
    create_service = staticmethod(services.link_create)
    filterset_class = filterset_for(
        Link,
        la_path="journey__child__la",
        dates=["linked", "matched"],
        fields=["status", "journey", "household"],
    )
    ordering_fields = ["linked", "matched"]


class MatchViewSet(AuditedReadsMixin, ScopedViewSet):
    """Matches: links on which the agency decision maker has decided. POST a link and the day."""

    serializer_class = MatchCreateSerializer
    output_serializer_class = LinkSerializer
    create_service = staticmethod(services.match_record)
    filterset_class = LinkViewSet.filterset_class
    ordering_fields = ["matched"]

    def get_serializer_class(self):
        return MatchCreateSerializer if self.action == "create" else LinkSerializer

    @staticmethod
    def selector(user):
        return selectors.link_list(user=user).filter(matched__isnull=False)

    @extend_schema(request=MatchCreateSerializer, responses={201: LinkSerializer})
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)


class PlacementViewSet(AuditedReadsMixin, ScopedViewSet):
    """Adoption placements; a disruption ends one (see disruptions), an adoption order another."""

    serializer_class = PlacementSerializer
    selector = selectors.placement_list
    create_service = staticmethod(services.placement_record)
    update_service = staticmethod(
        lambda placement, user, **fields: services.placement_update(
            user=user,
            placement=placement,
            via="api",
            **{k: v for k, v in fields.items() if k in services.PLACEMENT_FIELDS},
        )
    )
    filterset_class = filterset_for(
        Placement,
        la_path="journey__child__la",
        dates=["placed", "ended"],
        fields=["end_reason", "source", "journey"],
    )
    ordering_fields = ["placed", "ended"]


class DisruptionViewSet(AuditedReadsMixin, ScopedViewSet):
    """Disruptions: placements that ended before an adoption order."""

    serializer_class = DisruptionSerializer
    selector = selectors.disruption_list
    create_service = staticmethod(services.disruption_record)
    update_service = staticmethod(
        lambda disruption, user, **fields: services.disruption_update(
            user=user,
            disruption=disruption,
            via="api",
            **{k: v for k, v in fields.items() if k != "placement"},
        )
    )
    filterset_class = filterset_for(
        Disruption,
        la_path="placement__journey__child__la",
        dates=["placement__ended", "meeting"],
        fields=["chair_independent", "report_completed"],
    )


class ImportViewSet(ScopedViewSet):
    """SSDA903 imports of the LAs in your scope; POST files to `ssda903/` to import a return."""

    serializer_class = ImportRecordSerializer
    output_serializer_class = ImportRecordSerializer
    selector = selectors.import_record_list
    extra_methods = ("post",)
    filterset_class = filterset_for(ImportRecord, la_path="la", fields=["year", "status"])

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
        """Upload an LA's return (CSV tables or XML) for one year; it is imported by a task."""
        upload = Ssda903UploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        la = LocalAuthority.objects.filter(code=upload.validated_data["la"]).first()
        if la is None:
            raise ValidationError({"la": [UNKNOWN_LA]})
        files = [(f.name, f.read()) for f in upload.validated_data["files"]]
        try:
            record = import_record_create(
                user=request.user, la=la, year=upload.validated_data["year"], uploads=files
            )
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from error
        record.refresh_from_db()
        return Response(ImportRecordSerializer(record).data, status=status.HTTP_202_ACCEPTED)
