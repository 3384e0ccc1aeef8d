"""Generated editions for query-count tests and benchmarks: many rows, never the real archive.

Every generated row is linked to one generated source report whose text contains each excerpt,
so generated rows pass the same validation as curated ones.
"""

from django.db import transaction

from speakers.models import Appearance, Office, Person, Quote

from .models import (
    Citation,
    Conference,
    ConferenceTopic,
    Delegation,
    KeyFigure,
    RoundTable,
    SourceReport,
    Topic,
)

FIRST_GENERATED_EDITION = 1000


@transaction.atomic
def generate_editions(
    count: int, *, first_edition: int = FIRST_GENERATED_EDITION
) -> list[Conference]:
    """Create `count` published editions, each with leaders, quotes, topics, figures and citations.

    Edition numbers start at `first_edition` so they never collide with the real ones.
    """
    president, _ = Office.objects.get_or_create(
        slug="generated-president",
        defaults={
            "title": "Generated President",
            "kind": Office.Kind.PRESIDENT,
            "rank": 1,
        },
    )
    secretary, _ = Office.objects.get_or_create(
        slug="generated-secretary-general",
        defaults={
            "title": "Generated Secretary General",
            "kind": Office.Kind.SECRETARY_GENERAL,
            "rank": 2,
        },
    )
    topics = [
        Topic.objects.get_or_create(
            slug=f"generated-topic-{i}", defaults={"name": f"Generated topic {i}"}
        )[0]
        for i in range(5)
    ]
    conferences = Conference.objects.bulk_create(
        Conference(
            edition=first_edition + i,
            year=3000 + i,
            city="Generated City",
            country="Generated Country",
            delegates=300 + i % 50,
            countries=100 + i % 50,
            member_countries=196,
            summary=f"Generated edition {first_edition + i}.",
        )
        for i in range(count)
    )
    people = Person.objects.bulk_create(
        Person(
            name=f"Generated Person {c.edition}", slug=f"generated-person-{c.edition}"
        )
        for c in conferences
    )
    text = (
        "Generated report. The meeting brought together 300 delegates from 100 countries. "
        "Generated Person said: Words of a generated speaker 0. Words of a generated speaker 1."
    )
    sources = SourceReport.objects.bulk_create(
        SourceReport(
            slug=f"generated-{c.edition}",
            conference=c,
            headline=f"Generated report {c.edition}",
            publisher="Generated Publisher",
            raw_text=text,
            reading_text=text,
        )
        for c in conferences
    )
    excerpt = "The meeting brought together 300 delegates"
    Citation.objects.bulk_create(
        Citation(conference=c, field=field, source=s, excerpt=excerpt)
        for c, s in zip(conferences, sources, strict=True)
        for field in ("delegates", "countries", "city")
    )
    Citation.objects.bulk_create(
        Citation(
            conference=c,
            field="year",
            source=s,
            inferred=True,
            reasoning="Generated for tests.",
        )
        for c, s in zip(conferences, sources, strict=True)
    )
    Appearance.objects.bulk_create(
        Appearance(
            conference=c,
            person=p,
            office=office,
            role=office.title,
            source=s,
            excerpt="Generated Person said:",
        )
        for c, p, s in zip(conferences, people, sources, strict=True)
        for office in (president, secretary)
    )
    Quote.objects.bulk_create(
        Quote(
            conference=c,
            person=p,
            source=s,
            text=f"Words of a generated speaker {n}.",
            excerpt="Generated Person said:",
            position=n,
        )
        for c, p, s in zip(conferences, people, sources, strict=True)
        for n in range(2)
    )
    ConferenceTopic.objects.bulk_create(
        ConferenceTopic(conference=c, topic=t, source=s, excerpt=excerpt)
        for c, s in zip(conferences, sources, strict=True)
        for t in topics
    )
    KeyFigure.objects.bulk_create(
        KeyFigure(
            conference=c,
            source=s,
            label="Delegates",
            value=300,
            unit="delegates",
            excerpt=excerpt,
        )
        for c, s in zip(conferences, sources, strict=True)
    )
    RoundTable.objects.bulk_create(
        RoundTable(conference=c, source=s, region="Generated region", excerpt=excerpt)
        for c, s in zip(conferences, sources, strict=True)
    )
    Delegation.objects.bulk_create(
        Delegation(
            conference=c, source=s, country="Generated", excerpt="Generated report."
        )
        for c, s in zip(conferences, sources, strict=True)
    )
    # bulk_create sends no signals: index the new rows here.
    from search.index import index_editions

    index_editions(conferences)
    return conferences
