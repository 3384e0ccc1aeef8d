"""The people pages: the list, and a person's offices, editions and words."""


import lxml.html
import pytest
from pytest_django.asserts import assertInHTML

from speakers.models import Quote

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


def parsed(response) -> lxml.html.HtmlElement:
    """Return the page parsed by lxml."""
    return lxml.html.fromstring(response.content.decode())


def markup(element) -> str:
    """Return an element of a parsed page as HTML."""
    return lxml.html.tostring(element, encoding="unicode")


@pytest.mark.parametrize("size", ["archive", "many_editions"])
@pytest.mark.parametrize(
    ("url", "bound"), [("/people/", 2), ("/people/jurgen-stock/", 4)]
)
def test_people_pages_queries_do_not_grow_with_the_data(
    url, bound, size, request, client, django_assert_max_num_queries
):
    """The list and a person page run the same queries for 6 people and for 206."""
    request.getfixturevalue(size)
    with django_assert_max_num_queries(bound):
        response = client.get(url)
    assert response.status_code == 200


def test_person_list_shows_offices_and_editions_attended(archive, client):
    """Everyone is listed by name with their terms of office and count of editions."""
    page = parsed(client.get("/people/"))
    names = page.xpath(
        "//*[@class='card__title']/a[starts-with(@href, '/people/')]/text()"
    )
    assert names == [
        "Ahmed Naser Al-Raisi",
        "Aleksandr Prokopchuk",
        "Jürgen Stock",
        "Kim Jong Yang",
        "Lucas Philippe",
        "Meng Hongwei",
        "Mireille Ballestrazzi",
        "Valdecy Urquiza",
    ]
    [stock] = page.xpath("//li[@class='card'][.//a[@href='/people/jurgen-stock/']]")
    assertInHTML("<li>INTERPOL Secretary General (2014–2024)</li>", markup(stock))
    # The 18th from its record; the 16th from a record, inferred to be the 16th.
    assertInHTML('<p class="card__count">5 editions</p>', markup(stock))


def test_person_page_shows_offices_over_time_editions_and_quotes(archive, client):
    """A person page gives terms of office, editions attended in order, and their words."""
    response = client.get("/people/jurgen-stock/")
    page = text_of(response)
    assert '<h1 lang="en">Jürgen Stock</h1>' in page
    assert 'Also written: <span lang="en">Dr Jürgen Stock</span>' in page
    assert (
        '<span class="tenures__dates">7 November 2014 – 7 November 2024</span>' in page
    )
    assert "Appointed by INTERPOL&#x27;s 83rd General Assembly, Monaco" in page
    editions = parsed(response).xpath("//ol[@class='attended']/li/a/@href")
    assert editions == [f"/editions/{n}/" for n in (15, 16, 17, 18, 19)]
    quotes = Quote.objects.filter(person__slug="jurgen-stock")
    assert page.count('class="quote quote--') == quotes.count()
    quote = quotes.get(text__startswith="Each piece of information")
    assert f'id="quote-{quote.pk}"' in page
    groups = parsed(response).xpath("//h3[@class='quote-group']/a/@href")
    assert groups == [f"/editions/{n}/" for n in (15, 17, 19)]
    assert f'<a class="permalink" href="/editions/19/#quote-{quote.pk}"' in page


def test_person_page_groups_two_roles_at_one_edition(archive, client):
    """Someone in two roles at one edition has that edition once, with both roles."""
    [element] = parsed(client.get("/people/aleksandr-prokopchuk/")).xpath(
        "//ol[@class='attended']"
    )
    assert len(element.xpath("li")) == 1
    attended = " ".join(markup(element).split())
    assert 'as <q lang="en">Interpol vice-president from Europe</q>' in attended
    assert (
        'as <q lang="en">Chief of the National Central Bureau of Interpol (Russian Federation)</q>'
        in attended
    )


def test_person_page_of_someone_unknown_is_a_404(archive, client):
    """An unknown slug is a 404."""
    assert client.get("/people/nobody/").status_code == 404


def test_person_page_gives_the_country_and_the_term_from_cited_records(archive, client):
    """A nationality and a term's end each quote the public record they come from."""
    page = text_of(client.get("/people/ahmed-naser-al-raisi/"))
    assert (
        'Country: <span class="nationality__value" lang="en">United Arab Emirates</span>'
        in page
    )
    assert (
        "Ahmed Nasser Al-Raisi from the United Arab Emirates (UAE) was elected" in page
    )
    assert 'href="/sources/xinhua-2021-11-25-al-raisi/"' in page
    assert (
        '<span class="tenures__dates">25 November 2021 – 27 November 2025</span>'
        in page
    )
    assert "dont le mandat est arrivé à son terme" in page
    assert 'href="/sources/atlasinfo-2025-11-27-philippe/"' in page


def test_a_term_whose_day_no_record_gives_ends_in_a_year(archive, client):
    """Prokopchuk's vice-presidency ends in 2019: the records give the year, not the day."""
    page = text_of(client.get("/people/aleksandr-prokopchuk/"))
    assert (
        '<span class="tenures__dates">10 November 2016 – 2019 '
        '<span class="note">(day not recorded)</span></span>' in page
    )
    assert "Его мандат истекает в 2019 году" in page
    assert 'Country: <span class="nationality__value" lang="en">Russia</span>' in page
    # Head of the Moscow bureau since 2011: the year alone.
    assert '<span class="tenures__dates">2011 – no recorded end</span>' in page


def test_person_page_shows_the_other_offices_records_name(archive, client):
    """Kim's Seoul bureau and vice-presidency for Asia, Stock's BKA, each with the
    record's words; a post named without dates says so rather than guessing them."""
    document = lxml.html.fromstring(client.get("/people/kim-jong-yang/").content)
    offices = [
        (
            " ".join(li.xpath("string(.//*[@class='tenures__office'])").split()),
            " ".join(li.xpath("string(.//*[@class='tenures__dates'])").split()),
        )
        for li in document.xpath("//ol[@class='tenures']/li")
    ]
    assert offices == [
        ("Head of INTERPOL's National Central Bureau in Seoul", "2011 – 2012 (day not recorded)"),
        ("INTERPOL Vice-President for Asia", "2015 – no recorded end"),
        ("Acting INTERPOL President", "7 October 2018 – 21 November 2018"),
        ("INTERPOL President", "21 November 2018 – 25 November 2021"),
    ]  # fmt: skip
    [seoul] = document.xpath("//ol[@class='tenures']/li[1]")
    assert (
        "was Head of INTERPOL’s National Central Bureau in Seoul from 2011 to 2012."
        in seoul.xpath("string(.//blockquote)")
    )
    assert seoul.xpath(".//a/@href")[0] == "/sources/indiablooms-2018-11-21-kim/"
    stock = text_of(client.get("/people/jurgen-stock/"))
    assert "Stock has been vice president of Germany&#x27;s criminal police" in stock
    urquiza = lxml.html.fromstring(client.get("/people/valdecy-urquiza/").content)
    [commissioner] = urquiza.xpath("//ol[@class='tenures']/li[last()]")
    assert " ".join(
        commissioner.xpath("string(.//*[@class='tenures__dates'])").split()
    ) == ("dates not recorded")
    people = text_of(client.get("/people/"))
    assert '<span lang="en">Federal Police Commissioner (Brazil)</span></li>' in people
