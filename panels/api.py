"""REST endpoints for panels: panels, members, meetings (and attendance), items,
recommendations and agency decisions."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api_support import ScopedViewSet
from panels import filters, selectors, services
from panels.serializers import (
    AgencyDecisionSerializer,
    AttendanceSerializer,
    DeferralSerializer,
    MeetingSerializer,
    PanelItemSerializer,
    PanelMemberSerializer,
    PanelSerializer,
    PapersSerializer,
    QuorumSerializer,
    RecommendationCreateSerializer,
)

RAA_LAS = "raa__local_authorities"


class PanelViewSet(ScopedViewSet):
    """Adoption panels of your RAA."""

    serializer_class = PanelSerializer
    selector = selectors.panel_list
    create_service = services.panel_save
    update_service = services.panel_save
    filterset_class = filters.PanelFilterSet


class PanelMemberViewSet(ScopedViewSet):
    """The central list of panel members and their roles."""

    serializer_class = PanelMemberSerializer
    selector = selectors.panel_member_list
    create_service = services.member_save
    update_service = services.member_save
    delete_service = services.member_delete
    record = "member"
    filterset_class = filters.PanelMemberFilterSet


class MeetingViewSet(ScopedViewSet):
    """Panel meetings; POST `attendance/` to record who came and see the quorum check."""

    serializer_class = MeetingSerializer
    selector = selectors.meeting_list
    extra_methods = ("post",)
    filterset_class = filters.MeetingFilterSet
    ordering_fields = ["date"]

    def create_record(self, fields: dict):
        """Schedule through meeting_schedule, which takes the day as `on`."""
        return services.meeting_schedule(
            user=self.request.user, panel=fields["panel"], on=fields["date"]
        )

    @extend_schema(request=AttendanceSerializer, responses={200: QuorumSerializer})
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        """Record the members present (replacing any earlier record); returns the quorum."""
        data = AttendanceSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        quorum = services.attendance_record(
            user=request.user, meeting=self.get_object(), members=data.validated_data["members"]
        )
        return Response(QuorumSerializer(quorum).data)


class PanelItemViewSet(ScopedViewSet):
    """Items on a meeting's agenda: a child or a household and the business. POST `papers/` for
    the date the papers were received, `defer/` to defer the item to a later meeting."""

    serializer_class = PanelItemSerializer
    selector = selectors.panel_item_list
    create_service = services.item_add
    filterset_class = filters.PanelItemFilterSet
    extra_methods = ("post",)

    @extend_schema(request=PapersSerializer, responses={200: PanelItemSerializer})
    @action(detail=True, methods=["post"])
    def papers(self, request, pk=None):
        """Record the date the panel's papers for the item were received."""
        data = PapersSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.item_papers_record(
            user=request.user, item=self.get_object(), received=data.validated_data["received"]
        )
        return Response(PanelItemSerializer(item, context=self.get_serializer_context()).data)

    @extend_schema(request=DeferralSerializer, responses={201: PanelItemSerializer})
    @action(detail=True, methods=["post"])
    def defer(self, request, pk=None):
        """Defer the item to a later meeting with the reason; returns the later meeting's item."""
        data = DeferralSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        item = self.get_object()
        later = services.item_defer(user=request.user, item=item, **data.validated_data)
        return Response(
            PanelItemSerializer(later, context=self.get_serializer_context()).data, status=201
        )


class RecommendationViewSet(ScopedViewSet):
    """Panel recommendations: items heard. POST an item, its outcome and any reason."""

    serializer_class = PanelItemSerializer
    output_serializer_class = PanelItemSerializer
    selector = selectors.recommendation_list
    create_service = services.recommendation_record
    filterset_class = filters.PanelItemFilterSet

    def get_serializer_class(self):
        return RecommendationCreateSerializer if self.action == "create" else PanelItemSerializer

    @extend_schema(request=RecommendationCreateSerializer, responses={201: PanelItemSerializer})
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)


class AgencyDecisionViewSet(ScopedViewSet):
    """Agency decisions on panel recommendations, with working days since the panel. An
    approval or a match is recorded on the household's or child's record (`effect`); changing
    or deleting the decision undoes it."""

    serializer_class = AgencyDecisionSerializer
    selector = selectors.agency_decision_list
    create_service = services.agency_decision_record
    update_service = services.agency_decision_update
    delete_service = services.agency_decision_delete
    record = "decision"
    update_fields = ("decision_maker", "decided", "approves", "agreed", "reason")
    filterset_class = filters.AgencyDecisionFilterSet
    ordering_fields = ["decided", "working_days"]
