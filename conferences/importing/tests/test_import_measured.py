"""The importer, measured: each of the five reports imported as new, against the curated fixtures.

Each report is imported (for real, not a dry run) into an archive emptied of everything but
the topic vocabulary, and its draft is compared with the report's curated YAML, field by
field: right, wrong (a different value), missed (a stated value not found), extra (a value
the curated record does not have). A curated value that is inferred, not stated, counts
only when the importer gives a value: right if it matches (an inferred year, or a day and
month whose year the report does not give), wrong if not. The README states these numbers;
this test holds them as a floor.
"""

import datetime
from collections import Counter
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.utils.text import slugify

from conferences.importing.draft import EDITION_FIELDS
from conferences.importing.service import report_import
from conferences.models import (
    Citation,
    Conference,
    ConferenceTopic,
    Delegation,
    KeyFigure,
    Membership,
    ReportImport,
    RoundTable,
    SourceReport,
)
from speakers.models import Appearance, Office, Person, Quote, Tenure

FIXTURES = Path(settings.ARCHIVE_FIXTURES_DIR)
REPORTS = sorted((FIXTURES / "reports").glob("*.yaml"))
OFFICE_KINDS = {
    office["slug"]: office["kind"]
    for office in yaml.safe_load((FIXTURES / "people.yaml").read_text())["offices"]
}

# The floor: what the importer gets right today, over the five reports.
FLOOR = {
    "fields": {"right": 31, "wrong": 0, "missed": 0, "extra": 0},
    "people": {"right": 10, "wrong": 0, "missed": 0, "extra": 0},
    "roles": {"right": 11, "wrong": 0, "missed": 0, "extra": 0},
    # 18 + 1 extra: the curated fixture folds Stock's caption phrase into the body quote it
    # is part of (also_excerpt); the importer still takes the caption as a quote of its own.
    "quotes": {"right": 18, "wrong": 0, "missed": 0, "extra": 1},
    # 'X said NCBs were …' is found; 'called on', 'highlighted', 'illustrated' and a
    # speech summed up after 'made a welcoming speech' are not read as reported speech.
    "reported speech": {"right": 1, "wrong": 0, "missed": 5, "extra": 0},
    "topics": {"right": 40, "wrong": 0, "missed": 0, "extra": 1},
    "key_figures": {"right": 11, "wrong": 0, "missed": 0, "extra": 0},
}


def empty_archive():
    """Delete every record but the topic vocabulary (the test's transaction undoes it)."""
    for model in (
        Quote, Appearance, Citation, ConferenceTopic, KeyFigure, RoundTable,
        Delegation, ReportImport, Tenure, Membership, Person, SourceReport, Conference, Office,
    ):  # fmt: skip
        model.objects.all().delete()


def same_words(text: str) -> str:
    return " ".join(text.split()).rstrip(".,;: ")


def as_text(value) -> str | None:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return None if value is None else str(value)


def score_fields(curated: dict, draft: dict, tally: Counter) -> None:
    for field in EDITION_FIELDS:
        cited = curated.get(field)
        value = as_text(draft[field]["value"])
        if cited is None:
            tally["extra" if value is not None else "none"] += 1
            continue
        expected = as_text(cited["value"])
        if value is None:
            tally["not counted" if cited.get("inferred") else "missed"] += 1
        elif value == expected or (
            cited.get("inferred")
            and value.startswith("--")
            and expected.endswith(value[1:])
        ):
            tally["right"] += 1
        else:
            tally["wrong"] += 1


def score_sets(expected: set, found: set, tally: Counter) -> None:
    tally["right"] += len(expected & found)
    tally["missed"] += len(expected - found)
    tally["extra"] += len(found - expected)


def score_quotes(curated: list, draft: list, tally: Counter, kind: str) -> None:
    """Score the draft's quotes of one kind, direct or reported, against the curated ones.

    Paragraph by paragraph: the curated records keep a quotation that the press runs over
    paragraphs (the mark opened again on each) as one quote per paragraph, of one speaker,
    one after another; the draft gives it as one quote with its paragraphs. The two are
    the same record at a finer grain, so a draft quote's paragraphs are right when, in
    order, they are consecutive curated quotes, each of the draft's speaker.
    """
    expected = [
        (same_words(q["text"]), q["person"])
        for q in curated
        if q.get("kind", "direct") == kind
    ]
    for quote in draft:
        if quote["kind"] != kind:
            continue
        speaker = slugify(quote["speaker"])
        parts = [same_words(paragraph) for paragraph in quote["paragraphs"]]
        texts = [text for text, _ in expected]
        first = texts.index(parts[0]) if parts[0] in texts else None
        if first is not None and texts[first : first + len(parts)] == parts:
            for _, person in expected[first : first + len(parts)]:
                tally["right" if person == speaker else "wrong"] += 1
            del expected[first : first + len(parts)]
            continue
        for part in parts:  # paragraphs the curated record keeps apart, or not at all
            if part in texts:
                tally["wrong"] += 1
                del expected[texts.index(part)]
                texts.remove(part)
            else:
                tally["extra"] += 1
    tally["missed"] += len(expected)


def measure(path: Path) -> dict[str, Counter]:
    curated = yaml.safe_load(path.read_text())
    text = (FIXTURES / curated["source"]["file"]).read_text()
    draft = report_import(text=text, file_name=path.name).draft.to_json()
    tallies = {name: Counter() for name in FLOOR}
    score_fields(curated["edition"]["fields"], draft["fields"], tallies["fields"])
    appearances = curated.get("appearances", [])
    score_sets(
        {a["person"] for a in appearances},
        {slugify(p["name"]) for p in draft["people"]},
        tallies["people"],
    )
    score_sets(
        {(a["person"], OFFICE_KINDS[a["office"]]) for a in appearances},
        {(slugify(p["name"]), r["kind"]) for p in draft["people"] for r in p["roles"]},
        tallies["roles"],
    )
    for name, kind in (("quotes", "direct"), ("reported speech", "paraphrase")):
        score_quotes(curated.get("quotes", []), draft["quotes"], tallies[name], kind)
    score_sets(
        {t["topic"] for t in curated.get("topics", [])},
        {t["topic"] for t in draft["topics"]},
        tallies["topics"],
    )
    score_sets(
        {f["value"] for f in curated.get("key_figures", [])},
        {f["value"] for f in draft["key_figures"]},
        tallies["key_figures"],
    )
    return tallies


# Slow: imports the whole corpus, the five real reports (about 3 s of CPU). The quick
# loop keeps the importer's synthetic reports (test_import_report.py, test_speech.py).
@pytest.mark.slow
@pytest.mark.django_db
def test_extraction_from_the_five_reports_holds_its_measured_floor(archive):
    """Importing the five reports on an empty archive gets at least the README's numbers."""
    empty_archive()
    totals = {name: Counter() for name in FLOOR}
    for path in REPORTS:
        for name, tally in measure(path).items():
            totals[name].update(tally)
    report = {name: dict(tally) for name, tally in totals.items()}
    print(report)
    for name, floor in FLOOR.items():
        assert totals[name]["right"] >= floor["right"], (name, report[name])
        for worse in ("wrong", "missed", "extra"):
            assert totals[name][worse] <= floor[worse], (name, report[name])
