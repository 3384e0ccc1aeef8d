"""Delegations: a country's delegation to an edition, in its source's words, shown on the
edition's page, marked in its source, served by the API and the open data, and refused by
the loader when its words are not the source's."""

import csv
import io
import shutil

import lxml.html
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from conferences.models import Delegation

pytestmark = pytest.mark.django_db

RUSSIA = (
    "The Russian Federation was represented by an interdepartmental delegation of the "
    "Ministry of Internal Affairs of the Russian Federation and the Investigative "
    "Committee of the Russian Federation."
)


def section(client, edition: int):
    document = lxml.html.fromstring(client.get(f"/editions/{edition}/").content)
    [heading] = document.xpath("//h2[@id='delegations-title']")
    return heading.getparent()


def test_report_002s_russian_delegation_is_on_the_14th_page(archive, client):
    """The 14th: Russia's interdepartmental delegation, in report 002's words, with the
    excerpt and a link to the words in the report."""
    delegation = Delegation.objects.get(conference__edition=14)
    [item] = section(client, 14).xpath(".//li")
    assert item.get("id") == f"delegation-{delegation.pk}"
    assert item.xpath("string(.//*[@class='delegation__country'])") == (
        "Russian Federation"
    )
    assert item.xpath("string(.//*[@class='delegation__description'])") == (
        "an interdepartmental delegation of the Ministry of Internal Affairs of the "
        "Russian Federation and the Investigative Committee of the Russian Federation"
    )
    assert item.xpath("string(.//blockquote)") == f"“{RUSSIA}”"
    [link] = item.xpath(".//*[@class='provenance__source']/a")
    assert link.get("href") == f"/sources/002-9a73c12c/#cite-delegation-{delegation.pk}"


def test_the_report_marks_the_delegations_words(archive, client):
    """The report's page marks the sentence and names the delegation in its notes."""
    delegation = Delegation.objects.get(conference__edition=14)
    page = client.get("/sources/002-9a73c12c/").content.decode()
    document = lxml.html.fromstring(page)
    [anchor] = document.xpath(f"//*[@id='cite-delegation-{delegation.pk}']")
    assert "interdepartmental delegation" in anchor.getparent().text_content()
    assert "Russian Federation delegation" in document.text_content()
    assert f'href="/editions/14/#delegation-{delegation.pk}"' in page


def test_delegations_public_records_name_are_cited_to_them(archive, client):
    """The 17th's U.S. delegation and the 19th's Indian one come from public records:
    each cites its record, which the sidebar lists; the 17th's report names Zimbabwe."""
    items = section(client, 17).xpath(".//li")
    assert [i.xpath("string(.//*[@class='delegation__country'])") for i in items] == [
        "Zimbabwe",
        "U.S.",
    ]
    links = [i.xpath(".//*[@class='provenance__source']/a/@href")[0] for i in items]
    assert links[0].startswith("/sources/004-fada1dbf/#cite-delegation-")
    assert links[1].startswith(
        "/sources/doj-interpol-washington-17th/#cite-delegation-"
    )
    document = lxml.html.fromstring(client.get("/editions/17/").content)
    records = document.xpath("//ul[contains(@class, 'source-list--records')]//a/@href")
    assert "/sources/doj-interpol-washington-17th/" in records
    [india] = section(client, 19).xpath(".//li")
    assert "A delegation from India attended the 19th" in india.text_content()
    toc = document.xpath(
        "//nav[@aria-labelledby='toc-title']//a[@href='#delegations-title']"
    )
    assert toc and toc[0].getnext().text == "2"


def test_an_edition_without_delegations_has_no_such_section(archive, client):
    document = lxml.html.fromstring(client.get("/editions/20/").content)
    assert not document.xpath("//h2[@id='delegations-title']")


def test_the_api_gives_an_editions_delegations_with_their_words(archive, client):
    body = client.get("/api/v1/conferences/14/").json()
    assert body["delegations"] == [
        {
            "country": "Russian Federation",
            "description": (
                "an interdepartmental delegation of the Ministry of Internal Affairs "
                "of the Russian Federation and the Investigative Committee of the "
                "Russian Federation"
            ),
            "source": "002-9a73c12c",
            "excerpt": RUSSIA,
        }
    ]
    rows = client.get("/api/v1/delegations/", {"edition": 17}).json()["results"]
    assert [(r["country"], r["source"]) for r in rows] == [
        ("Zimbabwe", "004-fada1dbf"),
        ("U.S.", "doj-interpol-washington-17th"),
    ]
    assert client.get("/api/v1/conferences/11/").json()["delegations"] == []


def test_the_open_data_has_a_delegations_table(archive, client):
    response = client.get("/data/delegations.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["edition"], r["country"]) for r in rows] == [
        ("14", "Russian Federation"),
        ("17", "Zimbabwe"),
        ("17", "U.S."),
        ("19", "India"),
    ]
    assert rows[0]["excerpt"] == RUSSIA


@pytest.fixture
def fixtures_copy(tmp_path):
    target = tmp_path / "fixtures"
    shutil.copytree(settings.ARCHIVE_FIXTURES_DIR, target)
    return target


def test_the_loader_refuses_words_that_are_not_the_excerpts(archive, fixtures_copy):
    """A delegation's country must be words of its excerpt: the load stops, whole."""
    report = fixtures_copy / "reports" / "002-14th-edition.yaml"
    report.write_text(
        report.read_text().replace("country: Russian Federation", "country: Russia", 1)
    )
    with pytest.raises(CommandError) as error:
        call_command("load_archive", fixtures_dir=fixtures_copy)
    assert str(error.value) == (
        "Nothing was loaded: 002-14th-edition.yaml delegations[0]: delegation: "
        "country: These words are not in the excerpt: copy them from it."
    )
    assert not Delegation.objects.filter(country="Russia").exists()


def test_a_delegation_from_records_needs_its_record(archive, fixtures_copy):
    series = fixtures_copy / "series.yaml"
    series.write_text(
        series.read_text().replace(
            "country: India\n        record: fpj-2024-05-03-19th\n", "country: India\n"
        )
    )
    with pytest.raises(
        CommandError,
        match=r"series.yaml editions.19 delegations\[0\]: missing 'record'",
    ):
        call_command("load_archive", fixtures_dir=fixtures_copy)
