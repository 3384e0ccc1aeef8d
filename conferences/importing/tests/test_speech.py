"""Quotes as the press writes them: quotations over paragraphs, and reported speech."""

import json
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from conferences.importing.draft import QuoteFinding
from conferences.importing.rules import extract_report
from conferences.importing.tests.test_import_report import KIGALI, write
from conferences.models import Conference
from conferences.text import contains_excerpt
from speakers.models import Quote

CORPUS = Path(__file__).parent / "corpus"
FIXTURES = Path(settings.ARCHIVE_FIXTURES_DIR)


def quotes_of(text: str) -> list[tuple[str, str, str]]:
    return [(q.speaker, q.kind, q.text) for q in extract_report(text).quotes]


def test_a_quotation_broken_off_mid_sentence_over_two_paragraphs_is_one_quote():
    """Press style: the paragraph breaks off mid-sentence, the next opens the mark again."""
    text = (CORPUS / "16-ministry-this-week-sunday.txt").read_text()
    direct = [q for q in extract_report(text).quotes if q.kind == "direct"]
    assert [(q.speaker, q.text) for q in direct] == [
        (
            "Aoife Byrne",
            "Ireland is an island, but crime does not stop at the shore: it arrives by "
            "sea, by air and, “more and more, by cable.",
        )
    ]
    # the reopening mark stays: the words stand in the report, as the archive requires
    assert contains_excerpt(text, direct[0].text)
    assert direct[0].excerpt == "Justice Minister Aoife Byrne told the conference:"


def test_a_straight_quoted_quotation_ending_a_paragraph_with_a_colon_is_one_quote():
    text = (CORPUS / "14-agency-closed-yesterday.txt").read_text()
    assert quotes_of(text)[0] == (
        "Kwame Mensah",
        "direct",
        "Our members asked us for three things this year, and we will deliver them: "
        '"a bureau that answers at any hour, a notice checked within a day, and a '
        "database every officer can reach.",
    )


def test_paragraphs_of_a_quotation_that_each_end_a_sentence_stay_quotes_of_their_own():
    """As the curated archive records the 20th and 17th editions' reports, word for word.

    Both reports open the mark again on a paragraph that continues a quotation: each
    paragraph ends its sentence, and the curated record keeps one quote per paragraph.
    """
    for source, record in (
        ("000_a42205c1aa7ed750.txt", "000-20th-edition.yaml"),
        ("004_fada1dbfde0aa600.txt", "004-17th-edition.yaml"),
    ):
        curated = yaml.safe_load((FIXTURES / "reports" / record).read_text())
        direct = [
            " ".join(q["text"].split())
            for q in curated["quotes"]
            if q.get("kind", "direct") == "direct"
        ]
        drafted = extract_report((FIXTURES / "sources" / source).read_text()).quotes
        assert [q.text for q in drafted if q.kind == "direct"] == direct, source
    text = (CORPUS / "15-local-press-last-week-new-year.txt").read_text()
    assert [q[2] for q in quotes_of(text) if q[1] == "direct"] == [
        "The work does not stop for the holidays.",
        "Criminals do not take the week off, so neither do we",
    ]


def test_reported_speech_is_drafted_as_a_paraphrase_the_reports_sentence():
    text = (
        "The 40th Heads of NCB Conference was held in Rome from 4 to 6 May 2049.\n"
        "INTERPOL President Lucia Ferri said NCBs were the Organization’s front line. "
        "She told delegates that every bureau would be online by 2050.\n"
        "According to Secretary General Omar Haddad, two bureaus in three now answer "
        "within a day.\n"
        "Secretary General Omar Haddad said in a statement: “We are ready.”\n"
        "The report, according to figures shown at the meeting, was well received.\n"
        "Ms Ferri said goodbye to the delegates on the last day."
    )
    assert quotes_of(text) == [
        (
            "Lucia Ferri",
            "paraphrase",
            "INTERPOL President Lucia Ferri said NCBs were the Organization’s front line.",
        ),
        (
            "Lucia Ferri",
            "paraphrase",
            "She told delegates that every bureau would be online by 2050.",
        ),
        (
            "Omar Haddad",
            "paraphrase",
            "According to Secretary General Omar Haddad, two bureaus in three now "
            "answer within a day.",
        ),
        ("Omar Haddad", "direct", "We are ready."),
    ]


def test_a_sentence_said_inside_a_quotation_is_not_reported_speech():
    text = (
        "The 40th Heads of NCB Conference was held in Rome from 4 to 6 May 2049.\n"
        "INTERPOL President Lucia Ferri said: “Last year I said that we would act. "
        "We did. A minister told delegates that it could not be done. It was done.”"
    )
    assert [kind for _, kind, _ in quotes_of(text)] == ["direct"]


def test_the_curated_reports_reported_speech_said_nc_bs_were_is_found():
    """The one curated paraphrase worded 'X said …' is drafted as it is recorded."""
    text = (FIXTURES / "sources" / "001_482bcb21a1e532ca.txt").read_text()
    reported = [q for q in extract_report(text).quotes if q.kind == "paraphrase"]
    assert [(q.speaker, q.text) for q in reported] == [
        (
            "Jürgen Stock",
            "With last week’s meeting of Ministers of Interior of the G7 again "
            "highlighting the important role of INTERPOL in addressing global crime "
            "issues, Secretary General Jürgen Stock said NCBs were integral to these "
            "efforts.",
        )
    ]


def test_a_quote_finding_stored_before_kinds_reads_back_as_direct():
    stored = {
        "speaker": "A B",
        "text": "Words",
        "excerpt": "A B said",
        "confidence": 0.9,
    }
    assert QuoteFinding.from_json(stored).kind == "direct"
    assert list(QuoteFinding.from_json(stored).to_json()) == [
        "speaker", "text", "excerpt", "confidence", "kind",
    ]  # fmt: skip


@pytest.mark.django_db
def test_dry_run_json_gives_each_quote_its_kind(archive, tmp_path):
    """The dry run's quote keeps its field names and adds kind only."""
    out = StringIO()
    call_command(
        "import_report",
        write(tmp_path, (CORPUS / "04-ministry-one-of-the-first.txt").read_text()),
        "--dry-run",
        stdout=out,
    )
    quotes = json.loads(out.getvalue())["quotes"]
    assert [list(q) for q in quotes] == [
        ["speaker", "text", "excerpt", "confidence", "kind"]
    ] * 2
    assert [(q["kind"], q["text"][:30]) for q in quotes] == [
        ("paraphrase", "Interior Minister Giulia Ferra"),
        ("direct", "When a request arrives at nigh"),
    ]


@pytest.mark.django_db
def test_an_import_writes_reported_speech_as_a_paraphrase(archive, tmp_path):
    text = KIGALI.replace(
        "INTERPOL now counts",
        "Mr Urquiza told delegates that every bureau would be connected by 2027.\n\n"
        "INTERPOL now counts",
    )
    call_command("import_report", write(tmp_path, text), stdout=StringIO())
    conference = Conference.objects.get(edition=21)
    assert list(conference.quotes.values_list("kind", "text")) == [
        (
            Quote.Kind.DIRECT,
            "Every NCB is a door to the world’s police. We must keep those doors open "
            "day and night.",
        ),
        (
            Quote.Kind.DIRECT,
            "Criminals do not respect borders, and neither can our cooperation",
        ),
        (
            Quote.Kind.PARAPHRASE,
            "Mr Urquiza told delegates that every bureau would be connected by 2027.",
        ),
    ]
