"""The portal in INTERPOL's four working languages: addresses, switcher, catalogues, text."""

import datetime
import re
from pathlib import Path

import lxml.etree
import lxml.html
import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from conferences.models import Conference, ordinal
from conferences.templatetags.portal import date_range, number

TRANSLATED = ["fr", "es", "ar"]
LOCALE = Path(settings.BASE_DIR) / "locale"
# One address of each page type (English, unprefixed), with the status it answers.
PAGE_TYPES = {
    "/": 200,
    "/editions/": 200,
    "/editions/19/": 200,
    "/editions/20/": 200,
    "/editions/20/history/": 200,
    "/people/": 200,
    "/people/jurgen-stock/": 200,
    "/people/valdecy-urquiza/": 200,
    "/topics/": 200,
    "/topics/cybercrime/": 200,
    "/trends/": 200,
    "/sources/": 200,
    "/sources/003-78adaa81/": 200,
    "/search/?q=databases": 200,
    "/search/?q=zzzzzz": 200,
    "/editions/99/": 404,
}
# Attributes whose words a reader or a screen reader meets.
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-label")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def interface_words(html: bytes) -> str:
    """Return the words of a page a reader meets, without the sources' own (lang="en").

    Text and the attributes read aloud; scripts, styles, addresses and any element
    marked with another language than the page's are left out. (The meta description of
    an edition or a person is its English summary: the records' words.)
    """
    document = lxml.html.fromstring(html)
    page_language = document.get("lang")
    for element in document.xpath("//script | //style"):
        element.drop_tree()
    for element in document.xpath("//body//*[@lang]"):
        if element.get("lang") != page_language:
            element.drop_tree()
    # A source's title is the source's (or its record's) own words.
    for element in document.xpath(
        "//body//a[contains(@href, '/sources/')] | //body//a[starts-with(@href, 'http')]"
        " | //body//*[@class='provenance__source'] | //body//details//a"
        " | //body//details//p[not(@class)] | //body//*[@class='note']/span[not(@class)]"
        # A citation in a style (APA, Chicago) and its COinS data are references.
        " | //body//*[contains(@class, 'cite-text')] | //body//*[@class='Z3988']"
    ):
        element.drop_tree()
    words = [document.text_content()]
    for element in document.iter():
        words += [element.get(name, "") for name in READ_ATTRIBUTES]
    return " ".join(word for word in " ".join(words).split() if "/" not in word)


def english_fragments(entry: polib.POEntry) -> list[str]:
    """Return the phrases of an English message a reader would see, placeholders aside.

    A message is cut at its placeholders and tags; only fragments of two words or more
    are kept, so that one word ("Operation", "as") does not match inside the records' own
    English (topic names, places) that is not marked.
    """
    fragments = []
    for text in filter(None, [entry.msgid, entry.msgid_plural]):
        text = re.sub(r"<[^>]+>", "\n", text)
        for part in re.split(r"%\(\w+\)s|\n", text):
            part = " ".join(part.split()).strip(" .,:;()–—·")
            if len(part.split()) >= 2:
                fragments.append(part)
    return fragments


def translated_away(language: str) -> list[str]:
    """Return the English phrases that a page in the language must no longer show."""
    phrases = set()
    for entry in catalogue(language):
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        for fragment in english_fragments(entry):
            if not any(fragment in t for t in translations):
                phrases.add(fragment)
    return sorted(phrases, key=len, reverse=True)


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_has_no_missing_or_fuzzy_entry(language):
    """Every message of the interface is translated, none left fuzzy."""
    po = catalogue(language)
    assert len(po) > 200
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []
    plurals = {"fr": 3, "es": 3, "ar": 6}[language]
    for entry in po:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == plurals, entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_keeps_every_placeholder(language):
    """A translation uses the message's own placeholders, and no other."""
    for entry in catalogue(language):
        expected = set(re.findall(r"%\(\w+\)s", entry.msgid + entry.msgid_plural))
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            assert set(re.findall(r"%\(\w+\)s", text)) <= expected, entry.msgid


def test_catalogues_compile(tmp_path):
    """compilemessages turns every catalogue into a .mo file without an error."""
    call_command("compilemessages", verbosity=0)
    for language in TRANSLATED:
        assert (LOCALE / language / "LC_MESSAGES" / "django.mo").exists()


def test_catalogues_list_every_message_of_the_code(tmp_path, monkeypatch):
    """makemessages would add nothing: every string marked in the code is in the catalogue.

    It runs on a copy of the catalogues, in a folder that links to the project's code.
    """
    import shutil

    base = Path(settings.BASE_DIR)
    for entry in base.iterdir():
        if entry.name not in {"locale", ".venv", ".git", "node_modules"}:
            (tmp_path / entry.name).symlink_to(entry)
    shutil.copytree(LOCALE, tmp_path / "locale")
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=TRANSLATED, symlinks=True, verbosity=0)
    for language in TRANSLATED:
        path = tmp_path / "locale" / language / "LC_MESSAGES" / "django.po"
        fresh = polib.pofile(str(path))
        assert sorted(e.msgid for e in fresh.untranslated_entries()) == [], language
        assert len(fresh) == len(catalogue(language)), language


@pytest.mark.parametrize(
    "language",
    # Slow: every page type rendered, in each language. The quick loop keeps Arabic (the
    # right-to-left one); French and Spanish run in the full suite.
    [pytest.param(language, marks=pytest.mark.slow) for language in ["fr", "es"]]
    + ["ar"],
)
def test_every_page_type_shows_no_english_interface_words(archive, client, language):
    """Each page type, rendered in the language, shows no English message of the catalogue.

    The sources' own words (quotes, excerpts, titles, names) are marked lang="en" and
    stay as written; everything else on the page is in the language.
    """
    phrases = translated_away(language)
    leftovers = {}
    for address, status in PAGE_TYPES.items():
        response = client.get(f"/{language}{address}")
        assert response.status_code == status, address
        document = lxml.html.fromstring(response.content.decode())
        assert document.get("lang") == language
        assert document.get("dir") == ("rtl" if language == "ar" else "ltr")
        words = interface_words(response.content)
        found = [phrase for phrase in phrases if phrase in words]
        if found:
            leftovers[address] = found
    assert leftovers == {}


def test_the_check_finds_english_words_on_an_english_page(archive, client):
    """The check above is not blind: on the English page it finds the English messages."""
    words = interface_words(client.get("/editions/20/").content)
    phrases = translated_away("fr")
    assert "Leaders and speakers" in [p for p in phrases if p in words]
    assert "Cite this edition" in words


def test_sources_own_words_stay_as_written_and_marked_english(archive, client):
    """A quote, an excerpt and a report's text stay in English, marked lang="en"."""
    page = lxml.html.fromstring(client.get("/ar/editions/20/").content)
    quote = page.xpath("//blockquote[contains(@class, 'quote__text')]")[0]
    assert quote.get("lang") == "en"
    assert "cross-border collaboration" in quote.text_content()
    assert page.xpath("//blockquote[contains(@class, 'excerpt')]/@lang")[0] == "en"
    report = lxml.html.fromstring(client.get("/fr/sources/003-78adaa81/").content)
    assert report.xpath("//div[@class='reading__text']/@lang") == ["en"]


@pytest.mark.parametrize(
    "language, heading, dates, delegates",
    [
        (
            "en",
            "20th Heads of NCB Conference (2025)",
            "11–13 February 2025",
            "310 delegates",
        ),
        (
            "fr",
            "20e Conférence des chefs de BCN (2025)",
            "11–13 février 2025",
            "310 délégués",
        ),
        (
            "es",
            "20.ª Conferencia de Jefes de OCN (2025)",
            "11-13 de febrero de 2025",
            "310 delegados",
        ),
        (
            "ar",
            "المؤتمر الـ20 لرؤساء المكاتب المركزية الوطنية (2025)",
            "11–13 فبراير 2025",
            "310 مندوبين",
        ),
    ],
)
def test_edition_page_in_each_language(
    archive, client, language, heading, dates, delegates
):
    """The heading, the dates and the counts are written as the language writes them."""
    prefix = "" if language == "en" else f"/{language}"
    page = lxml.html.fromstring(client.get(f"{prefix}/editions/20/").content)
    assert page.xpath("string(//h1)").strip().startswith(heading)
    line = " ".join(page.xpath("string(//p[@class='subtitle'])").split())
    assert line.startswith(f"{dates} ")
    assert delegates in line
    # The inferred-year badge stays beside the year it qualifies, inside the dates.
    year = page.xpath("//p[@class='subtitle']//*[@data-inferred='year']")
    assert year[0].text.strip() == "2025"
    assert year[0].xpath(".//span[contains(@class, 'badge--inferred')]")


def test_dates_and_numbers_follow_the_language():
    """Dates across months and years, and large numbers, in each language's own way."""
    conference = Conference(
        edition=1,
        start_date=datetime.date(2024, 11, 28),
        end_date=datetime.date(2024, 12, 2),
    )
    expected = {
        "en": ("28 November – 2 December 2024", "2,500", "18 million"),
        "fr": ("28 novembre – 2 décembre 2024", "2\u202f500", "18 millions"),
        "es": ("28 de noviembre – 2 de diciembre de 2024", "2.500", "18 millones"),
        "ar": ("28 نوفمبر – 2 ديسمبر 2024", "2,500", "18 مليون"),
    }
    for language, (dates, thousands, millions) in expected.items():
        with translation.override(language):
            assert date_range(conference) == dates
            assert number(2500) == thousands
            assert number(18_000_000) == millions
    ordinals = {"en": "1st", "fr": "1re", "es": "1.ª", "ar": "الـ1"}
    for language, written in ordinals.items():
        with translation.override(language):
            assert ordinal(1) == written


def test_language_switcher_keeps_the_reader_on_the_same_page(archive, client):
    """The switcher links to the same page (and query) in each language, current marked."""
    page = lxml.html.fromstring(client.get("/es/search/?q=Lyon").content)
    links = page.xpath("//nav[@class='language-switcher']//a")
    assert [(a.get("hreflang"), a.get("href"), a.text) for a in links] == [
        ("en", "/search/?q=Lyon", "English"),
        ("fr", "/fr/search/?q=Lyon", "Français"),
        ("es", "/es/search/?q=Lyon", "Español"),
        ("ar", "/ar/search/?q=Lyon", "العربية"),
    ]
    assert [a.get("aria-current") for a in links] == [None, None, "true", None]
    assert page.xpath("//nav[@class='language-switcher']/@aria-label") == ["Idioma"]


def test_every_page_names_its_alternates_in_each_language(archive, client):
    """<head> lists the page in every language, English as the default."""
    page = lxml.html.fromstring(client.get("/ar/topics/cybercrime/").content)
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in page.xpath("//link[@rel='alternate'][@hreflang]")
    }
    assert alternates == {
        "en": "http://testserver/topics/cybercrime/",
        "x-default": "http://testserver/topics/cybercrime/",
        "fr": "http://testserver/fr/topics/cybercrime/",
        "es": "http://testserver/es/topics/cybercrime/",
        "ar": "http://testserver/ar/topics/cybercrime/",
    }
    assert page.xpath("//link[@rel='canonical']/@href") == [
        "http://testserver/ar/topics/cybercrime/"
    ]


def test_english_keeps_its_addresses(archive, client):
    """Every existing English address still answers, in English, without a redirect."""
    response = client.get("/editions/20/")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert client.get("/en/editions/20/").status_code == 404


def test_first_visit_follows_the_browsers_language(archive, client):
    """Arriving from elsewhere with a French browser leads to the French page."""
    response = client.get("/editions/20/?x=1", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/fr/editions/20/?x=1"
    assert "Accept-Language" in response["Vary"]
    assert "private" in response["Cache-Control"]
    arabic = client.get("/", HTTP_ACCEPT_LANGUAGE="ar-EG,ar;q=0.9,en;q=0.5")
    assert arabic["Location"] == "/ar/"


def test_a_choice_made_inside_the_site_is_kept(archive, client):
    """Following the switcher's English link (a Referer of this site) stays in English."""
    response = client.get(
        "/editions/20/",
        HTTP_ACCEPT_LANGUAGE="fr",
        HTTP_REFERER="http://testserver/fr/editions/20/",
    )
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    client.cookies["django_language"] = "en"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200


def test_an_english_browser_and_machines_are_not_redirected(archive, client):
    """English readers, the API, the admin and the machine files stay where they are."""
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").status_code == 200
    for address in ["/api/v1/conferences/", "/sitemap.xml", "/robots.txt", "/healthz"]:
        assert client.get(address, HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
    assert client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200


def test_api_data_is_the_same_in_every_language(archive, client):
    """Field names and values do not change with Accept-Language."""
    english = client.get("/api/v1/conferences/").json()
    for language in TRANSLATED:
        response = client.get("/api/v1/conferences/", HTTP_ACCEPT_LANGUAGE=language)
        assert response.json() == english
        assert "Accept-Language" in response["Vary"]


def test_api_errors_follow_accept_language(archive, client):
    """The API's error messages, Django REST framework's and ours, are translated."""
    missing = client.get("/api/v1/conferences/999/", HTTP_ACCEPT_LANGUAGE="fr")
    assert missing.status_code == 404
    assert missing.json()["detail"] == (
        "Aucun objet Conference ne correspond à cette requête."
    )
    too_big = client.get(
        "/api/v1/conferences/?page_size=5000", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert too_big.status_code == 400
    assert too_big.json() == {
        "page_size": ["Introduzca un número entero del 1 al 1000."]
    }
    zero = client.get("/api/v1/conferences/?page_size=0", HTTP_ACCEPT_LANGUAGE="fr")
    assert zero.json() == {
        "page_size": ["Saisissez un nombre entier égal ou supérieur à 1."]
    }
    no_format = client.get("/api/v1/conferences/?format=", HTTP_ACCEPT_LANGUAGE="ar")
    assert no_format.json() == {"detail": "صيغة غير معروفة: اطلب json أو csv."}
    english = client.get("/api/v1/conferences/?page_size=5000")
    assert english.json() == {"page_size": ["Enter a whole number from 1 to 1000."]}


def test_the_admin_stays_in_english(db, client):
    """The archivists' admin is in English, the language of the records."""
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Language"] == "en"
    assert b"Log in" in response.content


def test_not_found_page_in_arabic(archive, client):
    """An unknown address under /ar/ answers the Arabic 404 page."""
    response = client.get("/ar/editions/99/")
    assert response.status_code == 404
    page = lxml.html.fromstring(response.content.decode())
    assert page.get("dir") == "rtl"
    assert page.xpath("string(//h1)") == "هذه الصفحة غير موجودة في الأرشيف"
    assert page.xpath("//form[@role='search']/@action")[0] == "/ar/search/"


def test_sitemap_lists_every_page_in_every_language(archive, client):
    """Each page is listed in each language, with its alternates and an x-default."""
    response = client.get("/sitemap.xml")
    sitemap = response.content.decode()
    locations = [
        loc.removeprefix("http://testserver")
        for loc in lxml.etree.fromstring(response.content).xpath(
            "//s:url/s:loc/text()",
            namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"},
        )
    ]
    for prefix in ["", "/fr", "/es", "/ar"]:
        assert f"{prefix}/editions/20/" in locations
        assert f"{prefix}/people/jurgen-stock/" in locations
    assert len(locations) == 4 * len(
        set(re.sub(r"^/(fr|es|ar)/", "/", x) for x in locations)
    )
    assert (
        '<xhtml:link rel="alternate" hreflang="ar" href="http://testserver/ar/trends/"/>'
        in sitemap
    )
    assert (
        '<xhtml:link rel="alternate" hreflang="x-default" href="http://testserver/trends/"/>'
        in sitemap
    )


# Slow: 40 full renders (five page types, four languages, twice). The quick loop keeps
# the query-count tests of each page (English) and test_edition_page_in_each_language.
@pytest.mark.slow
def test_each_language_costs_the_same_queries(archive, client):
    """Translating a page adds no query: each language reads what English reads."""
    counts = {}
    for prefix in ["", "/fr", "/es", "/ar"]:
        for address in [
            "/",
            "/editions/20/",
            "/people/",
            "/trends/",
            "/sources/000-a42205c1/",
        ]:
            client.get(f"{prefix}{address}")  # warm up anything loaded once
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"{prefix}{address}").status_code == 200
            counts.setdefault(address, set()).add(len(queries))
    assert all(len(found) == 1 for found in counts.values()), counts


def test_nothing_of_a_request_language_leaks_into_the_next(archive, client):
    """After an Arabic page, code outside a request is back in English."""
    client.get("/ar/editions/20/")
    assert translation.get_language() == settings.LANGUAGE_CODE
    assert (
        str(Conference.objects.get(edition=20)) == "20th Heads of NCB Conference (2025)"
    )


@pytest.fixture
def page_cache(settings):
    """The page cache on, empty (local memory in tests)."""
    from django.core.cache import cache

    settings.ARCHIVE_PAGE_CACHE = True
    cache.clear()


def test_page_cache_keeps_each_language_apart(archive, client, page_cache):
    """A cached French page is never served to an English reader, nor the reverse."""
    french = client.get("/fr/editions/20/")
    assert french["X-Archive-Cache"] == "miss"
    english = client.get("/editions/20/")
    assert english["X-Archive-Cache"] == "miss"
    assert english["Content-Language"] == "en"
    assert b"<h1>20th Heads of NCB Conference (2025)" in english.content
    # A French browser following a link inside the site still reads the English page.
    followed = client.get(
        "/editions/20/",
        HTTP_ACCEPT_LANGUAGE="fr",
        HTTP_REFERER="http://testserver/editions/",
    )
    assert followed["X-Archive-Cache"] == "hit"
    assert followed.content == english.content
    again = client.get("/fr/editions/20/", HTTP_ACCEPT_LANGUAGE="en")
    assert again["X-Archive-Cache"] == "hit"
    assert again["Content-Language"] == "fr"
    assert again.content == french.content
    assert "Conférence des chefs de BCN".encode() in again.content


def test_first_visit_redirect_is_not_cached(archive, client, page_cache):
    """The redirect of a French first visit comes before the cache and is never stored."""
    client.get("/editions/20/")
    response = client.get("/editions/20/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert "X-Archive-Cache" not in response


def test_api_errors_are_not_cached_across_languages(archive, client, page_cache):
    """An API read is cached once for every language; its body does not vary."""
    first = client.get("/api/v1/conferences/", HTTP_ACCEPT_LANGUAGE="fr")
    second = client.get("/api/v1/conferences/", HTTP_ACCEPT_LANGUAGE="fr")
    assert second["X-Archive-Cache"] == "hit"
    assert second.content == first.content


@pytest.mark.parametrize("language", TRANSLATED)
def test_chart_coordinates_keep_decimal_points(archive, client, language):
    """Numbers in a drawing are coordinates, not prose: never "230,0" in French."""
    page = lxml.html.fromstring(client.get(f"/{language}/trends/").content.decode())
    svgs = page.xpath("//svg")
    assert len(svgs) == 3
    coordinates = ["x", "y", "x1", "x2", "y1", "y2", "width", "height"]
    for svg in svgs:
        assert [
            value
            for element in svg.iter(lxml.etree.Element)
            for value in map(element.get, coordinates)
            if value and "," in value
        ] == []


def test_api_docs_description_follows_accept_language(db, client, openapi_schema):
    """The OpenAPI schema's description is translated; its paths and names are not."""
    english = openapi_schema
    french = client.get("/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert english["info"]["description"].startswith("The reference archive")
    assert french["info"]["description"].startswith("Les archives de référence")
    assert french["paths"].keys() == english["paths"].keys()


def test_first_visit_to_an_unknown_address_is_not_redirected(archive, client):
    """A French browser asking for an address no page has gets the 404 where it asked."""
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
