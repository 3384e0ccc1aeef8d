"""API viewsets for editions, topics and source reports."""

from django_filters.rest_framework import DjangoFilterBackend

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


class ProvenanceViewSet(ArchiveViewSet):
    """A fact's row with its report, at published editions only, in the edition's order.

    Subclasses set `model`, `related` (what each row shows beyond its edition and report)
    and `order` (within an edition).
    """

    model = None
    related = ()
    order = ()
    filter_backends = [DjangoFilterBackend]

    def list_queryset(self):
        return (
            self.model.objects.filter(conference__status=Conference.Status.PUBLISHED)
            .select_related("conference", "source", *self.related)
            .order_by("conference__edition", *self.order, "pk")
        )

    def detail_queryset(self):
        return self.list_queryset()


class CitationViewSet(ProvenanceViewSet):
    """Where each field of an edition comes from: a report's words, or reasoning."""

    list_serializer_class = serializers.CitationResourceSerializer
    serializer_class = serializers.CitationResourceSerializer
    write_serializer_class = serializers.CitationWriteSerializer
    filterset_class = CitationFilter
    model = Citation
    order = ("field", "source__slug")


class KeyFigureViewSet(ProvenanceViewSet):
    """The numbers the reports give, with their words."""

    list_serializer_class = serializers.KeyFigureResourceSerializer
    serializer_class = serializers.KeyFigureResourceSerializer
    write_serializer_class = serializers.KeyFigureWriteSerializer
    filterset_class = KeyFigureFilter
    model = KeyFigure
    order = ("position",)


class RoundTableViewSet(ProvenanceViewSet):
    """The regional round tables held at each edition."""

    list_serializer_class = serializers.RoundTableResourceSerializer
    serializer_class = serializers.RoundTableResourceSerializer
    write_serializer_class = serializers.RoundTableWriteSerializer
    filterset_class = RoundTableFilter
    model = RoundTable
    order = ("position",)


class TopicLinkViewSet(ProvenanceViewSet):
    """The topics each edition discussed, as its reports say."""

    list_serializer_class = serializers.TopicLinkSerializer
    serializer_class = serializers.TopicLinkSerializer
    write_serializer_class = serializers.TopicLinkWriteSerializer
    filterset_class = TopicLinkFilter
    model = ConferenceTopic
    related = ("topic",)
    order = ("topic__name",)
