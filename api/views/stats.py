"""API endpoints for trends across editions (read only)."""

from django.db.models import Prefetch
from rest_framework import mixins, viewsets

from api.serializers.stats import AttendanceSerializer, TopicCountSerializer
from conferences.models import Citation, Conference, Topic


class AttendanceViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Delegates and countries represented at each published edition, in edition order."""

    serializer_class = AttendanceSerializer
    filter_backends = []

    def get_queryset(self):
        # Each row says which of its values are inferred: the citations, in one query.
        return (
            Conference.objects.published()
            .prefetch_related(
                Prefetch(
                    "citations",
                    queryset=Citation.objects.select_related("source"),
                    to_attr="citation_list",
                )
            )
            .order_by("edition")
        )


class TopicStatsViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """How many published editions discussed each topic, the most discussed first."""

    serializer_class = TopicCountSerializer
    filter_backends = []

    def get_queryset(self):
        return Topic.objects.with_edition_counts().order_by("-edition_count", "name")
