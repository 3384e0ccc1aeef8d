"""API viewsets for editions, topics and source reports."""

from django.http import Http404
from rest_framework.response import Response

from api import filters
from api.serializers import conferences as serializers
from conferences.models import Conference, SourceReport, Topic, ordinal
from conferences.series import latest_edition

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
        return Conference.objects.for_detail().prefetch_related(
            "citation_list__evidence"
        )

    def retrieve(self, request, *args, **kwargs):
        """Answer for every edition number from the 1st to the latest.

        An edition the archive holds nothing of answers with its number, `basis` "none"
        and a summary that says so, in the same shape as any other edition.
        """
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            number = int(self.kwargs[self.lookup_field])
            if not 1 <= number <= latest_edition():
                raise
            unknown = Conference(
                edition=number,
                summary="The archive holds no published report or public record of the "
                f"{ordinal(number)} conference.",
            )
            # Not saved: a stand-in so the answer has the shape (and url) of any edition.
            unknown.pk = 0
            unknown.is_gap = True
            for name in (
                "leader_appearances",
                "topic_list",
                "citation_list",
                "quote_list",
                "key_figure_list",
                "round_table_list",
                "source_list",
            ):
                setattr(unknown, name, [])
            return Response(self.get_serializer(unknown).data)


class TopicViewSet(ArchiveViewSet):
    """Topics on the agenda, with how many published editions discussed each."""

    list_serializer_class = serializers.TopicListSerializer
    serializer_class = serializers.TopicDetailSerializer
    write_serializer_class = serializers.TopicWriteSerializer
    lookup_field = "slug"
    filterset_fields = ["kind"]
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
    filterset_fields = ["kind", "text_kind"]
    search_fields = SourceReport.SEARCH_FIELDS
    ordering_fields = ["slug", "published_on"]

    def list_queryset(self):
        return SourceReport.objects.for_listing()

    def detail_queryset(self):
        return SourceReport.objects.for_listing()
