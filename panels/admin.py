"""Admin pages of panels (superusers only, docs/adr/0007-admin.md), writing through the panels
services; meetings, items and recommendations are recorded on the meeting's page."""

from django.contrib import admin

from agencies.admin_base import ReadOnlyInline, ServiceAdmin
from agencies.services import settings_save
from panels import services
from panels.models import (
    AgencyDecision,
    Attendance,
    Meeting,
    Panel,
    PanelItem,
    PanelMember,
    QuorumRule,
)


def agency_decision_update(decision, *, user, **fields):
    return services.agency_decision_update(user=user, decision=decision, via="admin", **fields)


def agency_decision_delete(decision, *, user):
    return services.agency_decision_delete(user=user, decision=decision, via="admin")


@admin.register(QuorumRule)
class QuorumRuleAdmin(ServiceAdmin):
    list_display = ["raa", "min_members", "min_members_joint"]
    create_service = update_service = staticmethod(settings_save)


class MemberInline(ReadOnlyInline):
    model = PanelMember


@admin.register(Panel)
class PanelAdmin(ServiceAdmin):
    list_display = ["name", "raa", "joint"]
    list_filter = ["raa", "joint"]
    search_fields = ["name"]
    inlines = [MemberInline]
    create_service = update_service = staticmethod(services.panel_save)


@admin.register(PanelMember)
class PanelMemberAdmin(ServiceAdmin):
    list_display = ["name", "role", "panel", "active"]
    list_filter = ["panel", "role", "active"]
    search_fields = ["name"]
    create_service = update_service = staticmethod(services.member_save)
    delete_service = staticmethod(services.member_delete)


class AttendanceInline(ReadOnlyInline):
    model = Attendance


class ItemInline(ReadOnlyInline):
    model = PanelItem
    fk_name = "meeting"
    fields = ["business_type", "journey", "household", "recommendation"]


@admin.register(Meeting)
class MeetingAdmin(ServiceAdmin):
    list_display = ["panel", "date"]
    list_filter = ["panel"]
    date_hierarchy = "date"
    inlines = [AttendanceInline, ItemInline]


@admin.register(PanelItem)
class PanelItemAdmin(ServiceAdmin):
    la_path = "journey__child__la"
    list_display = ["meeting", "business_type", "recommendation", "papers_received"]
    list_filter = ["business_type", "recommendation"]


@admin.register(AgencyDecision)
class AgencyDecisionAdmin(ServiceAdmin):
    la_path = "item__journey__child__la"
    list_display = ["item", "decision_maker", "decided", "working_days", "approves", "agreed"]
    fields = ["item", "decision_maker", "decided", "agreed", "reason", "approves", "working_days"]
    fields += ["effect"]
    # Whether it approves follows from whether it agrees with the panel (services).
    readonly_fields = ["item", "approves", "working_days", "effect"]
    update_service = staticmethod(agency_decision_update)
    delete_service = staticmethod(agency_decision_delete)
