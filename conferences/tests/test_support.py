"""The one rule "does this excerpt support this value", on every citation of the fixtures."""

import datetime
from pathlib import Path

import pytest
import yaml

from conferences.support import supports

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "reports"


def fixture_citations():
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for field, cited in data["edition"]["fields"].items():
            yield pytest.param(
                field,
                cited["value"],
                cited.get("excerpt") or "",
                bool(cited.get("inferred")),
                id=f"{path.stem}-{field}",
            )


@pytest.mark.parametrize("field, value, excerpt, inferred", list(fixture_citations()))
def test_every_fixture_citation_supports_its_value(field, value, excerpt, inferred):
    """Today's curated values all pass: stated ones by their words, inferred ones by rule."""
    assert supports(field, value, excerpt, inferred=inferred)


@pytest.mark.parametrize(
    "field, value, excerpt",
    [
        ("delegates", 335, "the 21st conference brought together some 335 delegates"),
        ("countries", 150, "officials from more than 150 countries"),
        ("edition", 15, "INTERPOL’s 15th annual meeting"),
        ("edition", 15, "the fifteenth annual meeting"),
        ("delegates", 2500, "some 2,500 participants"),
        ("start_date", datetime.date(2019, 4, 9), "the conference (9 – 11 April)"),
        ("end_date", datetime.date(2019, 4, 11), "the conference (9 – 11 April)"),
        ("end_date", datetime.date(2018, 4, 12), "held 10 - 12 April 2018 in Lyon"),
        ("city", "Lyon", "LYON, France – Senior police officials"),
        ("country", "France", "LYON, France – Senior police officials"),
        ("theme", "The Future is Now", "under the theme “NCBs – The Future is Now”"),
        ("format", "Regional round tables", "with regional tables"),
    ],
)
def test_the_forms_reports_write_are_understood(field, value, excerpt):
    assert supports(field, value, excerpt)


@pytest.mark.parametrize(
    "field, value, excerpt",
    [
        ("delegates", 353, "some 335 delegates"),
        ("edition", 16, "INTERPOL’s 15th annual meeting"),
        ("start_date", datetime.date(2019, 4, 10), "the conference (9 – 11 April)"),
        ("start_date", datetime.date(2019, 5, 9), "the conference (9 – 11 April)"),
        ("end_date", datetime.date(2019, 4, 12), "held 10 - 12 April 2018 in Lyon"),
        ("city", "Paris", "LYON, France – Senior police officials"),
        ("delegates", "many", "some 335 delegates"),
    ],
)
def test_a_value_the_excerpt_does_not_state_is_not_supported(field, value, excerpt):
    assert not supports(field, value, excerpt)


def test_an_excerpt_in_a_script_the_checker_cannot_read_is_not_refused():
    """An Arabic record's words state the 16th edition; the checker leaves them be."""
    excerpt = "تشارك دولة قطر في أعمال المؤتمر السادس عشر لرؤساء المكاتب المركزية الوطنية للإنتربول"
    assert supports("edition", 16, excerpt)
    assert not supports("edition", 16, "the fifteenth conference")
