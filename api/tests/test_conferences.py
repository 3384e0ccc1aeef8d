"""The read API for editions, topics and source reports answers with the reports' facts."""

import csv
import io

import pytest

from conferences.models import Conference

pytestmark = pytest.mark.django_db

EDITIONS = "/api/v1/conferences/"


def editions(client, query=""):
    """Return the edition numbers a conferences list answers with."""
    response = client.get(f"{EDITIONS}?{query}")
    assert response.status_code == 200, response.content
    return [item["edition"] for item in response.json()["results"]]


def test_conference_list_gives_every_edition_number_in_order(client, archive):
    """The list holds every edition from the 1st to the latest, as the portal's list does:
    the editions the archive holds nothing of too, as gaps."""
    body = client.get(EDITIONS).json()
    assert body["count"] == 20
    assert body["next"] is None and body["previous"] is None
    assert [c["edition"] for c in body["results"]] == list(range(1, 21))
    basis = {c["edition"]: c["basis"] for c in body["results"]}
    assert [n for n, b in basis.items() if b == "records"] == [10, 12, 13, 16, 18]
    assert [n for n, b in basis.items() if b == "report"] == [14, 15, 17, 19, 20]
    assert [n for n, b in basis.items() if b == "none"] == [*range(1, 10), 11]


def test_a_gap_in_the_list_answers_as_its_detail_does(client, archive):
    """A gap in the list has the list's fields of its detail: its number, basis "none",
    `has_report` false, no facts, no leaders, topics or inferred values."""
    gap = client.get(EDITIONS).json()["results"][10]
    detail = client.get(f"{EDITIONS}11/").json()
    assert gap == {name: detail[name] for name in gap}
    assert gap == {
        "edition": 11,
        "year": None,
        "start_date": None,
        "end_date": None,
        "city": "",
        "country": "",
        "venue": "",
        "theme": "",
        "delegates": None,
        "countries": None,
        "member_countries": None,
        "format": "",
        "leaders": [],
        "topics": [],
        "inferred": [],
        "inferred_parts": {},
        "has_report": False,
        "basis": "none",
        "url": "http://testserver/api/v1/conferences/11/",
        "html_url": "http://testserver/editions/11/",
    }


def test_conference_list_item_has_the_20th_editions_facts(client, archive):
    """The 20th edition: 310 delegates from 150 countries, 2025 inferred, its leaders."""
    item = client.get(EDITIONS).json()["results"][-1]
    assert item == {
        "edition": 20,
        "year": 2025,
        "start_date": "2025-02-11",
        "end_date": "2025-02-13",
        "city": "Lyon",
        "country": "France",
        "venue": "",
        "theme": "",
        "delegates": 310,
        "countries": 150,
        "member_countries": 196,
        "format": "Panel-based discussions and regional roundtable sessions",
        "leaders": [
            {
                "name": "Ahmed Naser Al-Raisi",
                "slug": "ahmed-naser-al-raisi",
                "role": "INTERPOL President",
                "office": "INTERPOL President",
                "office_kind": "president",
                "inferred": False,
            },
            {
                "name": "Valdecy Urquiza",
                "slug": "valdecy-urquiza",
                "role": "INTERPOL Secretary General",
                "office": "INTERPOL Secretary General",
                "office_kind": "secretary_general",
                "inferred": False,
            },
        ],
        "topics": [
            {
                "name": "Artificial intelligence",
                "slug": "artificial-intelligence",
                "mention": "agenda",
            },
            {"name": "Cybercrime", "slug": "cybercrime", "mention": "agenda"},
            {
                "name": "Extremism and radicalization",
                "slug": "extremism-and-radicalization",
                "mention": "agenda",
            },
            {"name": "Gang violence", "slug": "gang-violence", "mention": "agenda"},
            {"name": "Virtual reality", "slug": "virtual-reality", "mention": "agenda"},
        ],
        "inferred": ["end_date", "start_date", "year"],
        # Day and month stated, the year inferred.
        "inferred_parts": {"end_date": "year", "start_date": "year", "year": "whole"},
        "has_report": True,
        "basis": "report",
        "url": "http://testserver/api/v1/conferences/20/",
        "html_url": "http://testserver/editions/20/",
    }


@pytest.mark.parametrize(
    "edition, year, delegates, countries, members, inferred, leaders",
    [
        (
            14,
            2018,
            295,
            145,
            192,
            # INTERPOL's release of 13 April 2018 states the year and the dates.
            ["member_countries"],
            ["meng-hongwei", "aleksandr-prokopchuk", "aleksandr-prokopchuk"],
        ),  # fmt: skip
        (
            15,
            2019,
            315,
            150,
            194,
            ["end_date", "member_countries", "start_date", "year"],
            ["kim-jong-yang", "jurgen-stock"],
        ),  # fmt: skip
        (
            17,
            2022,
            None,
            None,
            195,
            ["year"],
            ["ahmed-naser-al-raisi", "jurgen-stock"],
        ),  # fmt: skip
        (
            19,
            2024,
            321,
            136,
            196,
            # The Free Press Journal (3 May 2024) states "19th" and the dates.
            [],
            ["ahmed-naser-al-raisi", "jurgen-stock"],
        ),  # fmt: skip
        (
            20,
            2025,
            310,
            150,
            196,
            ["end_date", "start_date", "year"],
            ["ahmed-naser-al-raisi", "valdecy-urquiza"],
        ),  # fmt: skip
    ],
)
def test_each_edition_answers_with_its_reports_facts(
    client, archive, edition, year, delegates, countries, members, inferred, leaders
):
    """Each of the five reports' editions: counts, what is inferred, who led it."""
    body = client.get(f"{EDITIONS}{edition}/").json()
    assert (body["year"], body["delegates"], body["countries"]) == (
        year,
        delegates,
        countries,
    )
    assert body["member_countries"] == members
    assert body["inferred"] == inferred
    assert [leader["slug"] for leader in body["leaders"]] == leaders
    assert {c["field"] for c in body["citations"] if c["inferred"]} >= set(inferred)


def test_the_19th_editions_number_is_inferred_by_its_report_and_stated_by_a_record(
    client, archive
):
    """Report 003 gives no edition number (inferred, with why); a public record states it."""
    body = client.get(f"{EDITIONS}19/").json()
    assert body["inferred"] == []
    stated = next(
        c for c in body["citations"] if c["field"] == "edition" and not c["inferred"]
    )
    assert stated["source"] == "fpj-2024-05-03-19th"
    assert "the 19th INTERPOL Heads of NCB Conference at Lyon" in stated["excerpt"]
    assert (body["delegates"], body["countries"], body["member_countries"]) == (
        321,
        136,
        196,
    )
    edition = next(
        c for c in body["citations"] if c["field"] == "edition" and c["inferred"]
    )
    assert "fpj-2024-05-03-19th" in edition["evidence"]
    assert edition["source"] == "003-78adaa81"
    assert "this one is the 19th" in edition["reason"]
    stated = next(c for c in body["citations"] if c["field"] == "delegates")
    assert stated == {
        "field": "delegates",
        "source": "003-78adaa81",
        "excerpt": "321 police officials from 136 countries attending the conference",
        "inferred": False,
        "inferred_part": "",
        "reason": "",
        "evidence": [],
    }


def test_conference_detail_has_numeric_key_figures_and_sources(client, archive):
    """Key figures are numbers with their unit; the edition lists its report."""
    body = client.get(f"{EDITIONS}19/").json()
    assert {
        "label": "Messages exchanged by NCBs",
        "value": 18000000,
        "unit": "messages",
        "qualifier": "more_than",
        "period": "2023",
        "source": "003-78adaa81",
        "excerpt": "In 2023 alone, INTERPOL NCBs exchanged more than 18 million messages",
    } in body["key_figures"]
    assert [f["value"] for f in body["key_figures"]] == [
        5,
        300000000,
        34,
        18000000,
        8000000000,
        250,
    ]
    assert [s["slug"] for s in body["sources"]] == ["003-78adaa81"]
    assert body["round_tables"] == []


def test_conference_detail_has_the_quotes_of_its_report(client, archive):
    """The 20th edition's detail holds Al-Raisi's and Urquiza's four quotes, in order."""
    quotes = client.get(f"{EDITIONS}20/").json()["quotes"]
    assert [(q["person"]["slug"], q["edition"], q["kind"]) for q in quotes] == [
        ("ahmed-naser-al-raisi", 20, "direct"),
        ("ahmed-naser-al-raisi", 20, "direct"),
        ("valdecy-urquiza", 20, "direct"),
        ("valdecy-urquiza", 20, "direct"),
    ]
    assert quotes[0]["text"] == (
        "In today’s world, the importance of cross-border collaboration and data "
        "sharing cannot be over-stated."
    )


def test_unknown_editions_are_not_found_and_drafts_show_nothing(client, archive):
    """An edition past the latest is a 404; a draft answers as a gap, with none of its facts."""
    Conference.objects.filter(edition=17).update(status=Conference.Status.DRAFT)
    response = client.get(f"{EDITIONS}99/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No Conference matches the given query."}
    # Past the column's range too, and in the client's language (Django's message).
    huge = client.get(f"{EDITIONS}99999999/", headers={"accept-language": "fr"})
    assert huge.status_code == 404
    assert huge.json() == {
        "detail": "Aucun objet Conference ne correspond à cette requête."
    }
    # A filter the edition fails makes it a gap, as a filtered read does.
    filtered = client.get(f"{EDITIONS}20/?year_max=2000").json()
    assert (filtered["edition"], filtered["basis"]) == (20, "none")
    draft = client.get(f"{EDITIONS}17/").json()
    assert (draft["basis"], draft["city"], draft["citations"]) == ("none", "", [])
    listed = client.get(EDITIONS).json()["results"]
    assert [c["edition"] for c in listed] == list(range(1, 21))
    assert listed[16]["basis"] == "none"
    assert editions(client, "basis=report&basis=records") == [
        10, 12, 13, 14, 15, 16, 18, 19, 20
    ]  # fmt: skip


@pytest.mark.parametrize(
    "query, expected",
    [
        ("year=2019", [15]),
        ("year_min=2020", [16, 17, 18, 19, 20]),
        ("year_max=2019", [10, 12, 13, 14, 15]),
        ("year_min=2019&year_max=2022", [15, 16, 17]),
        ("topic=cybercrime", [15, 17, 20]),
        ("person=jurgen-stock", [15, 16, 17, 18, 19]),  # the 16th inferred
        ("person=aleksandr-prokopchuk", [14]),
        ("delegates_min=310", [15, 19, 20]),
        ("search=gateways", [14]),
        ("search=roundtable", [20]),  # in its format alone
        ("ordering=-delegates&delegates_min=1", [19, 15, 20, 10, 16, 14, 13, 18]),
        ("ordering=-edition&page_size=2", [20, 19]),
        # What the archive holds of each: a report, public records only, or nothing.
        ("basis=report", [14, 15, 17, 19, 20]),
        ("basis=records", [10, 12, 13, 16, 18]),
        ("basis=report&basis=records", [10, 12, 13, 14, 15, 16, 17, 18, 19, 20]),
        ("basis=none", [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]),
        ("basis=records&basis=none&ordering=-edition&page_size=4", [18, 16, 13, 12]),
        # A gap has no facts: it matches no filter, and comes last in a fact's order.
        ("basis=none&year_min=2000", []),
        ("topic=cybercrime&basis=none&basis=report", [15, 17, 20]),
        ("ordering=-delegates&page=2&page_size=8", [17, 12, 1, 2, 3, 4, 5, 6]),
        ("ordering=year&page=3&page_size=8", [7, 8, 9, 11]),
    ],
)
def test_conference_filters(client, archive, query, expected):
    """Editions filter by year, year range, topic, person, delegates and basis; search;
    order."""
    assert editions(client, query) == expected


@pytest.mark.parametrize(
    "query, status, body",
    [
        ("year=abc", 400, {"year": ["Enter a whole number."]}),
        (
            "delegates_min=-1",
            400,
            {"delegates_min": ["Ensure this value is greater than or equal to 0."]},
        ),  # fmt: skip
        ("topic=unknown", 400, {"topic": ["No topic has the slug “unknown”."]}),
        ("person=nobody", 400, {"person": ["No person has the slug “nobody”."]}),
        ("page=10&page_size=2", 200, None),
        ("page=11&page_size=2", 404, {"detail": "Invalid page."}),
        ("page=abc", 404, {"detail": "Invalid page."}),
        ("page_size=0", 400, {"page_size": ["Enter a whole number of 1 or more."]}),
        ("page_size=x", 400, {"page_size": ["Enter a whole number of 1 or more."]}),
    ],
)
def test_bad_conference_queries_say_what_is_wrong(client, archive, query, status, body):
    """A bad filter value is a 400 naming the parameter; a page past the end a 404."""
    response = client.get(f"{EDITIONS}?{query}")
    assert response.status_code == status
    if body is not None:
        assert response.json() == body


def test_page_size_is_chosen_by_the_client_up_to_a_maximum(client, many_editions):
    """`page_size` sets the page length, capped at 100."""
    assert len(editions(client, "page_size=3")) == 3
    body = client.get(f"{EDITIONS}?page_size=1000").json()
    assert body["count"] == 1199  # every number to the latest generated edition
    assert len(body["results"]) == 100
    assert body["next"] == "http://testserver/api/v1/conferences/?page=2&page_size=1000"


def test_conference_list_as_csv(client, archive):
    """`format=csv` gives one row an edition, nested lists joined by '; '."""
    response = client.get(f"{EDITIONS}?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["edition"] for row in rows] == [str(n) for n in range(1, 21)]
    assert rows[-1]["delegates"] == "310"
    assert rows[-1]["leaders"] == "Ahmed Naser Al-Raisi; Valdecy Urquiza"
    # The inferred values, and which part of each is inferred, as columns.
    assert rows[-1]["inferred"] == "end_date; start_date; year"
    assert rows[-1]["inferred_parts.start_date"] == "year"
    assert rows[-1]["inferred_parts.year"] == "whole"
    assert rows[-1]["basis"] == "report"
    assert rows[13]["basis"] == rows[18]["basis"] == "report"
    assert rows[17]["basis"] == "records"  # the 18th
    assert rows[16]["delegates"] == ""  # the 17th's report gives none
    # A gap: its number and basis, every fact empty.
    assert (rows[10]["basis"], rows[10]["has_report"]) == ("none", "False")
    assert rows[10]["year"] == rows[10]["city"] == rows[10]["delegates"] == ""
    # A nested object's columns stand together where its key does, whichever row
    # first has them (a gap has no inferred parts).
    header = next(csv.reader(io.StringIO(response.content.decode())))
    parts = [i for i, name in enumerate(header) if name.startswith("inferred_parts.")]
    assert parts == list(
        range(header.index("inferred") + 1, header.index("has_report"))
    )


@pytest.mark.parametrize(
    "url, name",
    [
        ("/api/v1/topics/?kind=", "kind"),
        ("/api/v1/citations/?field=", "field"),
        ("/api/v1/people/?role=", "role"),
        ("/api/v1/conferences/?basis=", "basis"),
    ],
)
def test_an_empty_value_of_an_enum_filter_is_a_400(client, archive, url, name):
    """`kind=` is not one of the documented choices: refused, not read as no filter."""
    response = client.get(url)
    assert response.status_code == 400
    [message] = response.json()[name]
    assert message.startswith("Choose one of: ")


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(client, archive):
    """Cells starting with =, +, -, @, tab or CR get a leading ' (OWASP CSV injection)."""
    Conference.objects.filter(edition=20).update(
        venue='=HYPERLINK("http://evil.example")', city="@SUM(A1)"
    )
    Conference.objects.filter(edition=19).update(venue="+1+1", city="-2+3")
    Conference.objects.filter(edition=17).update(venue="\tTab", city="\rReturn")
    response = client.get(f"{EDITIONS}?format=csv")
    rows = {
        row["edition"]: row
        for row in csv.DictReader(io.StringIO(response.content.decode()))
    }
    assert rows["20"]["venue"] == '\'=HYPERLINK("http://evil.example")'
    assert rows["20"]["city"] == "'@SUM(A1)"
    assert (rows["19"]["venue"], rows["19"]["city"]) == ("'+1+1", "'-2+3")
    assert (rows["17"]["venue"], rows["17"]["city"]) == ("'\tTab", "'\rReturn")
    assert rows["20"]["delegates"] == "310"  # numbers stay numbers


def test_csv_answers_name_their_file(client, archive):
    """Every CSV answer is an attachment with a file name taken from its path."""
    for url, name in (
        (f"{EDITIONS}?format=csv", "conferences.csv"),
        (f"{EDITIONS}19/?format=csv", "conferences-19.csv"),
        ("/api/v1/stats/attendance/?format=csv", "stats-attendance.csv"),
    ):
        response = client.get(url)
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert not client.get(EDITIONS).has_header("Content-Disposition")


def test_api_answers_carry_an_etag_and_304_when_unchanged(client, archive):
    """A GET has an ETag; sending it back as If-None-Match gives an empty 304."""
    for url in (EDITIONS, f"{EDITIONS}20/", "/api/v1/topics/cybercrime/"):
        first = client.get(url)
        etag = first["ETag"]
        assert etag
        again = client.get(url, headers={"if-none-match": etag})
        assert again.status_code == 304
        assert again.content == b""


def test_a_changed_edition_gets_a_new_etag(client, archive):
    """After a change the old ETag no longer matches: the client gets the new data."""
    etag = client.get(f"{EDITIONS}20/")["ETag"]
    Conference.objects.filter(edition=20).update(delegates=311)
    response = client.get(f"{EDITIONS}20/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response.json()["delegates"] == 311
    assert response["ETag"] != etag


def test_topic_list_counts_editions(client, archive):
    """Each topic says how many published editions discussed it."""
    body = client.get("/api/v1/topics/?search=cyber").json()
    assert body["results"] == [
        {
            "name": "Cybercrime",
            "slug": "cybercrime",
            "kind": "crime_area",
            "description": "",
            "edition_count": 3,
            "url": "http://testserver/api/v1/topics/cybercrime/",
            "html_url": "http://testserver/topics/cybercrime/",
        }
    ]


def test_topic_detail_lists_the_editions_that_discussed_it(client, archive):
    """Cybercrime was discussed at the 15th, 17th and 20th editions."""
    body = client.get("/api/v1/topics/cybercrime/").json()
    assert body["editions"] == [
        {
            "edition": n,
            "year": year,
            "city": "Lyon",
            "url": f"http://testserver/api/v1/conferences/{n}/",
        }
        for n, year in [(15, 2019), (17, 2022), (20, 2025)]
    ]


def test_source_list_and_detail_with_the_text(client, archive):
    """Reports list with their publisher and edition; the detail gives the text."""
    body = client.get("/api/v1/sources/?kind=report").json()
    assert [(s["slug"], s["edition"]) for s in body["results"]] == [
        ("002-9a73c12c", 14),
        ("001-482bcb21", 15),
        ("004-fada1dbf", 17),
        ("003-78adaa81", 19),
        ("000-a42205c1", 20),
    ]
    detail = client.get("/api/v1/sources/000-a42205c1/").json()
    assert detail["publisher"] == "Interpol (news and events)"
    assert (
        "Bringing together some 310 delegates from 150 countries"
        in (detail["raw_text"])
    )
    assert detail["reading_text"].startswith("Source: Interpol (news and events)")


LIST_URLS = [
    EDITIONS,
    # The generated editions' page (numbers 1000 on), gaps left out, and a fact's order.
    f"{EDITIONS}?ordering=-edition",
    f"{EDITIONS}?basis=report&basis=records",
    f"{EDITIONS}?ordering=-delegates",
    "/api/v1/topics/",
    "/api/v1/sources/",
    "/api/v1/people/",
    "/api/v1/quotes/",
    "/api/v1/stats/attendance/",
    "/api/v1/stats/topics/",
]


@pytest.mark.parametrize("data", ["archive", "many_editions"])
@pytest.mark.parametrize("url", LIST_URLS)
def test_lists_run_a_fixed_number_of_queries(
    client, request, django_assert_max_num_queries, data, url
):
    """A full page of any list costs the same few queries with 5 or 205 editions."""
    request.getfixturevalue(data)
    with django_assert_max_num_queries(5):
        response = client.get(f"{url}{'&' if '?' in url else '?'}page_size=100")
    assert response.status_code == 200
    assert len(response.json()["results"]) >= 5


@pytest.mark.parametrize("data", ["archive", "many_editions"])
def test_details_run_a_fixed_number_of_queries(
    client, request, django_assert_max_num_queries, data
):
    """An edition, topic, report or person page costs the same queries at any size."""
    request.getfixturevalue(data)
    last = Conference.objects.order_by("edition").last()
    person = last.appearances.first().person.slug
    source = last.sources.first().slug
    urls = [
        f"{EDITIONS}{last.edition}/",
        "/api/v1/topics/artificial-intelligence/",
        f"/api/v1/sources/{source}/",
        f"/api/v1/people/{person}/",
    ]
    for url in urls:
        # 11: an edition's corrections, the public records its reasoning rests on, and
        # its delegations (a table of their own).
        with django_assert_max_num_queries(11):
            assert client.get(url).status_code == 200


def test_an_edition_as_csv_names_its_nested_items(client, archive):
    """One edition as CSV: quotes by their words, key figures by their label."""
    response = client.get(f"{EDITIONS}19/?format=csv")
    row = next(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["edition"] == "19"
    assert row["key_figures"].startswith(
        "Priority actions outlined in the Vienna Declaration; Assets seized"
    )
    assert row["quotes"].startswith("We are 196 members strong")
