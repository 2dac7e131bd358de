"""REST endpoints for SSDA903 imports."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from agencies.models import LocalAuthority
from journeys.selectors import import_record_list
from journeys.serializers import ImportRecordSerializer, Ssda903UploadSerializer
from journeys.ssda903.services import import_record_create

UNKNOWN_LA = "Unknown LA code."


class ImportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """SSDA903 imports of the LAs in your scope; POST files to `ssda903/` to import a return."""

    serializer_class = ImportRecordSerializer

    def get_queryset(self):
        return import_record_list(user=self.request.user)

    @action(
        detail=False,
        methods=["post"],
        parser_classes=[MultiPartParser, FormParser],
        serializer_class=Ssda903UploadSerializer,
    )
    def ssda903(self, request):
        upload = Ssda903UploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        la = LocalAuthority.objects.filter(code=upload.validated_data["la"]).first()
        if la is None:
            raise ValidationError({"la": [UNKNOWN_LA]})
        files = [(f.name, f.read()) for f in upload.validated_data["files"]]
        try:
            record = import_record_create(
                user=request.user, la=la, year=upload.validated_data["year"], uploads=files
            )
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from error
        record.refresh_from_db()
        return Response(ImportRecordSerializer(record).data, status=status.HTTP_202_ACCEPTED)
