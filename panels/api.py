"""REST endpoints for panels: panels, members, meetings (and attendance), items,
recommendations and agency decisions."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api_support import ScopedViewSet
from core.filters import filterset_for
from panels import selectors, services
from panels.models import AgencyDecision, Meeting, Panel, PanelItem, PanelMember
from panels.serializers import (
    AgencyDecisionSerializer,
    AttendanceSerializer,
    MeetingSerializer,
    PanelItemSerializer,
    PanelMemberSerializer,
    PanelSerializer,
    QuorumSerializer,
    RecommendationCreateSerializer,
)

RAA_LAS = "raa__local_authorities"


class PanelViewSet(ScopedViewSet):
    """Adoption panels of your RAA."""

    serializer_class = PanelSerializer
    selector = selectors.panel_list
    create_service = staticmethod(lambda user, **f: services.panel_save(Panel(), user=user, **f))
    update_service = staticmethod(
        lambda panel, user, **f: services.panel_save(panel, user=user, **f)
    )
    filterset_class = filterset_for(Panel, la_path=None, fields=["joint"], search=["name"])


class PanelMemberViewSet(ScopedViewSet):
    """The central list of panel members and their roles."""

    serializer_class = PanelMemberSerializer
    selector = selectors.panel_member_list
    create_service = staticmethod(
        lambda user, **f: services.member_save(PanelMember(), user=user, **f)
    )
    update_service = staticmethod(
        lambda member, user, **f: services.member_save(member, user=user, **f)
    )
    delete_service = staticmethod(services.member_delete)
    filterset_class = filterset_for(
        PanelMember, la_path=None, fields=["panel", "role", "active"], search=["name"]
    )


class MeetingViewSet(ScopedViewSet):
    """Panel meetings; POST `attendance/` to record who came and see the quorum check."""

    serializer_class = MeetingSerializer
    selector = selectors.meeting_list
    create_service = staticmethod(
        lambda user, panel, date: services.meeting_schedule(user=user, panel=panel, on=date)
    )
    extra_methods = ("post",)
    filterset_class = filterset_for(Meeting, la_path=None, dates=["date"], fields=["panel"])
    ordering_fields = ["date"]

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
    """Items on a meeting's agenda: a child or a household and the business."""

    serializer_class = PanelItemSerializer
    selector = selectors.panel_item_list
    create_service = staticmethod(services.item_add)
    filterset_class = filterset_for(
        PanelItem,
        la_path=None,
        dates=["meeting__date", "papers_received"],
        fields=["meeting", "business_type", "recommendation"],
    )


class RecommendationViewSet(ScopedViewSet):
    """Panel recommendations: items heard. POST an item, its outcome and any reason."""

    serializer_class = PanelItemSerializer
    output_serializer_class = PanelItemSerializer
    create_service = staticmethod(
        lambda user, item, recommendation, reason: services.recommendation_record(
            user=user, item=item, recommendation=recommendation, reason=reason
        )
    )
    filterset_class = PanelItemViewSet.filterset_class

    @staticmethod
    def selector(user):
        return selectors.panel_item_list(user=user).exclude(recommendation="")

    def get_serializer_class(self):
        return RecommendationCreateSerializer if self.action == "create" else PanelItemSerializer

    @extend_schema(request=RecommendationCreateSerializer, responses={201: PanelItemSerializer})
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)


class AgencyDecisionViewSet(ScopedViewSet):
    """Agency decisions on panel recommendations, with working days since the panel."""

    serializer_class = AgencyDecisionSerializer
    selector = selectors.agency_decision_list
    create_service = staticmethod(services.agency_decision_record)
    filterset_class = filterset_for(
        AgencyDecision, la_path=None, dates=["decided"], fields=["agreed"]
    )
    ordering_fields = ["decided", "working_days"]
