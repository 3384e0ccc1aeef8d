"""API viewsets for editions, topics and source reports."""

from archive.api import ArchiveViewSet

from . import serializers
from .filters import (
    CitationFilter,
    ConferenceFilter,
    KeyFigureFilter,
    RoundTableFilter,
    TopicLinkFilter,
)
from .models import (
    Citation,
    Conference,
    ConferenceTopic,
    KeyFigure,
    RoundTable,
    SourceReport,
    Topic,
)
from .provenance import ProvenanceViewSet


class ConferenceViewSet(ArchiveViewSet):
    """Published editions of the conference, by edition number."""

    list_serializer_class = serializers.ConferenceListSerializer
    serializer_class = serializers.ConferenceDetailSerializer
    write_serializer_class = serializers.ConferenceWriteSerializer
    lookup_field = "edition"
    lookup_value_regex = r"\d+"
    filterset_class = ConferenceFilter
    search_fields = ["city", "country", "venue", "theme", "summary"]
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
    filterset_fields = ["kind"]
    search_fields = ["name", "description"]
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
    search_fields = ["headline", "publisher", "reading_text"]
    ordering_fields = ["slug", "published_on"]

    def list_queryset(self):
        return SourceReport.objects.for_listing()

    def detail_queryset(self):
        return SourceReport.objects.for_listing()


class CitationViewSet(ProvenanceViewSet):
    """Where each field of an edition comes from: a report's words, or reasoning."""

    serializer_class = serializers.CitationResourceSerializer
    write_serializer_class = serializers.CitationWriteSerializer
    filterset_class = CitationFilter
    model = Citation
    order = ("field", "source__slug")


class KeyFigureViewSet(ProvenanceViewSet):
    """The numbers the reports give, with their words."""

    serializer_class = serializers.KeyFigureResourceSerializer
    write_serializer_class = serializers.KeyFigureWriteSerializer
    filterset_class = KeyFigureFilter
    model = KeyFigure
    order = ("position",)


class RoundTableViewSet(ProvenanceViewSet):
    """The regional round tables held at each edition."""

    serializer_class = serializers.RoundTableResourceSerializer
    write_serializer_class = serializers.RoundTableWriteSerializer
    filterset_class = RoundTableFilter
    model = RoundTable
    order = ("position",)


class TopicLinkViewSet(ProvenanceViewSet):
    """The topics each edition discussed, as its reports say."""

    serializer_class = serializers.TopicLinkSerializer
    write_serializer_class = serializers.TopicLinkWriteSerializer
    filterset_class = TopicLinkFilter
    model = ConferenceTopic
    related = ("topic",)
    order = ("topic__name",)
