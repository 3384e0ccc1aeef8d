"""The API's provenance resources: appearances, citations, key figures, round tables,
delegations and topic links, each a fact of one edition taken from one report.

Each names its edition by number and its report by slug, as a quote does, and is written
by the same keys. Rows of draft editions are hidden, and only a published edition takes
new ones (api/views/provenance.py).
"""

from rest_framework import serializers

from conferences.models import (
    Citation,
    ConferenceTopic,
    Delegation,
    KeyFigure,
    RoundTable,
    SourceReport,
    Topic,
)
from speakers.models import Appearance, Office, Person

from .conferences import TopicRefSerializer
from .fields import BIGINT_MAX, SMALLINT_MAX, EditionField, KeyRelatedField
from .mixins import ModelValidationMixin
from .speakers import PersonRefSerializer


class ProvenanceSerializer(serializers.ModelSerializer):
    """A fact's row as read: its edition's number and its report's slug."""

    edition = serializers.IntegerField(source="conference.edition", read_only=True)
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)


class ProvenanceWriteSerializer(ModelValidationMixin, serializers.ModelSerializer):
    """A fact's row to add or change; full_clean() checks the excerpt and the unique
    constraints, with the model's messages (so DRF's own unique validators are off)."""

    edition = EditionField()
    source = KeyRelatedField(
        slug_field="slug",
        queryset=SourceReport.objects.all(),
        help_text="The slug of the report that states the fact.",
    )

    def get_validators(self):
        return []


class AppearanceResourceSerializer(ProvenanceSerializer):
    """Someone at an edition, in the office and role a report gives, with its words."""

    person = PersonRefSerializer(read_only=True)
    office = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    office_title = serializers.CharField(source="office.title", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:appearance-detail")

    class Meta:
        model = Appearance
        fields = [
            "id",
            "edition",
            "person",
            "office",
            "office_title",
            "role",
            "source",
            "excerpt",
            "inferred",
            "reasoning",
            "url",
        ]


class AppearanceWriteSerializer(ProvenanceWriteSerializer):
    """An appearance to add or change: edition, person, office and report by their keys."""

    person = KeyRelatedField(slug_field="slug", queryset=Person.objects.all())
    office = KeyRelatedField(
        slug_field="slug", queryset=Office.objects.all(), help_text="The office's slug."
    )

    class Meta:
        model = Appearance
        fields = [
            "edition",
            "person",
            "office",
            "role",
            "source",
            "excerpt",
            "inferred",
            "reasoning",
        ]


class CitationResourceSerializer(ProvenanceSerializer):
    """Where one field of an edition comes from, with the edition it belongs to."""

    url = serializers.HyperlinkedIdentityField(view_name="api:citation-detail")

    class Meta:
        model = Citation
        fields = [
            "id",
            "edition",
            "field",
            "source",
            "excerpt",
            "inferred",
            "reasoning",
            "url",
        ]


class CitationWriteSerializer(ProvenanceWriteSerializer):
    """A citation to add or change: a stated value needs its excerpt, an inferred one
    its reasoning."""

    class Meta:
        model = Citation
        fields = ["edition", "field", "source", "excerpt", "inferred", "reasoning"]


class KeyFigureResourceSerializer(ProvenanceSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:key-figure-detail")

    class Meta:
        model = KeyFigure
        fields = [
            "id",
            "edition",
            "label",
            "value",
            "unit",
            "qualifier",
            "period",
            "position",
            "source",
            "excerpt",
            "url",
        ]


class KeyFigureWriteSerializer(ProvenanceWriteSerializer):
    class Meta:
        model = KeyFigure
        fields = [
            "edition",
            "label",
            "value",
            "unit",
            "qualifier",
            "period",
            "position",
            "source",
            "excerpt",
        ]
        extra_kwargs = {
            "value": {"min_value": 0, "max_value": BIGINT_MAX},
            "position": {"max_value": SMALLINT_MAX},
        }


class RoundTableResourceSerializer(ProvenanceSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:round-table-detail")

    class Meta:
        model = RoundTable
        fields = ["id", "edition", "region", "position", "source", "excerpt", "url"]


class RoundTableWriteSerializer(ProvenanceWriteSerializer):
    class Meta:
        model = RoundTable
        fields = ["edition", "region", "position", "source", "excerpt"]
        extra_kwargs = {"position": {"max_value": SMALLINT_MAX}}


class DelegationResourceSerializer(ProvenanceSerializer):
    """A country's delegation to an edition, with the source's words that name it."""

    url = serializers.HyperlinkedIdentityField(view_name="api:delegation-detail")

    class Meta:
        model = Delegation
        fields = [
            "id",
            "edition",
            "country",
            "description",
            "position",
            "source",
            "excerpt",
            "url",
        ]


class DelegationWriteSerializer(ProvenanceWriteSerializer):
    """A delegation to add or change: its country and description are words of the
    excerpt, the excerpt words of the source."""

    class Meta:
        model = Delegation
        fields = ["edition", "country", "description", "position", "source", "excerpt"]
        extra_kwargs = {"position": {"max_value": SMALLINT_MAX}}


class TopicLinkSerializer(ProvenanceSerializer):
    """A topic an edition discussed, with the report that says so."""

    topic = TopicRefSerializer(read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:topic-link-detail")

    class Meta:
        model = ConferenceTopic
        fields = ["id", "edition", "topic", "source", "excerpt", "url"]


class TopicLinkWriteSerializer(ProvenanceWriteSerializer):
    topic = KeyRelatedField(
        slug_field="slug", queryset=Topic.objects.all(), help_text="The topic's slug."
    )

    class Meta:
        model = ConferenceTopic
        fields = ["edition", "topic", "source", "excerpt"]
