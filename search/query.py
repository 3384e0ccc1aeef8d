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
from typing import NamedTuple

from django.conf import settings
from django.db import connections, router
from django.db.models import BooleanField, Expression, F, QuerySet
from django.utils import translation
from django.utils.safestring import SafeString

from .models import Addresses, SearchEntry, singular_labels
from .text import Term, snippet, terms_of

Kind = SearchEntry.Kind
# Kinds with names worth suggesting for a misspelling.
NAMED_KINDS = [Kind.EDITION, Kind.PERSON, Kind.TOPIC]
NEAREST_LIMIT = 10
# pg_trgm's word similarity of the query's words to a name (0 to 1): `Urkiza` is 0.57 of
# `Urquiza`. In the settings, for the connection's pg_trgm.word_similarity_threshold.
NEAREST_SIMILARITY = settings.SEARCH_NEAREST_SIMILARITY
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


class Row(NamedTuple):
    """One entry a search found, as its query reads it (not the folded columns, which
    only the index reads), with its tier."""

    id: int
    kind: str
    object_id: int
    title: str
    meta: str
    key: str
    text: str
    edition: int | None
    year: int | None
    priority: int
    position: int
    tier: int


TABLE = "search_searchentry"
# PostgreSQL: up to this many matches, a page's query sorts them all (one scan, two more
# tests of each match's document); beyond, it reads the tiers in index order (a scan per
# tier, stopping at the page's end). 5 editions: 8 matches for `cybercrime`; 1,000
# editions: 5,005 for `generated`.
SORTED_MATCHES_MAX = 500
COLUMNS = ", ".join(Row._fields[:-1])
ORDER = "priority, position, id"


def fetch_rows(db, sql: str, params: list) -> list[Row]:
    """Run a query that selects COLUMNS and a tier; return its rows (plain tuples: model
    instances cost more to make than the query to run)."""
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        return list(map(Row._make, cursor.fetchall()))


def edition_range(edition_min=None, edition_max=None) -> tuple[list[str], list]:
    """Return the SQL conditions (and their parameters) of an edition range."""
    where, params = [], []
    if edition_min is not None:
        where.append("edition >= %s")
        params.append(edition_min)
    if edition_max is not None:
        where.append("edition <= %s")
        params.append(edition_max)
    return where, params


class Ranked:
    """Matching entries, best first, and how many of each kind: plain SQL, built once per
    search (the ORM took longer to compile these queries than the database to run them).

    Slicing runs one query for the slice, each entry with its tier. SQLite's FTS5
    answers each tier's subquery once and the rows are sorted; so does PostgreSQL when
    the counts found few matches (each match's tier is worked out once, in one scan).
    When they found many, PostgreSQL reads the three tiers in turn, each in index order,
    and stops at the slice's end: a word found in every row (`generated` at 1,000
    editions) costs no more than a rare one.
    """

    def __init__(
        self, db, terms: list[Term], kind="", edition_min=None, edition_max=None
    ):
        self.db = db
        self.terms = terms
        self.kind = kind
        in_range, range_params = edition_range(edition_min, edition_max)
        self.where = [sql_matching(db), *in_range]
        self.params = [match_text(db, terms), *range_params]
        self.found: dict[str, int] | None = None

    def counts(self) -> dict[str, int]:
        """Return how many entries of each kind match (whatever `kind` asks)."""
        with self.db.cursor() as cursor:
            cursor.execute(
                f"SELECT kind, COUNT(*) FROM {TABLE} WHERE {' AND '.join(self.where)} "
                "GROUP BY kind",
                self.params,
            )
            self.found = dict(cursor.fetchall())
        return self.found

    def few_matches(self) -> bool:
        """Whether the counts found few enough matches to sort them all."""
        if self.found is None:
            return False
        found = self.found.get(self.kind, 0) if self.kind else sum(self.found.values())
        return found <= SORTED_MATCHES_MAX

    def __getitem__(self, index: slice) -> list[Row]:
        start, stop = index.start or 0, index.stop
        if not self.terms or not stop:
            return []
        where, params = list(self.where), list(self.params)
        if self.kind:
            where.append("kind = %s")
            params.append(self.kind)
        base = " AND ".join(where)
        names = related = sql_matching(self.db)
        names_text = match_text(self.db, self.terms, "names")
        related_text = match_text(self.db, self.terms, "names related")
        if self.db.vendor != "postgresql" or self.few_matches():
            sql = (
                f"SELECT {COLUMNS}, CASE WHEN {names} THEN 0 WHEN {related} THEN 1 "
                f"ELSE 2 END AS tier FROM {TABLE} WHERE {base} "
                f"ORDER BY tier, {ORDER} LIMIT %s OFFSET %s"
            )
            arguments = [names_text, related_text, *params, stop - start, start]
            return fetch_rows(self.db, sql, arguments)
        tiers = [
            (f"{names}", [names_text]),
            (f"{related} AND NOT {names}", [related_text, names_text]),
            (f"NOT {related}", [related_text]),
        ]
        branches, arguments = [], []
        for tier, (condition, condition_params) in enumerate(tiers):
            branches.append(
                f"(SELECT {COLUMNS}, {tier} AS tier FROM {TABLE} "
                f"WHERE {base} AND {condition} ORDER BY {ORDER} LIMIT %s)"
            )
            arguments += [*params, *condition_params, stop]
        union = " UNION ALL ".join(branches)
        # Without an ORDER BY, PostgreSQL's Append reads the tiers one after the other
        # and stops at the LIMIT. A parallel plan could interleave them: then sort.
        sql = f"SELECT * FROM ({union}) AS ranked LIMIT %s OFFSET %s"
        rows = fetch_rows(self.db, sql, [*arguments, stop - start, start])
        if rows != sorted(rows, key=sort_key):
            sql = f"SELECT * FROM ({union}) AS ranked ORDER BY tier, {ORDER} LIMIT %s OFFSET %s"
            rows = fetch_rows(self.db, sql, [*arguments, stop - start, start])
        return rows


class Nearest:
    """When nothing matched (PostgreSQL): the editions, people and topics whose names are
    nearest the query's words (pg_trgm: `Jurgen Stok` finds Jürgen Stock), at most
    NEAREST_LIMIT, read in one query; counted per kind, then kept to `kind`.

    `words <% names` lets the trigram index on `names` find the candidates: it holds when
    the word similarity reaches pg_trgm.word_similarity_threshold, which the connection
    sets to settings.SEARCH_NEAREST_SIMILARITY (archive/settings/base.py); the similarity
    itself is compared too, so a connection without that setting finds no other names.
    """

    def __init__(
        self, db, terms: list[Term], kind="", edition_min=None, edition_max=None
    ):
        words = " ".join(term.word for term in terms)
        in_range, range_params = edition_range(edition_min, edition_max)
        kinds = ", ".join(["%s"] * len(NAMED_KINDS))
        similarity = "word_similarity(%s, names)"
        where = [f"kind IN ({kinds})", *in_range, "%s <%% names", f"{similarity} >= %s"]
        sql = (
            f"SELECT {COLUMNS}, 3 AS tier FROM {TABLE} WHERE {' AND '.join(where)} "
            f"ORDER BY {similarity} DESC, {ORDER} LIMIT %s"
        )
        params = [*NAMED_KINDS, *range_params, words, words, NEAREST_SIMILARITY]
        rows = fetch_rows(db, sql, [*params, words, NEAREST_LIMIT])
        self.counts: dict[str, int] = {}
        for row in rows:
            self.counts[row.kind] = self.counts.get(row.kind, 0) + 1
        self.rows = [row for row in rows if not kind or row.kind == kind]

    def __getitem__(self, index: slice) -> list[Row]:
        return self.rows[index]


def sql_matching(db) -> str:
    """Return SQL true for the entries a match_text() matches."""
    if db.vendor == "postgresql":
        return "document @@ to_tsquery('simple'::regconfig, %s)"
    return "id IN (SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s)"


def match_text(db, terms: list[Term], columns: str = "") -> str:
    """Return the full-text query of the terms for this database, in these columns."""
    if db.vendor == "postgresql":
        weights = {"names": "A", "names related": "AB"}.get(columns, "")
        return postgres_query(terms, weights)
    return sqlite_query(terms, columns)


def sort_key(row: Row) -> tuple:
    return (row.tier, row.priority, row.position, row.id)


@dataclass(slots=True)
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
    kind_label: str = ""  # what one result of its kind is called, translated

    @property
    def match(self) -> str:
        """Where the words matched, by tier."""
        return MATCHES[self.tier]


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
        # Once per page, not per result: the addresses' reverse() and the labels.
        addresses = Addresses()
        labels = singular_labels(translation.get_language())
        return [
            self.result(row, first + i, addresses, labels)
            for i, row in enumerate(self.entries[index])
        ]

    def result(self, row: Row, rank: int, addresses: Addresses, labels) -> Result:
        return Result(
            kind=row.kind,
            title=row.title,
            url=addresses.page(row.kind, row.key, row.edition, row.object_id),
            api_url=addresses.resource(row.kind, row.key),
            meta=row.meta,
            snippet=snippet(row.text or row.title, self.terms),
            edition=row.edition,
            year=row.year,
            tier=row.tier,
            rank=rank,
            kind_label=labels[row.kind],
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
        # The database the ORM would read the entries from (a replica, if routed there).
        db = connections[router.db_for_read(SearchEntry)]
        filters = (self.kind, self.edition_min, self.edition_max)
        entries = Ranked(db, self.terms, *filters)
        found = entries.counts() if self.terms else {}
        if not found and self.terms and db.vendor == "postgresql":
            entries = Nearest(db, self.terms, *filters)
            found = entries.counts
            self.nearest = bool(found)
        self.counts = {kind: found.get(kind, 0) for kind in Kind.values}
        total = self.counts[self.kind] if self.kind else sum(self.counts.values())
        self.results = Page(entries, self.terms, total)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def search(query: str, **filters) -> Search:
    """Search the archive for a query (see the module's docstring)."""
    return Search(query, **filters)
