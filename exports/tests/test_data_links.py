"""Every page that shows a list or a record links to the same data as JSON and CSV."""

import pytest
from lxml import html

pytestmark = pytest.mark.django_db

PAGES = {
    "/": "/api/v1/conferences/",
    "/editions/": "/api/v1/conferences/",
    "/editions/20/": "/api/v1/conferences/20/",
    "/people/": "/api/v1/people/",
    "/people/jurgen-stock/": "/api/v1/people/jurgen-stock/",
    "/topics/": "/api/v1/topics/",
    "/topics/cybercrime/": "/api/v1/topics/cybercrime/",
    "/sources/": "/api/v1/sources/",
    "/sources/003-78adaa81/": "/api/v1/sources/003-78adaa81/",
    "/trends/": "/api/v1/stats/attendance/",
}


@pytest.mark.parametrize(("page_url", "api_url"), PAGES.items())
def test_page_links_its_data_as_json_and_csv(archive, client, page_url, api_url):
    """The links in the page and in its head lead to the API, which answers both."""
    page = html.fromstring(client.get(page_url).content)
    (links,) = page.find_class("data-links")
    hrefs = [a.get("href") for a in links.iter("a")]
    assert hrefs == [api_url, f"{api_url}?format=csv", "/data/"]
    head = {
        link.get("type"): link.get("href")
        for link in page.xpath("//head/link[@rel='alternate']")
    }
    assert head["application/json"] == api_url
    assert head["text/csv"] == f"{api_url}?format=csv"
    json_response = client.get(api_url)
    assert json_response.status_code == 200
    assert json_response["Content-Type"] == "application/json"
    csv_response = client.get(f"{api_url}?format=csv")
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"


def test_api_csv_cells_cannot_start_a_formula(archive, client):
    """The API's CSV uses the same guard as the data package (exports.cells)."""
    topic = archive.get(edition=20).topic_links.first().topic
    topic.description = "@SUM(A1:A9)"
    topic.save()
    content = client.get(f"/api/v1/topics/{topic.slug}/?format=csv").content.decode()
    assert "'@SUM(A1:A9)" in content
    assert client.get(f"/api/v1/topics/{topic.slug}/").json()["description"] == (
        "@SUM(A1:A9)"
    )
