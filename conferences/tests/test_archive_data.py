"""The curated archive is honest: every fact stands in its report, as loaded from fixtures/."""

import re

import pytest

from conferences.importing.rules.words import NUM, ORDINAL, parse_ordinal, scaled
from conferences.models import (
    Citation,
    Conference,
    ConferenceTopic,
    Delegation,
    KeyFigure,
    RoundTable,
    SourceReport,
    ordinal,
)
from conferences.text import contains_excerpt
from speakers.models import Appearance, Quote

pytestmark = pytest.mark.django_db

SOURCED_MODELS = [
    ConferenceTopic,
    KeyFigure,
    RoundTable,
    Delegation,
    Appearance,
    Quote,
]
NUMERIC_FIELDS = ["delegates", "countries", "member_countries"]
NUMBER = re.compile(
    rf"(?<![\w.])(?P<num>{NUM})(?:\s+(?P<scale>thousand|million|billion))?\b"
    rf"|\b(?P<ordinal>{ORDINAL})\b",
    re.IGNORECASE,
)


def numbers_in(text: str) -> list[int]:
    """Return the numbers a text states as the import rules read them: '18 million' too."""
    return [
        parse_ordinal(match["ordinal"])
        if match["ordinal"]
        else scaled(match["num"], match["scale"])
        for match in NUMBER.finditer(text)
    ]


def test_every_excerpt_stands_verbatim_in_its_report(archive):
    """Each excerpt of each sourced fact is found, white space aside, in its report's text."""
    checked = 0
    for model in SOURCED_MODELS:
        for fact in model.objects.select_related("source"):
            assert contains_excerpt(fact.source.raw_text, fact.excerpt), (
                model,
                fact.pk,
            )
            checked += 1
    for citation in Citation.objects.select_related("source").exclude(excerpt=""):
        assert contains_excerpt(citation.source.raw_text, citation.excerpt), citation
        checked += 1
    assert checked > 100


def test_every_quote_is_the_reports_exact_words(archive):
    """A quote's text is found verbatim in its report, and belongs to its edition's report."""
    quotes = Quote.objects.select_related("source")
    # 24: Stock's caption line is folded into the body quote it is part of (also_excerpt).
    assert quotes.count() == 24
    for quote in quotes:
        assert contains_excerpt(quote.source.raw_text, quote.text), quote
        assert quote.source.conference_id == quote.conference_id
        assert not quote.text.startswith(("“", "‘", '"')), quote


def test_direct_quotes_and_reported_speech_are_kept_apart(archive):
    """Reported speech is marked as such; the short phrase 'be wise and build bridges' is direct."""
    assert Quote.objects.direct().count() == 18
    assert Quote.objects.filter(kind=Quote.Kind.PARAPHRASE).count() == 6
    phrase = Quote.objects.get(text="be wise and build bridges")
    assert phrase.kind == Quote.Kind.DIRECT
    assert phrase.person.name == "Kim Jong Yang"


def test_each_stated_number_appears_in_its_excerpt(archive):
    """Stated counts and edition numbers are written in the excerpt that cites them."""
    # Public records in other languages write numbers their own way ("15.", Arabic words).
    for citation in Citation.objects.filter(
        inferred=False, source__kind=SourceReport.Kind.REPORT
    ).select_related("conference"):
        if citation.field in NUMERIC_FIELDS:
            assert citation.value in numbers_in(citation.excerpt), citation
        if citation.field == "edition":
            assert ordinal(citation.value) in citation.excerpt, citation
    for figure in KeyFigure.objects.all():
        assert figure.value in numbers_in(figure.excerpt), figure


def test_inferred_values_carry_their_reasoning(archive):
    """Every inferred value says why, and stated values always quote the report."""
    for citation in Citation.objects.all():
        if citation.inferred:
            assert len(citation.reasoning) > 40, citation
        else:
            assert citation.excerpt, citation


def test_each_report_yields_exactly_one_edition(archive):
    """The five reports describe five different editions."""
    assert SourceReport.objects.reports().count() == 5
    assert set(
        SourceReport.objects.reports().values_list("conference__edition", flat=True)
    ) == {
        14,
        15,
        17,
        19,
        20,
    }


@pytest.mark.parametrize(
    "edition, year, start, end, delegates, countries, members, inferred",
    [
        (
            14,
            2018,
            "2018-04-10",
            "2018-04-12",
            295,
            145,
            192,
            # INTERPOL's release of 13 April 2018 states the year and dates.
            ["member_countries"],
        ),
        (
            15,
            2019,
            "2019-04-09",
            "2019-04-11",
            315,
            150,
            194,
            ["end_date", "member_countries", "start_date", "year"],
        ),
        (17, 2022, None, None, None, None, 195, ["year"]),
        # The Free Press Journal (3 May 2024) states "19th" and 23–25 April 2024.
        (19, 2024, "2024-04-23", "2024-04-25", 321, 136, 196, []),
        (
            20,
            2025,
            "2025-02-11",
            "2025-02-13",
            310,
            150,
            196,
            ["end_date", "start_date", "year"],
        ),
    ],
)
def test_editions_hold_the_reports_facts(
    archive, edition, year, start, end, delegates, countries, members, inferred
):
    """The editions' facts are those of the reports (records fill only what a report leaves
    empty, and state what a report leaves to inference); inferred values are flagged."""
    conference = Conference.objects.get(edition=edition)
    assert conference.year == year
    assert (conference.start_date and conference.start_date.isoformat()) == start
    assert (conference.end_date and conference.end_date.isoformat()) == end
    assert conference.delegates == delegates
    assert conference.countries == countries
    assert conference.member_countries == members
    assert conference.city == "Lyon"
    assert conference.inferred_fields == inferred


def test_the_14th_edition_has_its_theme(archive):
    conference = Conference.objects.get(edition=14)
    assert (
        conference.theme == "NCBs: the Gateways to Modern Policing – The Future is Now"
    )


def test_leaders_are_the_office_holders_who_appeared(archive):
    """with_leaders() gives each edition's office holders, President first."""
    leaders = {
        c.edition: [(a.person.name, a.office.kind) for a in c.leader_appearances]
        for c in Conference.objects.with_leaders()
    }
    assert leaders[20] == [
        ("Ahmed Naser Al-Raisi", "president"),
        ("Valdecy Urquiza", "secretary_general"),
    ]
    assert leaders[14] == [
        ("Meng Hongwei", "president"),
        ("Aleksandr Prokopchuk", "vice_president"),
        ("Aleksandr Prokopchuk", "ncb_head"),
    ]


def test_key_figures_are_plain_values(archive):
    """'more than 18 million messages' is kept as 18000000 messages, qualified 'more than'."""
    figure = KeyFigure.objects.get(label="Messages exchanged by NCBs")
    assert (figure.value, figure.unit, figure.qualifier, figure.period) == (
        18_000_000,
        "messages",
        "more_than",
        "2023",
    )
    assert KeyFigure.objects.get(label__startswith="Queries").value == 8_000_000_000


def test_round_tables_of_the_15th_edition(archive):
    regions = list(
        RoundTable.objects.filter(conference__edition=15).values_list(
            "region", flat=True
        )
    )
    assert regions == [
        "Asia and the South Pacific",
        "Europe",
        "Americas",
        "Africa",
        "Middle East and North Africa",
    ]


def test_reading_text_drops_layout_noise(archive):
    """The gallery counter '1 / 14' and runs of blank lines are gone from the reading text."""
    source = SourceReport.objects.get(slug="001-482bcb21")
    assert "1 /\n" in source.raw_text
    assert "1 /" not in source.reading_text
    assert "\n\n\n" not in source.reading_text
    assert "border control agencies.\n\nOpening the conference" in source.reading_text
    assert "border control agencies.Opening the conference" in source.raw_text
