"""API viewsets for editions, topics and source reports."""

from api import filters
from api.serializers import conferences as serializers
from conferences.models import Conference, SourceReport, Topic

from .base import ArchiveViewSet


class ConferenceViewSet(ArchiveViewSet):
    """Published editions of the conference, by edition number."""

    list_serializer_class = serializers.ConferenceListSerializer
    serializer_class = serializers.ConferenceDetailSerializer
    write_serializer_class = serializers.ConferenceWriteSerializer
    lookup_field = "edition"
    lookup_value_regex = r"\d+"
    filterset_class = filters.ConferenceFilter
    search_fields = Conference.SEARCH_FIELDS
    ordering_fields = ["edition", "year", "delegates", "countries"]
    ordering = ["edition"]

    def list_queryset(self):
        return Conference.objects.for_listing()

    def detail_queryset(self):
        return Conference.objects.for_detail()


class TopicViewSet(ArchiveViewSet):
    """Topics on the agenda, with how many published editions discussed each."""

    list_serializer_class = serializers.TopicListSerializer
    serializer_class = serializers.TopicDetailSerializer
    write_serializer_class = serializers.TopicWriteSerializer
    lookup_field = "slug"
    filterset_class = filters.TopicFilter
    search_fields = Topic.SEARCH_FIELDS
    ordering_fields = ["name", "edition_count"]
    ordering = ["name"]

    def list_queryset(self):
        return Topic.objects.with_edition_counts()

    def detail_queryset(self):
        return Topic.objects.for_detail()


class SourceReportViewSet(ArchiveViewSet):
    """The press reports the archive rests on, with their text."""

    list_serializer_class = serializers.SourceListSerializer
    serializer_class = serializers.SourceDetailSerializer
    write_serializer_class = serializers.SourceWriteSerializer
    lookup_field = "slug"
    search_fields = SourceReport.SEARCH_FIELDS
    ordering_fields = ["slug", "published_on"]

    def list_queryset(self):
        return SourceReport.objects.for_listing()

    def detail_queryset(self):
        return SourceReport.objects.for_listing()

    def write_queryset(self):
        # A report staff add without an edition is not public yet, but is theirs to edit.
        return SourceReport.objects.select_related("conference")
