"""No English left on a translated page: each page, compared with its English twin.

The catalogue check (test_languages.py) finds the English of messages that were marked
for translation. This one also finds words that were never marked: it renders the same
page in English and in the other language, collects the text a reader meets on each
(text nodes and the attributes read aloud), and fails on any piece of the translated
page that is also a piece of the English page's interface. What is not the interface is
left out on both sides: whatever is inside an element marked with a language (the
sources' own words, names, places and the archive's curated English are marked
lang="en"; each language's name in the switcher is marked with its own), scripts and
styles, code (file and column names), addresses and numbers.
"""

import re
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import polib
import pytest
from django.conf import settings
from django.utils import translation

TRANSLATED = ["fr", "es", "ar"]
LOCALE = Path(settings.BASE_DIR) / "locale"
# Every page type, at its English address: the status it answers.
PAGE_TYPES = {
    "/": 200,
    "/editions/": 200,
    "/editions/20/": 200,  # an edition with its report
    "/editions/18/": 200,  # an edition known from public records only, inferred parts
    "/editions/11/": 200,  # a gap in the series: no record of it yet
    "/editions/20/history/": 200,
    "/people/": 200,
    "/people/jurgen-stock/": 200,
    "/people/valdecy-urquiza/": 200,
    "/topics/": 200,
    "/topics/cybercrime/": 200,
    "/trends/": 200,
    "/search/?q=databases": 200,
    "/search/?q=zzzzzz": 200,
    "/sources/": 200,
    "/sources/003-78adaa81/": 200,  # a report, its text
    "/sources/interpol-2023-06-07-ncb-singapore/": 200,  # a public record
    "/data/": 200,
    "/editions/99/": 404,
}
# The page the quick loop checks in each language: the one with the most interface.
QUICK_PAGE = "/editions/20/"
# Attributes whose words a reader or a screen reader meets.
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-label")
# Elements whose text is machine text in every language: file, column and field names.
MACHINE_TEXT = ("code", "kbd", "samp")
# Words written the same in every language: names of organisations, formats and
# standards. (Words a language writes like English, "Source" in French, come from the
# catalogue: see same_in_translation.)
SAME_IN_EVERY_LANGUAGE = {
    "INTERPOL",
    "API",
    "JSON",
    "CSV",
    "ZIP",
    "Atom",
    "BibTeX",
    "RIS",
    "CSL-JSON",
    "iCalendar",
    "APA",
    "Chicago",
    "OpenAPI",
    "Swagger",
}
# A piece of text with no word of letters: numbers, dates in figures, punctuation.
NO_WORDS = re.compile(r"^[\W\d_]*$")
# An address, whole or a path: https://example.org/…, /api/v1/.
ADDRESS = re.compile(r"https?://\S+|(?<![\w/])/\S*")


def text_pieces(html: bytes, data: tuple[str, ...] = ()) -> list[str]:
    """Return the pieces of interface text of a page, in document order.

    A piece is one text node or one attribute read aloud, its spaces collapsed. Scripts,
    styles, machine text (code, and anything marked translate="no") and any element
    marked with a language (lang="en" on the sources' and the records' own words) are
    left out, with all they contain. Addresses are cut out of the pieces; so are the
    records' words that a page also writes where no element can mark them (its
    <title>, a chart's tooltip), and the `data` (the reader's own search words). Pieces
    left without a word are dropped.
    """
    document = lxml.html.fromstring(html)
    for element in document.xpath("//script | //style | //meta"):
        element.drop_tree()
    marked = {
        " ".join(e.text_content().split()) for e in document.xpath("//body//*[@lang]")
    }
    records_words = sorted(filter(None, marked | set(data)), key=len, reverse=True)
    for element in document.xpath(
        " | ".join(f"//{tag}" for tag in MACHINE_TEXT)
        + " | //*[@translate='no'] | //body//*[@lang]"
    ):
        element.drop_tree()
    pieces = []
    for element in document.iter():
        if not isinstance(element.tag, str):  # a comment
            texts = [element.tail]
        else:
            texts = [element.text, element.tail]
            texts += [element.get(name) for name in READ_ATTRIBUTES]
        pieces += [" ".join(text.split()) for text in texts if text]
    pieces = (without(ADDRESS.sub(" ", piece), records_words) for piece in pieces)
    return [piece for piece in pieces if not NO_WORDS.match(piece)]


def without(piece: str, words: list[str]) -> str:
    """Return the piece with each of the words (whole words only) cut out."""
    for text in words:
        if text in piece:
            piece = re.sub(rf"(?<!\w){re.escape(text)}(?!\w)", " ", piece)
    return " ".join(piece.split())


def words_of(piece: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w’'-]*", piece)


def untranslated(
    english: list[str], translated: list[str], same: set[str]
) -> list[str]:
    """Return the pieces of a translated page that still hold the English page's words.

    A translated piece is left in English when it is one of the English page's pieces,
    or has two words in a row that stand in a row in one of them; unless the words are
    written the same in both languages (`same`: names of formats and organisations, and
    the catalogue's translations that keep the English word).
    """
    interface = set(english)
    pairs = {pair for piece in interface for pair in word_pairs(piece)}
    found = []
    for piece in translated:
        if piece in same or all(word in same for word in words_of(piece)):
            continue
        shared = [
            pair
            for pair in word_pairs(piece)
            if pair in pairs and not set(pair) <= same
        ]
        if piece in interface or shared:
            found.append(piece)
    return found


def word_pairs(piece: str) -> set[tuple[str, str]]:
    words = words_of(piece)
    return set(pairwise(words))


def same_in_translation(language: str) -> set[str]:
    """Return what the language writes as English does: words and whole messages.

    From the catalogue: a message whose translation is the English text itself
    ("Source", "Documents", "Total" in French), and each word a translation shares with
    its message (the French "Conférence" is not "Conference", but "Note" is "Note").
    """
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    same = set(SAME_IN_EVERY_LANGUAGE)
    for entry in po:
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        if entry.msgid in translations:
            same.add(entry.msgid)
        english_words = set(words_of(entry.msgid + " " + entry.msgid_plural))
        for text in translations:
            same.update(english_words.intersection(words_of(text)))
    return same


def leftovers_in(client, address: str, status: int, language: str) -> list[str]:
    """Return the English interface text left on one page in the language."""
    english = client.get(address)
    translated = client.get(f"/{language}{address}")
    assert (english.status_code, translated.status_code) == (status, status), address
    assert lxml.html.fromstring(translated.content).get("lang") == language
    # What the reader searched for is their words, in whatever language they wrote.
    searched = tuple(parse_qs(urlsplit(address).query).get("q", []))
    return untranslated(
        text_pieces(english.content, searched),
        text_pieces(translated.content, searched),
        same_in_translation(language),
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_edition_page_has_no_english_interface_text(archive, client, language):
    """The edition page, the richest in interface text, is wholly translated.

    The quick loop's sample of the check below, which renders every page type.
    """
    assert leftovers_in(client, QUICK_PAGE, 200, language) == []


@pytest.mark.slow
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_page_type_has_no_english_interface_text(archive, client, language):
    """No page type, rendered in the language, shows a piece of its English interface.

    Names, places, summaries and the sources' words are the records', marked lang="en"
    in the templates; everything else is translated.
    """
    leftovers = {}
    for address, status in PAGE_TYPES.items():
        if found := leftovers_in(client, address, status, language):
            leftovers[address] = found
    assert leftovers == {}


def test_search_results_write_the_archives_words_in_the_language(archive, client):
    """The index keeps titles and kinds in English (the API's); the page translates the
    archive's own (an edition's title, a kind) and marks the records' (a name)."""
    page = lxml.html.fromstring(client.get("/fr/search/?q=Haechi").content)
    shown = [
        (
            " ".join(result.xpath("string(h2)").split()),
            " ".join(result.xpath("string(p[@class='note'])").split()),
        )
        for result in page.xpath("//li[contains(@class, 'result--')]")
    ]
    assert shown[:2] == [
        ("Operation Haechi IV", "Opération"),
        ("19e Conférence des chefs de BCN (2024)", "Lyon, France — 2024 Déduit"),
    ]
    assert (
        "Jürgen Stock, 19e Conférence des chefs de BCN (2024)",
        "Propos rapportés",
    ) in shown
    quote = page.xpath("//li[contains(@class, 'result--quote')]/h2")[0]
    assert quote.get("lang") is None
    assert quote.xpath(".//span[@lang='en']/text()") == ["Jürgen Stock"]


def error_pages(language: str) -> dict[str, bytes]:
    """Return the error pages Django and the archive answer, rendered in the language."""
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from django.views import defaults

    from archive import views

    prefix = "" if language == "en" else f"/{language}"
    request = RequestFactory().get(f"{prefix}/editions/")
    with translation.override(language):
        responses = {
            "400": views.bad_request(request, ValueError()),
            "403": defaults.permission_denied(request, PermissionDenied()),
            "500": views.server_error(request),
            "503": views.database_unavailable(request),
        }
    return {status: response.content for status, response in responses.items()}


@pytest.mark.parametrize("language", TRANSLATED)
def test_error_pages_have_no_english_interface_text(language):
    """The 400, 403, 500 and 503 pages are in the language (the 404 is a page type)."""
    english, translated = error_pages("en"), error_pages(language)
    same = same_in_translation(language)
    leftovers = {
        status: found
        for status, page in translated.items()
        if (
            found := untranslated(text_pieces(english[status]), text_pieces(page), same)
        )
    }
    assert leftovers == {}
    assert all(
        lxml.html.fromstring(page).get("lang") == language
        for page in translated.values()
    )


def test_the_check_finds_text_never_marked_for_translation():
    """A piece the template never marked is found; the sources' marked words are not."""
    english = b"""<html lang="en"><body><h1>Open data</h1>
        <p>The whole archive, as it stands now.</p><p lang="en">Lyon, France</p>
        <p><code>editions.csv</code> <a href="/data/">JSON</a> 2,500</p>
        <p>Note</p></body></html>"""
    french = b"""<html lang="fr"><body><h1>Donn\xc3\xa9es ouvertes</h1>
        <p>Tout le fonds, The whole archive, tel qu'il est.</p><p lang="en">Lyon, France</p>
        <p><code>editions.csv</code> <a href="/fr/data/">JSON</a> 2\xe2\x80\xaf500</p>
        <p>Note</p></body></html>"""
    pieces = text_pieces(french)
    assert "Lyon, France" not in pieces and "editions.csv" not in pieces
    assert untranslated(text_pieces(english), pieces, {"JSON", "Note"}) == [
        "Tout le fonds, The whole archive, tel qu'il est."
    ]
    assert untranslated(text_pieces(english), text_pieces(english), {"JSON"}) == [
        "Open data",
        "The whole archive, as it stands now.",
        "Note",
    ]
