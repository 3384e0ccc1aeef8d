"""The related lists of an edition's values (ConferenceQuerySet.listing_values() and
detail_values()) and of its page (for_page()), as JSON subqueries built once a process."""

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, cached_property
from inspect import getattr_static

from django.conf import settings
from django.db import connections, router
from django.db.models import DEFERRED, DateField, OuterRef, Q
from django.db.models.base import ModelState
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init
from django.utils.timezone import is_naive, make_aware

from exports.changes import last_changed_expression
from speakers.models import Appearance, Office, Person, Quote

from .compiled import ValuesRead
from .corrections import Correction
from .editions import Citation, Conference
from .facts import Delegation, KeyFigure, RoundTable
from .sources import SourceReport
from .subqueries import AmongIds, ExistsOnce, JSONRows, RowCount
from .topics import ConferenceTopic, Topic

# What an edition's corrections show, in the API's detail and on its page.
CORRECTION_VALUES = (
    "field",
    "old_value",
    "new_value",
    "reason",
    "citation_id",
    "source_wrong",
    "evidence",
    "recorded_at",
)


@cache
def listed_rows() -> dict:
    """Return listing_values()'s JSON lists, built once (JSONRows: then resolved and
    compiled once too)."""
    return {
        # with_basis()'s `described_by_report` (the same rule: a test compares them).
        "report": ExistsOnce(
            Citation.objects.filter(
                conference=OuterRef("pk"), source__kind=SourceReport.Kind.REPORT
            )
        ),
        "leader_rows": JSONRows(
            Appearance.objects.filter(conference=OuterRef("pk")).order_by(
                "office__rank", "person__name", "pk"
            ),
            "person__name",
            "person__slug",
            "role",
            "office__title",
            "office__kind",
            "inferred",
        ),
        "topic_rows": JSONRows(
            ConferenceTopic.objects.filter(conference=OuterRef("pk")).order_by(
                "topic__name", "pk"
            ),
            "topic__name",
            "topic__slug",
            "mention",
        ),
        "inferred_part_rows": JSONRows(
            Citation.objects.inferred_parts_of(OuterRef("pk")), "field", "part"
        ),
    }


@cache
def archive_totals() -> dict:
    """Return with_archive_totals()'s counts, built once: the published editions, the
    people, and the topics a published edition discussed (Topic's
    with_edition_counts() above 0)."""
    return {
        "known_count": RowCount(Conference.objects.published()),
        "person_count": RowCount(Person.objects.all()),
        "topic_count": RowCount(Topic.objects.discussed()),
    }


@cache
def detailed_rows() -> dict:
    """Return detail_values()'s own JSON lists, built once."""

    def of_edition(model):
        return model.objects.filter(conference=OuterRef("pk"))

    return {
        "correction_rows": JSONRows(
            of_edition(Correction).order_by("-recorded_at", "-pk"),
            "pk",
            *CORRECTION_VALUES,
        ),
        "quote_rows": JSONRows(
            of_edition(Quote).order_by("source__slug", "position", "pk"),
            "pk",
            "text",
            "kind",
            "person__name",
            "person__slug",
            "source__slug",
            "excerpt",
            "also_excerpt",
            "position",
        ),
        "key_figure_rows": JSONRows(
            of_edition(KeyFigure).order_by("position", "pk"),
            "label",
            "value",
            "unit",
            "qualifier",
            "period",
            "source__slug",
            "excerpt",
        ),
        "round_table_rows": JSONRows(
            of_edition(RoundTable).order_by("position", "pk"),
            "region",
            "source__slug",
            "excerpt",
        ),
        "delegation_rows": JSONRows(
            of_edition(Delegation).order_by("position", "pk"),
            "country",
            "description",
            "source__slug",
            "excerpt",
        ),
        "source_rows": JSONRows(
            of_edition(SourceReport).order_by("slug"),
            "slug",
            "kind",
            "text_kind",
            "title",
            "headline",
            "publisher",
            "publisher_inferred",
        ),
        "citation_rows": JSONRows(
            # By field, then (one citation a field and source) by source: the order
            # SQLite's unique index gave for_detail()'s citations.
            of_edition(Citation).order_by("field", "source_id"),
            "field",
            "source__slug",
            "excerpt",
            "inferred",
            "inferred_part",
            "reasoning",
            JSONRows(
                SourceReport.objects.filter(evidence_for=OuterRef("pk")).order_by(
                    "slug"
                ),
                "slug",
                flat=True,
            ),
        ),
    }


# What an edition's page shows of a source (its title, publisher, date, kind, language)
# and what tells its title (conferences.templatetags.portal.source_title): not its texts.
SOURCE_FIELDS = (
    "id",
    "slug",
    "kind",
    "title",
    "text_kind",
    "conference_id",
    "headline",
    "publisher",
    "publisher_inferred",
    "published_on",
    "language",
)


def source_rows(sources) -> JSONRows:
    """Return sources' rows of SOURCE_FIELDS, by slug, as a JSON column."""
    return JSONRows(sources.order_by("slug"), *SOURCE_FIELDS)


@dataclass(frozen=True)
class PageList:
    """One related list of an edition's page, read as a JSON column of the edition's row
    (ConferenceQuerySet.for_page()) and made into model instances (attach_page_lists()).

    `fields` are the items' own columns (attnames); `related` the rows each item holds
    (name of its foreign key, model, columns: a leader's person and office). A sourced
    item's row names its source by id (`source_id`, among `fields`): the page reads its
    sources once, in `page_source_rows` (page_rows()), not joined into every list.
    """

    model: type
    ordering: tuple[str, ...]
    fields: tuple[str, ...]
    related: tuple[tuple[str, type, tuple[str, ...]], ...] = ()
    sourced: bool = True

    def rows(self) -> JSONRows:
        columns = [*self.fields]
        for name, _model, names in self.related:
            columns += [f"{name}__{column}" for column in names]
        items = self.model.objects.filter(conference=OuterRef("pk"))
        return JSONRows(items.order_by(*self.ordering), *columns)

    @cached_property
    def setters(self) -> tuple:
        """Where an item keeps its edition, related rows and source: each foreign key's
        set_cached_value(), as select_related() fills the rows it joins. The
        descriptors' assignment checks each value's model and database and sets the key
        again, which the item's row already holds (a fifth of an edition page's
        attach_page_lists())."""
        meta = self.model._meta
        return (
            meta.get_field("conference").set_cached_value,
            tuple(meta.get_field(name).set_cached_value for name, *_ in self.related),
            meta.get_field("source").set_cached_value if self.sourced else None,
        )


# Each item's columns as a page reads them: a missing one would cost a query an item
# (a deferred field), which the pages' query-count tests catch.
SOURCED = ("id", "source_id", "excerpt")
PAGE_LISTS = {
    "leader_appearances": PageList(
        Appearance,
        ("office__rank", "person__name", "pk"),
        (
            *SOURCED,
            "conference_id",
            "person_id",
            "office_id",
            "role",
            "inferred",
            "reasoning",
        ),
        related=(
            ("person", Person, ("id", "name", "slug")),
            ("office", Office, ("id", "title", "kind", "rank")),
        ),
    ),
    "topic_list": PageList(
        ConferenceTopic,
        ("topic__name", "pk"),
        (*SOURCED, "conference_id", "topic_id", "mention"),
        related=(("topic", Topic, ("id", "name", "slug", "kind")),),
    ),
    "correction_list": PageList(
        Correction,
        ("-recorded_at", "-pk"),
        ("id", "conference_id", *CORRECTION_VALUES),
        sourced=False,
    ),
    "citation_list": PageList(
        Citation,
        ("field", "source_id"),
        (
            *SOURCED,
            "conference_id",
            "field",
            "inferred",
            "inferred_part",
            "reasoning",
        ),
    ),
    "quote_list": PageList(
        Quote,
        ("source__slug", "position", "pk"),
        (
            *SOURCED,
            "conference_id",
            "person_id",
            "kind",
            "text",
            "position",
            "also_excerpt",
        ),
        related=(("person", Person, ("id", "name", "slug")),),
    ),
    "key_figure_list": PageList(
        KeyFigure,
        ("position", "pk"),
        (
            *SOURCED,
            "conference_id",
            "label",
            "value",
            "unit",
            "qualifier",
            "period",
            "position",
        ),
    ),
    "round_table_list": PageList(
        RoundTable,
        ("position", "pk"),
        (*SOURCED, "conference_id", "region", "position"),
    ),
    "delegation_list": PageList(
        Delegation,
        ("position", "pk"),
        (*SOURCED, "conference_id", "country", "description", "position"),
    ),
}


def evidence_links(edition):
    """Return the links from an edition's citations to the public records they rest on
    (`edition`: an OuterRef to it)."""
    return Citation.evidence.through.objects.filter(citation__conference=edition)


def page_sources():
    """Return the sources an edition's page names (OuterRef("pk") the edition): its own
    reports, the sources its items cite and the public records its citations rest on.
    Read once a page, however many items cite each, where joining them into every list
    cost the database a hash of every source a list and repeated their columns in each
    item's row."""
    edition = OuterRef(OuterRef("pk"))
    # (Unordered: a union's parts take no ORDER BY of their models' Meta.ordering.)
    ids = SourceReport.objects.filter(conference=edition).order_by().values("pk")
    cited = [
        page_list.model.objects.filter(conference=edition)
        .order_by()
        .values("source_id")
        for page_list in PAGE_LISTS.values()
        if page_list.sourced
    ]
    records = evidence_links(edition).order_by().values("sourcereport_id")
    ids = ids.union(*cited, records, all=True).order_by()
    return SourceReport.objects.filter(AmongIds("pk", ids))


@cache
def page_rows() -> dict:
    """Return for_page()'s JSON lists (PAGE_LISTS) as `<name>_rows`; every source the
    page names as `page_source_rows` (page_sources(), by slug), and which public records
    each citation rests on as `evidence_rows` (citation id, source id); what the pager
    shows of the editions around (conferences.series.neighbours()'s rule): the published
    editions just before and after as `neighbour_rows` (id, edition, year) and whether a
    published edition comes later (`has_next`); and when the archive last changed
    (`archive_last_changed`, exports.changes). Built once."""
    published = Conference.objects.published()
    around = published.filter(
        Q(edition=OuterRef("edition") - 1) | Q(edition=OuterRef("edition") + 1)
    )
    return {
        **{f"{name}_rows": page_list.rows() for name, page_list in PAGE_LISTS.items()},
        "page_source_rows": source_rows(page_sources()),
        "evidence_rows": JSONRows(
            evidence_links(OuterRef("pk")).order_by(
                "citation_id", "sourcereport__slug"
            ),
            "citation_id",
            "sourcereport_id",
        ),
        "neighbour_rows": JSONRows(around.order_by("edition"), *NEIGHBOUR_FIELDS),
        "has_next": ExistsOnce(published.filter(edition__gt=OuterRef("edition"))),
        # The citation box's "archive last changed", read with the page's rows rather
        # than in a second round trip (exports.templatetags.exports.last_changed()).
        "archive_last_changed": last_changed_expression(),
    }


@cache
def page_editions(*, drafts: bool):
    """Return Conference.objects.for_page(drafts=drafts), built once a process: its
    dozen annotations cost a sixth of a millisecond to build again at every request.
    Never evaluated itself: a page filters a copy of it (DetailView.get_object())."""
    return Conference.objects.for_page(drafts=drafts)


# Where the edition goes among the page query's compiled parameters (ValuesRead: a
# number no other parameter of the query is, within the field's range).
EDITION_MARKER = 30_011


class PageRead:
    """One edition's page row: for_page(drafts=…)'s fields and annotations for one
    edition, read by SQL compiled once per database with the edition as a parameter
    (compiled.ValuesRead), and made an edition as the ORM makes its rows (from_db(),
    the annotations as attributes).

    Filtering, cloning and compiling the page's query, a dozen annotations and their
    JSON subqueries, cost more than a quarter of a millisecond at each request, for the
    same SQL every time."""

    def __init__(self, drafts: bool):
        editions = page_editions(drafts=drafts)
        self.fields = tuple(f.attname for f in Conference._meta.concrete_fields)
        self.annotations = tuple(editions.query.annotation_select)
        self.read = ValuesRead(
            lambda edition: editions.filter(edition=edition).values(
                *self.fields, *self.annotations
            ),
            EDITION_MARKER,
        )

    def edition(self, number: int) -> Conference | None:
        """Return the edition `number` with its page's rows, or None if there is none
        (or it is a draft and drafts are not read)."""
        alias = router.db_for_read(Conference)
        low, high = connections[alias].ops.integer_field_range(
            "PositiveSmallIntegerField"
        )
        if not low <= number <= high:
            return None  # No edition's number: the ORM would not ask either.
        rows = self.read.rows(number)
        if not rows:
            return None
        [row] = rows
        edition = Conference.from_db(
            alias, self.fields, [row[name] for name in self.fields]
        )
        for name in self.annotations:
            setattr(edition, name, row[name])
        return edition


@cache
def page_read(*, drafts: bool) -> PageRead:
    """Return the compiled page query for readers or for staff (drafts too)."""
    return PageRead(drafts)


# What a pager shows of a neighbouring edition (conferences.series.EditionSlot).
NEIGHBOUR_FIELDS = ("id", "edition", "year")


@cache
def instance_plan(model, names: tuple[str, ...]) -> tuple[tuple, tuple, bool]:
    """Return, for JSON values of the columns `names` (attnames, in any order), where
    each of the model's concrete fields finds its value (an index in `names`, or None
    for a field left deferred), the date and time fields among them (index, field), and
    whether every one of them is a plain attribute (a DeferredAttribute, the descriptor
    of ordinary fields and foreign keys' ids), which as_instance() may set directly.
    Worked out once a list, not once a row."""
    fields = {field.attname: field for field in model._meta.concrete_fields}
    index = {name: i for i, name in enumerate(names)}
    order = tuple(index.get(attname) for attname in fields)
    dated = tuple(
        (i, fields[name])
        for i, name in enumerate(names)
        if isinstance(fields[name], DateField)
    )
    plain = all(
        isinstance(getattr_static(model, name, None), DeferredAttribute)
        for name in names
    )
    return order, dated, plain


def as_instance(model, names, values, db):
    """Return a model instance of JSON values: the columns `names` (attnames), in any
    order; dates and times from their JSON text."""
    order, dated, plain = instance_plan(model, names)
    if dated:
        values = list(values)
        for i, field in dated:
            value = values[i]
            if value is not None:
                value = field.to_python(value)
                if isinstance(value, datetime) and settings.USE_TZ and is_naive(value):
                    value = make_aware(
                        value, UTC
                    )  # SQLite keeps UTC times without zone
                values[i] = value
    if plain and not model_init_receivers(model):
        # What from_db() makes of them, without Model.__init__()'s walk over every
        # field and its descriptors (a tenth of an edition's page for its 40 items):
        # the values go where __init__() would put them, the fields not read stay
        # deferred, and the state is a loaded row's.
        instance = model.__new__(model)
        instance.__dict__.update(zip(names, values, strict=True))
        state = instance._state = ModelState()
        state.adding = False
        state.db = db
        return instance
    # One value a concrete field (DEFERRED for those not read): from_db() builds the
    # instance from them as it does from a row.
    return model.from_db(
        db, names, [DEFERRED if i is None else values[i] for i in order]
    )


def model_init_receivers(model) -> bool:
    """Tell whether anything listens to pre_init or post_init (an ImageField's
    dimensions, a third-party app, bench/profile_cold.py counting instances):
    as_instance() then builds its instances through __init__(), which sends them. Any
    listener counts, whatever its sender: two attribute reads, where has_listeners()
    would filter the receivers at every item."""
    return bool(pre_init.receivers or post_init.receivers)


def attach_page_lists(conference) -> None:
    """Turn the JSON lists of an edition read by for_page() into its page's lists of
    model instances (`leader_appearances`, `topic_list`, `citation_list`…), each item
    holding its edition, related rows and source, as the prefetches they replace did.

    Also sets `page_sources` (every source the page names, by id: one instance for each
    however many items cite it), `source_list` (the edition's own reports, by slug), each
    citation's `evidence_list` (the public records its reasoning rests on, by slug), and
    the neighbouring editions' rows as `neighbour_list` (series.page_neighbours()).
    """
    db = conference._state.db
    # By id, in page_source_rows' order (by slug), which source_list keeps.
    sources = {
        row[0]: as_instance(SourceReport, SOURCE_FIELDS, row, db)
        for row in conference.page_source_rows
    }
    for name, page_list in PAGE_LISTS.items():
        width = len(page_list.fields)
        set_conference, set_related, set_source = page_list.setters
        items = []
        for row in getattr(conference, f"{name}_rows"):
            item = as_instance(page_list.model, page_list.fields, row[:width], db)
            set_conference(item, conference)
            start = width
            for (_name, model, names), set_row in zip(
                page_list.related, set_related, strict=True
            ):
                end = start + len(names)
                set_row(item, as_instance(model, names, row[start:end], db))
                start = end
            if set_source is not None:
                set_source(item, sources[item.source_id])
            items.append(item)
        setattr(conference, name, items)
    evidence = {}
    for citation_id, source_id in conference.evidence_rows:
        evidence.setdefault(citation_id, []).append(sources[source_id])
    for citation in conference.citation_list:
        citation.evidence_list = evidence.get(citation.pk, [])
    conference.source_list = [
        source for source in sources.values() if source.conference_id == conference.pk
    ]
    conference.page_sources = sources
    conference.neighbour_list = [
        as_instance(type(conference), NEIGHBOUR_FIELDS, row, db)
        for row in conference.neighbour_rows
    ]
