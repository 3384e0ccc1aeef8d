"""Importing a new report: the command, the draft it writes, and reports never seen before."""

import json
import os
import re
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from conferences.importing.draft import Draft
from conferences.importing.rules import extract_report
from conferences.importing.service import MAX_BYTES, ReportImportError, report_import
from conferences.models import (
    Citation,
    Conference,
    KeyFigure,
    ReportImport,
    SourceReport,
)
from speakers.models import Appearance, Quote

pytestmark = pytest.mark.django_db

KIGALI = """KIGALI, Rwanda — More than 400 participants representing 172 nations gathered in the Rwandan capital for the twenty-first Heads of National Central Bureaus Conference, held from 3 to 5 March 2026 under the theme “Policing the digital frontier”.

Opening the meeting, Secretary General Valdecy Urquiza told delegates: “Every NCB is a door to the world’s police. We must keep those doors open day and night.”

“Criminals do not respect borders, and neither can our cooperation,” added Mr Urquiza.

INTERPOL now counts 197 member countries. The conference discussed cybercrime, human trafficking and the use of artificial intelligence, and reviewed Operation First Light 2026, which led to nearly 3,000 arrests.
"""

BUENOS_AIRES = """Police chiefs meet in Buenos Aires

By our correspondent

Buenos Aires hosted the 22nd annual meeting of Heads of NCB from March 30 – April 1, 2027, bringing together some 350 senior officers from 160 countries.

"Information shared today saves lives tomorrow," said Jane Mbeki, INTERPOL Vice-President for Africa.

INTERPOL President Ahmed Naser Al-Raisi said the Organization's 198 member countries had exchanged over 25 million messages in 2026. He added that terrorism and organised crime remained the top threats.
"""

SINGAPORE = """The Heads of National Central Bureaus met for the 23rd time, in Singapore, Singapore, with 280 delegates attending.

Theme: ‘One network, one response’.

INTERPOL’s Secretary-General Dr Maria Gonzalez opened the three-day session on 14 June. “We are only as strong as our weakest link,” she said. “No country can fight transnational crime alone.”

The conference covered financial fraud, the Darknet and an upgraded child sexual exploitation database, which now holds more than 5 million images.
"""

GLOBAL_COMPLEX = """INTERPOL chiefs gather ahead of the 92nd General Assembly

SINGAPORE – The twenty-fourth edition of the annual Heads of NCB Conference opened on Tuesday 8 April 2029 at the INTERPOL Global Complex for Innovation, with 412 delegates from 181 countries in attendance.

“It works,” a delegate said. “We share more than ever.”

INTERPOL Secretary General Valdecy Urquiza said: “Our 199 member countries expect results.” Later, Urquiza added that the Organization had processed 6.5 million notices.

Executive Director of Police Services Stephen Kavanagh presented Operation Jackal III, which saw 300 arrests across 21 countries in 2028.
"""

VOCABULARY = [
    {"slug": "cybercrime", "name": "Cybercrime"},
    {"slug": "financial-fraud", "name": "Online financial fraud"},
    {"slug": "human-trafficking-and-migrant-smuggling", "name": "Human trafficking"},
    {"slug": "artificial-intelligence", "name": "Artificial intelligence"},
    {"slug": "darknet-and-cryptocurrencies", "name": "Darknet and cryptocurrencies"},
    {"slug": "icse-database", "name": "ICSE database"},
    {"slug": "terrorism", "name": "Terrorism"},
]


def values(draft: Draft) -> dict:
    return {name: cited.value for name, cited in draft.fields.items()}


def test_a_report_with_other_wording_and_a_full_date_range():
    """Ordinal words, 'from 3 to 5 March 2026', 'participants representing … nations'."""
    draft = extract_report(KIGALI, vocabulary=VOCABULARY)
    assert values(draft) == {
        "edition": 21,
        "year": 2026,
        "start_date": "2026-03-03",
        "end_date": "2026-03-05",
        "city": "Kigali",
        "country": "Rwanda",
        "delegates": 400,
        "countries": 172,
        "member_countries": 197,
        "theme": "Policing the digital frontier",
    }
    assert [(p.name, p.role) for p in draft.people] == [
        ("Valdecy Urquiza", "Secretary General")
    ]
    assert [(q.speaker, q.text) for q in draft.quotes] == [
        (
            "Valdecy Urquiza",
            "Every NCB is a door to the world’s police. We must keep those doors open day and night.",
        ),
        (
            "Valdecy Urquiza",
            "Criminals do not respect borders, and neither can our cooperation",
        ),
    ]
    assert [(t.topic, t.new) for t in draft.topics] == [
        ("cybercrime", False),
        ("human-trafficking-and-migrant-smuggling", False),
        ("artificial-intelligence", False),
        ("operation-first-light", True),
    ]
    assert [(f.value, f.unit, f.qualifier) for f in draft.key_figures] == [
        (3000, "arrests", "nearly")
    ]


def test_a_report_with_american_dates_and_a_speaker_named_after_the_quote():
    """'March 30 – April 1, 2027' spans two months; 'said X, INTERPOL Vice-President…'."""
    draft = extract_report(BUENOS_AIRES, vocabulary=VOCABULARY)
    assert values(draft) == {
        "edition": 22,
        "year": 2027,
        "start_date": "2027-03-30",
        "end_date": "2027-04-01",
        "city": "Buenos Aires",
        "country": None,
        "delegates": 350,
        "countries": 160,
        "member_countries": 198,
        "theme": None,
    }
    assert draft.fields.city.confidence == 0.6
    assert draft.source.headline == "Police chiefs meet in Buenos Aires"
    assert [(p.name, p.role) for p in draft.people] == [
        ("Jane Mbeki", "INTERPOL Vice-President for Africa"),
        ("Ahmed Naser Al-Raisi", "INTERPOL President"),
    ]
    assert [(q.speaker, q.kind, q.text) for q in draft.quotes] == [
        ("Jane Mbeki", "direct", "Information shared today saves lives tomorrow"),
        (
            "Ahmed Naser Al-Raisi",
            "paraphrase",
            "INTERPOL President Ahmed Naser Al-Raisi said the Organization's 198 member "
            "countries had exchanged over 25 million messages in 2026.",
        ),
        (  # 'He': the last person named before
            "Ahmed Naser Al-Raisi",
            "paraphrase",
            "He added that terrorism and organised crime remained the top threats.",
        ),
    ]
    assert [f.value for f in draft.key_figures] == [25_000_000]
    assert draft.key_figures[0].period == "2026"


def test_a_date_without_a_year_is_written_without_one():
    """'on 14 June' with no year gives --06-14, the 'three-day session' ends --06-16."""
    draft = extract_report(SINGAPORE, vocabulary=VOCABULARY)
    assert values(draft) == {
        "edition": 23,
        "year": None,
        "start_date": "--06-14",
        "end_date": "--06-16",
        "city": "Singapore",
        "country": "Singapore",
        "delegates": 280,
        "countries": None,
        "member_countries": None,
        "theme": "One network, one response",
    }
    assert [(q.speaker, q.text, q.confidence) for q in draft.quotes] == [
        ("Maria Gonzalez", "We are only as strong as our weakest link", 0.7),
        ("Maria Gonzalez", "No country can fight transnational crime alone.", 0.6),
    ]
    assert [t.topic for t in draft.topics] == [
        "financial-fraud",
        "darknet-and-cryptocurrencies",
        "icse-database",
    ]


def test_words_nobody_is_named_for_are_left_out():
    """'a delegate said' names nobody; the 92nd General Assembly is not the edition."""
    draft = extract_report(GLOBAL_COMPLEX, vocabulary=VOCABULARY)
    assert values(draft) == {
        "edition": 24,
        "year": 2029,
        "start_date": "2029-04-08",
        "end_date": None,
        "city": "Singapore",
        "country": "Singapore",
        "delegates": 412,
        "countries": 181,
        "member_countries": 199,
        "theme": None,
    }
    assert [(q.speaker, q.text) for q in draft.quotes] == [
        ("Valdecy Urquiza", "Our 199 member countries expect results.")
    ]
    assert [(f.value, f.unit, f.period) for f in draft.key_figures] == [
        (6_500_000, "notices", ""),
        (300, "arrests", "2028"),
        (21, "countries", "2028"),
    ]
    assert [(t.name, t.new) for t in draft.topics] == [("Operation Jackal III", True)]


def test_the_year_is_inferred_from_the_publication_date_with_low_confidence():
    """A report without a year takes the year it was published in, marked inferred."""
    import datetime

    draft = extract_report(SINGAPORE, published=datetime.date(2028, 6, 20))
    assert draft.fields.year.to_json() == {
        "value": 2028,
        "excerpt": "",
        "confidence": 0.5,
        "inferred": True,
        "reasoning": "The report gives no year; it was published on 2028-06-20.",
    }
    assert draft.fields.start_date.value == "2028-06-14"
    assert draft.fields.start_date.inferred is True


def write(tmp_path: Path, text: str | bytes, name: str = "report.txt") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def row_counts() -> dict:
    models = (Conference, SourceReport, Citation, ReportImport, Quote, Appearance)
    return {model.__name__: model.objects.count() for model in models}


def test_dry_run_prints_only_json_and_writes_nothing(archive, tmp_path):
    """--dry-run: standard output is the draft as JSON, nothing else; no row is written."""
    before = row_counts()
    out = StringIO()
    call_command(
        "import_report", write(tmp_path, KIGALI), "--dry-run", "--publisher", "INTERPOL",
        stdout=out,
    )  # fmt: skip
    draft = json.loads(out.getvalue())
    assert row_counts() == before
    assert draft["fields"]["edition"] == {
        "value": 21,
        "excerpt": "Rwanda — More than 400 participants representing 172 nations gathered in the Rwandan capital for the twenty-first Heads of National Central Bureaus Conference",
        "confidence": 1.0,
    }
    assert sorted(draft["fields"]) == sorted(
        ["edition", "year", "start_date", "end_date", "city", "country", "delegates",
         "countries", "member_countries", "theme"]
    )  # fmt: skip
    assert draft["source"]["publisher"] == "INTERPOL"
    assert draft["people"][0]["role"] == "Secretary General"
    assert draft["quotes"][0]["speaker"] == "Valdecy Urquiza"
    assert draft["existing_edition"] is None


def test_import_drafts_a_hidden_edition_with_its_citations_quotes_and_topics(
    archive, tmp_path
):
    """A new edition is stored as a draft, hidden from readers, with what the report states."""
    out = StringIO()
    call_command(
        "import_report",
        write(tmp_path, KIGALI),
        "--published",
        "2026-03-06",
        stdout=out,
    )
    conference = Conference.objects.get(edition=21)
    assert conference.status == Conference.Status.DRAFT
    assert not Conference.objects.published().filter(edition=21).exists()
    source = conference.sources.get()
    assert not SourceReport.objects.published().filter(pk=source.pk).exists()
    assert source.published_on.isoformat() == "2026-03-06"
    assert out.getvalue() == (
        f"Stored the report as {source.slug} and drafted the 21st Heads of NCB "
        "Conference (2026) (hidden from readers until an archivist publishes it). "
        "1 thing the import could not place waits on the import's page to be added "
        "or dismissed before the edition is published.\n"
    )
    assert (conference.city, conference.delegates, conference.countries) == (
        "Kigali", 400, 172,
    )  # fmt: skip
    assert sorted(conference.citations.values_list("field", flat=True)) == [
        "city", "countries", "country", "delegates", "edition", "end_date",
        "member_countries", "start_date", "theme", "year",
    ]  # fmt: skip
    assert [(a.person.slug, a.office.slug) for a in conference.appearances.all()] == [
        ("valdecy-urquiza", "interpol-secretary-general")
    ]
    assert list(conference.quotes.values_list("text", flat=True)) == [
        "Every NCB is a door to the world’s police. We must keep those doors open day and night.",
        "Criminals do not respect borders, and neither can our cooperation",
    ]
    assert sorted(conference.topics.values_list("slug", flat=True)) == [
        "artificial-intelligence",
        "cybercrime",
        "human-trafficking-and-migrant-smuggling",
    ]
    assert KeyFigure.objects.filter(conference=conference).count() == 1
    record = source.report_import
    assert record.state == ReportImport.State.IN_REVIEW
    assert [t["name"] for t in record.draft["topics"] if t["new"]] == [
        "Operation First Light"
    ]
    assert conference.history.first().history_change_reason == "Imported from a report"


def test_a_report_on_an_edition_the_archive_has_proposes_changes_not_a_duplicate(
    archive, tmp_path
):
    """The 20th edition exists: the import waits with additions and corrections."""
    text = KIGALI.replace("twenty-first", "twentieth").replace("2026", "2025")
    out = StringIO()
    call_command("import_report", write(tmp_path, text), stdout=out)
    assert Conference.objects.filter(edition=20).count() == 1
    record = ReportImport.objects.get()
    assert out.getvalue() == (
        f"Stored the report as {record.source.slug}. The 20th Heads of NCB Conference "
        "(2025) is already in the archive: 8 proposed additions and corrections await "
        "review in the admin.\n"
    )
    assert record.state == ReportImport.State.DRAFTED
    assert record.conference.edition == 20
    proposals = {
        p["field"]: (p["kind"], p["current"], p["proposed"]) for p in record.proposals
    }
    assert proposals == {
        "start_date": ("correction", "2025-02-11", "2025-03-03"),
        "end_date": ("correction", "2025-02-13", "2025-03-05"),
        "city": ("correction", "Lyon", "Kigali"),
        "country": ("correction", "France", "Rwanda"),
        "delegates": ("correction", 310, 400),
        "countries": ("correction", 150, 172),
        "member_countries": ("correction", 196, 197),
        "theme": ("addition", "", "Policing the digital frontier"),
    }
    assert Conference.objects.get(edition=20).city == "Lyon"
    assert not SourceReport.objects.published().filter(pk=record.source_id).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The report is empty."),
        (b"   \n\n  ", "The report is empty."),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "The report is not text (it contains binary data)",
        ),
        ("Caf\u00e9 report".encode("latin-1") * 30, "The report is not UTF-8 text"),
        (b"Just a few words.", "The report is too short to be a conference report"),
        (
            b"word " * 250_000,
            "The report is too long (1,250,000 characters; at most 1,000,000)",
        ),
    ],
    ids=["empty", "blank", "binary", "latin-1", "too-short", "too-long"],
)
def test_bad_input_is_refused_and_nothing_is_written(
    archive, tmp_path, content, message
):
    """Empty, binary or unreadable input stops the command with a clear message."""
    before = row_counts()
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("import_report", write(tmp_path, content), stdout=StringIO())
    assert row_counts() == before


def test_a_missing_file_and_a_bad_date_are_refused(archive, tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*nowhere.txt: No such file"):
        call_command("import_report", tmp_path / "nowhere.txt")
    with pytest.raises(CommandError, match="--published: '13/2025' is not a date"):
        call_command("import_report", write(tmp_path, KIGALI), "--published", "13/2025")


def test_an_import_that_breaks_a_rule_writes_nothing(archive, tmp_path):
    """More countries than members fails the edition's check: the source is not kept either."""
    text = KIGALI.replace("197 member countries", "150 member countries")
    before = row_counts()
    with pytest.raises(CommandError, match="countries"):
        call_command("import_report", write(tmp_path, text), stdout=StringIO())
    assert row_counts() == before


def test_the_same_report_cannot_be_imported_twice(archive):
    """A report already in the archive (here a curated one) is refused by name."""
    source = SourceReport.objects.get(slug="000-a42205c1")
    with pytest.raises(
        ReportImportError, match="already in the archive as .*000-a42205c1"
    ):
        report_import(text=source.raw_text)


@pytest.mark.slow  # a new process
def test_a_device_is_refused_before_it_is_read(tmp_path):
    """import_report /dev/zero stops at once: non-zero exit, a sentence on standard error."""
    result = subprocess.run(
        [sys.executable, "manage.py", "import_report", "/dev/zero", "--dry-run"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "CommandError: /dev/zero is not a regular file: give the report as a "
        "plain-text (.txt) file. Nothing was written.\n"
    )


def test_a_directory_a_pipe_and_an_oversized_file_are_refused_unread(tmp_path):
    """Only a regular file within the size limit is read."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)  # opening it would wait for a writer forever
    for path in (tmp_path, pipe):
        with pytest.raises(CommandError, match="is not a regular file"):
            call_command("import_report", path, stdout=StringIO())
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(MAX_BYTES + 1)  # sparse: nothing is written to the disk
    with pytest.raises(
        CommandError,
        match=re.escape(
            f"The report is too large ({MAX_BYTES + 1:,} bytes; at most {MAX_BYTES:,})"
        ),
    ):
        call_command("import_report", huge, stdout=StringIO())


def distinct_press_style() -> str:
    """A million characters of quotations and reported speech, no paragraph like another.

    A report made of one piece repeated is read quickly partly because the rules look at
    each distinct excerpt once; here every paragraph is new.
    """
    paragraphs, size, n = ["12 June 2031", "The meeting runs until Thursday."], 0, 0
    while size < 1_000_000:
        paragraph = (
            f"Anna Smith, President of INTERPOL, said in a statement that bureau {n} "
            f"answered.\n“Paragraph {n} of a quotation ends its sentence.\n“And {n} "
            f"ends it,” said Ms Smith."
        )
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
        n += 1
    return "\n".join(paragraphs)


WORST_CASES = {
    # a real report, over and over: every rule finds something everywhere
    "a-report-repeated": (Path(settings.ARCHIVE_FIXTURES_DIR) / "sources").joinpath(
        "001_482bcb21a1e532ca.txt"
    ),
    # quotation marks opened and never closed (once quadratic: 200,000 took 144 s)
    "unclosed-quotes": '“Every word opens a quote ‘that never closes "and again ',
    # numbers, ordinals and dates with nothing they count
    "numbers": "1 2 3rd 4th 5 to 6 March 2026, 7,000 8 million 9 ",
    # people, roles and speech verbs in one paragraph with no full stop
    "names": "Anna Smith, President of INTERPOL, said “we act” as Secretary General Bob Jones told ",
    # reported speech, relative days and a quotation reopened on every paragraph
    "press-style": "12 June 2031\nAnna Smith, President of INTERPOL, said NCBs met this "
    "week and, according to Smith, the meeting closed yesterday: “we act and\n“we ",
    # the same, no paragraph like another: each quotation's paragraphs verified anew
    "press-style-distinct": distinct_press_style,
}


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("content", WORST_CASES.values(), ids=WORST_CASES.keys())
def test_a_report_of_a_million_characters_previews_in_under_ten_seconds(content):
    """Every rule runs in linear time: the longest report accepted previews quickly.

    The time is the processor time the preview takes (on an idle machine, the time an
    archivist waits), so that other work sharing the machine does not count against it.
    """
    if callable(content):
        content = content()
    piece = content.read_text() if isinstance(content, Path) else content
    text = (piece * (1_000_000 // len(piece) + 1))[:1_000_000]
    began = time.process_time()
    outcome = report_import(text=text, dry_run=True)
    took = time.process_time() - began
    assert took < 10, f"{took:.1f} s"
    assert outcome.report_import is None
