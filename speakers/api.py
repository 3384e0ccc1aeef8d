"""API viewsets for people and their quotes."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import SearchFilter

from archive.api import ArchiveViewSet
from conferences.provenance import ProvenanceViewSet

from . import serializers
from .filters import AppearanceFilter, PersonFilter, QuoteFilter
from .models import Appearance, Person, Quote


class PersonViewSet(ArchiveViewSet):
    """People the reports name, with their offices, editions and words."""

    list_serializer_class = serializers.PersonListSerializer
    serializer_class = serializers.PersonDetailSerializer
    write_serializer_class = serializers.PersonWriteSerializer
    lookup_field = "slug"
    filterset_class = PersonFilter
    search_fields = ["name", "other_names", "summary"]
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
    filter_backends = [DjangoFilterBackend, SearchFilter]  # in the reports' order
    filterset_class = QuoteFilter
    search_fields = ["text", "person__name"]

    def list_queryset(self):
        return Quote.objects.for_listing()

    def detail_queryset(self):
        return Quote.objects.for_listing()


class AppearanceViewSet(ProvenanceViewSet):
    """Who appeared at each published edition, in which office and role, as a report says."""

    serializer_class = serializers.AppearanceResourceSerializer
    write_serializer_class = serializers.AppearanceWriteSerializer
    filterset_class = AppearanceFilter
    model = Appearance
    related = ("person", "office")
    order = ("office__rank", "office__title", "person__name")
