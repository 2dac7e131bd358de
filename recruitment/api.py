"""REST endpoints for recruitment: information events, initial visits, preparation courses."""

from core.api_support import ScopedViewSet
from recruitment import filters, selectors, services
from recruitment.serializers import (
    InformationEventSerializer,
    InitialVisitSerializer,
    PreparationCourseSerializer,
)


class InformationEventViewSet(ScopedViewSet):
    """Information events the user's RAA held, with their format and attendance."""

    serializer_class = InformationEventSerializer
    selector = selectors.information_event_list
    create_service = services.information_event_create
    update_service = services.information_event_update
    record = "event"
    update_fields = services.EVENT_FIELDS
    filterset_class = filters.InformationEventFilterSet
    ordering_fields = ["held", "attendance"]


class InitialVisitViewSet(ScopedViewSet):
    """Initial visits to the RAA's enquiring households."""

    serializer_class = InitialVisitSerializer
    selector = selectors.initial_visit_list
    create_service = services.initial_visit_record
    update_service = services.initial_visit_update
    record = "visit"
    filterset_class = filters.InitialVisitFilterSet
    ordering_fields = ["visited"]


class PreparationCourseViewSet(ScopedViewSet):
    """Preparation training courses and the households that attended them."""

    serializer_class = PreparationCourseSerializer
    selector = selectors.preparation_course_list
    create_service = services.preparation_course_create
    update_service = services.preparation_course_update
    record = "course"
    update_fields = (*services.COURSE_FIELDS, "attendees")
    filterset_class = filters.PreparationCourseFilterSet
    ordering_fields = ["starts"]
