"""Quotes as the press writes them: quotations over paragraphs, and reported speech."""

import json
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.utils.text import slugify

from conferences.importing.draft import QuoteFinding
from conferences.importing.rules import extract_report
from conferences.importing.service import report_import
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


# How many paragraphs each direct quote of the five curated reports has, as drafted.
CURATED_SHAPES = {
    "000-20th-edition.yaml": [2, 2],  # 'said:' and two paragraphs, twice
    # '… on the ground.“NCBs are …,” concluded the INTERPOL Chief': one line, two paragraphs
    "001-15th-edition.yaml": [1, 1, 2],
    "002-14th-edition.yaml": [],
    "003-19th-edition.yaml": [2, 1, 2],  # the second after '…,” said Secretary General'
    "004-17th-edition.yaml": [1, 1, 2, 1],  # '“…,” he said.' closes: then a new quote
}


@pytest.mark.parametrize("record", sorted(CURATED_SHAPES))
def test_the_curated_reports_quotations_are_drafted_paragraph_for_paragraph_as_recorded(
    record,
):
    """A quotation over paragraphs is one draft quote; its paragraphs are the curated quotes.

    Four of the five reports open the quotation mark again on a paragraph that continues
    a quotation (001 and 003 with their paragraphs run together on one line). The curated
    records keep one quote per paragraph, of one speaker, one after another: the draft's
    quote gives the same record at a finer grain, its paragraphs in order, word for word.
    """
    curated = yaml.safe_load((FIXTURES / "reports" / record).read_text())
    text = (FIXTURES / curated["source"]["file"]).read_text()
    direct = [
        q for q in curated.get("quotes", []) if q.get("kind", "direct") == "direct"
    ]
    # the 15th's caption repeats part of a quote: recorded once, with also_excerpt
    captions = [
        " ".join(q["also_excerpt"].split()) for q in direct if "also_excerpt" in q
    ]
    drafted = [
        q
        for q in extract_report(text).quotes
        if q.kind == "direct" and not any(q.text in caption for caption in captions)
    ]
    assert [
        (slugify(q.speaker), paragraph) for q in drafted for paragraph in q.paragraphs
    ] == [(q["person"], " ".join(q["text"].split())) for q in direct]
    assert [len(q.paragraphs) for q in drafted] == CURATED_SHAPES[record]
    for quote in drafted:
        assert all(contains_excerpt(text, p) for p in quote.paragraphs)
        assert quote.text == " ".join(quote.paragraphs)


def test_a_quotation_over_paragraphs_that_each_end_a_sentence_is_one_quote():
    """Press style: 'X told delegates, “…' then a paragraph opening the mark again."""
    text = (CORPUS / "01-interpol-release-first-time.txt").read_text()
    first = extract_report(text).quotes[0]
    assert (first.speaker, first.paragraphs) == (
        "Maria Lindqvist",
        (
            "This conference is a key event for every National Central Bureau. Our "
            "network only works if each bureau answers quickly.",
            "We cannot protect our citizens if criminals move faster than our messages "
            "across borders.",
        ),
    )
    # '…,” she said.' after the last paragraph names the speaker of them all
    text = (CORPUS / "15-local-press-last-week-new-year.txt").read_text()
    direct = [q for q in extract_report(text).quotes if q.kind == "direct"]
    assert [(q.speaker, q.paragraphs, q.excerpt) for q in direct] == [
        (
            "Karin Holm",
            (
                "The work does not stop for the holidays.",
                "Criminals do not take the week off, so neither do we",
            ),
            "she said",
        )
    ]
    assert direct[0].text == (
        "The work does not stop for the holidays. Criminals do not take the week off, "
        "so neither do we"
    )


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


def test_what_stands_between_said_and_its_clause_leaves_it_reported_speech():
    """'said in a statement that', 'told reporters on Monday that', 'wrote … that'."""
    text = (
        "The 40th Heads of NCB Conference was held in Rome from 4 to 6 May 2049.\n"
        "Secretary General Omar Haddad said in a statement that every bureau would be "
        "online by 2050.\n"
        "INTERPOL President Lucia Ferri told reporters on Monday that in 2048 no request "
        "had waited a week.\n"
        "Mr Haddad said at the closing session that in 2050 the meeting would be in "
        "Asia.\n"
        "Ms Ferri wrote in a letter to members that the network had never been busier.\n"
        "Mr Haddad said in a statement, “We are ready.”\n"
        "The statement said that the Organization was ready.\n"
        "Ms Ferri is said to be the first president from Italy that the members elected.\n"
        "Ms Ferri said in a statement.\n"
        "Ms Ferri said that in May every bureau had answered within a day."
    )
    assert quotes_of(text) == [
        (
            "Omar Haddad",
            "paraphrase",
            "Secretary General Omar Haddad said in a statement that every bureau would "
            "be online by 2050.",
        ),
        (
            "Lucia Ferri",
            "paraphrase",
            "INTERPOL President Lucia Ferri told reporters on Monday that in 2048 no "
            "request had waited a week.",
        ),
        (
            "Omar Haddad",
            "paraphrase",
            "Mr Haddad said at the closing session that in 2050 the meeting would be in "
            "Asia.",
        ),
        (
            "Lucia Ferri",
            "paraphrase",
            "Ms Ferri wrote in a letter to members that the network had never been "
            "busier.",
        ),
        ("Omar Haddad", "direct", "We are ready."),
        (  # 'said that in May': a clause after 'that', whatever its first word
            "Lucia Ferri",
            "paraphrase",
            "Ms Ferri said that in May every bureau had answered within a day.",
        ),
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


def test_a_quote_finding_stored_before_kinds_and_paragraphs_reads_back_whole():
    stored = {
        "speaker": "A B",
        "text": "Words",
        "excerpt": "A B said",
        "confidence": 0.9,
    }
    assert QuoteFinding.from_json(stored).kind == "direct"
    assert QuoteFinding.from_json(stored).to_json() == {
        "speaker": "A B",
        "text": "Words",
        "excerpt": "A B said",
        "confidence": 0.9,
        "kind": "direct",
        "paragraphs": ["Words"],  # stored before paragraphs: the text is the one
    }


@pytest.mark.django_db
def test_dry_run_json_gives_each_quote_its_kind(archive, tmp_path):
    """The dry run's quote keeps its field names and adds kind and paragraphs only."""
    out = StringIO()
    call_command(
        "import_report",
        write(tmp_path, (CORPUS / "04-ministry-one-of-the-first.txt").read_text()),
        "--dry-run",
        stdout=out,
    )
    quotes = json.loads(out.getvalue())["quotes"]
    assert [list(q) for q in quotes] == [
        ["speaker", "text", "excerpt", "confidence", "kind", "paragraphs"]
    ] * 2
    assert [q["paragraphs"] for q in quotes] == [[q["text"]] for q in quotes]
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


@pytest.mark.django_db
def test_an_import_records_a_quotation_over_paragraphs_as_the_curated_archive_does(
    archive,
):
    """One Quote per paragraph, same speaker and excerpt, in order: as the 20th's record.

    The 20th edition's report, given a new edition's number, is imported for real: its
    two quotations over two paragraphs each are written as the curated archive holds them.
    """
    curated = Conference.objects.get(edition=20)
    text = curated.sources.get(slug="000-a42205c1").raw_text.replace(
        "Now in its 20th edition", "Now in its 26th edition"
    )
    report_import(text=text)
    imported = Conference.objects.get(edition=26)
    assert [len(q["paragraphs"]) for q in imported.imports.get().draft["quotes"]] == [
        2,
        2,
    ]

    def recorded(conference):
        return list(
            conference.quotes.order_by("position").values_list(
                "person__slug", "kind", "text", "excerpt"
            )
        )

    assert recorded(imported) == recorded(curated)
    assert list(imported.quotes.values_list("position", flat=True)) == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("name", "speaker", "excerpt", "count"),
    [
        # named before: 'X told delegates, "…' (straight marks, a 'phrase' inside)
        (
            "17-agency-statement-until-thursday",
            "Tomas Herrera",
            "INTERPOL Secretary General Tomas Herrera told delegates",
            3,
        ),
        # named after the last paragraph: '…,” said X' (curly marks, a ‘phrase’ inside)
        (
            "18-interpol-release-speaker-after-end-of-week",
            "Lucia Ferri",
            "said INTERPOL President Lucia Ferri",
            2,
        ),
        # named in the paragraph before: '"…," said X.' closes a quote, another opens
        (
            "19-national-police-paragraph-before-through-friday",
            "Ingrid Dahl",
            "said Superintendent Dahl",
            2,
        ),
        # named in the paragraph before: 'X said:' on a line of its own
        (
            "20-local-press-said-colon-ran-until",
            "Rui Matos",
            "Portugal’s Minister of Internal Affairs Rui Matos said:",
            3,
        ),
    ],
)
def test_a_quotation_over_paragraphs_has_one_speaker_wherever_the_release_names_them(
    name, speaker, excerpt, count
):
    text = (CORPUS / f"{name}.txt").read_text()
    spanning = [q for q in extract_report(text).quotes if len(q.paragraphs) > 1]
    assert [(q.speaker, q.excerpt, len(q.paragraphs)) for q in spanning] == [
        (speaker, excerpt, count)
    ]
    assert all(contains_excerpt(text, p) for p in spanning[0].paragraphs)


@pytest.mark.django_db
def test_dry_run_json_gives_a_quotation_over_paragraphs_as_one_quote(archive, tmp_path):
    out = StringIO()
    call_command(
        "import_report",
        write(
            tmp_path, (CORPUS / "17-agency-statement-until-thursday.txt").read_text()
        ),
        "--dry-run",
        stdout=out,
    )
    first = json.loads(out.getvalue())["quotes"][0]
    assert first == {
        "speaker": "Tomas Herrera",
        "text": "Police officers speak of the 'golden hour' after a crime, when a lead is "
        "still warm. For a bureau, that hour is the time it takes to answer a request "
        "from abroad. We want every bureau to answer within that hour, day or night.",
        "excerpt": "INTERPOL Secretary General Tomas Herrera told delegates",
        "confidence": 0.95,
        "kind": "direct",
        "paragraphs": [
            "Police officers speak of the 'golden hour' after a crime, when a lead is "
            "still warm.",
            "For a bureau, that hour is the time it takes to answer a request from "
            "abroad.",
            "We want every bureau to answer within that hour, day or night.",
        ],
    }
