"""Admin pages of recruitment (superusers only, docs/adr/0007-admin.md), writing through the
recruitment services."""

from django.contrib import admin

from agencies.admin_base import ServiceAdmin
from recruitment import services
from recruitment.models import InformationEvent, InitialVisit, PreparationCourse

VIA = "admin"


def event_create(event, *, user, **fields):
    raa = fields.pop("raa")
    return services.information_event_create(user=user, raa=raa, via=VIA, **fields)


def event_update(event, *, user, **fields):
    return services.information_event_update(user=user, event=event, via=VIA, **fields)


def visit_update(visit, *, user, **fields):
    return services.initial_visit_update(user=user, visit=visit, via=VIA, **fields)


def course_update(course, *, user, **fields):
    return services.preparation_course_update(user=user, course=course, via=VIA, **fields)


@admin.register(InformationEvent)
class InformationEventAdmin(ServiceAdmin):
    list_display = ["held", "raa", "hub", "format", "attendance"]
    list_filter = ["raa", "format"]
    create_service = staticmethod(event_create)
    update_service = staticmethod(event_update)


@admin.register(InitialVisit)
class InitialVisitAdmin(ServiceAdmin):
    la_path = "household__la"
    list_display = ["visited", "household"]
    readonly_fields = ["household"]
    update_service = staticmethod(visit_update)


@admin.register(PreparationCourse)
class PreparationCourseAdmin(ServiceAdmin):
    list_display = ["starts", "ends", "raa", "hub", "title"]
    list_filter = ["raa"]
    readonly_fields = ["raa", "attendees"]
    update_service = staticmethod(course_update)
