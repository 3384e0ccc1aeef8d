"""The API's view of editions, topics and source reports, each fact with its source."""

import copy

from rest_framework import serializers
from rest_framework.reverse import reverse

from conferences.models import (
    Citation,
    Conference,
    ConferenceTopic,
    Delegation,
    KeyFigure,
    RoundTable,
    SourceReport,
    Topic,
)

from .corrections import CorrectionSerializer
from .fields import (
    INTEGER_MAX,
    SMALLINT_MAX,
    EditionField,
    HTMLURLField,
    portal_path,
)
from .mixins import ModelValidationMixin
from .speakers import QuoteSerializer


class LeaderSerializer(serializers.Serializer):
    """Someone who appeared at the edition, in the office and role the report gives."""

    name = serializers.CharField(source="person.name")
    slug = serializers.SlugField(source="person.slug")
    role = serializers.CharField()
    office = serializers.CharField(source="office.title")
    office_kind = serializers.CharField(source="office.kind")
    inferred = serializers.BooleanField(
        help_text="The source names them at a meeting only inferred to be this edition "
        "(`/api/v1/appearances/` gives the reasoning)."
    )


class TopicRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["name", "slug"]


class DiscussedTopicSerializer(serializers.ModelSerializer):
    """A topic of an edition (its link row, shown as the topic): on the agenda, or an example.

    Whether an agenda was announced or reported as done is its report's `text_kind`.
    """

    name = serializers.CharField(source="topic.name")
    slug = serializers.SlugField(source="topic.slug")

    class Meta:
        model = ConferenceTopic
        fields = ["name", "slug", "mention"]


class CitationSerializer(serializers.ModelSerializer):
    """Where one field's value comes from: the report's words, or an inference and why."""

    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    reason = serializers.CharField(
        source="reasoning",
        help_text="For an inferred value, how it follows; empty for a stated one.",
    )
    inferred_part = serializers.SerializerMethodField(
        help_text='For an inferred value, "whole" or "year" (day and month stated); '
        "empty for a stated one."
    )
    evidence = serializers.SlugRelatedField(
        slug_field="slug",
        many=True,
        read_only=True,
        help_text="The public records (source slugs) the reasoning rests on.",
    )

    class Meta:
        model = Citation
        fields = [
            "field",
            "source",
            "excerpt",
            "inferred",
            "inferred_part",
            "reason",
            "evidence",
        ]

    def get_inferred_part(self, citation) -> str:
        if not citation.inferred:
            return ""
        return citation.inferred_part or Citation.InferredPart.WHOLE


class KeyFigureSerializer(serializers.ModelSerializer):
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = KeyFigure
        fields = [
            "label",
            "value",
            "unit",
            "qualifier",
            "period",
            "source",
            "excerpt",
        ]


class RoundTableSerializer(serializers.ModelSerializer):
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = RoundTable
        fields = ["region", "source", "excerpt"]


class DelegationSerializer(serializers.ModelSerializer):
    """A country's delegation, in its source's words."""

    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Delegation
        fields = ["country", "description", "source", "excerpt"]


class SourceRefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:source-detail", lookup_field="slug"
    )

    title = serializers.CharField(source="display_title", read_only=True)

    class Meta:
        model = SourceReport
        fields = [
            "slug",
            "kind",
            "text_kind",
            "title",
            "publisher",
            "publisher_inferred",
            "url",
        ]


# An edition's own facts, as stored on Conference, each with its citation (the order of Citation.Field).
EDITION_FACTS = Citation.Field.values


class ConferenceListSerializer(serializers.ModelSerializer):
    """An edition as lists show it: its facts, leaders, topics, and what is inferred."""

    leaders = LeaderSerializer(source="leader_appearances", many=True, read_only=True)
    topics = DiscussedTopicSerializer(source="topic_list", many=True, read_only=True)
    inferred = serializers.ListField(
        source="inferred_fields",
        child=serializers.CharField(),
        read_only=True,
        help_text="The fields whose value no source states, only evidence implies.",
    )
    inferred_parts = serializers.SerializerMethodField(
        help_text='For each inferred field, which part is inferred: "whole", or "year" '
        "when the day and month are stated."
    )
    has_report = serializers.BooleanField(
        read_only=True,
        help_text="Whether one of the archive's press reports describes the edition.",
    )
    basis = serializers.SerializerMethodField(
        help_text='What the archive holds of the edition: "report", "records" (public '
        'records only) or "none".'
    )
    url = serializers.HyperlinkedIdentityField(
        view_name="api:conference-detail", lookup_field="edition"
    )
    html_url = HTMLURLField()

    class Meta:
        model = Conference
        fields = [
            *EDITION_FACTS,
            "leaders",
            "topics",
            "inferred",
            "inferred_parts",
            "has_report",
            "basis",
            "url",
            "html_url",
        ]

    def to_representation(self, instance):
        """Return what the declared fields give, built straight from the prefetched rows.

        The fields stay declared (the schema, and the detail's nested lists, use them),
        but DRF would build and walk some thirty field objects for each edition: a list
        of editions spent most of its time there.
        """
        request = self.context.get("request")
        data = {name: fact_value(getattr(instance, name)) for name in EDITION_FACTS}
        data["leaders"] = [
            {
                "name": appearance.person.name,
                "slug": appearance.person.slug,
                "role": appearance.role,
                "office": appearance.office.title,
                "office_kind": appearance.office.kind,
                "inferred": appearance.inferred,
            }
            for appearance in instance.leader_appearances
        ]
        data["topics"] = [
            {"name": link.topic.name, "slug": link.topic.slug, "mention": link.mention}
            for link in instance.topic_list
        ]
        data["inferred"] = instance.inferred_fields
        data["inferred_parts"] = self.get_inferred_parts(instance)
        data["has_report"] = instance.has_report
        data["basis"] = self.get_basis(instance)
        data["url"] = reverse(
            "api:conference-detail",
            kwargs={"edition": instance.edition},
            request=request,
        )
        html_url = portal_path(instance)
        data["html_url"] = request.build_absolute_uri(html_url) if request else html_url
        return data

    def get_inferred_parts(self, conference) -> dict[str, str]:
        return {
            name: conference.inferred_part(name) for name in conference.inferred_fields
        }

    def get_basis(self, conference) -> str:
        if getattr(conference, "is_gap", False):
            return "none"
        return "report" if conference.has_report else "records"


def fact_value(value):
    """Return an edition's fact as its serializer field would: dates in ISO 8601."""
    return value.isoformat() if hasattr(value, "isoformat") else value


class ConferenceDetailSerializer(ConferenceListSerializer):
    """An edition with everything known of it, and where each fact comes from."""

    quotes = QuoteSerializer(source="quote_list", many=True, read_only=True)
    key_figures = KeyFigureSerializer(
        source="key_figure_list", many=True, read_only=True
    )
    round_tables = RoundTableSerializer(
        source="round_table_list", many=True, read_only=True
    )
    delegations = DelegationSerializer(
        source="delegation_list", many=True, read_only=True
    )
    sources = SourceRefSerializer(source="source_list", many=True, read_only=True)
    citations = CitationSerializer(source="citation_list", many=True, read_only=True)
    corrections = CorrectionSerializer(
        source="correction_list", many=True, read_only=True
    )

    class Meta(ConferenceListSerializer.Meta):
        fields = ConferenceListSerializer.Meta.fields + [
            "summary",
            "corrections",
            "quotes",
            "key_figures",
            "round_tables",
            "delegations",
            "sources",
            "citations",
        ]

    NESTED = (
        "corrections",
        "quotes",
        "key_figures",
        "round_tables",
        "delegations",
        "sources",
        "citations",
    )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["summary"] = instance.summary
        for name in self.NESTED:
            # Only the nested lists' own fields are built, not the edition's thirty.
            field = copy.deepcopy(self._declared_fields[name])
            field.bind(name, self)
            data[name] = field.to_representation(field.get_attribute(instance))
        return data


class ConferenceWriteSerializer(ModelValidationMixin, serializers.ModelSerializer):
    """An edition's own facts, to add or change (leaders, topics… have their own rows)."""

    class Meta:
        model = Conference
        fields = [*EDITION_FACTS, "summary"]
        # PostgreSQL's column ranges, so SQLite (which has none) refuses the same values.
        extra_kwargs = {
            "edition": {"min_value": 1, "max_value": SMALLINT_MAX},
            "year": {"max_value": SMALLINT_MAX},
            "delegates": {"max_value": INTEGER_MAX},
            "countries": {"max_value": SMALLINT_MAX},
            "member_countries": {"max_value": SMALLINT_MAX},
        }


class EditionRefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:conference-detail", lookup_field="edition"
    )

    class Meta:
        model = Conference
        fields = ["edition", "year", "city", "url"]


class TopicListSerializer(serializers.ModelSerializer):
    edition_count = serializers.IntegerField(
        read_only=True, help_text="How many published editions discussed the topic."
    )
    url = serializers.HyperlinkedIdentityField(
        view_name="api:topic-detail", lookup_field="slug"
    )
    html_url = HTMLURLField()

    class Meta:
        model = Topic
        fields = [
            "name",
            "slug",
            "kind",
            "description",
            "edition_count",
            "url",
            "html_url",
        ]


class TopicDetailSerializer(TopicListSerializer):
    editions = EditionRefSerializer(
        source="editions_discussed", many=True, read_only=True
    )

    class Meta(TopicListSerializer.Meta):
        fields = TopicListSerializer.Meta.fields + ["editions"]


class TopicWriteSerializer(ModelValidationMixin, serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["name", "slug", "kind", "description"]


class SourceListSerializer(serializers.ModelSerializer):
    edition = serializers.IntegerField(
        source="conference.edition", read_only=True, allow_null=True
    )
    title = serializers.CharField(
        source="display_title",
        read_only=True,
        help_text="A readable title: the headline, or what the report or record is.",
    )
    original_url = serializers.CharField(
        source="url",
        read_only=True,
        help_text="The original address of the report or record; empty if unknown.",
    )
    url = serializers.HyperlinkedIdentityField(
        view_name="api:source-detail", lookup_field="slug"
    )
    html_url = HTMLURLField()

    class Meta:
        model = SourceReport
        fields = [
            "slug",
            "kind",
            "text_kind",
            "title",
            "headline",
            "publisher",
            "publisher_inferred",
            "published_on",
            "published_on_inferred",
            "original_url",
            "accessed_on",
            "language",
            "edition",
            "url",
            "html_url",
        ]


class SourceDetailSerializer(SourceListSerializer):
    """A report with its text: as collected, and without layout noise."""

    class Meta(SourceListSerializer.Meta):
        fields = SourceListSerializer.Meta.fields + [
            "published_on_reasoning",
            "publisher_reasoning",
            "file_name",
            "notes",
            "raw_text",
            "reading_text",
        ]


class SourceWriteSerializer(ModelValidationMixin, serializers.ModelSerializer):
    edition = EditionField(
        allow_null=True,
        required=False,
        help_text="The number of the edition the report describes.",
    )

    original_url = serializers.URLField(
        source="url",
        required=False,
        allow_blank=True,
        help_text="The original address of the report or record; empty if unknown.",
    )

    class Meta:
        model = SourceReport
        fields = [
            "slug",
            "kind",
            "text_kind",
            "title",
            "original_url",
            "accessed_on",
            "published_on_inferred",
            "published_on_reasoning",
            "edition",
            "file_name",
            "headline",
            "publisher",
            "publisher_inferred",
            "publisher_reasoning",
            "published_on",
            "language",
            "raw_text",
            "notes",
        ]
