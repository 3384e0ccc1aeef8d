"""Search over editions, people, quotes, topics and report texts.

PostgreSQL ranks with its full-text search (English stemming: "delegate" finds "delegates")
and writes the snippets; other databases match every word as a substring, and the snippets
are cut here. Either way each kind is one query, and the matching words come back marked.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from speakers.models import Person, Quote

from .models import Conference, SourceReport, Topic

RESULTS_PER_KIND = 20
SNIPPET_CHARS = 220
# Private-use characters around PostgreSQL's matches: never in the data, and safe to escape.
START, STOP = "\ue000", "\ue001"
# Words of two letters or more: a single letter would match nearly everything.
WORD = re.compile(r"\w[\w’'-]*")


@dataclass
class Result:
    title: str
    url: str
    snippet: SafeString
    meta: str = ""


@dataclass
class Group:
    kind: str
    slug: str
    results: list[Result]


@dataclass
class Kind:
    """One kind of thing to search: where to look, and how to show a match."""

    label: str
    slug: str
    queryset: Callable[[], QuerySet]
    fields: tuple[str, ...]  # the model's SEARCH_FIELDS, shared with the API's search=
    result: Callable[[object, SafeString], Result]


KINDS = [
    Kind(
        _("Editions"),
        "editions",
        lambda: Conference.objects.published(),
        Conference.SEARCH_FIELDS,
        lambda c, snippet: Result(
            str(c), c.get_absolute_url(), snippet, f"{c.city} {c.year or ''}".strip()
        ),
    ),
    Kind(
        _("People"),
        "people",
        lambda: Person.objects.all(),
        Person.SEARCH_FIELDS,
        lambda p, snippet: Result(p.name, p.get_absolute_url(), snippet),
    ),
    Kind(
        _("Quotes"),
        "quotes",
        lambda: Quote.objects.for_listing(),
        Quote.SEARCH_FIELDS,
        lambda q, snippet: Result(
            f"{q.person}, {q.conference}",
            q.get_absolute_url(),
            snippet,
            q.get_kind_display(),
        ),
    ),
    Kind(
        _("Topics"),
        "topics",
        lambda: Topic.objects.all(),
        Topic.SEARCH_FIELDS,
        lambda t, snippet: Result(
            t.name, t.get_absolute_url(), snippet, t.get_kind_display()
        ),
    ),
    Kind(
        _("Report texts"),
        "sources",
        lambda: SourceReport.objects.for_listing(),
        SourceReport.SEARCH_FIELDS,
        lambda s, snippet: Result(s.title, s.get_absolute_url(), snippet, s.publisher),
    ),
]


def search(query: str) -> list[Group]:
    """Return the matches for a query, grouped by kind, with the matching words marked."""
    terms = [term for term in WORD.findall(query) if len(term) > 1]
    if not terms:
        return [Group(kind.label, kind.slug, []) for kind in KINDS]
    find = postgres_matches if connection.vendor == "postgresql" else substring_matches
    return [
        Group(
            kind.label,
            kind.slug,
            [kind.result(row, snippet) for row, snippet in find(kind, query, terms)],
        )
        for kind in KINDS
    ]


def searchable_text(fields: tuple[str, ...]):
    """Return the fields joined into one text, for snippets."""
    if len(fields) == 1:
        return F(fields[0])
    parts = []
    for name in fields:
        parts += [F(name), Value(" — ")]
    return Concat(*parts[:-1], output_field=TextField())


def postgres_matches(kind: Kind, query: str, terms: list[str]):
    """Return (row, snippet) pairs ranked by PostgreSQL's full-text search."""
    # The same words as the fallback uses: a stray "<" or a lone letter matches nothing.
    search_query = SearchQuery(
        " ".join(terms), search_type="websearch", config="english"
    )
    rows = (
        kind.queryset()
        .annotate(
            search_vector=SearchVector(*kind.fields, config="english"),
            search_rank=SearchRank(
                SearchVector(*kind.fields, config="english"), search_query
            ),
            search_snippet=SearchHeadline(
                searchable_text(kind.fields),
                search_query,
                config="english",
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
            ),
        )
        .filter(search_vector=search_query)
        .order_by("-search_rank", *kind.queryset().query.order_by)
    )[:RESULTS_PER_KIND]
    return [(row, marked(row.search_snippet)) for row in rows]


def marked(headline: str) -> SafeString:
    """Escape a PostgreSQL headline, then turn its match markers into <mark> elements."""
    html = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our <mark> tags added


def substring_matches(kind: Kind, query: str, terms: list[str]):
    """Return (row, snippet) pairs whose fields contain every word of the query."""
    condition = Q()
    for term in terms:
        any_field = Q()
        for name in kind.fields:
            any_field |= Q(**{f"{name}__icontains": term})
        condition &= any_field
    rows = kind.queryset().filter(condition)[:RESULTS_PER_KIND]
    return [
        (
            row,
            snippet(
                " — ".join(
                    str(value)
                    for value in (field_value(row, name) for name in kind.fields)
                    if value
                ),
                terms,
            ),
        )
        for row in rows
    ]


def field_value(row, name: str):
    """Return a search field's value, following a related path (`person__name`)."""
    return reduce(getattr, name.split("__"), row)


def snippet(text: str, terms: list[str]) -> SafeString:
    """Return a window of the text around the first match, every match in <mark>."""
    text = " ".join(text.split())
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - SNIPPET_CHARS // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    window = text[start : start + SNIPPET_CHARS]
    parts = [format_html("{}", "… " if start else "")]
    position = 0
    for match in pattern.finditer(window):
        parts.append(
            format_html(
                "{}<mark>{}</mark>", window[position : match.start()], match.group()
            )
        )
        position = match.end()
    parts.append(format_html("{}", window[position:]))
    if start + SNIPPET_CHARS < len(text):
        parts.append(SafeString(" …"))
    return SafeString("".join(parts))
