"""Citations of editions, reports and quotes: downloads that parse, and the page's metadata."""

import json
from urllib.parse import parse_qs

import bibtexparser
import pytest
import rispy
from django.db.models import Max
from django.utils.timezone import localtime
from lxml import html

from conferences.models import SourceReport, Topic
from exports.changes import archive_last_changed, history_models
from history.services import save_with_history
from speakers.models import Quote

pytestmark = pytest.mark.django_db


def parse_bibtex(text: str):
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    (entry,) = library.entries
    return entry


def test_edition_bibtex_parses_with_an_inferred_year_in_brackets(archive, client):
    """The 17th edition's year no report states: BibTeX cites it as [2022]."""
    response = client.get("/editions/17/cite.bib")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="ncb-edition-17.bib"'
    )
    entry = parse_bibtex(response.content.decode("utf-8"))
    assert entry.key == "ncb-edition-17"
    assert entry.entry_type == "misc"
    assert entry["title"] == "{17th Heads of National Central Bureaus Conference}"
    assert entry["year"] == "[2022]"
    assert "date" not in entry.fields_dict
    assert entry["url"] == "http://testserver/editions/17/"
    assert "The date is inferred" in entry["note"]
    assert "Archive last changed 20" in entry["note"]


def test_the_same_item_keeps_its_key(archive, client):
    """Keys are stable: the edition number, the report's slug, the quote's id."""
    first = parse_bibtex(client.get("/sources/003-78adaa81/cite.bib").content.decode())
    again = parse_bibtex(client.get("/sources/003-78adaa81/cite.bib").content.decode())
    assert first.key == again.key == "ncb-source-003-78adaa81"


def test_edition_ris_parses_with_its_date_place_and_address(archive, client):
    """RIS: an electronic source with its year, first day, city and permanent address."""
    response = client.get("/editions/20/cite.ris")
    assert response["Content-Type"] == (
        "application/x-research-info-systems; charset=utf-8"
    )
    (record,) = rispy.loads(response.content.decode("utf-8"))
    assert record["type_of_reference"] == "ELEC"
    assert record["title"] == "20th Heads of National Central Bureaus Conference"
    assert record["year"] == "2025"
    assert record["date"] == "2025/02/11"
    assert record["publisher"] == "NCB Conference Archive"
    assert record["place_published"] == "Lyon, France"
    assert record["urls"] == ["http://testserver/editions/20/"]
    assert "The date is inferred" in record["notes"][0]


def test_source_csl_json_marks_an_inferred_publisher(archive, client):
    """A report whose publisher no report names is cited with the publisher in brackets."""
    response = client.get("/sources/003-78adaa81/cite.json")
    assert response["Content-Type"] == (
        "application/vnd.citationstyles.csl+json; charset=utf-8"
    )
    (item,) = json.loads(response.content.decode("utf-8"))
    assert item["id"] == "ncb-source-003-78adaa81"
    assert item["type"] == "article-newspaper"
    assert item["publisher"] == "[INTERPOL]"
    assert item["author"] == [{"literal": "[INTERPOL]"}]
    assert item["container-title"] == "NCB Conference Archive"
    assert "issued" not in item  # the report gives no date: none is invented
    assert item["URL"] == "http://testserver/sources/003-78adaa81/"


def test_quote_citations_name_the_speaker_and_the_edition(archive, client):
    """A quote is cited as its speaker's words at the edition, in all three formats."""
    quote = Quote.objects.get(text__contains="There will be no strong INTERPOL")
    (item,) = json.loads(client.get(f"/quotes/{quote.pk}/cite.json").content)
    assert item["id"] == f"ncb-quote-{quote.pk}"
    assert item["type"] == "speech"
    assert item["author"] == [{"literal": "Valdecy Urquiza"}]
    # A long quote's title is its first words; the address leads to all of them.
    assert item["title"] == (
        "“The Heads of National Central Bureaus’ conference is an opportunity for us to…”"
    )
    assert (
        item["container-title"] == "20th Heads of National Central Bureaus Conference"
    )
    assert item["issued"] == {"date-parts": [[2025, 2, 11]], "circa": True}
    assert item["URL"] == f"http://testserver/editions/20/#quote-{quote.pk}"
    entry = parse_bibtex(client.get(f"/quotes/{quote.pk}/cite.bib").content.decode())
    assert entry["author"] == "{Valdecy Urquiza}"
    (record,) = rispy.loads(client.get(f"/quotes/{quote.pk}/cite.ris").content.decode())
    assert record["authors"] == ["Valdecy Urquiza"]


@pytest.mark.parametrize(
    "url",
    [
        "/editions/99/cite.bib",
        "/editions/19/cite.pdf",
        "/sources/no-such-report/cite.ris",
        "/quotes/999999/cite.json",
    ],
)
def test_unknown_items_and_formats_are_not_found(archive, client, url):
    assert client.get(url).status_code == 404


def test_draft_edition_cannot_be_cited(archive, client):
    edition = archive.get(edition=19)
    edition.unpublish()
    assert client.get("/editions/19/cite.bib").status_code == 404
    assert client.get("/sources/003-78adaa81/cite.bib").status_code == 404


def head_meta(page) -> dict[str, str]:
    return {m.get("name"): m.get("content") for m in page.xpath("//head/meta[@name]")}


def test_edition_page_carries_highwire_tags_coins_and_two_styles(archive, client):
    """Zotero reads the title, date, publisher and address; readers get APA and Chicago."""
    page = html.fromstring(client.get("/editions/17/").content)
    meta = head_meta(page)
    assert meta["citation_title"] == "17th Heads of National Central Bureaus Conference"
    assert meta["citation_date"] == "2022"
    assert meta["citation_publisher"] == "NCB Conference Archive"
    assert meta["citation_public_url"] == "http://testserver/editions/17/"
    apa = page.get_element_by_id("cite-apa").text_content()
    chicago = page.get_element_by_id("cite-chicago").text_content()
    assert apa == (
        "NCB Conference Archive. ([2022]). 17th Heads of National Central Bureaus "
        "Conference. http://testserver/editions/17/"
    )
    assert chicago.startswith(
        "NCB Conference Archive. “17th Heads of National Central Bureaus Conference.” "
        "[2022]. Last modified "
    )
    assert chicago.endswith(" http://testserver/editions/17/.")
    (span,) = page.find_class("Z3988")
    coins = parse_qs(span.get("title"))
    assert coins["rft.title"] == ["17th Heads of National Central Bureaus Conference"]
    assert coins["rft.date"] == ["2022"]
    assert coins["rft.identifier"] == ["http://testserver/editions/17/"]
    alternates = {
        link.get("type"): link.get("href")
        for link in page.xpath("//head/link[@rel='alternate']")
    }
    assert alternates["application/x-bibtex"] == "/editions/17/cite.bib"
    assert alternates["application/x-research-info-systems"] == "/editions/17/cite.ris"
    assert alternates["application/json"] == "/api/v1/conferences/17/"
    assert alternates["text/csv"] == "/api/v1/conferences/17/?format=csv"


def test_edition_with_a_stated_date_is_cited_in_each_style(archive, client):
    """APA writes the date year first, Chicago month first; an inferred one in brackets."""
    page = html.fromstring(client.get("/editions/20/").content)
    assert "([2025, February 11])" in page.get_element_by_id("cite-apa").text_content()
    assert (
        "[February 11, 2025]" in page.get_element_by_id("cite-chicago").text_content()
    )
    assert head_meta(page)["citation_date"] == "2025/02/11"


def test_a_french_page_cites_in_french_and_its_downloads_stay_english(archive, client):
    """The styles follow the page's language, the records' words marked; a download
    has one address and one language."""
    page = html.fromstring(client.get("/fr/editions/20/").content)
    assert page.get_element_by_id("cite-apa").text_content() == (
        "Archives de la Conférence des chefs de BCN. ([2025, 11 février]). "
        "20e Conférence des chefs de Bureau central national. "
        "http://testserver/fr/editions/20/"
    )
    chicago = page.get_element_by_id("cite-chicago").text_content()
    assert "« 20e Conférence des chefs de Bureau central national ». " in chicago
    assert "[11 février 2025]. Dernière modification le " in chicago
    report = html.fromstring(client.get("/es/sources/003-78adaa81/").content)
    apa = report.get_element_by_id("cite-apa")
    assert apa.text_content().startswith("[INTERPOL]. (s.f.). INTERPOL news release")
    assert apa.xpath("span/@lang") == ["en"]
    assert apa.xpath("i/@lang") == ["en"]
    entry = parse_bibtex(
        client.get(
            "/editions/20/cite.bib", HTTP_REFERER="http://testserver/fr/"
        ).content.decode("utf-8")
    )
    assert entry["title"] == "{20th Heads of National Central Bureaus Conference}"


def test_source_page_carries_the_reports_metadata(archive, client):
    page = html.fromstring(client.get("/sources/000-a42205c1/").content)
    meta = head_meta(page)
    assert meta["citation_title"] == (
        "INTERPOL news release on the 20th Heads of NCB conference"
    )
    assert meta["citation_publisher"] == "Interpol (news and events)"
    assert meta["citation_public_url"] == "http://testserver/sources/000-a42205c1/"
    # The release gives no date; the archive infers its opening day from records.
    assert meta["citation_date"] == "2025/02/11"
    assert "[2025" in page.get_element_by_id("cite-apa").text_content()


def test_quotes_link_to_their_citations(archive, client):
    quote = Quote.objects.get(text__contains="There will be no strong INTERPOL")
    page = html.fromstring(client.get("/people/valdecy-urquiza/").content)
    figure = page.get_element_by_id(f"quote-{quote.pk}")
    links = [a.get("href") for a in figure.find_class("quote__cite")[0].iter("a")]
    assert links == [f"/quotes/{quote.pk}/cite.{fmt}" for fmt in ("bib", "ris", "json")]


@pytest.mark.parametrize(
    "url",
    [
        "/editions/99999999999999999999/cite.bib",
        "/quotes/99999999999999999999/cite.json",
        "/editions/99999999999999999999/calendar.ics",
    ],
)
def test_numbers_beyond_any_key_are_not_found(archive, client, url):
    """A number no column can hold is a 404, on SQLite and PostgreSQL alike."""
    assert client.get(url).status_code == 404


def test_the_archive_last_changed_with_its_newest_history_entry(archive):
    """The date citations give is the newest entry of any history table, and an edit
    moves it (one query on SQLite and PostgreSQL alike, exports/changes.py)."""
    newest = max(
        model.objects.aggregate(newest=Max("history_date"))["newest"]
        for model in history_models()
        if model.objects.exists()
    )
    assert archive_last_changed() == newest
    topic = Topic.objects.order_by("pk").first()
    topic.description += " Edited."
    save_with_history(topic, reason="A test edit")
    assert archive_last_changed() == topic.history.latest().history_date > newest


def test_an_edition_page_gives_the_archives_last_change_it_reads_with_the_edition(
    archive, client
):
    """The edition page reads the archive's last change in its one query
    (ConferenceQuerySet.for_page()): its citation box gives the same time as
    archive_last_changed(), and an edit moves it."""

    def page_time():
        page = html.fromstring(client.get("/editions/20/").content)
        [time] = page.xpath("//section[contains(@class, 'cite')]//time/@datetime")
        return time

    # (in the site's time zone, as the page writes it)
    assert page_time() == localtime(archive_last_changed()).isoformat()
    topic = Topic.objects.order_by("pk").first()
    topic.description += " Edited."
    save_with_history(topic, reason="A test edit")
    assert page_time() == localtime(topic.history.latest().history_date).isoformat()


def test_a_reports_citation_box_and_head_write_its_words_as_text(archive, client):
    """The cite box and the head's Highwire tags (exports.citations.cite_box() and
    cite_meta()) write a report's title and publisher as text, never as markup."""
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    SourceReport.objects.filter(slug="000-a42205c1").update(
        title=hostile, publisher=hostile
    )
    response = client.get("/sources/000-a42205c1/")
    assert hostile not in response.content.decode()
    page = html.fromstring(response.content)
    assert not [s for s in page.xpath("//script") if "alert" in (s.text or "")]
    meta = head_meta(page)
    assert meta["citation_title"] == hostile
    assert meta["citation_publisher"] == hostile
    apa = page.get_element_by_id("cite-apa").text_content()
    assert apa.count(hostile) == 2  # the publisher as author, and the title
    assert hostile in page.get_element_by_id("cite-chicago").text_content()
    (span,) = page.find_class("Z3988")
    assert parse_qs(span.get("title"))["rft.title"] == [hostile]
