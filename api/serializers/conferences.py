"""The API's view of editions, topics and source reports, each fact with its source."""

from datetime import UTC, datetime
from functools import cache

from django.db import models
from rest_framework import serializers

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
from conferences.series import NONE, RECORDS, REPORT, unknown_edition

from .corrections import CorrectionSerializer
from .fields import (
    INTEGER_MAX,
    SMALLINT_MAX,
    EditionField,
    HTMLURLField,
    RequestAddresses,
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
# Those of them that are dates (or times), which the API writes in ISO 8601 (fact_value()).
DATE_FACTS = [
    name
    for name in EDITION_FACTS
    if isinstance(
        Conference._meta.get_field(name), (models.DateField, models.TimeField)
    )
]


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

    def to_representation(self, row):
        """Return what the declared fields give, from a row of
        Conference.objects.listing_values() (or a gap's, gap_row()).

        The fields stay declared (the schema reads them), but DRF would build and walk
        some thirty field objects for each edition, from model instances and their
        prefetched rows: a list of editions spent most of its time there. The row is
        plain values, and each kind of address is reversed once a list (addresses()).
        """
        addresses = self.addresses()
        edition = row["edition"]
        data = {name: row[name] for name in EDITION_FACTS}
        # Only the dates need writing (fact_value() on every fact cost a fifth of a
        # list's rows).
        for name in DATE_FACTS:
            data[name] = fact_value(data[name])
        data["leaders"] = [
            {
                "name": name,
                "slug": slug,
                "role": role,
                "office": office,
                "office_kind": office_kind,
                "inferred": inferred,
            }
            for name, slug, role, office, office_kind, inferred in row["leader_rows"]
        ]
        data["topics"] = [
            {"name": name, "slug": slug, "mention": mention}
            for name, slug, mention in row["topic_rows"]
        ]
        # In the order of Conference.inferred_fields: by name.
        parts = dict(sorted(row["inferred_part_rows"]))
        data["inferred"] = list(parts)
        data["inferred_parts"] = parts
        data["has_report"] = row["described_by_report"]
        data["basis"] = basis_of(row)
        data["url"] = addresses["edition"](edition)
        data["html_url"] = addresses["edition_page"](edition)
        return data

    def addresses(self) -> dict:
        """Return, once a serializer (a list's child serves every row), the functions
        giving the addresses its rows name, by their keys."""
        cached = getattr(self, "_addresses", None)
        if cached is None:
            cached = self._addresses = self.address_functions(
                RequestAddresses(self.context)
            )
        return cached

    @staticmethod
    def address_functions(addresses: RequestAddresses) -> dict:
        return {
            # The edition's own address never takes the request's format suffix.
            "edition": addresses.api(
                "api:conference-detail", "edition", with_format=False
            ),
            "edition_page": addresses.portal("conferences:edition-detail"),
        }

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


def basis_of(row: dict) -> str:
    """Return what the archive holds of a listed edition (EditionSlot.basis's values)."""
    if row.get("is_gap"):
        return NONE
    return REPORT if row["described_by_report"] else RECORDS


# What a row of listing_values() and detail_values() holds besides the edition's facts,
# for an edition the archive holds nothing of.
GAP_LISTS = (
    "leader_rows",
    "topic_rows",
    "inferred_part_rows",
    "correction_rows",
    "quote_rows",
    "key_figure_rows",
    "round_table_rows",
    "delegation_rows",
    "source_rows",
    "citation_rows",
)


def gap_row(number: int, *, summary: bool = False) -> dict:
    """Return the row of an edition the archive holds nothing of, as unknown_edition()
    gives it: its number, no facts, empty lists (and, with `summary`, the summary that
    says so, which costs a model instance)."""
    row = {**gap_facts(), "edition": number}
    if summary:
        row["summary"] = unknown_edition(number).summary
    return row


@cache
def gap_facts() -> dict:
    """What every gap's row holds: the facts of an edition the archive holds nothing of
    (the fields' defaults), and no rows of anything (empty tuples: every row shares
    them, and nothing changes them)."""
    unknown = unknown_edition(1)
    return {
        **{name: getattr(unknown, name) for name in EDITION_FACTS},
        "described_by_report": False,
        **dict.fromkeys(GAP_LISTS, ()),
        "is_gap": True,
    }


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

    def to_representation(self, row):
        """Return what the declared fields give, from a row of
        Conference.objects.detail_values() (or a gap's, gap_row(summary=True)), as
        the nested serializers would give each item."""
        data = super().to_representation(row)
        addresses = self.addresses()
        edition = row["edition"]
        data["summary"] = row["summary"]
        history = addresses["history"](edition)
        data["corrections"] = [
            {
                "id": pk,
                "edition": edition,
                "field": field,
                "old_value": old_value,
                "new_value": new_value,
                "reason": reason,
                "citation": citation,
                "source_wrong": source_wrong,
                "evidence": evidence,
                "recorded_at": RECORDED_AT.to_representation(
                    parse_datetime_value(recorded_at)
                ),
                "history_url": f"{history}#correction-{pk}",
            }
            for (
                pk,
                field,
                old_value,
                new_value,
                reason,
                citation,
                source_wrong,
                evidence,
                recorded_at,
            ) in row["correction_rows"]
        ]
        page = addresses["edition_page"](edition)
        quote = addresses["quote"]
        data["quotes"] = [
            {
                "id": pk,
                "text": text,
                "kind": kind,
                "person": {"name": person, "slug": person_slug},
                "edition": edition,
                "source": source,
                "excerpt": excerpt,
                "also_excerpt": also_excerpt,
                "position": position,
                "url": quote(pk),
                "html_url": f"{page}#quote-{pk}",
            }
            for (
                pk,
                text,
                kind,
                person,
                person_slug,
                source,
                excerpt,
                also_excerpt,
                position,
            ) in row["quote_rows"]
        ]
        data["key_figures"] = [
            dict(zip(KEY_FIGURE_FIELDS, values, strict=True))
            for values in row["key_figure_rows"]
        ]
        data["round_tables"] = [
            dict(zip(ROUND_TABLE_FIELDS, values, strict=True))
            for values in row["round_table_rows"]
        ]
        data["delegations"] = [
            dict(zip(DELEGATION_FIELDS, values, strict=True))
            for values in row["delegation_rows"]
        ]
        source = addresses["source"]
        data["sources"] = [
            {
                "slug": slug,
                "kind": kind,
                "text_kind": text_kind,
                "title": SourceReport(
                    slug=slug,
                    kind=kind,
                    title=title,
                    headline=headline,
                    publisher=publisher,
                ).display_title,
                "publisher": publisher,
                "publisher_inferred": publisher_inferred,
                "url": source(slug),
            }
            for (
                slug,
                kind,
                text_kind,
                title,
                headline,
                publisher,
                publisher_inferred,
            ) in row["source_rows"]
        ]
        data["citations"] = [
            {
                "field": field,
                "source": source_slug,
                "excerpt": excerpt,
                "inferred": inferred,
                # As CitationSerializer.get_inferred_part: empty on an inferred
                # value means the whole value.
                "inferred_part": (inferred_part or Citation.InferredPart.WHOLE)
                if inferred
                else "",
                "reason": reasoning,
                "evidence": evidence,
            }
            for (
                field,
                source_slug,
                excerpt,
                inferred,
                inferred_part,
                reasoning,
                evidence,
            ) in row["citation_rows"]
        ]
        return data

    @staticmethod
    def address_functions(addresses: RequestAddresses) -> dict:
        return {
            **ConferenceListSerializer.address_functions(addresses),
            "quote": addresses.api("api:quote-detail", "pk"),
            "source": addresses.api("api:source-detail", "slug"),
            # A correction's page is in the client's language (Correction's own
            # get_absolute_url, as CorrectionSerializer gives it).
            "history": addresses.portal("conferences:edition-history", english=False),
        }


# The keys of the nested items built from rows, in their serializers' field order.
KEY_FIGURE_FIELDS = KeyFigureSerializer.Meta.fields
ROUND_TABLE_FIELDS = RoundTableSerializer.Meta.fields
DELEGATION_FIELDS = DelegationSerializer.Meta.fields

# CorrectionSerializer's `recorded_at`: in the project's time zone, as DRF writes it.
RECORDED_AT = serializers.DateTimeField()


def parse_datetime_value(value):
    """Return a timestamp read from JSON (ISO 8601; SQLite's has no offset: UTC) as an
    aware datetime."""
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


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
