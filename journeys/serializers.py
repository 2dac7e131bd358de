from rest_framework import serializers

from agencies.models import LocalAuthority, RegionalAdoptionAgency
from core.serializer_fields import ScopedPrimaryKeyRelatedField
from journeys.models import (
    HOUSEHOLD_STAGE_FIELDS,
    JOURNEY_DATES,
    AdopterHousehold,
    Child,
    Disruption,
    ImportRecord,
    Journey,
    Link,
    Placement,
)
from journeys.selectors import child_list, household_list, journey_list, link_list, placement_list
from journeys.services import JOURNEY_FIELDS_SET_BY_STEPS
from journeys.ssda903.uploads import return_year_problem
from journeys.tasks import import_progress

CHILD_FIXED = "A journey stays with its child."
# Fields that only adding a child reads (journeys.services.child_add).
CHILD_ADD_ONLY = ("sibling_group_reference", "not_a_duplicate")


class ImportProgressSerializer(serializers.Serializer):
    rows_read = serializers.IntegerField()
    rows_total = serializers.IntegerField()


class ImportRecordSerializer(serializers.ModelSerializer):
    la = serializers.CharField(source="la.code")
    user = serializers.CharField(source="user.username", default=None)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = ImportRecord
        fields = [
            "id",
            "la",
            "year",
            "user",
            "created",
            "finished",
            "status",
            "files",
            "counts",
            "errors",
            "warnings",
            "progress",
        ]

    def get_progress(self, record) -> ImportProgressSerializer(allow_null=True):
        progress = import_progress(record.pk)
        return {"rows_read": progress[0], "rows_total": progress[1]} if progress else None


class Ssda903UploadSerializer(serializers.Serializer):
    la = serializers.CharField(help_text="DfE code of the LA whose return this is")
    year = serializers.CharField(help_text="collection (financial) year, e.g. 2022-23")
    files = serializers.ListField(
        child=serializers.FileField(),
        allow_empty=False,
        help_text="the return's CSV files, its XML file, or a zip of either",
    )

    def validate_year(self, year: str) -> str:
        if problem := return_year_problem(year):
            raise serializers.ValidationError(problem)
        return year


def la_field(**kwargs):
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=LocalAuthority.objects.all(),
        help_text="DfE code of the LA",
        **kwargs,
    )


class ChildSerializer(serializers.ModelSerializer):
    la = la_field()
    sibling_group_reference = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=50,
        help_text="on adding a child: the sibling group to join (or start) in the LA",
    )
    not_a_duplicate = serializers.BooleanField(
        write_only=True,
        required=False,
        help_text="on adding a child: true when a child with the same name and date of birth "
        "is already recorded and this is a different child",
    )

    class Meta:
        model = Child
        fields = [
            "id",
            "la",
            "la_child_id",
            "sex",
            "date_of_birth",
            "ethnicity",
            "disability",
            "sibling_group",
            "first_name",
            "last_name",
            *CHILD_ADD_ONLY,
        ]
        read_only_fields = ["sibling_group"]


class JourneySerializer(serializers.ModelSerializer):
    child = ScopedPrimaryKeyRelatedField(child_list, Child)
    status = serializers.CharField(read_only=True)

    class Meta:
        model = Journey
        fields = [
            "id",
            "child",
            "status",
            *JOURNEY_DATES,
            "plan_ceased_reason",
            "early_permanence",
            "foster_carer_adoption",
            "adopters",
            "source",
            "imported_fields",
            "updated_at",
        ]
        read_only_fields = [*JOURNEY_FIELDS_SET_BY_STEPS, "updated_at"]

    def validate_child(self, child):
        if self.instance is not None and child != self.instance.child:
            raise serializers.ValidationError(CHILD_FIXED, code="child_fixed")
        return child


class AdoptionOrderSerializer(serializers.Serializer):
    granted = serializers.DateField()


class HouseholdSerializer(serializers.ModelSerializer):
    la = la_field(required=False, allow_null=True)
    raa = serializers.SlugRelatedField(
        slug_field="slug",
        allow_null=True,
        required=False,
        queryset=RegionalAdoptionAgency.objects.all(),
    )
    stage = serializers.CharField(read_only=True)

    class Meta:
        model = AdopterHousehold
        fields = [
            "id",
            "reference",
            "raa",
            "la",
            "approving_agency",
            "stage",
            "number_of_adopters",
            "legal_status",
            "heard_from",
            "heard_from_detail",
            *HOUSEHOLD_STAGE_FIELDS,
        ]


class LinkSerializer(serializers.ModelSerializer):
    journey = ScopedPrimaryKeyRelatedField(journey_list, Journey)
    household = ScopedPrimaryKeyRelatedField(household_list, AdopterHousehold)

    class Meta:
        model = Link
        fields = ["id", "journey", "household", "linked", "matched", "status"]
        read_only_fields = ["matched", "status"]


class MatchCreateSerializer(serializers.Serializer):
    """A match: the agency decision maker's decision on a link."""

    link = ScopedPrimaryKeyRelatedField(link_list, Link, help_text="the link being matched")
    matched = serializers.DateField(help_text="the day of the match decision")


class PlacementSerializer(serializers.ModelSerializer):
    journey = ScopedPrimaryKeyRelatedField(journey_list, Journey)
    household = ScopedPrimaryKeyRelatedField(
        household_list, AdopterHousehold, required=False, allow_null=True
    )
    moved_in = serializers.DateField(
        required=False, allow_null=True, help_text="defaults to the day placed"
    )

    class Meta:
        model = Placement
        fields = [
            "id",
            "journey",
            "household",
            "placed",
            "moved_in",
            "ended",
            "end_reason",
            "source",
            "inter_agency_fee",
            "early_permanence",
            "imported",
        ]
        read_only_fields = ["ended", "end_reason", "imported"]


class DisruptionSerializer(serializers.ModelSerializer):
    placement = ScopedPrimaryKeyRelatedField(placement_list, Placement)
    ended = serializers.DateField(help_text="the day the placement ended")

    class Meta:
        model = Disruption
        fields = [
            "id",
            "placement",
            "ended",
            "reason",
            "meeting",
            "chair",
            "chair_independent",
            "report_completed",
            "report_received",
            "learning",
        ]
