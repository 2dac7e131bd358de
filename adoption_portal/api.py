"""The one REST API router: every app's viewsets under /api/v1/."""

from rest_framework.routers import DefaultRouter

from agencies import api as agencies
from finance import api as finance
from indicators import api as indicators
from journeys import api as journeys
from panels import api as panels
from recruitment import api as recruitment
from support import api as support

router = DefaultRouter()
for prefix, viewset in [
    ("children", journeys.ChildViewSet),
    ("journeys", journeys.JourneyViewSet),
    ("households", journeys.HouseholdViewSet),
    ("links", journeys.LinkViewSet),
    ("matches", journeys.MatchViewSet),
    ("placements", journeys.PlacementViewSet),
    ("disruptions", journeys.DisruptionViewSet),
    ("panels", panels.PanelViewSet),
    ("panel-members", panels.PanelMemberViewSet),
    ("meetings", panels.MeetingViewSet),
    ("panel-items", panels.PanelItemViewSet),
    ("recommendations", panels.RecommendationViewSet),
    ("agency-decisions", panels.AgencyDecisionViewSet),
    ("support-referrals", support.ReferralViewSet),
    ("assessments", support.AssessmentViewSet),
    ("fund-applications", support.FundApplicationViewSet),
    ("fund-rules", support.FundRuleViewSet),
    ("contact-arrangements", support.ContactArrangementViewSet),
    ("contact-exchanges", support.ContactExchangeViewSet),
    ("support-groups", support.SupportGroupViewSet),
    ("group-sessions", support.GroupSessionViewSet),
    ("hub-budgets", finance.HubBudgetViewSet),
    ("raas", agencies.RaaViewSet),
    ("local-authorities", agencies.LocalAuthorityViewSet),
    ("hubs", agencies.HubViewSet),
    ("external-agencies", agencies.ExternalAgencyViewSet),
    ("reference-values", indicators.ReferenceValueViewSet),
    ("imports", journeys.ImportViewSet),
    ("audit-events", agencies.AuditEventViewSet),
    ("information-events", recruitment.InformationEventViewSet),
    ("initial-visits", recruitment.InitialVisitViewSet),
    ("preparation-courses", recruitment.PreparationCourseViewSet),
]:
    router.register(prefix, viewset, basename=prefix.rstrip("s").replace("-", "_"))
