"""Find what a reader means, best first, from the index: one definition for the portal's
search page and the API's /api/v1/search/.

Every word of the query must match (as a prefix, or whole for numbers and roman numerals)
somewhere in an entry. Matches are ranked in tiers, the same on both databases:

0. every word is in the entry's own names (the 15th edition for `15th`, `2019`, `XV` or
   `Lyon`; Jürgen Stock for `Stock`; the Cybercrime topic for `cybercrim`);
1. every word is in its names or the names of what it belongs to (a quote by its speaker,
   an edition by the topics it discussed);
2. the words are in its text.

Within a tier: editions, people, topics, quotes, report texts, then newest edition first.
On PostgreSQL, a query that matches nothing falls back to the nearest names (pg_trgm).
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    BooleanField,
    Expression,
    F,
    QuerySet,
    Value,
)
from django.utils.safestring import SafeString

from .models import SearchEntry
from .text import Term, snippet, terms_of

Kind = SearchEntry.Kind
# Kinds with names worth suggesting for a misspelling.
NAMED_KINDS = [Kind.EDITION, Kind.PERSON, Kind.TOPIC]
NEAREST_LIMIT = 10
# pg_trgm's word similarity of the query's words to a name (0 to 1): `Urkiza` is 0.57 of
# `Urquiza`.
NEAREST_SIMILARITY = 0.5
MATCHES = ["name", "related name", "text", "nearest name"]


def postgres_query(terms: list[Term], weights: str = "") -> str:
    """Return a to_tsquery() text: every term, as a prefix or whole, in these weights."""
    return " & ".join(
        f"'{t.word}':" + ("*" if t.prefix else "") + weights
        if t.prefix or weights
        else f"'{t.word}'"
        for t in terms
    )


def sqlite_query(terms: list[Term], columns: str = "") -> str:
    """Return an FTS5 query: every term, as a prefix or whole, in these columns."""
    scope = f"{{{columns}}} : " if columns else ""
    return " AND ".join(
        f'{scope}"{t.word}"' + (" *" if t.prefix else "") for t in terms
    )


class Matches(Expression):
    """True for the entries every term matches (in these columns only, if given), from
    the full-text index: the tsvector `document` on PostgreSQL, FTS5 on SQLite. The
    table's alias comes from the query, so it also works in a subquery."""

    output_field = BooleanField()

    def __init__(self, terms: list[Term], columns: str = "", entry_id=None):
        super().__init__()
        self.terms = terms
        self.columns = columns
        self.entry_id = entry_id if entry_id is not None else F("id")

    def get_source_expressions(self):
        return [self.entry_id]

    def set_source_expressions(self, expressions):
        (self.entry_id,) = expressions

    def as_sql(self, compiler, connection):
        entry_id, params = compiler.compile(self.entry_id)
        if connection.vendor == "postgresql":
            weights = {"names": "A", "names related": "AB"}.get(self.columns, "")
            document = entry_id.removesuffix('"id"') + '"document"'
            return (
                f"{document} @@ to_tsquery('simple'::regconfig, %s)",
                [*params, postgres_query(self.terms, weights)],
            )
        return (
            f"{entry_id} IN (SELECT rowid FROM search_entry_fts "
            "WHERE search_entry_fts MATCH %s)",
            [*params, sqlite_query(self.terms, self.columns)],
        )


def condition(terms: list[Term], columns: str = "") -> Matches:
    """Return a filter: every term matches (in these columns only, if given)."""
    return Matches(terms, columns)


def matching(terms: list[Term]) -> QuerySet:
    """Return the entries every term matches (unordered: see Ranked)."""
    if not terms:
        return SearchEntry.objects.none()
    return SearchEntry.objects.filter(condition(terms))


ORDER = ("priority", "position", "id")
# What a result shows (not the folded columns, which only the index reads).
SHOWN = ("kind", "object_id", "title", "meta", "key", "text", "edition", "year")


TABLE = "search_searchentry"
COLUMNS = ", ".join(("id", *SHOWN, "priority", "position"))


class Ranked:
    """Matching entries, best first, and how many of each kind: plain SQL, built once per
    search (the ORM took longer to compile these queries than the database to run them).

    Slicing runs one query for the slice, each entry annotated with its tier. On
    PostgreSQL the three tiers are read in turn, each in index order, and reading stops
    at the slice's end: a word found in every row (`generated` at 1,000 editions) costs
    no more than a rare one. SQLite's FTS5 answers each tier's subquery once and the rows
    are sorted.
    """

    def __init__(self, terms: list[Term], kind="", edition_min=None, edition_max=None):
        self.terms = terms
        self.kind = kind
        self.where, self.params = [sql_matching(terms)], [match_text(terms)]
        if edition_min is not None:
            self.where.append("edition >= %s")
            self.params.append(edition_min)
        if edition_max is not None:
            self.where.append("edition <= %s")
            self.params.append(edition_max)

    def counts(self) -> dict[str, int]:
        """Return how many entries of each kind match (whatever `kind` asks)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT kind, COUNT(*) FROM {TABLE} WHERE {' AND '.join(self.where)} "
                "GROUP BY kind",
                self.params,
            )
            return dict(cursor.fetchall())

    def __getitem__(self, index: slice) -> list[SearchEntry]:
        start, stop = index.start or 0, index.stop
        if not self.terms or not stop:
            return []
        where, params = list(self.where), list(self.params)
        if self.kind:
            where.append("kind = %s")
            params.append(self.kind)
        base = " AND ".join(where)
        names, related = sql_matching(self.terms), sql_matching(self.terms)
        names_text = match_text(self.terms, "names")
        related_text = match_text(self.terms, "names related")
        order = "priority, position, id"
        if connection.vendor != "postgresql":
            sql = (
                f"SELECT {COLUMNS}, CASE WHEN {names} THEN 0 WHEN {related} THEN 1 "
                f"ELSE 2 END AS tier FROM {TABLE} WHERE {base} "
                f"ORDER BY tier, {order} LIMIT %s OFFSET %s"
            )
            arguments = [names_text, related_text, *params, stop - start, start]
            return list(SearchEntry.objects.raw(sql, arguments))
        tiers = [
            (f"{names}", [names_text]),
            (f"{related} AND NOT {names}", [related_text, names_text]),
            (f"NOT {related}", [related_text]),
        ]
        branches, arguments = [], []
        for tier, (condition, condition_params) in enumerate(tiers):
            branches.append(
                f"(SELECT {COLUMNS}, {tier} AS tier FROM {TABLE} "
                f"WHERE {base} AND {condition} ORDER BY {order} LIMIT %s)"
            )
            arguments += [*params, *condition_params, stop]
        union = " UNION ALL ".join(branches)
        # Without an ORDER BY, PostgreSQL's Append reads the tiers one after the other
        # and stops at the LIMIT. A parallel plan could interleave them: then sort.
        sql = f"SELECT * FROM ({union}) AS ranked LIMIT %s OFFSET %s"
        rows = list(SearchEntry.objects.raw(sql, [*arguments, stop - start, start]))
        if rows != sorted(rows, key=sort_key):
            sql = f"SELECT * FROM ({union}) AS ranked ORDER BY tier, {order} LIMIT %s OFFSET %s"
            rows = list(SearchEntry.objects.raw(sql, [*arguments, stop - start, start]))
        return rows


def sql_matching(terms: list[Term]) -> str:
    """Return SQL true for the entries a match_text() matches."""
    if connection.vendor == "postgresql":
        return "document @@ to_tsquery('simple'::regconfig, %s)"
    return "id IN (SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s)"


def match_text(terms: list[Term], columns: str = "") -> str:
    """Return the full-text query of the terms for this database, in these columns."""
    if connection.vendor == "postgresql":
        weights = {"names": "A", "names related": "AB"}.get(columns, "")
        return postgres_query(terms, weights)
    return sqlite_query(terms, columns)


def sort_key(entry: SearchEntry) -> tuple:
    return (entry.tier, entry.priority, entry.position, entry.id)


def in_range(entries: QuerySet, edition_min=None, edition_max=None) -> QuerySet:
    """Keep the entries of editions in the range (people and topics have none)."""
    if edition_min is not None:
        entries = entries.filter(edition__gte=edition_min)
    if edition_max is not None:
        entries = entries.filter(edition__lte=edition_max)
    return entries


@dataclass
class Result:
    """One thing found, as the page and the API show it."""

    kind: str
    title: str
    url: str
    api_url: str
    meta: str
    snippet: SafeString
    edition: int | None
    year: int | None
    tier: int
    rank: int = 0

    @property
    def match(self) -> str:
        """Where the words matched, by tier."""
        return MATCHES[self.tier]

    @property
    def kind_label(self) -> str:
        return SearchEntry.SINGULAR[self.kind]


class Page:
    """The entries a search found, counted per kind without loading them; sliced for a page.

    Django's Paginator (the portal's and DRF's) reads `count()` and slices: the count comes
    from the per-kind counts, so a page costs two queries whatever the size of the archive.
    """

    def __init__(self, entries, terms: list[Term], total: int):
        self.entries = entries
        self.terms = terms
        self.total = total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[Result]:
        first = (index.start or 0) + 1
        return [
            self.result(row, first + i) for i, row in enumerate(self.entries[index])
        ]

    def result(self, entry: SearchEntry, rank: int) -> Result:
        return Result(
            kind=entry.kind,
            title=entry.title,
            url=entry.get_absolute_url(),
            api_url=entry.get_api_url(),
            meta=entry.meta,
            snippet=snippet(entry.text or entry.title, self.terms),
            edition=entry.edition,
            year=entry.year,
            tier=entry.tier,
            rank=rank,
        )


@dataclass
class Search:
    """A reader's query, its filters, and what it found."""

    query: str
    kind: str = ""
    edition_min: int | None = None
    edition_max: int | None = None
    terms: list[Term] = field(init=False)
    counts: dict[str, int] = field(init=False)
    nearest: bool = field(init=False, default=False)
    results: Page = field(init=False)

    def __post_init__(self):
        self.terms = terms_of(self.query)
        entries = Ranked(self.terms, self.kind, self.edition_min, self.edition_max)
        found = entries.counts() if self.terms else {}
        if not found and self.terms and connection.vendor == "postgresql":
            entries, found = self.nearest_names()
            self.nearest = bool(found)
        self.counts = {kind: found.get(kind, 0) for kind in Kind.values}
        total = self.counts[self.kind] if self.kind else sum(self.counts.values())
        self.results = Page(entries, self.terms, total)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def nearest_names(self) -> tuple[QuerySet, dict[str, int]]:
        """Return the editions, people and topics whose names are nearest the query's words
        (PostgreSQL's pg_trgm: `Jurgen Stok` finds Jürgen Stock), and their counts."""
        words = " ".join(term.word for term in self.terms)
        similarity = TrigramWordSimilarity(words, "names")
        # Only when nothing matched; over the names of editions, people and topics.
        nearest = in_range(
            SearchEntry.objects.filter(kind__in=NAMED_KINDS),
            self.edition_min,
            self.edition_max,
        ).annotate(similarity=similarity)
        rows = list(
            nearest.filter(similarity__gte=NEAREST_SIMILARITY)
            .order_by("-similarity", "priority", "position", "id")
            .values_list("id", "kind")[:NEAREST_LIMIT]
        )
        found: dict[str, int] = {}
        for _, kind in rows:
            found[kind] = found.get(kind, 0) + 1
        if self.kind:
            nearest = nearest.filter(kind=self.kind)
        entries = (
            nearest.filter(id__in=[pk for pk, _ in rows])
            .annotate(tier=Value(3))
            .order_by("-similarity", "priority", "position", "id")
        )
        return entries, found


def search(query: str, **filters) -> Search:
    """Search the archive for a query (see the module's docstring)."""
    return Search(query, **filters)
