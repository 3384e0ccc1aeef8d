"""API endpoints for trends across editions (read only)."""

from rest_framework import mixins, viewsets

from api.serializers.stats import AttendanceSerializer, TopicCountSerializer
from conferences.models import Conference, Topic


class AttendanceViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Delegates and countries represented at each published edition, in edition order."""

    serializer_class = AttendanceSerializer
    filter_backends = []

    def get_queryset(self):
        return Conference.objects.published().order_by("edition")


class TopicStatsViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """How many published editions discussed each topic, the most discussed first."""

    serializer_class = TopicCountSerializer
    filter_backends = []

    def get_queryset(self):
        return Topic.objects.with_edition_counts().order_by("-edition_count", "name")
