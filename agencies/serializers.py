from rest_framework import serializers

from agencies.models import AuditEvent, ExternalAgency, Hub, LocalAuthority, RegionalAdoptionAgency


class RaaSerializer(serializers.ModelSerializer):
    host_la = serializers.SlugRelatedField(
        slug_field="code", allow_null=True, required=False, queryset=LocalAuthority.objects.all()
    )

    class Meta:
        model = RegionalAdoptionAgency
        fields = ["id", "slug", "name", "go_live", "host_la"]


class LocalAuthoritySerializer(serializers.ModelSerializer):
    raa = serializers.SlugRelatedField(
        slug_field="slug",
        allow_null=True,
        required=False,
        queryset=RegionalAdoptionAgency.objects.all(),
    )

    class Meta:
        model = LocalAuthority
        fields = ["id", "code", "name", "raa", "raa_go_live", "hub"]


class HubSerializer(serializers.ModelSerializer):
    raa = serializers.SlugRelatedField(
        slug_field="slug", queryset=RegionalAdoptionAgency.objects.all()
    )

    class Meta:
        model = Hub
        fields = ["id", "raa", "name", "kind"]


class ExternalAgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = ExternalAgency
        fields = ["id", "name", "kind"]


class AuditEventSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username", default=None, allow_null=True)
    la = serializers.CharField(source="la.code", default=None, allow_null=True)

    class Meta:
        model = AuditEvent
        fields = ["id", "at", "user", "action", "model", "object_ids", "la", "via"]
