"""The draft is typed: it crosses into JSON and back unchanged, and rules share nothing."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from conferences.importing.draft import Draft, Finding
from conferences.importing.rules import extract_report
from conferences.importing.rules.edition import extract_attendance
from conferences.importing.rules.facts import extract_key_figures
from conferences.importing.rules.words import Report
from conferences.importing.tests.test_import_report import KIGALI

SOURCES = sorted((Path(settings.ARCHIVE_FIXTURES_DIR) / "sources").glob("*.txt"))


@pytest.mark.django_db
@pytest.mark.parametrize("path", SOURCES, ids=[path.stem for path in SOURCES])
def test_a_dry_run_draft_reads_back_from_its_json_unchanged(archive, path):
    """Draft.from_json(the --dry-run JSON).to_json() gives the same JSON, key for key."""
    out = StringIO()
    call_command("import_report", path, "--dry-run", stdout=out)
    data = json.loads(out.getvalue())
    assert Draft.from_json(data).to_json() == data
    assert list(data) == [
        "source", "fields", "people", "quotes", "topics", "key_figures",
        "existing_edition", "proposals", "round_tables", "unplaced",
    ]  # fmt: skip


def test_a_finding_names_inferred_and_reasoning_only_when_inferred():
    assert Finding(3, "three", 0.9).to_json() == {
        "value": 3,
        "excerpt": "three",
        "confidence": 0.9,
    }
    assert Finding(2025, "", 0.5, True, "Published then.").to_json() == {
        "value": 2025,
        "excerpt": "",
        "confidence": 0.5,
        "inferred": True,
        "reasoning": "Published then.",
    }


def test_the_key_figure_rule_leaves_the_attendance_rules_spans_alone():
    """extract_key_figures() reads the spans the edition's fields took; it adds none to them."""
    report = Report(KIGALI)
    *_, taken = extract_attendance(report)
    before = list(taken)
    figures = extract_key_figures(report, taken)
    assert taken == before
    assert [figure.value for figure in figures] == [3000]
    assert extract_report(KIGALI).key_figures == figures
