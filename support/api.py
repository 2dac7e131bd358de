"""REST endpoints for adoption support and the Adoption Support Fund."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from agencies.audit import AuditedReadsMixin
from agencies.services import superuser_save
from core.api_support import ScopedViewSet
from core.filters import filterset_for
from support import selectors, services
from support.models import FundApplication, FundRule, SupportAssessment, SupportReferral
from support.serializers import (
    AssessmentSerializer,
    FundApplicationSerializer,
    FundDecisionSerializer,
    FundRuleSerializer,
    ReferralSerializer,
)


class ReferralViewSet(AuditedReadsMixin, ScopedViewSet):
    """Requests for adoption support (advice line calls)."""

    serializer_class = ReferralSerializer
    selector = selectors.referral_list
    create_service = staticmethod(services.referral_create)
    update_service = staticmethod(
        lambda referral, user, **f: services.referral_update(
            user=user, referral=referral, via="api", **f
        )
    )
    filterset_class = filterset_for(
        SupportReferral,
        la_path="la",
        dates=["referred"],
        fields=["via_advice_line", "child"],
        search=["summary"],
    )
    ordering_fields = ["referred"]


class AssessmentViewSet(AuditedReadsMixin, ScopedViewSet):
    """Assessments of adoption support needs."""

    serializer_class = AssessmentSerializer
    selector = selectors.assessment_list
    create_service = staticmethod(services.assessment_record)
    update_service = staticmethod(
        lambda assessment, user, **f: services.assessment_update(
            user=user,
            assessment=assessment,
            via="api",
            **{k: v for k, v in f.items() if k != "referral"},
        )
    )
    filterset_class = filterset_for(
        SupportAssessment, la_path="referral__la", dates=["started", "completed"]
    )


class FundApplicationViewSet(AuditedReadsMixin, ScopedViewSet):
    """Adoption Support Fund applications; POST `decide/` to record the Fund's decision."""

    serializer_class = FundApplicationSerializer
    selector = selectors.fund_application_list
    create_service = staticmethod(services.fund_application_create)
    extra_methods = ("post",)
    filterset_class = filterset_for(
        FundApplication,
        la_path="child__la",
        dates=["submitted", "decided"],
        fields=["financial_year", "status", "child"],
        search=["therapy_type", "provider"],
    )
    ordering_fields = ["submitted", "decided", "amount_applied"]

    @extend_schema(request=FundDecisionSerializer, responses={200: FundApplicationSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Record the Fund's decision: the amount approved, or null when declined."""
        application = self.get_object()  # another LA's application is not found, whatever the body
        data = FundDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = services.fund_application_decide(
            user=request.user, application=application, via="api", **data.validated_data
        )
        return Response(self.get_serializer(application).data)


class FundRuleViewSet(ScopedViewSet):
    """Adoption Support Fund rules by the financial year they apply from."""

    serializer_class = FundRuleSerializer
    selector = staticmethod(lambda user: FundRule.objects.all())
    create_service = staticmethod(lambda user, **f: superuser_save(FundRule(), user=user, **f))
    update_service = staticmethod(lambda rule, user, **f: superuser_save(rule, user=user, **f))
    filterset_class = filterset_for(FundRule, la_path=None, fields=["applies_from"])
