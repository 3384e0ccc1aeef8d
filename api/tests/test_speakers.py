"""The read API for people and quotes answers with the reports' facts."""

import pytest

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"
QUOTES = "/api/v1/quotes/"


def test_people_list_gives_offices_and_edition_counts(client, archive):
    """People come by name, with their terms of office and editions attended."""
    body = client.get(PEOPLE).json()
    assert body["count"] == 8
    assert [(p["slug"], p["edition_count"]) for p in body["results"]] == [
        ("ahmed-naser-al-raisi", 4),
        ("aleksandr-prokopchuk", 1),
        ("jurgen-stock", 5),  # the 16th: named by a record, inferred to be the 16th
        ("kim-jong-yang", 2),
        ("lucas-philippe", 0),
        ("meng-hongwei", 2),
        ("mireille-ballestrazzi", 1),
        ("valdecy-urquiza", 1),
    ]
    raisi = body["results"][0]
    assert raisi["other_names"] == ["Ahmed Naser al-Raisi"]
    assert raisi["nationality"] == "United Arab Emirates"
    assert raisi["nationality_source"] == "xinhua-2021-11-25-al-raisi"
    # The term ends where the records end it: his successor's election, 27 November 2025.
    (term,) = raisi["offices"]
    assert (term["office"], term["start_year"], term["end_year"]) == (
        "INTERPOL President",
        2021,
        2025,
    )
    assert term["end_source"] == "atlasinfo-2025-11-27-philippe"
    prokopchuk = body["results"][1]
    vice = next(
        o for o in prokopchuk["offices"] if o["office_kind"] == "vice_president"
    )
    assert (vice["end_year"], vice["ended_precision"]) == (2019, "year")


def test_a_persons_other_offices_come_with_their_records_words(client, archive):
    """The posts the public records name besides INTERPOL's presidency: Kim's Seoul
    bureau (2011–2012), vice-presidency for Asia (from 2015) and acting presidency; each
    with its record and words, its dates only where a record gives them."""
    offices = client.get(f"{PEOPLE}kim-jong-yang/").json()["offices"]
    assert [
        (o["office"], o["office_kind"], o["started_on"], o["ended_on"]) for o in offices
    ] == [
        ("Head of INTERPOL's National Central Bureau in Seoul", "ncb_head", "2011-01-01", "2012-01-01"),
        ("INTERPOL Vice-President for Asia", "vice_president", "2015-01-01", None),
        ("Acting INTERPOL President", "other", "2018-10-07", "2018-11-21"),
        ("INTERPOL President", "president", "2018-11-21", "2021-11-25"),
    ]  # fmt: skip
    seoul = offices[0]
    assert (seoul["started_precision"], seoul["ended_precision"]) == ("year", "year")
    assert (seoul["source"], seoul["excerpt"]) == (
        "indiablooms-2018-11-21-kim",
        "was Head of INTERPOL’s National Central Bureau in Seoul from 2011 to 2012.",
    )
    # A post a record names without its dates: no dates, never a guessed one.
    urquiza = client.get(f"{PEOPLE}valdecy-urquiza/").json()["offices"]
    commissioner = urquiza[-1]
    assert (commissioner["office"], commissioner["started_on"]) == (
        "Federal Police Commissioner (Brazil)",
        None,
    )
    assert (commissioner["start_year"], commissioner["end_year"]) == (None, None)
    assert commissioner["source"] == "hindustantimes-2024-11-05-urquiza"
    americas = next(o for o in urquiza if o["office_kind"] == "vice_president")
    assert (americas["start_year"], americas["excerpt"]) == (
        2021,
        "has been involved with INTERPOL as its Vice President for the Americas since "
        "2021.",
    )
    stock = client.get(f"{PEOPLE}jurgen-stock/").json()["offices"]
    assert [o["office"] for o in stock] == [
        "Vice-President of the German Bundeskriminalamt (BKA)",
        "Delegate for Europe, INTERPOL Executive Committee",
        "INTERPOL Secretary General",
    ]


def test_person_detail_gives_editions_and_quotes(client, archive):
    """Al-Raisi attended the 17th to 20th editions and is quoted 7 times."""
    body = client.get(f"{PEOPLE}ahmed-naser-al-raisi/").json()
    assert [(e["edition"], e["year"], e["office"]) for e in body["editions"]] == [
        (17, 2022, "INTERPOL President"),
        (18, 2023, "INTERPOL President"),  # from INTERPOL's release of 7 June 2023
        (19, 2024, "INTERPOL President"),
        (20, 2025, "INTERPOL President"),
    ]
    assert [(q["edition"], q["kind"]) for q in body["quotes"]] == [
        (17, "paraphrase"),
        (17, "direct"),
        (17, "direct"),
        (19, "direct"),
        (19, "direct"),
        (20, "direct"),
        (20, "direct"),
    ]
    assert body["quotes"][3]["text"].startswith("We are 196 members strong")


@pytest.mark.parametrize(
    "role, expected",
    [
        (
            "president",
            [
                "ahmed-naser-al-raisi",
                "kim-jong-yang",
                "lucas-philippe",
                "meng-hongwei",
                "mireille-ballestrazzi",
            ],
        ),
        ("secretary_general", ["jurgen-stock", "valdecy-urquiza"]),
        # Kim for Asia and Urquiza for the Americas, from public records.
        (
            "vice_president",
            ["aleksandr-prokopchuk", "kim-jong-yang", "valdecy-urquiza"],
        ),
        ("ncb_head", ["aleksandr-prokopchuk", "kim-jong-yang"]),
    ],
)
def test_people_filter_by_role(client, archive, role, expected):
    """`role` keeps the people who held or appeared in an office of that kind."""
    body = client.get(f"{PEOPLE}?role={role}").json()
    assert [p["slug"] for p in body["results"]] == expected


def test_people_bad_role_is_a_400(client, archive):
    """An unknown role is a 400 that lists why."""
    response = client.get(f"{PEOPLE}?role=emperor")
    assert response.status_code == 400
    assert response.json() == {
        "role": ["Select a valid choice. emperor is not one of the available choices."]
    }


def test_quote_list_items(client, archive):
    """Each quote has its text, speaker, edition and report."""
    body = client.get(f"{QUOTES}?edition=20&page_size=1").json()
    assert body["count"] == 4
    quote = body["results"][0]
    assert quote == {
        "id": quote["id"],
        "text": "In today’s world, the importance of cross-border collaboration and "
        "data sharing cannot be over-stated.",
        "kind": "direct",
        "person": {"name": "Ahmed Naser Al-Raisi", "slug": "ahmed-naser-al-raisi"},
        "edition": 20,
        "source": "000-a42205c1",
        "excerpt": "INTERPOL President Ahmed Naser Al-Raisi said:",
        "also_excerpt": "",
        "position": 1,
        "url": f"http://testserver/api/v1/quotes/{quote['id']}/",
        "html_url": f"http://testserver/editions/20/#quote-{quote['id']}",
    }


@pytest.mark.parametrize(
    "query, expected",
    [
        ("person=ahmed-naser-al-raisi", [17, 17, 17, 19, 19, 20, 20]),
        ("person=valdecy-urquiza", [20, 20]),
        ("edition=19", [19] * 6),
        ("topic=gang-violence", [20] * 4),
        ("person=kim-jong-yang&topic=terrorism", [15, 15, 15]),
        ("search=build bridges", [15]),
        ("search=bridges", [15, 15]),
        ("search=urquiza", [20, 20]),  # by the speaker's name
    ],
)
def test_quote_filters(client, archive, query, expected):
    """Quotes filter by person, edition and topic of the edition, and search."""
    body = client.get(f"{QUOTES}?{query}").json()
    assert [q["edition"] for q in body["results"]] == expected


@pytest.mark.parametrize(
    "query, body",
    [
        ("edition=abc", {"edition": ["No conference has the edition “abc”."]}),
        ("edition=11", {"edition": ["No conference has the edition “11”."]}),
        ("topic=nope", {"topic": ["No topic has the slug “nope”."]}),
        ("person=nobody", {"person": ["No person has the slug “nobody”."]}),
    ],
)
def test_bad_quote_filters_are_400s(client, archive, query, body):
    """An unknown edition, topic or person in a quote filter is a 400 that names it."""
    response = client.get(f"{QUOTES}?{query}")
    assert response.status_code == 400
    assert response.json() == body


def test_quotes_as_csv_flatten_the_speaker(client, archive):
    """In CSV, the nested speaker becomes person.name and person.slug columns."""
    response = client.get(f"{QUOTES}?edition=15&format=csv&page_size=1")
    header, row = response.content.decode().splitlines()
    assert header == (
        "id,text,kind,person.name,person.slug,edition,source,excerpt,also_excerpt,"
        "position,url,html_url"
    )
    assert ",Kim Jong Yang,kim-jong-yang,15,001-482bcb21," in row
