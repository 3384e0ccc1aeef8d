"""The trends page: charts drawn on the server, each with a table, and their layout."""

from datetime import date

import lxml.html
import pytest
from pytest_django.asserts import assertInHTML

from stats.charts import Bar, bar_chart, nice_step

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


def parsed(response) -> lxml.html.HtmlElement:
    """Return the page parsed by lxml (the charts' inline SVG included)."""
    return lxml.html.fromstring(response.content.decode())


def markup(element) -> str:
    """Return an element of a parsed page as HTML."""
    return lxml.html.tostring(element, encoding="unicode")


def table_captioned(page, caption: str):
    [table] = page.xpath(f"//table[caption[normalize-space()='{caption}']]")
    return table


def hrefs(element, prefix: str) -> list[str]:
    """Return what follows the prefix in the element's links that start with it."""
    return [
        href.removeprefix(prefix).rstrip("/")
        for href in element.xpath(f".//a[starts-with(@href, '{prefix}')]/@href")
    ]


@pytest.mark.parametrize("size", ["archive", "many_editions"])
def test_trends_queries_do_not_grow_with_the_data(
    size, request, client, django_assert_max_num_queries
):
    """The trends page runs the same queries for five editions and for 205."""
    request.getfixturevalue(size)
    # +1: INTERPOL's membership figures (with their records).
    with django_assert_max_num_queries(7):
        response = client.get("/trends/")
    assert response.status_code == 200


def test_trends_draw_delegates_and_countries_with_a_table(archive, client):
    """Each edition has a bar with its value; an edition without a count says n/a."""
    response = client.get("/trends/")
    page = text_of(response)
    assert "<title>Edition 20: 310 delegates</title>" in page
    assert "<title>Edition 19: 136 countries</title>" in page
    # The 12th's record and the 17th's report give no counts: n/a in each of the two charts.
    assert page.count(">n/a</text>") == 4
    # Editions the archive holds nothing of (1st–9th, 11th) are gaps on the axis, not skipped.
    assert page.count(">·</text>") == 20
    assert (
        "<title>Edition 11: the archive holds no report or record of it</title>" in page
    )
    assert "<title>Edition 16: 300 delegates (inferred)</title>" in page
    table = table_captioned(parsed(response), "Delegates and countries per edition")
    [row] = table.xpath(".//tr[@id='trend-14']")
    assertInHTML('<a href="/editions/14/">14th</a>', markup(row))
    cells = row.xpath("td")
    year = cells.index(row.xpath("td[@data-label='Year']")[0])
    assert [markup(cell) for cell in cells[year : year + 3]] == [
        '<td data-label="Year">2018</td>',
        '<td class="num" data-label="Delegates">295</td>',
        '<td class="num" data-label="Countries">145</td>',
    ]
    members = cells[year + 3]
    assert (members.get("class"), members.get("data-label")) == ("num", "Members")
    assert members.text == "192 "
    assert members[0].tag == "span"
    assert members[0].get("class") == "badge badge--inferred"
    assertInHTML(
        '<td class="num" data-label="Delegates">not reported</td>', markup(table)
    )
    [gap] = table.xpath(".//tr[@id='trend-11']")
    assert "No report or public record of this edition." in " ".join(
        gap.text_content().split()
    )
    [online] = table.xpath(".//tr[@id='trend-16']")
    assert "Records only" in online.xpath(".//span/text()")
    # Year, delegates, countries.
    assert online.xpath(".//span/text()").count("Inferred") == 3


def test_trends_show_topics_across_editions_as_a_matrix(archive, client):
    """The topic matrix has a row a topic and a column an edition, marking discussions."""
    [matrix] = parsed(client.get("/trends/")).xpath(
        "//table[@class='data-table matrix']"
    )
    header = [
        href.removeprefix("/editions/").rstrip("/")
        for href in matrix.xpath(".//*[@class='matrix__edition']/a/@href")
    ]
    assert header == ["10", "12", "13", "14", "15", "16", "17", "18", "19", "20"]
    [row] = matrix.xpath(".//tr[th/a[@href='/topics/cybercrime/' and .='Cybercrime']]")
    cells = [
        said
        for said in row.xpath("td//span[@class='visually-hidden']/text()")
        if said in ("Discussed", "Not discussed")
    ]
    assert cells == [
        "Discussed" if edition in ("15", "17", "20") else "Not discussed"
        for edition in header
    ]


def test_trends_show_who_led_interpol_at_each_edition(archive, client):
    """The leadership timeline names the President and Secretary General at each edition.

    The 14th edition's report does not name the Secretary General: Jürgen Stock's term of
    office fills the gap, and the table says so.
    """
    response = client.get("/trends/")
    page = text_of(response)
    table = table_captioned(
        parsed(response), "INTERPOL President and Secretary General at each edition"
    )
    rows = {
        hrefs(row, "/editions/")[0]: hrefs(row, "/people/")
        for row in table.xpath(".//tr[not(@*)]")[1:]
    }
    assert list(rows) == [str(n) for n in range(1, 21)]
    assert all(rows[str(n)] == [] for n in [*range(1, 10), 11])
    assert rows["10"] == [
        "mireille-ballestrazzi"
    ]  # no record names the Secretary General
    assert rows["14"] == ["meng-hongwei", "jurgen-stock"]
    assert rows["15"] == ["kim-jong-yang", "jurgen-stock"]
    # The Gibraltar record names who opened "this year's conference", taken to be the
    # 16th: Kim and Stock, each flagged inferred, not "not known".
    assert rows["16"] == ["kim-jong-yang", "jurgen-stock"]
    [sixteenth] = table.xpath(".//tr[th/a[@href='/editions/16/']]")
    assert len(sixteenth.xpath(".//*[@class='badge badge--inferred']")) == 3  # year too
    assert rows["18"] == ["ahmed-naser-al-raisi", "jurgen-stock"]
    assert rows["20"] == ["ahmed-naser-al-raisi", "valdecy-urquiza"]
    assert page.count(">from terms of office</span>") == 3
    tree = parsed(response)
    assert tree.xpath("//*[local-name()='title'][.='President: Kim Jong Yang (inferred)']")
    assert tree.xpath("//*[local-name()='text'][.='Al-Raisi']")


def test_leadership_bars_shorten_names_to_the_family_name(archive, client):
    """A one-edition bar is too narrow for a full name: it shows the short name (Kim, not Yang)."""
    page = parsed(client.get("/trends/"))
    names = page.xpath("//text[@class='chart__segment-name']/text()")
    # With every edition from the 1st on the axis, one-edition bars are too narrow for any
    # name: only Meng's two editions, Al-Raisi's four and Stock's runs are named (the 16th,
    # where he is inferred, splits Stock's run in two).
    assert names == ["Meng", "Al-Raisi", "Stock", "Stock"]


def test_bar_chart_scales_bars_to_round_ticks():
    """Bars are scaled to a top tick that is a round number above the largest value."""
    chart = bar_chart([Bar("1", 310), Bar("2", None), Bar("3", 150)])
    assert [t.value for t in chart.ticks] == [0, 100, 200, 300, 400]
    tallest, missing, shorter = chart.bars
    assert tallest.height == pytest.approx(
        (chart.baseline - chart.plot_top) * 310 / 400
    )
    assert missing.height == 0
    assert shorter.y > tallest.y
    assert [nice_step(n) for n in (0, 7, 310, 196, 8_000_000_000)] == [
        1,
        2,
        100,
        50,
        2_000_000_000,
    ]


def test_bar_chart_thins_out_labels_for_many_editions():
    """With hundreds of bars, one label in several is drawn and no values."""
    chart = bar_chart([Bar(str(n), n) for n in range(200)])
    assert sum(bar.show_label for bar in chart.bars) == 16
    assert not any(bar.show_value for bar in chart.bars)


def test_terms_of_office_cover_an_undated_edition_only_for_its_whole_year():
    """An edition known only by its year counts a term that spans the whole year."""
    from types import SimpleNamespace

    from stats.charts import held_on

    edition = SimpleNamespace(start_date=None, end_date=None, year=2022)
    whole = SimpleNamespace(started_on=date(2021, 11, 25), ended_on=None)
    partial = SimpleNamespace(started_on=date(2022, 6, 1), ended_on=None)
    assert held_on(whole, edition)
    assert not held_on(partial, edition)


def test_trends_have_list_forms_of_the_matrix_and_timeline_for_phones(archive, client):
    """Narrow screens get each topic with its editions, and each office's runs of holders
    with whole names (CSS picks the form; conferences/tests/test_phone_width.py checks it)."""
    page = parsed(client.get("/trends/"))
    [topic] = page.xpath(
        "//a[@class='matrix-list__topic' and @href='/topics/cybercrime/'"
        " and .='Cybercrime']"
    )
    [editions] = topic.xpath("following-sibling::ul[1]")
    assert hrefs(editions, "/editions/") == ["15", "17", "20"]
    runs = [
        (
            run.xpath("span[@class='leadership-runs__name']/text()")[0],
            run.xpath("span[@class='leadership-runs__editions']/text()")[0]
            + (" inferred" if run.xpath(".//*[.='Inferred']") else ""),
        )
        for run in page.xpath("//li[span[@class='leadership-runs__name']]")
    ]
    # The whole series: editions no source names a holder for say so; a holder named at
    # a meeting only inferred to be the edition is a run of its own, flagged.
    assert runs == [
        ("not known", "1st–9th"),
        ("Mireille Ballestrazzi", "10th"),
        ("not known", "11th–12th"),
        ("Meng Hongwei", "13th–14th"),
        ("Kim Jong Yang", "15th"),
        ("Kim Jong Yang", "16th inferred"),
        ("Ahmed Naser Al-Raisi", "17th–20th"),
        ("not known", "1st–11th"),
        ("Jürgen Stock", "12th–15th"),
        ("Jürgen Stock", "16th inferred"),
        ("Jürgen Stock", "17th–19th"),
        ("Valdecy Urquiza", "20th"),
    ]
