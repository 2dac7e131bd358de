from django.contrib import admin

from agencies.admin import ScopedAdmin
from panels.models import (
    AgencyDecision,
    Attendance,
    Meeting,
    Panel,
    PanelItem,
    PanelMember,
    QuorumRule,
)

RAA_LAS = "raa__local_authorities"


@admin.register(QuorumRule)
class QuorumRuleAdmin(ScopedAdmin):
    la_path = RAA_LAS
    list_display = ["raa", "min_members", "min_members_joint"]


class MemberInline(admin.TabularInline):
    model = PanelMember
    extra = 0


@admin.register(Panel)
class PanelAdmin(ScopedAdmin):
    la_path = RAA_LAS
    list_display = ["name", "raa", "joint"]
    list_filter = ["raa", "joint"]
    search_fields = ["name"]
    inlines = [MemberInline]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0


class ItemInline(admin.TabularInline):
    model = PanelItem
    extra = 0
    raw_id_fields = ["journey", "household"]


@admin.register(Meeting)
class MeetingAdmin(ScopedAdmin):
    la_path = f"panel__{RAA_LAS}"
    list_display = ["panel", "date"]
    list_filter = ["panel"]
    date_hierarchy = "date"
    inlines = [AttendanceInline, ItemInline]


@admin.register(PanelItem)
class PanelItemAdmin(ScopedAdmin):
    la_path = f"meeting__panel__{RAA_LAS}"
    list_display = ["meeting", "business_type", "recommendation", "papers_received"]
    list_filter = ["business_type", "recommendation"]
    raw_id_fields = ["journey", "household", "meeting"]


@admin.register(AgencyDecision)
class AgencyDecisionAdmin(ScopedAdmin):
    la_path = f"item__meeting__panel__{RAA_LAS}"
    list_display = ["item", "decision_maker", "decided", "working_days", "agreed"]
    raw_id_fields = ["item"]
