"""The index stays current on every write, for generated rows too, and can be rebuilt."""

import pytest
from django.core.management import call_command

from conferences.generated import generate_editions
from conferences.models import Conference, SourceReport, Topic
from history.services import save_with_history
from search.models import SearchEntry
from search.query import search
from speakers.models import Person, Quote

pytestmark = pytest.mark.django_db


def titles(query: str, **filters) -> list[str]:
    found = search(query, **filters)
    return [r.title for r in found.results[0 : found.results.count()]]


def test_every_published_row_has_one_entry(archive):
    counts = {
        kind: SearchEntry.objects.filter(kind=kind).count() for kind in SearchEntry.Kind
    }
    assert counts == {
        "edition": Conference.objects.published().count(),
        "person": Person.objects.count(),
        "topic": Topic.objects.count(),
        "quote": Quote.objects.published().count(),
        "source": SourceReport.objects.published().count(),
    }


def test_generated_editions_are_indexed(db):
    """bulk_create sends no signals: generate_editions indexes its rows itself."""
    generate_editions(3, first_edition=5000)
    assert titles("5001")[0] == "5001st Heads of NCB Conference (3001)"
    assert "Generated Person 5002" in titles("Generated Person 5002")


def test_edits_renames_and_deletes_reach_the_index(archive):
    topic = Topic.objects.get(slug="cybercrime")
    topic.name = "Cyber-enabled crime"
    save_with_history(topic, reason="Renamed")
    assert titles("enabled", kind="topic") == ["Cyber-enabled crime"]
    assert titles("cybercrime", kind="topic") == []
    # A person's new name reaches their quotes and the editions they attended.
    meng = Person.objects.get(name="Meng Hongwei")
    meng.other_names = "Hongwei Meng-Zed"
    save_with_history(meng, reason="Spelling")
    assert set(titles("Zed")) >= {
        "Meng Hongwei",
        "Meng Hongwei, 14th Heads of NCB Conference (2018)",
        "14th Heads of NCB Conference (2018)",
    }
    quote = Quote.objects.filter(person=meng).first()
    quote.delete()
    assert titles("Zed", kind="quote") == [
        "Meng Hongwei, 14th Heads of NCB Conference (2018)"
    ]


def test_rebuild_writes_every_entry_again(archive):
    before = sorted(SearchEntry.objects.values_list("kind", "object_id", "title"))
    SearchEntry.objects.all().delete()
    assert search("Stock").total == 0
    call_command("rebuild_search_index", verbosity=0)
    assert (
        sorted(SearchEntry.objects.values_list("kind", "object_id", "title")) == before
    )
    assert search("Stock").counts["quote"] == 10
