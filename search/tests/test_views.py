"""The search page: one box, one ranked list counted per kind, filters, pages, errors."""

import lxml.html
import pytest
from pytest_django.asserts import assertContains, assertNotContains

from search.models import SearchEntry
from speakers.models import Quote

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


def parsed(response) -> lxml.html.HtmlElement:
    """Return the page parsed by lxml."""
    return lxml.html.fromstring(response.content.decode())


def kinds_of(response) -> list[str]:
    """Return the kind each result of the page names, in order."""
    return parsed(response).xpath("//p[@class='result__kind']/text()")


def test_search_page_counts_each_kind_and_links_to_it(archive, client):
    """The page counts the results, and each kind's count filters the list to it."""
    response = client.get("/search/", {"q": "Haechi"})
    page = text_of(response)
    assert (
        '5 results for <q>Haechi</q>: <a href="?q=Haechi&amp;kind=edition">editions (1)</a>'
        ' <a href="?q=Haechi&amp;kind=topic">topics (1)</a>'
        ' <a href="?q=Haechi&amp;kind=quote">quotes (1)</a>'
        ' <a href="?q=Haechi&amp;kind=source">report texts (2)</a>' in page
    )
    kinds = kinds_of(response)
    # A record whose title names the operation ranks before a quote that mentions it.
    assert kinds == ["Topic", "Edition", "Report text", "Quote", "Report text"]
    assert (
        '<h2 class="result__title" lang="en"><a href="/topics/operation-haechi-iv/">Operation Haechi IV</a></h2>'
        in page
    )


def test_search_page_filters_by_kind(archive, client):
    response = client.get("/search/", {"q": "Stock", "kind": "quote"})
    page = text_of(response)
    kinds = kinds_of(response)
    assert kinds == ["Quote"] * 10
    assert 'aria-current="true">quotes (10)</a>' in page
    assert '<a href="?q=Stock">all kinds</a>' in page


def test_search_page_filters_by_edition_range(archive, client):
    page = parsed(
        client.get("/search/", {"q": "Lyon", "edition_min": 17, "edition_max": 19})
    )
    titles = page.xpath("//h2[@class='result__title']/a[@href]/text()")
    assert titles[:2] == [
        "19th Heads of NCB Conference (2024)",
        "17th Heads of NCB Conference (2022)",
    ]
    assert not any(t.startswith(("15th", "20th", "14th")) for t in titles)


def test_search_page_pages_its_results(archive, client):
    """Twenty results a page; the pager keeps the query and the filters."""
    first = text_of(client.get("/search/", {"q": "Stock"}))
    assert first.count('class="result result--') == 20
    many = text_of(client.get("/search/", {"q": "the"}))  # a stop word: nothing
    assert "0 results" in many
    second = text_of(client.get("/search/", {"q": "Lyon", "page": 2}))
    assert "Page 1 of 1" not in second


def test_search_page_refuses_bad_filters_with_a_message(archive, client):
    response = client.get("/search/", {"q": "Lyon", "edition_min": "x", "kind": "y"})
    assert response.status_code == 400
    page = text_of(response)
    assert "From edition: Enter a whole number." in page
    assert "Only: Select a valid choice. y is not one of the available choices." in page
    response = client.get(
        "/search/", {"q": "Lyon", "edition_min": 20, "edition_max": 15}
    )
    assert response.status_code == 400
    assertContains(
        response,
        "The first edition of the range comes after the last.",
        status_code=400,
    )


def test_search_page_says_when_nothing_matches(archive, client):
    page = text_of(client.get("/search/", {"q": "zeppelin"}))
    assert "0 results for <q>zeppelin</q>. Try fewer or other words." in page
    assert 'class="result ' not in page


def test_search_page_without_a_query_shows_the_box(archive, client):
    page = text_of(client.get("/search/"))
    assert '<input id="search-q" type="search" name="q" value=""' in page
    assert "results for" not in page


@pytest.mark.parametrize("path", ["/", "/search/", "/search/?q=Lyon", "/editions/20/"])
def test_each_page_has_one_search_box(archive, client, path):
    page = client.get(path).content.decode()
    assert page.count('role="search"') == 1
    assert page.count('type="search"') == 1


def test_search_escapes_the_query_and_keeps_the_datas_words(archive, client):
    """Markup in the query and in the data shows as text, word for word; only <mark> is
    added (no words dropped, as PostgreSQL's ts_headline drops tags)."""
    quote = Quote.objects.get(text__startswith="In today’s world")
    quote.text = "Zeppelin <script>alert(1)</script> <b>bold</b> zeppelin"
    Quote.objects.filter(pk=quote.pk).update(text=quote.text)
    from search.index import reindex

    reindex("quote", [quote.pk])
    response = client.get("/search/", {"q": "zeppelin <b>"})
    assertNotContains(response, "<b>bold</b>")
    assertNotContains(response, "<script>alert(1)")
    assertContains(response, "“zeppelin &lt;b&gt;” · Search")
    assertContains(
        response,
        "<mark>Zeppelin</mark> &lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; "
        "<mark>zeppelin</mark>",
    )


def test_snippets_are_cut_at_word_boundaries(archive, client):
    page = parsed(client.get("/search/", {"q": "Stock", "kind": "source"}))
    elements = page.xpath("//p[@class='result__snippet']")
    assert elements
    for element in elements:
        assert "Stock" in element.xpath("mark/text()")
    # The snippet's words, marks taken out and white space folded as a reader sees it.
    snippets = [" ".join(element.text_content().split()) for element in elements]
    for snippet in snippets:
        words = snippet.removeprefix("… ").removesuffix(" …")
        assert not words.startswith(" ") and not words.endswith(" ")
    # Each cut falls between words: the text around it, in the report, is whole words.
    from conferences.models import SourceReport

    text = " ".join(
        " ".join(s.reading_text for s in SourceReport.objects.all()).split()
    )
    for snippet in snippets:
        inner = snippet.removeprefix("… ").removesuffix(" …")
        at = text.find(inner)
        assert at >= 0
        assert at == 0 or text[at - 1] == " "
        assert at + len(inner) == len(text) or text[at + len(inner)] == " "


@pytest.mark.parametrize("size", ["archive", "many_editions"])
def test_search_queries_do_not_grow_with_the_data(
    size, request, client, django_assert_max_num_queries
):
    """A search page costs two queries (counts, then the page), however many rows match."""
    request.getfixturevalue(size)
    with django_assert_max_num_queries(2):
        response = client.get("/search/", {"q": "generated"})
    assert response.status_code == 200
    with django_assert_max_num_queries(2):
        response = client.get("/search/", {"q": "Stock", "kind": "quote", "page": 1})
    assert response.status_code == 200
    # Nothing matches: on PostgreSQL, the nearest names, read with the page.
    with django_assert_max_num_queries(2):
        response = client.get("/search/", {"q": "Generatd"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query_string",
    [
        "q=Stock",
        "q=Stock&kind=quote&page=3",
        "page=2&q=Jürgen+Stock&kind=quote&kind=person",
        "q=a%26b%3Dc+%2B&edition_min=17&edition_max=",
        "",
    ],
)
def test_the_pages_links_keep_the_parameters_as_querydict_writes_them(query_string):
    """with_parameters() writes what a changed copy of the QueryDict writes (the pager's
    and the kinds' links)."""
    from django.http import QueryDict

    from search.views import with_parameters

    query = QueryDict(query_string)
    for changes in ({"kind": "topic", "page": None}, {"kind": None}, {"page": 4}):
        expected = query.copy()
        for name, value in changes.items():
            if value is None:
                expected.pop(name, None)
            else:
                expected[name] = value
        assert with_parameters(query, **changes) == f"?{expected.urlencode()}"


def test_the_forms_words_are_in_each_pages_language(archive, client):
    """The form's labels and the kinds' names, translated once per language, follow
    each page's language whichever page came first."""
    from django.utils import translation

    from search.forms import SearchForm

    for prefix, language in [("/fr", "fr"), ("", "en"), ("/ar", "ar"), ("/fr", "fr")]:
        page = parsed(client.get(f"{prefix}/search/", {"q": "Haechi"}))
        with translation.override(language):
            fields = SearchForm.base_fields
            assert page.xpath("string(//label[@for='search-q'])") == str(
                fields["q"].label
            )
            assert page.xpath("string(//p[@id='search-q-help'])") == str(
                fields["q"].help_text
            )
            assert page.xpath("//select[@id='search-kind']/option/text()") == [
                str(label) for _value, label in fields["kind"].choices
            ]
            summary = page.xpath("string(//p[@class='search-summary'])")
            assert f"{str(SearchEntry.Kind.EDITION.label).lower()} (1)" in summary


def test_search_forms_share_their_fields_not_their_data_or_errors():
    """Every search form reads the same fields (SharedFields), never changed: one
    form's data and errors are its own."""
    from search.forms import SearchForm

    bad = SearchForm({"q": "Stock", "kind": "bogus", "edition_min": "x"})
    good = SearchForm({"q": "Lyon", "kind": "quote", "edition_min": "3"})
    assert bad.fields is good.fields is SearchForm.base_fields
    assert not bad.is_valid()
    assert set(bad.errors) == {"kind", "edition_min"}
    assert good.is_valid(), good.errors
    assert good.cleaned_data["kind"] == "quote"
    assert good.cleaned_data["edition_min"] == 3
    assert SearchForm({"q": "Lyon"}).is_valid()


def test_edition_titles_are_in_each_pages_language(archive, client):
    """Edition titles, written once per edition and language, follow the page's."""
    for prefix, title in [
        ("", "19th Heads of NCB Conference (2024)"),
        ("/fr", "19e "),
        ("", "19th Heads of NCB Conference (2024)"),
    ]:
        page = parsed(client.get(f"{prefix}/search/", {"q": "Lyon", "kind": "edition"}))
        titles = page.xpath("//h2[@class='result__title']/a/text()")
        assert any(t.startswith(title) for t in titles), titles


@pytest.mark.parametrize(
    "params, selected",
    [
        ({"q": "Stock", "kind": "quote"}, ["quote"]),
        ({"q": "Stock"}, []),
        ({"q": "Stock", "kind": ""}, [""]),
        ({"q": "Stock", "kind": "bogus"}, []),
        ({}, []),
    ],
)
def test_the_kind_box_selects_the_asked_kind(archive, client, params, selected):
    page = parsed(client.get("/search/", params))
    options = page.xpath("//select[@id='search-kind']/option")
    assert [o.get("value") for o in options] == ["", *SearchEntry.Kind.values]
    assert [o.get("value") for o in options if o.get("selected") is not None] == (
        selected
    )


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_kinds_links_are_the_templates(language, settings):
    """kind_links() writes what the template's loop wrote, counts localized."""
    from django.template import Context, Template
    from django.utils import translation

    from search.views import kind_links

    settings.USE_THOUSAND_SEPARATOR = True
    kinds = [
        ("editions", 1234567, "?q=a&kind=edition", False),
        ("quotes <&>", 3, '?q="x"&kind=quote', True),
    ]
    loop = Template(
        '{% for label, count, url, current in kinds %} <a href="{{ url }}"'
        '{% if current %} aria-current="true"{% endif %}>{{ label }} ({{ count }})</a>'
        "{% endfor %}"
    )
    with translation.override(language):
        assert kind_links(kinds) == loop.render(Context({"kinds": kinds}))
