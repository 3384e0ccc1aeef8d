"""Corrections, and the staff-only consistency report."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from api.serializers.corrections import (
    CorrectionSerializer,
    CorrectionWriteSerializer,
    FindingSerializer,
)
from conferences.consistency import findings
from conferences.models import Citation, Conference, Correction, record_correction


class CorrectionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Corrections to published editions, newest first; staff record new ones."""

    serializer_class = CorrectionSerializer
    filter_backends = []

    def get_queryset(self):
        return Correction.objects.published().select_related("conference")

    def get_serializer_class(self):
        if self.action == "create":
            return CorrectionWriteSerializer
        return CorrectionSerializer

    @extend_schema(
        request=CorrectionWriteSerializer,
        responses={201: CorrectionSerializer},
    )
    def create(self, request, *args, **kwargs):
        # A correction changes the edition too: it needs both permissions.
        if not request.user.has_perm("conferences.change_conference"):
            raise PermissionDenied
        write = CorrectionWriteSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        data = write.validated_data
        conference = Conference.objects.filter(edition=data["edition"]).first()
        if conference is None:
            raise serializers.ValidationError(
                {"edition": [gettext("No such edition.")]}
            )
        citation = None
        if data.get("citation") is not None:
            citation = Citation.objects.filter(
                pk=data["citation"], conference=conference
            ).first()
            if citation is None:
                raise serializers.ValidationError(
                    {"citation": [gettext("No such citation of this edition.")]}
                )
        try:
            correction = record_correction(
                conference,
                field=data["field"],
                new_value=data["new_value"],
                reason=data["reason"],
                citation=citation,
                source_wrong=data["source_wrong"],
                evidence=data["evidence"],
                by=request.user,
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                serializers.as_serializer_error(error)
            ) from error
        return Response(
            CorrectionSerializer(correction, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class ConsistencyViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The consistency report (staff only): every finding, errors first."""

    serializer_class = FindingSerializer
    permission_classes = [permissions.IsAdminUser]
    filter_backends = []
    pagination_class = None

    def get_queryset(self):
        return Conference.objects.none()

    def list(self, request, *args, **kwargs):
        found = findings()
        return Response(
            FindingSerializer(found, many=True, context={"request": request}).data
        )
