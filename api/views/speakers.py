"""API viewsets for people and their quotes."""

from django_filters.rest_framework import DjangoFilterBackend

from api import filters
from api.serializers import speakers as serializers
from search.models import SearchEntry
from speakers.models import Person, Quote

from .base import ArchiveViewSet


class PersonViewSet(ArchiveViewSet):
    """People the reports name, with their offices, editions and words."""

    list_serializer_class = serializers.PersonListSerializer
    serializer_class = serializers.PersonDetailSerializer
    write_serializer_class = serializers.PersonWriteSerializer
    lookup_field = "slug"
    filterset_class = filters.PersonFilter
    search_kind = SearchEntry.Kind.PERSON
    ordering_fields = ["name", "edition_count"]

    def list_queryset(self):
        return Person.objects.for_listing()

    def detail_queryset(self):
        return Person.objects.for_detail()


class QuoteViewSet(ArchiveViewSet):
    """Words spoken at published editions, each with its speaker and report."""

    list_serializer_class = serializers.QuoteSerializer
    serializer_class = serializers.QuoteSerializer
    write_serializer_class = serializers.QuoteWriteSerializer
    # No ordering filter: quotes stay in the reports' order.
    filter_backends = [DjangoFilterBackend, filters.IndexSearchFilter]
    filterset_class = filters.QuoteFilter
    search_kind = SearchEntry.Kind.QUOTE

    def list_queryset(self):
        return Quote.objects.for_listing()

    def detail_queryset(self):
        return Quote.objects.for_listing()
