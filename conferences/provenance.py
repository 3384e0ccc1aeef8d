"""What the API's provenance resources share: appearances, citations, key figures,
round tables and topic links, each a fact of one edition taken from one report.

Each names its edition by number and its report by slug, as a quote does, and is written
by the same keys. Rows of draft editions are hidden, and only a published edition takes
new ones.
"""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers

from archive.api import ArchiveViewSet, KeyRelatedField, ModelValidationMixin

from .models import Conference, SourceReport


class ProvenanceSerializer(serializers.ModelSerializer):
    """A fact's row as read: its edition's number and its report's slug."""

    edition = serializers.IntegerField(source="conference.edition", read_only=True)
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)


class ProvenanceWriteSerializer(ModelValidationMixin, serializers.ModelSerializer):
    """A fact's row to add or change; full_clean() checks the excerpt and the unique
    constraints, with the model's messages (so DRF's own unique validators are off)."""

    edition = KeyRelatedField(
        source="conference",
        slug_field="edition",
        queryset=Conference.objects.published(),
        help_text="The edition number.",
    )
    source = KeyRelatedField(
        slug_field="slug",
        queryset=SourceReport.objects.all(),
        help_text="The slug of the report that states the fact.",
    )

    def get_validators(self):
        return []


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
            self.model.objects.filter(conference__status=Conference.Status.PUBLISHED)
            .select_related("conference", "source", *self.related)
            .order_by("conference__edition", *self.order, "pk")
        )

    def detail_queryset(self):
        return self.list_queryset()
