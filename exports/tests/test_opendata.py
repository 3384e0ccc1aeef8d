"""The whole published archive as open data: the package validates, drafts stay out."""

import csv
import hashlib
import io
import json
import zipfile

import lxml.html
import pytest

from exports.cells import csv_text
from exports.opendata import TABLES

pytestmark = pytest.mark.django_db

TABLE_FILES = [f"{table.name}.csv" for table in TABLES]


# Slow: frictionless reads every table against its schema (over a second), and importing
# it takes most of another. The quick loop keeps the tables' contents (below) and the
# zip's files; CI validates.
@pytest.mark.slow
def test_data_package_validates_with_frictionless(archive, client, tmp_path):
    """Every file the package lists downloads, matches its checksum and its schema."""
    from frictionless import validate

    descriptor = client.get("/data/datapackage.json")
    assert descriptor["Content-Type"] == "application/json; charset=utf-8"
    package = json.loads(descriptor.content)
    (tmp_path / "datapackage.json").write_bytes(descriptor.content)
    for resource in package["resources"]:
        content = client.get(f"/data/{resource['path']}").content
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
        (tmp_path / resource["path"]).write_bytes(content)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(
        ["resourceName", "rowNumber", "fieldName", "type", "note"]
    )
    assert [r["path"] for r in package["resources"]] == [*TABLE_FILES, "archive.json"]
    assert package["version"] and package["created"]
    assert package["licenses"][0]["name"] == "ODC-By-1.0"
    assert package["sources"]


def unzip_the_package(client, target) -> None:
    response = client.get("/data/ncb-conference-archive.zip")
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive_zip:
        assert sorted(archive_zip.namelist()) == sorted(
            [*TABLE_FILES, "archive.json", "datapackage.json"]
        )
        archive_zip.extractall(target)


def test_the_zip_holds_the_same_files(archive, client, tmp_path):
    unzip_the_package(client, tmp_path)
    for name in [*TABLE_FILES, "archive.json", "datapackage.json"]:
        assert (tmp_path / name).read_bytes() == client.get(f"/data/{name}").content


@pytest.mark.slow  # frictionless, as above
def test_the_zipped_package_validates(archive, client, tmp_path):
    from frictionless import Package, validate

    unzip_the_package(client, tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])
    assert len(Package(str(tmp_path / "datapackage.json")).resources) == len(TABLES) + 1


def rows(client, name) -> list[dict]:
    response = client.get(f"/data/{name}.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_tables_hold_the_published_archive(archive, client):
    editions = rows(client, "editions")
    assert [row["edition"] for row in editions] == [
        "10",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "20",
    ]
    assert editions[-1]["start_date"] == "2025-02-11"
    assert {row["name"] for row in rows(client, "people")} >= {"Valdecy Urquiza"}
    quotes = rows(client, "quotes")
    assert len(quotes) == 24
    assert all(row["source"] and row["excerpt"] is not None for row in quotes)
    document = json.loads(client.get("/data/archive.json").content)
    assert len(document["tables"]["quotes"]) == 24
    assert document["tables"]["editions"][-1]["edition"] == 20


def test_drafts_never_appear(archive, client):
    """An edition withdrawn for review leaves every table, the JSON and the package."""
    archive.get(edition=19).unpublish()
    assert "19" not in [row["edition"] for row in rows(client, "editions")]
    for name in ("appearances", "quotes", "topic_links", "key_figures", "citations"):
        assert "19" not in {row["edition"] for row in rows(client, name)}, name
    assert "003-78adaa81" not in {row["slug"] for row in rows(client, "sources")}
    document = json.loads(client.get("/data/archive.json").content)
    assert 19 not in [row["edition"] for row in document["tables"]["editions"]]


def test_csv_cells_cannot_start_a_formula(archive, client):
    """A text that a spreadsheet would run gets a leading apostrophe in the CSV only."""
    topic = archive.get(edition=20).topic_links.first().topic
    topic.description = '=HYPERLINK("http://example.com","x")'
    topic.save()
    (row,) = [r for r in rows(client, "topics") if r["slug"] == topic.slug]
    assert row["description"] == '\'=HYPERLINK("http://example.com","x")'
    document = json.loads(client.get("/data/archive.json").content)
    (plain,) = [r for r in document["tables"]["topics"] if r["slug"] == topic.slug]
    assert plain["description"] == '=HYPERLINK("http://example.com","x")'


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_quoted(text):
    assert csv_text(text) == "'" + text


def test_unknown_file_is_not_found(archive, client):
    assert client.get("/data/nothing.csv").status_code == 404
    assert client.get("/data/editions.xlsx").status_code == 404


def test_data_page_lists_every_table(archive, client):
    response = client.get("/data/")
    content = response.content.decode()
    for name in TABLE_FILES:
        assert f'href="/data/{name}"' in content
    assert 'href="/data/datapackage.json"' in content


def test_data_page_in_french_links_the_same_files(archive, client):
    """The open-data page is a reader's page in every language; its files are not."""
    response = client.get("/fr/data/")
    page = lxml.html.fromstring(response.content)
    assert page.xpath("string(//h1)") == "Données ouvertes"
    rows = {
        row.xpath("string(th)"): row.xpath("string(td[1])")
        for row in page.xpath("//table//tbody/tr")
    }
    assert rows["editions.csv"] == (
        "Les sessions publiées de la Conférence des chefs de BCN."
    )
    assert page.xpath("//th/a[. = 'editions.csv']/@href") == ["/data/editions.csv"]
    assert page.xpath("//main//a[@lang='en']/text()") == [
        "Open Data Commons Attribution License v1.0"
    ]
    lede = " ".join(page.xpath("string(//p[@class='lede'])").split())
    assert lede.startswith("L’ensemble des archives publiées, dans leur état actuel")
    # The package itself describes the tables in English, for programs.
    descriptor = client.get("/data/datapackage.json").json()
    assert descriptor["resources"][0]["description"] == (
        "The published editions of the Heads of NCB Conference."
    )
    assert "/fr/data/" in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize("size", ["archive", "many_editions"])
@pytest.mark.parametrize(
    ("url", "bound"),
    [
        ("/data/", len(TABLES) + 1),
        ("/data/datapackage.json", len(TABLES) + 1),
        ("/data/ncb-conference-archive.zip", len(TABLES) + 1),
        ("/data/quotes.csv", 1),
        ("/calendar.ics", 2),
        ("/editions/20/cite.bib", 3),
    ],
)
def test_export_queries_do_not_grow_with_the_data(
    url, bound, size, request, client, django_assert_max_num_queries
):
    """One query a table (and one for the archive's date), for five editions or 205."""
    request.getfixturevalue(size)
    with django_assert_max_num_queries(bound):
        response = client.get(url)
    assert response.status_code == 200


def test_corrections_are_a_table_of_the_package(archive, client):
    """A recorded correction is in corrections.csv and the JSON; the package still validates."""
    from conferences.models import Conference, record_correction

    record_correction(
        Conference.objects.get(edition=20),
        field="delegates",
        new_value="311",
        reason="A misprint in the release",
        source_wrong=True,
        evidence="The organisers' list counts 311.",
    )
    (row,) = rows(client, "corrections")
    assert (row["edition"], row["field"], row["old_value"], row["new_value"]) == (
        "20",
        "delegates",
        "310",
        "311",
    )
    assert row["source_wrong"] == "true"
    document = json.loads(client.get("/data/archive.json").content)
    assert [c["new_value"] for c in document["tables"]["corrections"]] == ["311"]


def test_interpols_membership_is_a_table_of_the_package(archive, client):
    """Each membership figure is a row naming the records (rows of sources) it cites."""
    table = rows(client, "membership")
    assert [(r["effective_on"], r["members"], r["kind"]) for r in table][-2:] == [
        ("2023-11-28", "196", "change"),
        ("2025-11-25", "196", "statement"),
    ]
    palau = table[-2]
    assert palau["admitted"] == "Palau"
    assert palau["source"] == "securengin-2023-11-29-palau"
    assert palau["date_source"] == "interpol-fr-2023-11-28-palau"
    assert palau["date_reasoning"].startswith("INTERPOL's French release")
    sources = {r["slug"] for r in rows(client, "sources")}
    assert {r["source"] for r in table} <= sources
    assert {r["date_source"] for r in table} - {""} <= sources
