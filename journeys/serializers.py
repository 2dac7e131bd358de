from rest_framework import serializers

from journeys.models import ImportRecord
from journeys.tasks import import_progress


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

    def get_progress(self, record) -> dict | None:
        progress = import_progress(record.pk)
        return {"rows_read": progress[0], "rows_total": progress[1]} if progress else None


class Ssda903UploadSerializer(serializers.Serializer):
    la = serializers.CharField(help_text="DfE code of the LA whose return this is")
    year = serializers.RegexField(r"^\d{4}-\d{2}$", help_text="financial year, e.g. 2022-23")
    files = serializers.ListField(child=serializers.FileField(), allow_empty=False)
