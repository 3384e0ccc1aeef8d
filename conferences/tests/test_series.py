"""The whole series: every edition from the 1st to the latest, public records as sources,
announcements told as announcements, and inferred parts flagged where they are shown."""

import csv
import io
import json
import shutil

import lxml.html
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from conferences.models import Citation, Conference, Delegation, SourceReport

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


def parsed(response) -> lxml.html.HtmlElement:
    """Return the page parsed by lxml."""
    return lxml.html.fromstring(response.content.decode())


def markup(element) -> str:
    """Return an element of a parsed page as HTML, white space folded."""
    return " ".join(lxml.html.tostring(element, encoding="unicode").split())


def one(element, xpath: str) -> lxml.html.HtmlElement:
    [found] = element.xpath(xpath)
    return found


def section_titled(page, title_id: str) -> lxml.html.HtmlElement:
    """Return the section that the heading with this id titles."""
    return one(page, f"//*[@id='{title_id}']/ancestor::section[1]")


def spans_saying(element, text: str) -> int:
    return element.xpath(".//span/text()").count(text)


def test_the_16th_answers_with_what_the_records_say(archive, client):
    """The 16th met online: a Qatari item names it; the year rests on a Gibraltar record."""
    response = client.get("/editions/16/")
    assert response.status_code == 200
    page = text_of(response)
    assert "<h1>16th Heads of NCB Conference (2021)" in page
    assert ">Records only</span>" in page
    assert "The archive holds no report of the 16th conference." in page
    city = markup(one(parsed(response), "//*[@id='fact-city']"))
    assert '<span class="fact__value" lang="en">Online</span>' in city
    assert 'href="/sources/marsalqatar-16th-online/#cite-citation-' in city
    assert 'lang="ar"' in city
    year = one(parsed(response), "//*[@id='fact-year']")
    assert spans_saying(year, "Inferred") >= 1
    year = markup(year)
    assert "Public records the reasoning rests on:" in year
    assert 'href="/sources/policja-pl-15th/"' in year
    assert (
        'href="/sources/ygtv-2021-07-08-rgp-online-conference/#cite-citation-' in year
    )
    assert "fact-start_date" not in page  # no record gives its dates: left out


def test_the_18th_met_in_singapore(archive, client):
    """The 18th: Singapore (stated), 7–9 June with only the year inferred, its leaders."""
    response = client.get("/editions/18/")
    page = text_of(response)
    assert "<h1>18th Heads of NCB Conference (2023) <span" in page
    city = markup(one(parsed(response), "//*[@id='fact-city']"))
    assert '<span class="fact__value" lang="en">Singapore</span>' in city
    assert (
        "for the first time, the three-day (7 – 9 June) conference is being held in Singapore"
        in city
    )
    start = markup(one(parsed(response), "//*[@id='fact-start_date']"))
    assert (
        '<span class="fact__value">7 June <span class="inferred-part" data-inferred="year">'
        '2023 <span class="badge badge--inferred"' in start
    )
    assert "Only the year is inferred; the day and month are stated." in start
    assert (
        '<a class="people-list__name" href="/people/ahmed-naser-al-raisi/" lang="en">'
        in page
    )
    assert 'href="/sources/interpol-2023-06-07-ncb-singapore/"' in page
    subtitle = parsed(response).xpath("//p[@class='subtitle']")[0]
    assert "Lyon" not in markup(subtitle)


def test_an_edition_with_nothing_says_so(
    archive, client, django_assert_max_num_queries
):
    """The 11th: no report, no record; its page says so and links its neighbours."""
    with django_assert_max_num_queries(3):
        response = client.get("/editions/11/")
    page = text_of(response)
    assert response.status_code == 200
    assert (
        '<p class="lede">The archive holds no published report or public record of the '
        "11th conference.</p>" in page
    )
    assert 'href="/editions/10/" rel="prev"' in page
    assert 'href="/editions/12/" rel="next"' in page
    assert client.get("/editions/1/").status_code == 200
    assert 'rel="prev"' not in text_of(client.get("/editions/1/"))
    assert client.get("/editions/21/").status_code == 404
    assert client.get("/editions/0/").status_code == 404


def test_the_15ths_next_edition_is_the_16th(archive, client):
    page = text_of(client.get("/editions/15/"))
    assert (
        'href="/editions/16/" rel="next"><span class="pager__hint">Next edition</span> 16th (2021)'
        in page
    )
    assert 'href="/editions/14/" rel="prev"' in page


def test_editions_list_and_home_show_every_edition_with_its_basis(archive, client):
    """Readers see at a glance which editions rest on a report, on records, or on nothing."""
    page = parsed(client.get("/editions/"))
    edition_rows = page.xpath("//tr[starts-with(@id, 'edition-')]")
    classes = [row.get("class").split() for row in edition_rows]
    assert all(
        c[0] == "series-row" and c[1].startswith("series-row--") for c in classes
    )
    rows = [
        (row.get("id").removeprefix("edition-"), c[1].removeprefix("series-row--"))
        for row, c in zip(edition_rows, classes, strict=True)
    ]
    basis = dict(rows)
    assert list(basis) == [str(n) for n in range(1, 21)]
    assert [n for n, b in rows if b == "report"] == ["14", "15", "17", "19", "20"]
    assert [n for n, b in rows if b == "records"] == ["10", "12", "13", "16", "18"]
    assert [n for n, b in rows if b == "none"] == [*map(str, range(1, 10)), "11"]
    row = one(page, "//tr[@id='edition-18']")
    singapore = markup(row)
    assert '<td data-label="City"><span lang="en">Singapore</span></td>' in singapore
    # Inferred edition number, and the year alone of the dates.
    assert spans_saying(row, "Inferred") == 1
    assert '7–9 June <span class="inferred-part" data-inferred="year">2023' in singapore
    home = text_of(client.get("/"))
    assert home.count('class="timeline__item timeline__item--none"') == 10
    assert "each year" not in home.lower()


def test_sources_list_reports_apart_from_public_records(archive, client):
    """The five reports, then the public records with publisher, date and address."""
    page = parsed(client.get("/sources/"))
    reports = section_titled(page, "reports-title")
    records = section_titled(page, "records-title")
    assert len(reports.xpath(".//*[@class='card']")) == 5
    # 71 records, and 5 more for INTERPOL's membership history.
    assert SourceReport.objects.records().count() == 76
    assert len(records.xpath(".//th[@scope='row']")) == 76
    singapore = markup(
        one(records, ".//tr[.//a[@href='/sources/interpol-2023-06-07-ncb-singapore/']]")
    )
    assert "INTERPOL conference: “Heightened urgency”" in singapore
    assert '<td data-label="Published">7 June 2023</td>' in singapore
    assert "https://www.interpol.int/News-and-Events/News/2023/" in singapore


def test_a_record_page_shows_its_metadata_and_what_rests_on_it(archive, client):
    """A record page: publisher, title, date, address, date read, kind, and its passages."""
    page = text_of(client.get("/sources/interpol-fr-2023-11-28-palau/"))
    assert (
        '<dt>Publisher</dt><dd><span lang="en">INTERPOL (French-language site)</span>'
        in page
    )
    assert "<dt>Published</dt><dd>28 November 2023" in page
    assert "<dt>Read on</dt><dd>2 December 2026</dd>" in page
    assert "<dt>Kind</dt><dd>Public record" in page
    assert "portant ainsi à 196 le nombre de pays membres" in page
    assert "Evidence for an inferred value" in page  # the 20th's year rests on it
    report = text_of(client.get("/sources/000-a42205c1/"))
    assert (
        "<dt>Kind</dt><dd>Press report: an announcement published at the opening</dd>"
        in report
    )
    assert (
        '<dt>Published</dt><dd>11 February 2025 <span class="badge badge--inferred"'
        in report
    )
    assert "<summary>Why this date</summary>" in report


def test_announcements_read_as_announcements(archive, client):
    """An opening-day release gives the agenda, not what was done; examples stand apart."""
    response = client.get("/editions/19/")
    page = text_of(response)
    assert (
        "was published at the opening: it tells what the meeting was to address" in page
    )
    assert '<h2 id="topics-title">Topics on the agenda</h2>' in page
    examples = markup(section_titled(parsed(response), "examples-title"))
    assert "Operation Haechi IV" in examples
    assert "Operation Storm Makers II" in examples
    agenda = markup(section_titled(parsed(response), "topics-title"))
    assert "Operation Haechi IV" not in agenda
    account = text_of(client.get("/editions/14/"))
    assert '<h2 id="topics-title">Topics discussed</h2>' in account
    assert Conference.objects.get(edition=19).summary.startswith(
        "Announced at its opening"
    )


def test_duplicate_quote_is_recorded_once_citing_both_places(archive, client):
    """Stock's caption line is part of his longer quote: one quote, both places cited."""
    page = text_of(client.get("/sources/001-482bcb21/"))
    assert page.count("the stepping stones for INTERPOL") >= 2  # both places marked
    edition = text_of(client.get("/editions/15/"))
    assert edition.count("our foundation for operational impact") == 1


def excerpt_under(client, url: str, anchor: str) -> str:
    """Return the words of the excerpts shown under an element of a page."""
    document = lxml.html.fromstring(client.get(url).content)
    [element] = document.xpath(f"//*[@id='{anchor}']")
    return " ".join(
        " ".join(q.text_content().split()) for q in element.xpath(".//blockquote")
    )


def test_the_missing_facts_are_recorded_with_their_excerpts(archive, client):
    """The facts the fact-check found missing are on the pages, each with its words:
    report 002's delegation and the memorial Russia proposed; report 001's
    "operational and investigative support", what I-Core is, and the conclusions to be
    endorsed; report 004's NCBs shaping INTERPOL's operational priorities; report 000's
    purpose of the meeting and "some" 310 delegates."""
    delegation = Delegation.objects.get(conference__edition=14)
    assert "Investigative Committee of the Russian Federation" in excerpt_under(
        client, "/editions/14/", f"delegation-{delegation.pk}"
    )
    assert "initiative proposed by the Russian side" in excerpt_under(
        client, "/editions/14/", "topic-fallen-officers-memorial"
    )
    assert "from operational and investigative support" in excerpt_under(
        client, "/editions/15/", "topic-ncb-modernization"
    )
    i_core = excerpt_under(client, "/editions/15/", "topic-i-core")
    assert "I-Core is an ongoing review of current services" in i_core
    forensics = excerpt_under(client, "/editions/15/", "topic-forensics")
    assert (
        "delegates will endorse a number of conclusions aimed at advancing efforts to "
        "improve NCB performance" in forensics
    )
    assert "NCBs also help shape Interpol’s operational priorities" in excerpt_under(
        client, "/editions/17/", "topic-interpol-databases"
    )
    delegates = excerpt_under(client, "/editions/20/", "fact-delegates")
    assert "Bringing together some 310 delegates from 150 countries" in delegates
    assert "will discuss strategies for using INTERPOL’s capabilities" in delegates
    # A topic's page shows each edition's words in full, not folded away.
    topic = " ".join(
        lxml.html.fromstring(client.get("/topics/i-core/").content)
        .xpath("string(//ol[@class='said'])")
        .split()
    )
    assert "I-Core is an ongoing review of current services" in topic


def test_json_ld_says_what_is_inferred_and_that_the_16th_was_online(archive, client):
    page = parsed(client.get("/editions/16/"))
    event = json.loads(one(page, "//script[@type='application/ld+json']").text)
    assert (
        event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    )
    assert "location" not in event
    assert event["disambiguatingDescription"].startswith(
        "Inferred, not stated by a source:"
    )


def test_sitemap_lists_every_edition_number(archive, client):
    sitemap = client.get("/sitemap.xml").content.decode()
    for n in (1, 11, 16, 18, 20):
        assert f"http://testserver/editions/{n}/</loc>" in sitemap


def test_api_answers_for_every_known_edition(archive, client):
    """The API says whether a report holds each edition, and which parts are inferred."""
    gap = client.get("/api/v1/conferences/11/").json()
    assert (gap["edition"], gap["basis"], gap["has_report"]) == (11, "none", False)
    assert gap["url"] == "http://testserver/api/v1/conferences/11/"
    assert gap["summary"] == (
        "The archive holds no published report or public record of the 11th conference."
    )
    online = client.get("/api/v1/conferences/16/").json()
    assert (online["basis"], online["has_report"], online["city"]) == (
        "records",
        False,
        "Online",
    )
    assert online["inferred_parts"] == {
        "countries": "whole",
        "delegates": "whole",
        "year": "whole",
    }
    year = next(c for c in online["citations"] if c["field"] == "year")
    assert year["source"] == "ygtv-2021-07-08-rgp-online-conference"
    assert year["evidence"] == [
        "marsalqatar-16th-online",
        "policja-pl-15th",
        "wam-2022-11-28-17th",
    ]
    singapore = client.get("/api/v1/conferences/18/").json()
    assert singapore["city"] == "Singapore"
    assert singapore["inferred_parts"]["start_date"] == "year"
    assert client.get("/api/v1/conferences/21/").status_code == 404


def test_api_sources_have_two_kinds_and_their_metadata(archive, client):
    record = client.get("/api/v1/sources/interpol-2023-06-07-ncb-singapore/").json()
    assert record["kind"] == "record"
    assert record["text_kind"] == "announcement"
    assert record["published_on"] == "2023-06-07"
    assert record["accessed_on"] == "2026-12-02"
    assert record["original_url"].startswith("https://www.interpol.int/")
    report = client.get("/api/v1/sources/002-9a73c12c/").json()
    assert (report["kind"], report["text_kind"]) == ("report", "account")
    assert report["original_url"] == "https://en.mvd.ru/news/item/12813412"
    reports = client.get("/api/v1/sources/?kind=report").json()
    assert reports["count"] == 5
    topics = client.get("/api/v1/conferences/19/").json()["topics"]
    assert {t["slug"]: t["mention"] for t in topics}["operation-haechi-iv"] == "example"


def gap_page(response, ordinal: str) -> str:
    """Return a gap page's article without its neighbours' links, the ordinal replaced."""
    document = lxml.html.fromstring(response.content)
    [article] = document.xpath("//article")
    for pager in article.xpath(".//nav[contains(@class, 'pager')]"):
        pager.drop_tree()
    return " ".join(article.text_content().split()).replace(ordinal, "Nth")


def test_a_hidden_draft_within_the_series_answers_readers_as_a_gap(archive, client):
    """A draft at or below the latest published edition: readers get the page, the API
    answer and the list entry of a true gap, word for word, and nothing of the draft."""
    Conference.objects.filter(edition=16).update(status=Conference.Status.DRAFT)
    draft, gap = client.get("/editions/16/"), client.get("/editions/11/")
    assert draft.status_code == gap.status_code == 200
    assert gap_page(draft, "16th") == gap_page(gap, "11th")
    assert "Records only" not in draft.content.decode()
    for secret in ("Online", "Kim Jong Yang", "marsalqatar", "2021", "167"):
        assert secret not in draft.content.decode(), secret
    assert draft.get("X-Robots-Tag") is None  # a gap's page, not a draft's

    def as_gap(answer: dict, number: int) -> dict:
        text = json.dumps(answer).replace(f"/{number}/", "/N/")
        return json.loads(text.replace(f"{number}th", "Nth"))

    draft_api = client.get("/api/v1/conferences/16/").json()
    gap_api = client.get("/api/v1/conferences/11/").json()
    assert {**as_gap(draft_api, 16), "edition": 0} == {
        **as_gap(gap_api, 11),
        "edition": 0,
    }
    listed = {
        c["edition"]: c for c in client.get("/api/v1/conferences/").json()["results"]
    }
    assert listed[16]["basis"] == "none"
    assert {**as_gap(listed[16], 16), "edition": 0} == {
        **as_gap(listed[11], 11),
        "edition": 0,
    }
    row = lxml.html.fromstring(client.get("/editions/").content).get_element_by_id(
        "edition-16"
    )
    assert "series-row--none" in row.get("class")


def test_staff_see_the_draft_where_readers_see_a_gap(archive, staff_client):
    """Staff see the draft's own page, marked, private and not indexed; the API, which
    never shows drafts, answers them with the gap too."""
    Conference.objects.filter(edition=16).update(status=Conference.Status.DRAFT)
    response = staff_client.get("/editions/16/")
    assert response.status_code == 200
    document = lxml.html.fromstring(response.content)
    assert (
        document.xpath("//h1")[0]
        .text_content()
        .startswith("16th Heads of NCB Conference (2021)")
    )
    assert document.xpath("//*[contains(@class, 'draft-banner')]")
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"
    assert staff_client.get("/api/v1/conferences/16/").json()["basis"] == "none"


def test_a_draft_past_the_latest_published_edition_is_not_found(archive, staff_client):
    """A draft of the newest number is past the series readers see: a 404, page and API,
    as for a number the series has not reached; staff still see its page."""
    Conference.objects.filter(edition=20).update(status=Conference.Status.DRAFT)
    client = Client()  # a reader: staff_client is signed in
    assert client.get("/editions/20/").status_code == 404
    assert client.get("/editions/21/").status_code == 404
    assert client.get("/api/v1/conferences/20/").status_code == 404
    assert [
        c["edition"] for c in client.get("/api/v1/conferences/").json()["results"]
    ] == list(range(1, 20))
    assert staff_client.get("/editions/20/").status_code == 200


def test_the_16ths_leaders_are_named_by_a_record_and_flagged_inferred(archive, client):
    """The Gibraltar record names who opened "this year's conference", which is taken to
    be the 16th: Kim Jong Yang and Jürgen Stock appear there, flagged inferred, with the
    reasoning, on the pages and in the API."""
    document = lxml.html.fromstring(client.get("/editions/16/").content)
    leaders = document.xpath("//ul[@class='people-list']/li")
    assert [li.xpath("string(.//a[@class='people-list__name'])") for li in leaders] == [
        "Kim Jong Yang",
        "Jürgen Stock",
    ]
    for li in leaders:
        assert li.xpath("string(.//span[contains(@class, 'badge--inferred')])") == (
            "Inferred"
        )
        assert li.xpath("string(.//details/summary)") == "Why inferred"
        assert "That this conference is the 16th is inferred" in li.xpath(
            "string(.//p[@class='reasoning'])"
        )
        assert li.xpath("string(.//blockquote)") == (
            "“The conference was opened by Interpol’s President Kim Jong Yang of Korea "
            "and its Secretary General, Jürgen Stock from Germany.”"
        )
    editions = lxml.html.fromstring(client.get("/editions/").content)
    row = editions.get_element_by_id("edition-16")
    leaders = row.xpath(".//td[@data-label='Leaders']//li")
    assert [" ".join(li.text_content().split()) for li in leaders] == [
        "Kim Jong Yang Inferred",
        "Jürgen Stock Inferred",
    ]
    [json_ld] = parsed(client.get("/editions/16/")).xpath(
        "//script[@type='application/ld+json']/text()"
    )
    event = json.loads(json_ld)
    assert event["disambiguatingDescription"].endswith(
        " Inferred: that Jürgen Stock and Kim Jong Yang appeared at this edition."
    )
    person = lxml.html.fromstring(client.get("/people/kim-jong-yang/").content)
    attended = person.xpath("//ol[@class='attended']/li")
    assert [" ".join(li.text_content().split()) for li in attended] == [
        "15th Heads of NCB Conference (2019) as INTERPOL President",
        "16th Heads of NCB Conference (2021) as Interpol’s President Inferred",
    ]
    body = client.get("/api/v1/conferences/16/").json()
    assert [(a["slug"], a["inferred"]) for a in body["leaders"]] == [
        ("kim-jong-yang", True),
        ("jurgen-stock", True),
    ]
    rows = client.get("/api/v1/appearances/", {"edition": 16}).json()["results"]
    assert all(r["inferred"] and "the 16th is inferred" in r["reasoning"] for r in rows)
    fifteenth = client.get("/api/v1/conferences/15/").json()["leaders"]
    assert [a["inferred"] for a in fifteenth] == [False, False]
    listed = client.get("/api/v1/conferences/?format=csv").content.decode()
    sixteenth = next(
        r for r in csv.DictReader(io.StringIO(listed)) if r["edition"] == "16"
    )
    assert sixteenth["leaders"] == "Kim Jong Yang (inferred); Jürgen Stock (inferred)"


def test_an_inferred_appearance_needs_its_reasoning(archive, tmp_path):
    """The loader refuses an appearance marked inferred without saying how it follows."""
    fixtures = tmp_path / "fixtures"
    shutil.copytree(settings.ARCHIVE_FIXTURES_DIR, fixtures)
    series = fixtures / "series.yaml"
    text = series.read_text()
    start = text.index(
        "        reasoning: >\n          The Royal Gibraltar Police statement of 8 July "
        "2021 says Kim"
    )
    end = text.index("      - person: jurgen-stock", start)
    series.write_text(text[:start] + text[end:])
    with pytest.raises(CommandError) as error:
        call_command("load_archive", fixtures_dir=fixtures)
    assert str(error.value) == (
        "Nothing was loaded: series.yaml editions.16.appearances[0]: appearance: "
        "reasoning: An inferred value needs its reasoning: how it follows."
    )


def test_palau_is_dated_as_interpols_own_release_dates_it(archive, client):
    """Palau's admission (196 members) is dated 28 November 2023, INTERPOL's own release's
    date, in every reasoning that rests on it; the 29 November copies are named as such."""
    citations = Citation.objects.filter(
        evidence__slug="interpol-fr-2023-11-28-palau"
    ).select_related("conference")
    assert sorted({c.conference.edition for c in citations}) == [17, 19, 20]
    for citation in citations:
        assert "28 November 2023" in citation.reasoning, citation
        if "29 November" in citation.reasoning:
            assert "republished on 29 November" in citation.reasoning, citation
    record = " ".join(
        lxml.html.fromstring(
            client.get("/sources/interpol-fr-2023-11-28-palau/").content
        )
        .text_content()
        .split()
    )
    assert "INTERPOL's English release was not found" in record
    assert "no record found dates the vote to the 29th" in record


def test_the_pager_names_the_editions_around_with_their_years(archive, staff_client):
    """Each edition page links the numbers before and after it, with the year of a
    published one; a draft (seen by staff) counts as a gap, and there is no next link
    past the latest published edition."""
    Conference.objects.filter(edition=19).update(status=Conference.Status.DRAFT)

    def pager(url):
        response = staff_client.get(url)
        [nav] = lxml.html.fromstring(response.content).xpath("//nav[@class='pager']")
        return [
            (a.get("rel"), a.get("href"), " ".join(a.text_content().split()))
            for a in nav.xpath("a")
        ]

    assert pager("/editions/10/") == [
        ("prev", "/editions/9/", "Previous edition 9th"),
        ("next", "/editions/11/", "Next edition 11th"),
    ]
    assert pager("/editions/12/")[0] == (
        "prev",
        "/editions/11/",
        "Previous edition 11th",
    )
    assert pager("/editions/18/") == [
        ("prev", "/editions/17/", "Previous edition 17th (2022)"),
        ("next", "/editions/19/", "Next edition 19th"),
    ]
    assert pager("/editions/19/") == [
        ("prev", "/editions/18/", "Previous edition 18th (2023)"),
        ("next", "/editions/20/", "Next edition 20th (2025)"),
    ]
    assert pager("/fr/editions/20/") == [
        ("prev", "/fr/editions/19/", "Session précédente 19e"),
    ]
