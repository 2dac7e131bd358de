from rest_framework import serializers

from agencies.models import Hub, RegionalAdoptionAgency
from core.serializer_fields import ScopedPrimaryKeyRelatedField
from journeys.models import AdopterHousehold
from recruitment.models import InformationEvent, InitialVisit, PreparationCourse
from recruitment.selectors import recruitable_household_list


class InformationEventSerializer(serializers.ModelSerializer):
    raa = serializers.SlugRelatedField(
        slug_field="slug", queryset=RegionalAdoptionAgency.objects.all()
    )
    hub = serializers.PrimaryKeyRelatedField(
        queryset=Hub.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = InformationEvent
        fields = ["id", "raa", "hub", "held", "format", "title", "attendance"]


class InitialVisitSerializer(serializers.ModelSerializer):
    household = ScopedPrimaryKeyRelatedField(recruitable_household_list, AdopterHousehold)

    class Meta:
        model = InitialVisit
        fields = ["id", "household", "visited"]


class PreparationCourseSerializer(serializers.ModelSerializer):
    raa = serializers.SlugRelatedField(
        slug_field="slug", queryset=RegionalAdoptionAgency.objects.all()
    )
    hub = serializers.PrimaryKeyRelatedField(
        queryset=Hub.objects.all(), required=False, allow_null=True
    )
    attendees = ScopedPrimaryKeyRelatedField(
        recruitable_household_list, AdopterHousehold, many=True, required=False
    )

    class Meta:
        model = PreparationCourse
        fields = ["id", "raa", "hub", "title", "starts", "ends", "attendees"]
