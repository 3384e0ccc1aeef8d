"""The home and edition pages on a cache miss: what they fetch is what they show.

docs/performance.md, "Cold page profile, before and after", has the measured profile.
"""

from collections import Counter

import lxml.html
import pytest
from django.db.models.signals import post_init
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import SafeString

from conferences.lines import ArchiveTotals, edition_lines
from conferences.models import Citation, Conference, Topic
from conferences.views import home_sentences
from speakers.models import Person

pytestmark = pytest.mark.django_db


class InstanceCounter:
    """Count the model rows a block of code builds, by model name."""

    def __enter__(self):
        self.counts = Counter()
        post_init.connect(self.count, weak=False)
        return self.counts

    def __exit__(self, *exc):
        post_init.disconnect(self.count)

    def count(self, sender, **kwargs):
        self.counts[sender.__name__] += 1


@pytest.mark.parametrize("size", ["archive", "many_editions"])
def test_home_page_builds_no_model_rows(size, request, client):
    """The timeline is built from columns: no edition, citation, leader or topic row."""
    request.getfixturevalue(size)
    with InstanceCounter() as counts:
        response = client.get("/")
    assert response.status_code == 200
    assert not counts, counts


@pytest.mark.parametrize("size", ["archive", "many_editions"])
def test_home_page_is_one_query(size, request, client, django_assert_max_num_queries):
    """The timeline's rows, what their citations leave inferred, and the archive's
    totals: one query."""
    request.getfixturevalue(size)
    with django_assert_max_num_queries(1):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_edition_lines_answer_as_the_editions_do(archive, language):
    """A line tells what is inferred and what describes the edition as the edition does."""
    editions = Conference.objects.published().order_by("-edition")
    lines = edition_lines(editions.line_values())
    full = list(editions.with_citations().prefetch_related("citations__source"))
    assert [line.edition for line in lines] == [c.edition for c in full]
    with translation.override(language):
        for line, conference in zip(lines, full, strict=True):
            conference.citation_list = list(conference.citations.all())
            assert str(line) == str(conference)
            assert line.get_absolute_url() == conference.get_absolute_url()
            assert line.has_report == conference.has_report
            assert line.inferred_fields == conference.inferred_fields
            assert line.dates_inferred == conference.dates_inferred
            assert line.dates_year_only_inferred == conference.dates_year_only_inferred
            for field in Citation.Field.values:
                assert line.inferred_part(field) == conference.inferred_part(field)


def test_edition_page_loads_each_source_once(archive, client):
    """The 19th's page names its sources under many facts; each is built once."""
    with InstanceCounter() as counts:
        response = client.get("/editions/19/")
    assert response.status_code == 200
    conference = Conference.objects.get(edition=19)
    named = {*conference.sources.values_list("pk", flat=True)}
    for facts in (
        conference.citations,
        conference.quotes,
        conference.topic_links,
        conference.appearances,
        conference.key_figures,
        conference.round_tables,
        conference.delegations,
    ):
        named.update(facts.values_list("source_id", flat=True))
    named.update(
        Citation.evidence.through.objects.filter(
            citation__conference=conference
        ).values_list("sourcereport_id", flat=True)
    )
    assert counts["SourceReport"] == len(named)


def stat_band(client) -> dict[str, str]:
    """Return the home page's figures by their terms."""
    page = lxml.html.fromstring(client.get("/").content.decode())
    return {
        figure.findtext("dt"): figure.findtext("dd")
        for figure in page.xpath("//dl[@class='stat-band']/div")
    }


def test_home_page_totals_count_what_the_archive_holds(archive, client):
    """The figures counted in the timeline's query are the archive's own counts."""
    discussed = Topic.objects.with_edition_counts().filter(edition_count__gt=0)
    assert stat_band(client) == {
        "Editions": str(Conference.objects.published().latest("edition").edition),
        "Known from reports or records": str(Conference.objects.published().count()),
        "People": str(Person.objects.count()),
        "Topics": str(discussed.count()),
    }
    # With nothing published, the people recorded are still counted.
    Conference.objects.update(status=Conference.Status.DRAFT)
    assert Person.objects.exists()
    assert stat_band(client) == {
        "Editions": "0",
        "Known from reports or records": "0",
        "People": str(Person.objects.count()),
        "Topics": "0",
    }


# The sentences as the home page's template wrote them, before home_sentences().
BLOCKTRANSLATED = Template(
    "{% load i18n portal %}"
    "{% blocktranslate with latest=edition_count|ordinal trimmed %}The heads of "
    "INTERPOL’s National Central Bureaus meet to shape how police cooperate across "
    "borders; the {{ latest }} edition is the latest the archive knows, and not every "
    "year had one.{% endblocktranslate %}|"
    "{% blocktranslate with ordinal=edition_count|ordinal %}Read about the "
    "{{ ordinal }} edition{% endblocktranslate %}|"
    "{% blocktranslate count counter=edition_count trimmed %}All {{ counter }} "
    "edition{% plural %}All {{ counter }} editions{% endblocktranslate %}"
)


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_home_sentences_are_what_the_template_wrote(language):
    """home_sentences() writes the lede, the latest edition's link and the link to all
    editions as {% blocktranslate %} did, in each language (singular and plural)."""
    everything_shown = ArchiveTotals(known_count=2, person_count=0, topic_count=0)
    some_unknown = ArchiveTotals(known_count=0, person_count=0, topic_count=0)
    with translation.override(language):
        for latest in (1, 2, 20, 1500):
            expected = BLOCKTRANSLATED.render(Context({"edition_count": latest}))
            lede, read_about, all_editions = expected.split("|")
            sentences = home_sentences(latest, 25, some_unknown)
            assert sentences == {
                "lede": lede,
                "read_about_latest": read_about,
                "all_editions": all_editions,
            }
            assert all(isinstance(text, SafeString) for text in sentences.values())
        # The link to all editions only when the timeline leaves some out or the
        # archive holds nothing of some.
        assert "all_editions" not in home_sentences(2, 25, everything_shown)
        assert "all_editions" in home_sentences(30, 25, ArchiveTotals(30, 0, 0))
        assert home_sentences(0, 0, ArchiveTotals(0, 0, 0)) == {}
