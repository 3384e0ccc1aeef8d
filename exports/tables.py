"""The tables of the open-data package: their columns, types, keys, and the one query
each runs through the models' published() rule (a draft edition never appears)."""

from dataclasses import dataclass, field

from django.db.models import F
from django.utils.translation import gettext_noop

from conferences.models import (
    Citation,
    Conference,
    ConferenceTopic,
    Correction,
    Delegation,
    KeyFigure,
    Membership,
    RoundTable,
    SourceReport,
    Topic,
)
from speakers.models import Appearance, Office, Person, Quote, Tenure


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Frictionless Table Schema type
    description: str
    source: str = ""  # the values() lookup; the column's name when empty
    required: bool = False

    @property
    def lookup(self) -> str:
        return self.source or self.name


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str  # English in the package; the open-data page translates it
    rows: object  # a callable returning the queryset
    columns: list[Column]
    primary_key: list[str] = field(default_factory=lambda: ["id"])
    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def records(self) -> list[dict]:
        """Return the table's rows as dicts of Python values, in one query."""
        lookups = [c.lookup for c in self.columns]
        return [
            {c.name: row[c.lookup] for c in self.columns}
            for row in self.rows().values(*lookups)
        ]


def published_people():
    return Person.objects.filter(
        pk__in=Appearance.objects.published().values("person_id")
    )


def published_topics():
    return Topic.objects.filter(
        pk__in=ConferenceTopic.objects.published().values("topic_id")
    )


ID = Column("id", "integer", "The row's number in the archive.", required=True)
EDITION = Column(
    "edition", "integer", "The edition's number.", "conference__edition", True
)
SOURCE = Column(
    "source", "string", "The slug of the report that states it.", "source__slug", True
)
EXCERPT = Column(
    "excerpt", "string", "The report's own words that state it, copied exactly."
)
TO_EDITION = ("edition", "editions", "edition")
TO_SOURCE = ("source", "sources", "slug")

TABLES = [
    Table(
        "editions",
        "Editions",
        gettext_noop("The published editions of the Heads of NCB Conference."),
        lambda: Conference.objects.published().order_by("edition"),
        [
            Column(
                "edition", "integer", "The edition's ordinal number.", required=True
            ),
            Column("year", "integer", "The year it was held."),
            Column("start_date", "date", "Its first day."),
            Column("end_date", "date", "Its last day."),
            Column("city", "string", "The host city."),
            Column("country", "string", "The host country."),
            Column("venue", "string", "The venue."),
            Column("theme", "string", "The edition's theme."),
            Column("delegates", "integer", "How many delegates attended."),
            Column("countries", "integer", "How many countries were represented."),
            Column("member_countries", "integer", "INTERPOL's member countries then."),
            Column("format", "string", "How the meeting was run."),
            Column("summary", "string", "A short summary written for the archive."),
        ],
        primary_key=["edition"],
    ),
    Table(
        "people",
        "People",
        gettext_noop("The people the reports name at published editions."),
        lambda: published_people().order_by("slug"),
        [
            Column("slug", "string", "The person's key.", required=True),
            Column("name", "string", "The name the archive uses.", required=True),
            Column("short_name", "string", "A short form of the name."),
            Column("other_names", "string", "Other spellings, one a line."),
            Column("summary", "string", "Who this is, written for the archive."),
        ],
        primary_key=["slug"],
    ),
    Table(
        "offices",
        "Offices",
        gettext_noop("The posts people held."),
        lambda: Office.objects.order_by("rank", "title"),
        [
            Column("slug", "string", "The office's key.", required=True),
            Column("title", "string", "The office.", required=True),
            Column("kind", "string", "president, secretary_general, ncb_head…"),
            Column("rank", "integer", "Order in lists of leaders: lower first."),
        ],
        primary_key=["slug"],
    ),
    Table(
        "tenures",
        "Terms of office",
        gettext_noop("Terms of office of the people above, from public records."),
        lambda: Tenure.objects.filter(person__in=published_people()).order_by(
            "office__rank", F("started_on").asc(nulls_last=True), "pk"
        ),
        [
            ID,
            Column("person", "string", "The person's slug.", "person__slug", True),
            Column("office", "string", "The office's slug.", "office__slug", True),
            Column(
                "started_on",
                "date",
                "The term's first day; empty when no record gives it.",
            ),
            Column("ended_on", "date", "The term's last day; empty if unknown."),
            Column("reference", "string", "The public record the term comes from."),
        ],
        foreign_keys=[("person", "people", "slug"), ("office", "offices", "slug")],
    ),
    Table(
        "appearances",
        "Appearances",
        gettext_noop("Who appeared at which edition, in which role, as a report says."),
        lambda: Appearance.objects.published().order_by(
            "conference__edition", "office__rank", "person__slug"
        ),
        [
            ID,
            EDITION,
            Column("person", "string", "The person's slug.", "person__slug", True),
            Column("office", "string", "The office's slug.", "office__slug", True),
            Column("role", "string", "The role as the report words it."),
            SOURCE,
            EXCERPT,
            Column(
                "inferred",
                "boolean",
                "True if the source names them at a meeting only inferred to be this "
                "edition.",
            ),
            Column(
                "reasoning", "string", "For an inferred appearance: how it follows."
            ),
        ],
        foreign_keys=[
            TO_EDITION,
            ("person", "people", "slug"),
            ("office", "offices", "slug"),
            TO_SOURCE,
        ],
    ),
    Table(
        "quotes",
        "Quotes",
        gettext_noop("Words spoken at published editions, quoted or reported."),
        lambda: Quote.objects.published().order_by(
            "conference__edition", "source__slug", "position"
        ),
        [
            ID,
            EDITION,
            Column("person", "string", "The speaker's slug.", "person__slug", True),
            Column("kind", "string", "direct (quoted) or paraphrase (reported)."),
            Column(
                "text", "string", "The words, without quotation marks.", required=True
            ),
            Column("position", "integer", "Order of the words in the report."),
            SOURCE,
            EXCERPT,
        ],
        foreign_keys=[TO_EDITION, ("person", "people", "slug"), TO_SOURCE],
    ),
    Table(
        "topics",
        "Topics",
        gettext_noop("The subjects published editions discussed."),
        lambda: published_topics().order_by("slug"),
        [
            Column("slug", "string", "The topic's key.", required=True),
            Column("name", "string", "The topic.", required=True),
            Column("kind", "string", "crime_area, technology, capability…"),
            Column("description", "string", "What the topic covers."),
        ],
        primary_key=["slug"],
    ),
    Table(
        "topic_links",
        "Topics discussed",
        gettext_noop("Which edition discussed which topic, as a report says."),
        lambda: ConferenceTopic.objects.published().order_by(
            "conference__edition", "topic__slug"
        ),
        [
            ID,
            EDITION,
            Column("topic", "string", "The topic's slug.", "topic__slug", True),
            SOURCE,
            EXCERPT,
        ],
        foreign_keys=[TO_EDITION, ("topic", "topics", "slug"), TO_SOURCE],
    ),
    Table(
        "key_figures",
        "Key figures",
        gettext_noop("Numbers the reports give for an edition."),
        lambda: KeyFigure.objects.published().order_by(
            "conference__edition", "position"
        ),
        [
            ID,
            EDITION,
            Column("label", "string", "What the number measures.", required=True),
            Column("value", "integer", "The number, written out.", required=True),
            Column("unit", "string", "messages, searches, USD…"),
            Column(
                "qualifier", "string", "more_than, nearly, around…; empty if exact."
            ),
            Column("period", "string", "The period the number covers."),
            Column("position", "integer", "Order on the edition's page."),
            SOURCE,
            EXCERPT,
        ],
        foreign_keys=[TO_EDITION, TO_SOURCE],
    ),
    Table(
        "round_tables",
        "Regional round tables",
        gettext_noop("The regional round tables held at an edition."),
        lambda: RoundTable.objects.published().order_by(
            "conference__edition", "position"
        ),
        [
            ID,
            EDITION,
            Column("region", "string", "The region.", required=True),
            Column("position", "integer", "Order on the edition's page."),
            SOURCE,
            EXCERPT,
        ],
        foreign_keys=[TO_EDITION, TO_SOURCE],
    ),
    Table(
        "delegations",
        "Delegations",
        gettext_noop(
            "Countries' delegations to an edition, as a report or a public record "
            "names them, in its own words."
        ),
        lambda: Delegation.objects.published().order_by(
            "conference__edition", "position", "pk"
        ),
        [
            ID,
            EDITION,
            Column(
                "country",
                "string",
                "The country, as the source names it.",
                required=True,
            ),
            Column(
                "description",
                "string",
                "Who made up the delegation, in the source's words.",
            ),
            Column("position", "integer", "Order on the edition's page."),
            SOURCE,
            EXCERPT,
        ],
        foreign_keys=[TO_EDITION, TO_SOURCE],
    ),
    Table(
        "sources",
        "Source reports",
        gettext_noop("The press reports the archive rests on, with their text."),
        lambda: SourceReport.objects.published().order_by("slug"),
        [
            Column("slug", "string", "The report's key.", required=True),
            Column(
                "edition", "integer", "The edition it describes.", "conference__edition"
            ),
            Column("headline", "string", "The report's own headline."),
            Column("publisher", "string", "Who published it."),
            Column(
                "publisher_inferred",
                "boolean",
                "True if no report names the publisher.",
            ),
            Column("publisher_reasoning", "string", "How the publisher was inferred."),
            Column("published_on", "date", "The report's date, if it gives one."),
            Column("language", "string", "The report's language."),
            Column("file_name", "string", "The file it was collected as."),
            Column("reading_text", "string", "The text without layout noise."),
            Column("raw_text", "string", "The text exactly as collected."),
        ],
        primary_key=["slug"],
    ),
    Table(
        "citations",
        "Citations",
        gettext_noop(
            "Where each field of an edition comes from: a report's words, or reasoning."
        ),
        lambda: Citation.objects.published().order_by(
            "conference__edition", "field", "source__slug"
        ),
        [
            ID,
            EDITION,
            Column(
                "field",
                "string",
                "The edition's field (a column of editions).",
                required=True,
            ),
            SOURCE,
            Column(
                "excerpt",
                "string",
                "The report's words; for an inferred value, the evidence.",
            ),
            Column("inferred", "boolean", "True if no report states the value."),
            Column("reasoning", "string", "For an inferred value: how it follows."),
        ],
        foreign_keys=[TO_EDITION, TO_SOURCE],
    ),
    Table(
        "corrections",
        "Corrections",
        gettext_noop(
            "Values changed after publication: what changed, why, and on what evidence."
        ),
        lambda: Correction.objects.published().order_by(
            "conference__edition", "recorded_at", "pk"
        ),
        [
            ID,
            EDITION,
            Column(
                "field", "string", "The edition's field that changed.", required=True
            ),
            Column("old_value", "string", "The value before the correction."),
            Column("new_value", "string", "The value after it.", required=True),
            Column("reason", "string", "Why the value changed.", required=True),
            Column(
                "citation",
                "integer",
                "The citation that supports the new value (a row of citations).",
                "citation_id",
            ),
            Column(
                "source_wrong",
                "boolean",
                "True if the source itself is wrong (see the evidence).",
            ),
            Column("evidence", "string", "Why the source is wrong, when it is."),
            Column("recorded_at", "datetime", "When the correction was recorded."),
        ],
        foreign_keys=[TO_EDITION, ("citation", "citations", "id")],
    ),
    Table(
        "membership",
        "INTERPOL's membership",
        gettext_noop(
            "INTERPOL's member countries over time, each figure from a public record."
        ),
        lambda: Membership.objects.order_by("effective_on", "kind", "pk"),
        [
            ID,
            Column(
                "effective_on", "date", "The day the count holds from.", required=True
            ),
            Column(
                "kind",
                "string",
                "change (countries admitted or left that day) or statement (a record "
                "of that day states the count).",
                required=True,
            ),
            Column(
                "members",
                "integer",
                "INTERPOL's member countries from that day.",
                required=True,
            ),
            Column(
                "admitted", "string", "The countries admitted that day, one a line."
            ),
            Column("left", "string", "The countries that left that day, one a line."),
            Column(
                "source",
                "string",
                "The slug of the public record that states the count.",
                "source__slug",
                True,
            ),
            Column(
                "excerpt", "string", "The record's words that state it, copied exactly."
            ),
            Column(
                "date_source",
                "string",
                "The slug of the record that gives the day, when it is another one.",
                "date_source__slug",
            ),
            Column(
                "date_excerpt",
                "string",
                "The words that give the day; empty when it is the record's own date.",
            ),
            Column(
                "date_reasoning",
                "string",
                "How the day follows when no excerpt states it whole (it is inferred).",
            ),
        ],
        foreign_keys=[TO_SOURCE, ("date_source", "sources", "slug")],
    ),
]
TABLES_BY_NAME = {table.name: table for table in TABLES}
