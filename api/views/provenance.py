"""The API's provenance resources: appearances, citations, key figures, round tables,
delegations and topic links, each a fact of one edition taken from one report (read by anyone, written
by staff by their keys; rows of draft editions are hidden)."""

from django_filters.rest_framework import DjangoFilterBackend

from api import filters
from api.serializers import provenance as serializers
from conferences.models import (
    Citation,
    ConferenceTopic,
    Delegation,
    KeyFigure,
    RoundTable,
)
from speakers.models import Appearance

from .base import ArchiveViewSet


class ProvenanceViewSet(ArchiveViewSet):
    """Facts' rows with their report, of published editions only, in the editions' order.

    Subclasses set `serializer_class` (read), `write_serializer_class`, `filterset_class`,
    `model`, `related` (what a row shows beyond its edition and report) and `order`
    (within an edition).
    """

    model = None
    related = ()
    order = ()
    filter_backends = [DjangoFilterBackend]

    def list_queryset(self):
        return (
            self.model.objects.published()
            .select_related("conference", "source", *self.related)
            .order_by("conference__edition", *self.order, "pk")
        )

    def detail_queryset(self):
        return self.list_queryset()


class AppearanceViewSet(ProvenanceViewSet):
    """Who appeared at each published edition, in which office and role, as a report says."""

    serializer_class = serializers.AppearanceResourceSerializer
    write_serializer_class = serializers.AppearanceWriteSerializer
    filterset_class = filters.AppearanceFilter
    model = Appearance
    related = ("person", "office")
    order = ("office__rank", "office__title", "person__name")


class CitationViewSet(ProvenanceViewSet):
    """Where each field of an edition comes from: a report's words, or reasoning."""

    serializer_class = serializers.CitationResourceSerializer
    write_serializer_class = serializers.CitationWriteSerializer
    filterset_class = filters.CitationFilter
    model = Citation
    order = ("field", "source__slug")


class KeyFigureViewSet(ProvenanceViewSet):
    """The numbers the reports give, with their words."""

    serializer_class = serializers.KeyFigureResourceSerializer
    write_serializer_class = serializers.KeyFigureWriteSerializer
    filterset_class = filters.KeyFigureFilter
    model = KeyFigure
    order = ("position",)


class RoundTableViewSet(ProvenanceViewSet):
    """The regional round tables held at each edition."""

    serializer_class = serializers.RoundTableResourceSerializer
    write_serializer_class = serializers.RoundTableWriteSerializer
    filterset_class = filters.RoundTableFilter
    model = RoundTable
    order = ("position",)


class DelegationViewSet(ProvenanceViewSet):
    """Countries' delegations to each edition, as a report or a public record names them."""

    serializer_class = serializers.DelegationResourceSerializer
    write_serializer_class = serializers.DelegationWriteSerializer
    filterset_class = filters.DelegationFilter
    model = Delegation
    order = ("position",)


class TopicLinkViewSet(ProvenanceViewSet):
    """The topics each edition discussed, as its reports say."""

    serializer_class = serializers.TopicLinkSerializer
    write_serializer_class = serializers.TopicLinkWriteSerializer
    filterset_class = filters.TopicLinkFilter
    model = ConferenceTopic
    related = ("topic",)
    order = ("topic__name",)
