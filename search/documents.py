"""What each kind searches: the one definition the portal's search and the API share.

Each function turns published rows into SearchEntry rows (unsaved): `names` is what the
thing is called (an edition's number in every form, its year, city and country; a person's
every spelling; a topic's name and synonyms), `related` the names of what it belongs to (a
quote's speaker, an edition's topics), `body` its text. Queries for many rows at once.
"""

import re

from django.db.models import Prefetch

from conferences.models import (
    Conference,
    ConferenceTopic,
    SourceReport,
    Topic,
)
from speakers.models import Appearance, Person, Quote

from .models import SearchEntry
from .text import edition_names, fold

Kind = SearchEntry.Kind


def joined(*parts) -> str:
    return " — ".join(str(part) for part in parts if part)


# An edition's line: "Lyon, France — 2024 (inferred)", in English as the index keeps it
# (the API shows it so); the page reads it back to write it in the reader's language.
INFERRED_YEAR = " (inferred)"
EDITION_META = re.compile(
    rf"^(?:(?P<place>.*) — )?(?P<year>\d+)(?P<inferred>{re.escape(INFERRED_YEAR)})?$"
)


def edition_meta(place: str, year: int | None, inferred: bool) -> str:
    return joined(place, year and f"{year}{INFERRED_YEAR if inferred else ''}")


def read_edition_meta(meta: str) -> tuple[str, str, bool]:
    """Return the place, the year and whether the year is inferred, from edition_meta()."""
    found = EDITION_META.match(meta)
    if not found:
        return meta, "", False
    return found["place"] or "", found["year"], bool(found["inferred"])


def edition_entries(ids=None) -> list[SearchEntry]:
    # with_year_inferred(): a result flags an inferred year, as the pages do.
    editions = (
        Conference.objects.published()
        .with_year_inferred()
        .prefetch_related(
            Prefetch(
                "topic_links",
                queryset=ConferenceTopic.objects.select_related("topic").order_by(
                    "topic__name"
                ),
            ),
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("person").order_by(
                    "person__name"
                ),
            ),
        )
    )
    if ids is not None:
        editions = editions.filter(pk__in=ids)
    entries = []
    for c in editions:
        topics = [link.topic for link in c.topic_links.all()]
        people = list({a.person_id: a.person for a in c.appearances.all()}.values())
        place = ", ".join(part for part in (c.city, c.country) if part)
        text = joined(
            place,
            c.venue,
            c.theme,
            c.format,
            c.summary,
            topics and "Topics: " + ", ".join(t.name for t in topics),
            people and "People: " + ", ".join(p.name for p in people),
        )
        entries.append(
            SearchEntry(
                kind=Kind.EDITION,
                object_id=c.pk,
                title=str(c),
                meta=edition_meta(place, c.year, c.year_inferred),
                key=str(c.edition),
                text=text,
                names=fold(
                    f"{c} edition {edition_names(c.edition)} {c.year or ''} {place}"
                ),
                related=fold(
                    " ".join(
                        [c.venue, c.theme] + [f"{t.name} {t.synonyms}" for t in topics]
                    )
                ),
                body=fold(
                    " ".join(
                        [c.format, c.summary]
                        + [" ".join(p.names) for p in people]
                        + [a.role for a in c.appearances.all()]
                    )
                ),
                edition=c.edition,
                year=c.year,
                position=-c.edition,
                priority=0,
            )
        )
    return entries


def person_entries(ids=None) -> list[SearchEntry]:
    people = Person.objects.all()
    if ids is not None:
        people = people.filter(pk__in=ids)
    return [
        SearchEntry(
            kind=Kind.PERSON,
            object_id=p.pk,
            title=p.name,
            meta=", ".join(p.names[1:]),
            key=p.slug,
            text=joined(", ".join(p.names), p.summary),
            names=fold(" ".join(p.names + [p.short_name])),
            body=fold(p.summary),
            priority=1,
        )
        for p in people
    ]


def topic_entries(ids=None) -> list[SearchEntry]:
    topics = Topic.objects.all()
    if ids is not None:
        topics = topics.filter(pk__in=ids)
    return [
        SearchEntry(
            kind=Kind.TOPIC,
            object_id=t.pk,
            title=t.name,
            meta=t.get_kind_display(),
            key=t.slug,
            text=joined(t.name, ", ".join(t.synonym_list), t.description),
            names=fold(f"{t.name} {t.synonyms}"),
            related=fold(t.get_kind_display()),
            body=fold(t.description),
            priority=2,
        )
        for t in topics
    ]


def quote_entries(ids=None) -> list[SearchEntry]:
    quotes = Quote.objects.published().select_related("person", "conference")
    if ids is not None:
        quotes = quotes.filter(pk__in=ids)
    return [
        SearchEntry(
            kind=Kind.QUOTE,
            object_id=q.pk,
            title=f"{q.person}, {q.conference}",
            meta=q.get_kind_display(),
            key=str(q.pk),
            text=q.text,
            related=fold(" ".join(q.person.names + [q.person.short_name])),
            body=fold(q.text),
            edition=q.conference.edition,
            year=q.conference.year,
            position=-q.conference.edition * 10_000 + q.position,
            priority=3,
        )
        for q in quotes
    ]


def source_entries(ids=None) -> list[SearchEntry]:
    sources = SourceReport.objects.published().select_related("conference")
    if ids is not None:
        sources = sources.filter(pk__in=ids)
    return [
        SearchEntry(
            kind=Kind.SOURCE,
            object_id=s.pk,
            title=s.display_title,
            meta=s.publisher,
            key=s.slug,
            text=s.reading_text,
            # A source's title often names a person or an edition: it ranks with what
            # belongs to them (the second tier), after the person and the edition.
            names="",
            related=fold(f"{s.display_title} {s.headline} {s.publisher}"),
            body=fold(s.reading_text),
            edition=s.conference.edition if s.conference else None,
            year=s.conference.year if s.conference else None,
            position=-(s.conference.edition if s.conference else 0) * 10_000,
            priority=4,
        )
        for s in sources
    ]


ENTRIES = {
    Kind.EDITION: edition_entries,
    Kind.PERSON: person_entries,
    Kind.TOPIC: topic_entries,
    Kind.QUOTE: quote_entries,
    Kind.SOURCE: source_entries,
}
