"""The home page's timeline, written in Python (conferences/timeline.py): the same HTML as
the included templates it stands in for, and every value from the data escaped."""

import lxml.html
import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from conferences.lines import edition_lines
from conferences.models import Conference, ordinal
from conferences.timeline import TimelineWords, edition_dates, edition_facts_line

pytestmark = pytest.mark.django_db

DATES = Template('{% include "includes/_edition_dates.html" %}')
FACTS = Template(
    '{% include "includes/_edition_facts_line.html" with without_dates=True %}'
)
FACTS_WITH_DATES = Template('{% include "includes/_edition_facts_line.html" %}')


def folded(html) -> str:
    """White space folded, and none kept next to a tag's brackets (the templates' line
    breaks between tags)."""
    text = " ".join(str(html).split())
    return text.replace("> ", ">").replace(" <", "<")


def test_timeline_lines_write_what_the_included_templates_write(archive):
    """Every published edition's dates and facts, as the timeline writes them, are the
    HTML of includes/_edition_dates.html and includes/_edition_facts_line.html, in each
    language (one after another: the dates and counts written are kept by language)."""
    lines = edition_lines(
        Conference.objects.published().order_by("-edition").line_values()
    )
    # The archive's editions have each kind of line: year alone inferred, dates or year
    # inferred, place and figures inferred, a country the same as its city.
    assert any(line.dates_year_only_inferred for line in lines)
    assert any(line.dates_inferred for line in lines)
    assert {"city", "delegates", "countries"} <= {
        field for line in lines for field in line.inferred_fields
    }
    assert any(line.city and line.city == line.country for line in lines)
    for language in ["en", "fr", "es", "ar", "en"]:
        with translation.override(language):
            words = TimelineWords.in_active_language()
            for line in lines:
                # Safe for the templates that show them (the edition page's facts).
                assert isinstance(edition_dates(line, words), SafeString)
                assert isinstance(edition_facts_line(line, words), SafeString)
                context = Context({"conference": line})
                assert folded(edition_dates(line, words)) == folded(
                    DATES.render(context)
                )
                assert folded(edition_facts_line(line, words)) == folded(
                    FACTS.render(context)
                )
                assert folded(
                    edition_facts_line(line, words, with_dates=True)
                ) == folded(FACTS_WITH_DATES.render(context))


def test_timeline_escapes_the_data(archive, client):
    """Markup in an edition's place is shown as text, never as markup."""
    Conference.objects.filter(edition=20).update(
        city='<b class="x">Lyon</b>', country='France & "Co"'
    )
    page = lxml.html.fromstring(client.get("/").content.decode())
    [line] = page.xpath("//li[contains(@class, 'timeline__item')][1]")
    assert not line.xpath(".//b")
    [place] = line.xpath(".//*[@class='timeline__meta']//span[@lang='en']")
    assert place.text_content() == '<b class="x">Lyon</b>, France & "Co"'


def test_timeline_words_and_ordinals_follow_each_request_language(archive, client):
    """The words and ordinals kept per process and language (timeline_words(),
    in_words()) are the language of each page, whichever was served before."""
    latest = Conference.objects.published().order_by("-edition").first()
    for prefix, language in [("/", "en"), ("/fr/", "fr"), ("/ar/", "ar"), ("/", "en")]:
        page = lxml.html.fromstring(client.get(prefix).content.decode())
        [number] = page.xpath(
            "//ol[@class='timeline']/li[1]//*[@class='timeline__number']"
        )
        [word] = page.xpath(
            "//ol[@class='timeline']/li[1]//*[@class='visually-hidden']"
        )
        with translation.override(language):
            assert number.text_content() == ordinal(latest.edition)
            assert word.text_content().strip() == gettext("edition")
