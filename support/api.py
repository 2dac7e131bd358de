"""REST endpoints for adoption support and the Adoption Support Fund."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from agencies.audit import AuditedReadsMixin
from agencies.services import superuser_save
from core.api_support import ScopedViewSet
from support import filters, selectors, services
from support.models import FundRule
from support.serializers import (
    AssessmentSerializer,
    ContactArrangementSerializer,
    ContactExchangeSerializer,
    FundApplicationSerializer,
    FundDecisionSerializer,
    FundRuleSerializer,
    GroupSessionSerializer,
    ReferralSerializer,
    SupportGroupSerializer,
)


class ReferralViewSet(AuditedReadsMixin, ScopedViewSet):
    """Requests for adoption support (advice line calls)."""

    serializer_class = ReferralSerializer
    selector = selectors.referral_list
    create_service = services.referral_create
    update_service = services.referral_update
    record = "referral"
    filterset_class = filters.ReferralFilterSet
    ordering_fields = ["referred"]


class AssessmentViewSet(AuditedReadsMixin, ScopedViewSet):
    """Assessments of adoption support needs."""

    serializer_class = AssessmentSerializer
    selector = selectors.assessment_list
    create_service = services.assessment_record
    update_service = services.assessment_update
    record = "assessment"
    update_fields = ("started", "completed", "needs_identified", "support_plan")
    filterset_class = filters.AssessmentFilterSet


class FundApplicationViewSet(AuditedReadsMixin, ScopedViewSet):
    """Adoption Support Fund applications; POST `decide/` to record the Fund's decision."""

    serializer_class = FundApplicationSerializer
    selector = selectors.fund_application_list
    create_service = services.fund_application_create
    extra_methods = ("post",)
    filterset_class = filters.FundApplicationFilterSet
    ordering_fields = ["submitted", "decided", "amount_applied"]

    @extend_schema(request=FundDecisionSerializer, responses={200: FundApplicationSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Record the Fund's decision: the amount approved, or null when declined."""
        application = self.get_object()  # another LA's application is not found, whatever the body
        data = FundDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = services.fund_application_decide(
            user=request.user, application=application, via=self.via, **data.validated_data
        )
        return Response(self.get_serializer(application).data)


class FundRuleViewSet(ScopedViewSet):
    """Adoption Support Fund rules by the financial year they apply from."""

    serializer_class = FundRuleSerializer
    queryset = FundRule.objects.all()
    create_service = superuser_save
    update_service = superuser_save
    record = "obj"
    filterset_class = filters.FundRuleFilterSet


class ContactArrangementViewSet(AuditedReadsMixin, ScopedViewSet):
    """Letterbox and direct contact arrangements of adopted children."""

    serializer_class = ContactArrangementSerializer
    selector = selectors.contact_arrangement_list
    create_service = services.contact_arrangement_create
    record = "arrangement"
    filterset_class = filters.ContactArrangementFilterSet
    ordering_fields = ["started"]


class ContactExchangeViewSet(AuditedReadsMixin, ScopedViewSet):
    """Exchanges made under contact arrangements (letters passed on, meetings)."""

    serializer_class = ContactExchangeSerializer
    selector = selectors.contact_exchange_list
    create_service = services.contact_exchange_record
    record = "exchange"
    filterset_class = filters.ContactExchangeFilterSet
    ordering_fields = ["exchanged"]


class SupportGroupViewSet(ScopedViewSet):
    """The RAA's support groups, courses and commissioned programmes."""

    serializer_class = SupportGroupSerializer
    selector = selectors.support_group_list
    create_service = services.support_group_create
    record = "group"
    filterset_class = filters.SupportGroupFilterSet


class GroupSessionViewSet(ScopedViewSet):
    """Sessions of the support groups, courses and programmes, with attendance."""

    serializer_class = GroupSessionSerializer
    selector = selectors.group_session_list
    create_service = services.group_session_record
    record = "session"
    filterset_class = filters.GroupSessionFilterSet
    ordering_fields = ["held"]
