"""The reader's pages for editions, topics and source reports; the site's discovery files."""

import json

import lxml.html
import pytest
from django.template.loader import get_template
from django.test import Client
from django.urls import path
from django.utils import translation
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from archive.urls import urlpatterns as project_urlpatterns
from conferences.models import Citation, Conference, ConferenceTopic, SourceReport
from conferences.rendering import filled_in
from speakers.models import Quote

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """Return the page as one line of text, tags kept, white space folded."""
    return " ".join(response.content.decode().split())


def parsed(response) -> lxml.html.HtmlElement:
    """Return the page parsed by lxml."""
    return lxml.html.fromstring(response.content.decode())


def markup(element) -> str:
    """Return an element of a parsed page as HTML, white space folded."""
    return " ".join(lxml.html.tostring(element, encoding="unicode").split())


def json_ld(response) -> dict:
    """Return the page's structured data (its one JSON-LD script)."""
    [script] = parsed(response).xpath("//script[@type='application/ld+json']")
    return json.loads(script.text)


@pytest.mark.parametrize("size", ["archive", "many_editions"])
@pytest.mark.parametrize(
    ("url", "bound"),
    [
        ("/", 5),
        ("/editions/", 5),
        # The edition with all its lists, their sources and its neighbours (JSON
        # columns of its row), and when the archive last changed (the citation box,
        # exports/), in one query.
        ("/editions/20/", 1),
        ("/editions/11/", 3),
        ("/topics/", 1),
        ("/topics/cybercrime/", 2),
        ("/sources/", 1),
        # +1: the inferred values a source is evidence for; +1: the delegations it names
        # (one query for each kind of fact that cites a source).
        ("/sources/003-78adaa81/", 10),
        # A public record: +1, the membership figures that cite it.
        ("/sources/interpol-2021-11-23-89th-ga/", 11),
        ("/sitemap.xml", 8),
        ("/robots.txt", 0),
    ],
)
def test_page_queries_do_not_grow_with_the_data(
    url, bound, size, request, client, django_assert_max_num_queries
):
    """Each page runs the same number of queries for the archive and with 200 more editions."""
    request.getfixturevalue(size)
    with django_assert_max_num_queries(bound):
        response = client.get(url)
    assert response.status_code == 200


def test_home_timeline_shows_the_newest_editions_and_links_to_all(
    many_editions, client
):
    """With a long series the home page lists the 25 newest editions and links to them all."""
    page = text_of(client.get("/"))
    assert page.count('class="timeline__item ') == 25
    assert '<span class="timeline__number">1199th</span>' in page
    assert '<span class="timeline__number">1175th</span>' in page
    assert '<span class="timeline__number">1174th</span>' not in page
    # The series runs to the 1199th; the archive knows 210 of its editions.
    assert '<a href="/editions/">All 1199 editions</a>' in page
    assert "<dt>Editions</dt><dd>1199</dd>" in page
    assert "<dt>Known from reports or records</dt><dd>210</dd>" in page


def test_editions_list_is_paged_by_a_hundred(many_editions, client):
    """A series of 1199 editions makes twelve pages of the list, gaps included."""
    first = text_of(client.get("/editions/"))
    assert first.count('<tr id="edition-') == 100
    # Of the 1st–100th, the archive knows the 10th and 12th–20th.
    assert first.count('<td data-label="Leaders">') == 10
    assert "Page 1 of 12" in first
    assert '<a rel="next" href="?page=2">Next page →</a>' in first
    last = text_of(client.get("/editions/?page=12"))
    assert last.count('<tr id="edition-') == 99
    assert '<a rel="prev" href="?page=11">← Earlier page</a>' in last
    assert client.get("/editions/?page=13").status_code == 404
    assert client.get("/editions/?page=x").status_code == 404


def test_generated_edition_page_keeps_the_same_bound(
    many_editions, client, django_assert_max_num_queries
):
    """A generated edition, with all its kinds of facts, needs no more queries either."""
    with django_assert_max_num_queries(1):  # the same bound as the real edition pages
        response = client.get("/editions/1100/")
    assertContains(response, "<h1>1100th Heads of NCB Conference (3100)")


def test_home_shows_the_timeline_latest_edition_and_ways_in(archive, client):
    """The home page lists every edition, newest first, gaps included, and leads to the rest."""
    response = client.get("/")
    page = text_of(response)
    numbers = parsed(response).xpath("//*[@class='timeline__number']/text()")
    assert [n[:-2] for n in numbers] == [str(n) for n in range(20, 0, -1)]
    assert all(n[-2:].isalpha() for n in numbers)
    assert (
        'id="latest-title"><a href="/editions/20/">20th Heads of NCB Conference (2025)</a>'
        in page
    )
    # Day and month are stated, the year inferred: the badge sits on the year alone.
    assert (
        '11–13 February <span class="inferred-part" data-inferred="year">2025 '
        '<span class="badge badge--inferred"' in page
    )
    assert "<span>310 delegates</span> <span>150 countries</span>" in page
    assert "Each year" not in page
    for url in ["/people/", "/topics/", "/trends/", "/sources/", "/search/"]:
        assert f'href="{url}"' in page


def test_edition_list_shows_each_edition_with_its_leaders(archive, client):
    """The list gives number, dates, city, delegates, countries, leaders and topic count."""
    [row] = parsed(client.get("/editions/")).xpath(
        "//tr[.//a[@href='/editions/19/' and .='19th']]"
    )
    # Two Indian papers state "19th" and 23–25 April 2024: nothing shown is inferred.
    assert "Inferred" not in markup(row)
    assertInHTML('<td data-label="Dates"> 23–25 April 2024 </td>', markup(row))
    cells = [markup(cell) for cell in row.xpath("td")]
    delegates = cells.index('<td class="num" data-label="Delegates">321</td>')
    assert cells[delegates + 1] == '<td class="num" data-label="Countries">136</td>'
    leaders = row.xpath(".//a/text()")
    assert "Ahmed Naser Al-Raisi" in leaders
    assert "Jürgen Stock" in leaders
    assertInHTML('<td class="num" data-label="Topics">9</td>', markup(row))


def test_edition_page_shows_facts_with_their_source_excerpt(archive, client):
    """A stated fact carries the report's words and a link to them in the report."""
    citation = Citation.objects.get(conference__edition=20, field="city")
    response = client.get("/editions/20/")
    [element] = parsed(response).xpath("//div[@class='fact' and @id='fact-city']")
    fact = markup(element)
    assertInHTML('<span class="fact__value" lang="en">Lyon</span>', fact)
    assert (
        "“Senior police officials from around the world are gathering in Lyon this week”"
        in fact
    )
    assert f'href="/sources/000-a42205c1/#cite-citation-{citation.pk}"' in fact
    assert 'href="#fact-city" data-permalink' in fact


def test_edition_page_marks_inferred_values_with_their_reasoning(archive, client):
    """An inferred value has a visible badge and the reasoning behind it."""
    [element] = parsed(client.get("/editions/17/")).xpath("//*[@id='fact-year']")
    fact = markup(element)
    assertInHTML('<span class="fact__value">2022</span>', fact)
    assert "Inferred" in element.xpath(".//span/text()")
    assertInHTML("<summary>Why inferred</summary>", fact)
    [reasoning] = element.xpath(".//details")
    assert "Operation HAECHI III" in reasoning.text_content()


def test_edition_page_shows_leaders_quotes_topics_figures_and_sources(archive, client):
    """Everything the reports say of an edition is on its page, each with its source."""
    quote = Quote.objects.get(text__startswith="The Heads of National Central Bureaus’")
    topic = ConferenceTopic.objects.get(
        conference__edition=20, topic__slug="cybercrime"
    )
    page = text_of(client.get("/editions/20/"))
    assert (
        '<a class="people-list__name" href="/people/valdecy-urquiza/" lang="en">Valdecy Urquiza</a>'
        in page
    )
    assert 'The report says: <q lang="en">INTERPOL Secretary General</q>' in page
    assert f'id="quote-{quote.pk}"' in page
    assert "There will be no strong INTERPOL without strong NCBs.”" in page
    assert (
        f'href="/sources/000-a42205c1/#cite-quote-{quote.pk}">In the report</a>' in page
    )
    assert (
        '<li id="topic-cybercrime"> <a href="/topics/cybercrime/" lang="en">Cybercrime</a>'
        in page
    )
    assert f"#cite-topic-{topic.pk}" in page
    assert (
        '<a href="/sources/000-a42205c1/"><span lang="en">INTERPOL news release on the '
        "20th Heads of NCB conference</span></a>" in page
    )

    figures = text_of(client.get("/editions/19/"))
    assert (
        '<span class="figure__value" lang="en">more than 18 million messages</span>'
        in figures
    )
    assert '<span class="figure__value" lang="en">USD 300 million</span>' in figures
    assert "Messages exchanged by NCBs (2023)" in figures
    round_tables = text_of(client.get("/editions/15/"))
    assert "Regional round tables" in round_tables
    assert "Asia and the South Pacific" in round_tables


def test_edition_page_links_the_previous_and_next_editions(archive, client):
    """Editions link to the editions numbered either side, known or not; the last has no next."""
    middle = text_of(client.get("/editions/17/"))
    assert 'href="/editions/16/" rel="prev"' in middle
    assert 'href="/editions/18/" rel="next"' in middle
    last = text_of(client.get("/editions/20/"))
    assert 'href="/editions/19/" rel="prev"' in last
    assert 'rel="next"' not in last


def test_edition_page_describes_the_event_for_search_engines(archive, client):
    """The page has a schema.org Event in JSON-LD, a canonical URL and a description."""
    response = client.get("/editions/20/")
    event = json_ld(response)
    assert event["@type"] == "Event"
    assert event["name"] == "20th Heads of NCB Conference (2025)"
    assert event["url"] == "http://testserver/editions/20/"
    assert (event["startDate"], event["endDate"]) == ("2025-02-11", "2025-02-13")
    assert event["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Lyon",
        "addressCountry": "France",
    }
    assert {"@type": "Person", "name": "Valdecy Urquiza"} in event["performer"]
    assertContains(
        response, '<link rel="canonical" href="http://testserver/editions/20/">'
    )
    assertContains(
        response,
        '<meta name="description" content="Announced at its opening: the 20th conference',
    )


def test_draft_editions_are_hidden_from_readers(archive, client):
    """A draft edition shows as a gap: its number has a page, its facts are nowhere."""
    Conference.objects.filter(edition=17).update(status=Conference.Status.DRAFT)
    page = client.get("/editions/17/")
    assertContains(
        page, "The archive holds no published report or public record of the 17th"
    )
    assertNotContains(page, "Interpol addresses")
    assert client.get("/sources/004-fada1dbf/").status_code == 404
    for url in ["/", "/editions/", "/trends/", "/sources/"]:
        assertNotContains(client.get(url), "/sources/004-fada1dbf/")
    [row] = parsed(client.get("/editions/")).xpath("//tr[@id='edition-17']")
    assert "series-row--none" in row.classes
    assertNotContains(client.get("/people/jurgen-stock/"), "/editions/17/")
    assertNotContains(client.get("/topics/i-core/"), "17th")


def test_data_is_escaped_everywhere_it_is_shown(archive, client):
    """Markup in the data shows as text: quotes, summaries, structured data, reports."""
    markup = '<script>alert("x")</script><b>bold</b>'
    quote = Quote.objects.get(text__startswith="In today’s world")
    Quote.objects.filter(pk=quote.pk).update(text=f"In today’s world {markup}")
    Conference.objects.filter(edition=20).update(summary=f"Summary {markup}")
    SourceReport.objects.filter(slug="000-a42205c1").update(
        reading_text=f"Intro {markup}\n\nINTERPOL President Ahmed Naser Al-Raisi said:\n"
    )
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"
    for url in [
        "/",
        "/editions/20/",
        "/people/ahmed-naser-al-raisi/",
        "/sources/000-a42205c1/",
    ]:
        response = client.get(url)
        assertNotContains(response, "<b>bold</b>")
        assertNotContains(response, '<script>alert("x")')
        assertContains(response, escaped)
    page = client.get("/editions/20/").content.decode()
    [script] = lxml.html.fromstring(page).xpath("//script[@type='application/ld+json']")
    assert "</script>" not in script.text
    assert json.loads(script.text)["description"] == f"Summary {markup}"


def test_topic_list_counts_the_editions_that_discussed_each(archive, client):
    """Topics are listed most discussed first, with their count of editions."""
    rows = [
        (
            row.xpath("th/a/@href")[0].removeprefix("/topics/").removesuffix("/"),
            row.xpath("td[@data-label='Editions' and @class='num']/text()")[0],
        )
        for row in parsed(client.get("/topics/")).xpath(
            "//tr[th/a[starts-with(@href, '/topics/')] and td[@data-label='Kind']]"
        )
    ]
    assert rows[:3] == [
        ("artificial-intelligence", "3"),
        ("cybercrime", "3"),
        ("interpol-databases", "3"),
    ]
    assert len(rows) == 26


def test_topic_page_shows_the_editions_and_what_was_said(archive, client):
    """A topic page quotes each edition's report on it, linked to the report."""
    link = ConferenceTopic.objects.get(conference__edition=20, topic__slug="cybercrime")
    response = client.get("/topics/cybercrime/")
    page = text_of(response)
    assert '<h1 lang="en">Cybercrime</h1>' in page
    assert "Discussed at 3 editions." in page
    editions = parsed(response).xpath("//*[@class='said__edition']/a/@href")
    assert editions == [f"/editions/{n}/#topic-cybercrime" for n in (15, 17, 20)]
    assert (
        "“attendees will address a range of crime threats including gang violence"
        in page
    )
    assert f'href="/sources/000-a42205c1/#cite-topic-{link.pk}"' in page


def test_source_list_shows_each_report_and_its_edition(archive, client):
    """The reports are listed by edition with their publishers, apart from public records."""
    [reports] = parsed(client.get("/sources/")).xpath(
        "//section[.//*[@id='reports-title']]"
    )
    titles = reports.xpath(".//*[@class='card__title']/a/@href")
    assert titles == [
        f"/sources/{slug}/"
        for slug in [
            "002-9a73c12c",
            "001-482bcb21",
            "004-fada1dbf",
            "003-78adaa81",
            "000-a42205c1",
        ]
    ]
    text = " ".join(reports.text_content().split())
    assert "INTERPOL news release on the 19th Heads of NCB conference" in text
    assert "An announcement published at the opening" in text


def test_source_page_marks_the_cited_passages_and_links_them_to_facts(archive, client):
    """The report's text marks each cited passage, numbered, linked to the fact it supports."""
    quote = Quote.objects.get(text__startswith="The Heads of National Central Bureaus’")
    citation = Citation.objects.get(conference__edition=20, field="city")
    response = client.get("/sources/000-a42205c1/")
    page = text_of(response)
    assert (
        '<h1><span lang="en">INTERPOL news release on the 20th Heads of NCB conference</span></h1>'
        in page
    )
    anchor = f'<span class="anchor" id="cite-quote-{quote.pk}"></span>The Heads of National Central Bureaus’ conference'
    assert anchor in page
    assert f'<span class="anchor" id="cite-citation-{citation.pk}"></span>' in page
    notes = parsed(response).xpath(
        f"//li[@class='notes__item'][.//a[@href='/editions/20/#quote-{quote.pk}']]"
    )
    assert notes, "the quote has a numbered note linking to it on the edition page"
    number = notes[0].get("id").removeprefix("note-")
    assert number.isdigit()
    assert f'<a href="#note-{number}" aria-label="Note {number}">' in page
    assert page.count('class="notes__item"') == 21
    assert "Show in the text" in page


def test_sitemap_lists_every_public_page(archive, client):
    """sitemap.xml names the lists and each edition, person, topic and report."""
    response = client.get("/sitemap.xml")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/xml")
    for url in [
        "/",
        "/editions/",
        "/editions/14/",
        "/editions/20/",
        "/people/jurgen-stock/",
        "/topics/cybercrime/",
        "/trends/",
        "/sources/003-78adaa81/",
    ]:
        assert f"<loc>http://testserver{url}</loc>" in body


def test_robots_txt_points_to_the_sitemap(client):
    """robots.txt keeps crawlers out of the admin and names the sitemap."""
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        "Sitemap: http://testserver/sitemap.xml",
    ]


def test_unknown_page_gets_a_helpful_404(archive, client):
    """A missing page says so, offers search and the main lists, in the site's layout."""
    response = client.get("/editions/99/")
    assert response.status_code == 404
    page = text_of(response)
    assert "<h1>This page is not in the archive</h1>" in page
    assert '<form class="search-box" action="/search/"' in page
    assert 'href="/editions/">Editions</a>' in page
    assert '<meta name="robots" content="noindex">' in page
    assert 'rel="canonical"' not in page


def broken_view(request):
    raise RuntimeError("A bug")


# This module is also the URLconf of the 500 test: the site plus a page that fails.
# (The project's patterns themselves: i18n_patterns cannot be include()d.)
urlpatterns = [path("broken/", broken_view), *project_urlpatterns]


@pytest.mark.urls(__name__)
def test_server_error_page_is_friendly(archive):
    """An exception shows the archive's 500 page, not a bare error."""
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assertContains(
        response, "<h1>Something went wrong on our side</h1>", status_code=500
    )
    assertContains(response, 'href="/">Back to the home page</a>', status_code=500)


def test_pages_have_no_inline_scripts_or_styles(archive, client):
    """For a strict Content-Security-Policy: no inline script, style block or attribute."""
    for url in [
        "/",
        "/editions/19/",
        "/trends/",
        "/sources/003-78adaa81/",
        "/search/?q=Lyon",
    ]:
        page = lxml.html.fromstring(client.get(url).content.decode())
        assert page.xpath("//*[@style]") == [], url
        assert page.xpath("//style") == [], url
        scripts = page.xpath("//script")
        assert all(
            s.get("src") or s.get("type") == "application/ld+json" for s in scripts
        ), url


def test_source_page_hides_the_facts_of_a_draft_edition(archive, client):
    """A draft edition's facts that cite a published report stay off the report's page."""
    draft = Conference.objects.create(edition=99, status=Conference.Status.DRAFT)
    report = SourceReport.objects.get(slug="000-a42205c1")
    Citation.objects.create(
        conference=draft,
        field="delegates",
        source=report,
        inferred=True,
        reasoning="Secret reasoning of an unpublished draft.",
    )
    ConferenceTopic.objects.create(
        conference=draft,
        topic=ConferenceTopic.objects.filter(source=report).first().topic,
        source=report,
        excerpt="law enforcement officials",
    )
    page = text_of(client.get("/sources/000-a42205c1/"))
    assert "Secret reasoning" not in page
    assert "/editions/99/" not in page
    assert page.count('class="notes__item"') == 21


def test_edition_page_writes_the_records_words_as_text(archive, client):
    """Excerpts, reasoning, quotes, delegations and figures are the records' own text,
    written by conferences/rendering.py: markup in them reaches readers as text."""
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    edition = Conference.objects.get(edition=19)
    Citation.objects.filter(conference=edition).update(
        excerpt=hostile, reasoning=hostile
    )
    Quote.objects.filter(pk=edition.quotes.first().pk).update(text=hostile)
    ConferenceTopic.objects.filter(conference=edition).update(excerpt=hostile)
    edition.delegations.update(excerpt=hostile, description=hostile)
    edition.key_figures.update(label=hostile, period=hostile)
    response = client.get("/editions/19/")
    assert response.status_code == 200
    page = response.content.decode()
    assert hostile not in page
    assert "<b>bold</b>" not in page
    document = parsed(response)
    # The only scripts are the page's own (its JSON-LD and portal.js).
    assert not [s for s in document.xpath("//script") if "alert" in (s.text or "")]
    texts = [
        " ".join(element.text_content().split())
        for element in document.xpath(
            "//blockquote | //p[@class='reasoning']/span | "
            "//span[@class='delegation__description'] | //span[@class='figure__label']"
        )
    ]
    seen = [
        text for text in texts if '<script>alert("x")</script> & <b>bold</b>' in text
    ]
    # Each citation's excerpt and reasoning, the quote, the topics' excerpts, the
    # delegations' and key figures' words.
    assert len(seen) >= 6, texts


def test_edition_page_sidebar_lists_its_sources_with_their_words_as_text(
    archive, client
):
    """The sidebar's reports and public records (conferences/rendering.py) name each
    source's publisher as text, its kind of report in the page's language."""
    hostile = '<script>alert("x")</script> & <b>bold</b>'

    def sidebar(url):
        document = parsed(client.get(url))
        [reports] = document.xpath("//ul[@class='source-list']")
        [records] = document.xpath("//ul[contains(@class, 'source-list--records')]")
        return reports, records

    reports, records = sidebar("/editions/19/")
    slugs = [
        href.removeprefix("/sources/").removesuffix("/")
        for href in [*reports.xpath("li/a/@href"), *records.xpath("li/a/@href")]
    ]
    assert len(slugs) >= 2
    SourceReport.objects.filter(slug__in=slugs).update(publisher=hostile)
    response = client.get("/editions/19/")
    assert hostile not in response.content.decode()
    reports, records = sidebar("/editions/19/")
    by_lang = "li/span/span[@lang='en']"
    publishers = [
        span.text_content()
        for span in [*reports.xpath(by_lang), *records.xpath(by_lang)]
    ]
    assert publishers == [hostile] * len(slugs)

    def kinds(reports):
        return [
            note.text_content().split(" · ")[-1] for note in reports.xpath("li/span")
        ]

    assert kinds(reports) == ["An announcement published at the opening"]
    assert kinds(sidebar("/fr/editions/19/")[0]) == [
        "Une annonce publiée à l’ouverture"
    ]


def test_a_quote_reads_the_same_on_its_edition_and_its_speakers_pages(archive, client):
    """The edition page writes its quotes in Python (conferences/rendering.py), the person
    page with includes/_quote.html: the same figure, the edition's naming its speaker."""
    quotes = list(Quote.objects.filter(conference__edition__in=[15, 19]))
    assert quotes
    for quote in quotes:
        on_edition = parsed(client.get(f"/editions/{quote.conference.edition}/"))
        on_person = parsed(client.get(f"/people/{quote.person.slug}/"))
        [edition_figure] = on_edition.xpath(f"//figure[@id='quote-{quote.pk}']")
        [person_figure] = on_person.xpath(f"//figure[@id='quote-{quote.pk}']")
        [speaker] = edition_figure.xpath(
            f"figcaption/a[@href='/people/{quote.person.slug}/']"
        )
        assert speaker.text == quote.person.name
        speaker.getparent().remove(speaker)
        assert markup(edition_figure) == markup(person_figure)


def test_edition_page_links_in_its_own_language_whatever_was_served_before(
    archive, client
):
    """The page's addresses are reversed once per language (rendering.item_address()):
    an English page after a French one, and the French after the English, each link
    to the pages in their own language."""

    def links(url):
        # The reader's pages (the downloads have one address for every language).
        pages = ("/editions/", "/sources/", "/people/", "/topics/")
        paths = [
            href.split("#")[0]
            for href in parsed(client.get(url)).xpath("//main//a/@href")
        ]
        return [
            path
            for path in paths
            if path.startswith("/")
            and path.endswith("/")
            and any(page in path for page in pages)
        ]

    for _ in range(2):
        english, french = links("/editions/19/"), links("/fr/editions/19/")
        assert english and len(english) == len(french)
        assert not [href for href in english if href.startswith("/fr/")]
        assert [href for href in french if not href.startswith("/fr/")] == []
        assert [href.removeprefix("/fr") for href in french] == english


def test_edition_page_contents_name_and_count_its_sections(archive, client):
    """The table of contents (rendering.EditionItems.contents()) links each section the
    page shows, by its heading's words in the page's language, with its number of
    items; a section the page leaves out has no entry."""
    for url in ["/editions/19/", "/editions/15/", "/fr/editions/19/"]:
        document = parsed(client.get(url))
        [contents] = document.xpath("//nav[contains(@class, 'page-toc')]/ul")
        entries = contents.xpath("li")
        anchors = [entry.xpath("a/@href")[0].removeprefix("#") for entry in entries]
        shown = document.xpath("//div[@class='main-column']/section/h2/@id")
        # Every section but the corrections (never in the contents), in order.
        assert anchors == [anchor for anchor in shown if anchor != "corrections-title"]
        assert "facts-title" in anchors
        counts = {
            "facts-title": len(document.xpath("//dl[@class='facts']/div")),
            "leaders-title": len(document.xpath("//ul[@class='people-list']/li")),
            "quotes-title": len(document.xpath("//figure[contains(@class, 'quote')]")),
            "figures-title": len(document.xpath("//ul[@class='figures']/li")),
        }
        for entry, anchor in zip(entries, anchors, strict=True):
            [heading] = document.xpath(f"//h2[@id='{anchor}']")
            assert entry.xpath("a")[0].text_content() == heading.text_content()
            if anchor in counts:
                assert entry.xpath("span[@class='note']")[0].text == str(counts[anchor])
    english = parsed(client.get("/editions/19/"))
    assert english.xpath("//h2[@id='facts-title']")[0].text == "Facts"
    french = parsed(client.get("/fr/editions/19/"))
    assert french.xpath("//h2[@id='facts-title']")[0].text == "Faits"


def test_edition_and_gap_pages_breadcrumbs_lead_to_the_editions(archive, client):
    """The edition's page and a gap's page write their breadcrumbs from
    includes/_breadcrumbs.html rendered once a language (rendering.edition_breadcrumbs()):
    the same markup as the other pages', the page's ordinal last, in the page's language
    whichever was served before."""

    def breadcrumbs(url):
        [nav] = parsed(client.get(url)).xpath("//nav[@class='breadcrumbs']")
        return nav

    for _ in range(2):
        edition = breadcrumbs("/editions/19/")
        assert edition.xpath("ol/li/a/@href") == ["/", "/editions/"]
        assert [li.text_content().strip() for li in edition.xpath("ol/li")] == [
            "Home",
            "Editions",
            "19th",
        ]
        french = breadcrumbs("/fr/editions/19/")
        assert french.xpath("ol/li/a/@href") == ["/fr/", "/fr/editions/"]
        assert french.xpath("ol/li/span[@aria-current='page']")[0].text == "19e"
    # The gap page's, and the history page's (the template drawn whole), alike.
    gap = breadcrumbs("/editions/1/")
    assert gap.xpath("ol/li/span[@aria-current='page']")[0].text == "1st"
    history = breadcrumbs("/editions/19/history/")
    history.xpath("ol/li/span")[0].text = "19th"
    assert markup(history) == markup(edition)


@pytest.mark.parametrize(
    ("name", "slot", "constants"),
    [
        ("exports/_data_links.html", "url", {"label": "This edition as"}),
        ("exports/_data_alternates.html", "url", {}),
        ("includes/_breadcrumbs.html", "current", {"parent_url": "/editions/"}),
    ],
)
def test_an_include_filled_in_reads_as_its_template_draws_it(name, slot, constants):
    """rendering.filled_in() renders an include once a language with a slot for the
    page's value: the same markup as the template drawn with the value, the value
    escaped wherever it goes, in each language whichever came before."""

    def given():
        return constants

    for language in ["en", "fr", "en"]:
        with translation.override(language):
            for value in [
                "/api/v1/conferences/20/",
                '<script>alert("x")</script> & "q"',
            ]:
                html = filled_in(name, slot, value, given)
                assert "<script>" not in html
                assert html == get_template(name).render({**constants, slot: value})


def test_edition_page_writes_its_records_dates_in_its_own_language(archive, client):
    """The records' dates are formatted once a date and language
    (rendering.written_date()): each page writes them in its own language whichever
    was served before."""

    def dates(url):
        document = parsed(client.get(url))
        notes = document.xpath("//ul[contains(@class, 'source-list--records')]/li/span")
        return [note.text_content().split(", ", 1)[-1] for note in notes]

    english, french = dates("/editions/19/"), dates("/fr/editions/19/")
    assert english and len(english) == len(french)
    assert english != french
    assert dates("/editions/19/") == english
    assert dates("/fr/editions/19/") == french


def test_edition_title_badges_say_what_is_inferred_and_what_the_archive_holds(
    archive, client
):
    """The badges after the edition's title (rendering.edition_items()'s title_badges,
    the portal's badges once a language): "Inferred" when no source states its number,
    then its report or its records only, in the page's language."""
    citation = Citation.objects.filter(field="edition").select_related("conference")[0]
    edition = citation.conference.edition

    def badges(url):
        [title] = parsed(client.get(url)).xpath("//h1")
        return [span.get("class") for span in title.xpath("span")], title

    before, _ = badges(f"/editions/{edition}/")
    assert "badge badge--inferred" not in before
    assert before[-1] in {"badge badge--report", "badge badge--records"}
    Citation.objects.filter(conference=citation.conference, field="edition").update(
        inferred=True, reasoning="Counted from the series."
    )
    after, title = badges(f"/editions/{edition}/")
    assert after == ["badge badge--inferred", before[-1]]
    _, french = badges(f"/fr/editions/{edition}/")
    assert french.xpath("span")[0].text != title.xpath("span")[0].text
