"""Import → review → publish: an import's states, discarding, the readable preview.

Through the admin (pages parsed with lxml), the command and the API, with a report written
the way real releases are: someone the archive does not have, regional round tables, an
operation outside the vocabulary. Reviewing one import in review, finding by finding, is
in test_import_in_review.py.
"""

import json
from io import StringIO

import lxml.html
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from conferences.importing.service import report_import, report_import_apply
from conferences.importing.tests.test_import_report import KIGALI, SINGAPORE
from conferences.models import (
    Conference,
    ReportImport,
    SourceReport,
    UnplacedFinding,
)
from conferences.templatetags.drafts import confidence, readable

pytestmark = pytest.mark.django_db

NAIROBI = """Heads of National Central Bureaus meet in Lyon

LYON, France – The 27th Heads of National Central Bureaus Conference opened on 9 March 2032 at INTERPOL’s General Secretariat, bringing together some 320 senior police officials from 168 countries for three days.

Opening the meeting, INTERPOL Secretary General Valdecy Urquiza said: “Every bureau that answers in minutes rather than days saves a case.”

Head of the National Central Bureau in Nairobi, Commissioner Grace Wanjiru, told delegates that Kenyan officers now answer most requests within the hour. “Our network is only as fast as its slowest answer,” said Commissioner Wanjiru.

Regional round tables met for Africa, the Americas, Asia and the South Pacific, Europe, and the Middle East and North Africa. Delegates also reviewed Operation Sandstorm, which led to more than 1,200 arrests, and heard that INTERPOL’s databases were searched more than 20 million times each day.
"""
REGIONS = [
    "Africa",
    "Americas",
    "Asia and the South Pacific",
    "Europe",
    "Middle East and North Africa",
]
IMPORT_URL = "admin:conferences_reportimport_add"
RESULTS = "//table[@id='result_list']/tbody/tr"
MESSAGES = "//ul[contains(@class, 'messagelist')]/li"
State = ReportImport.State
Decision = UnplacedFinding.Decision


def change_url(record) -> str:
    return reverse("admin:conferences_reportimport_change", args=[record.pk])


def page(response) -> lxml.html.HtmlElement:
    assert response.status_code == 200, response.status_code
    return lxml.html.fromstring(response.content.decode())


def cells(row) -> list[str]:
    return [" ".join(cell.text_content().split()) for cell in row.xpath("td|th")]


def messages_of(document) -> list[str]:
    return [" ".join(li.text_content().split()) for li in document.xpath(MESSAGES)]


def resolve_all(record, user) -> None:
    for finding in record.unplaced.all():
        finding.decide(Decision.DISMISSED, by=user, reason="Checked: not kept")


# ---------------------------------------------------------------- states


def test_an_import_moves_from_drafted_to_in_review_to_published_with_its_edition(
    archive, staff_user
):
    """The state follows the edition: publishing or unpublishing it moves the import."""
    text = SINGAPORE.replace("met for the 23rd time", "met again")
    record = report_import(text=text, user=staff_user).report_import
    assert record.state == State.DRAFTED
    record.edition = 23
    record.save()
    conference = report_import_apply(report_import=record, user=staff_user)
    record.refresh_from_db()
    assert record.state == State.IN_REVIEW
    assert record.applied_at is not None
    conference.summary = "The 23rd edition met in Singapore."
    resolve_all(record, staff_user)
    conference.publish(by=staff_user)
    record.refresh_from_db()
    assert record.state == State.PUBLISHED
    assert record.state_label == "Published"
    conference.unpublish(by=staff_user)
    record.refresh_from_db()
    assert record.state == State.IN_REVIEW


def test_the_state_and_its_filter_say_the_same_for_every_state(archive, staff_user):
    """ReportImport.state (Python) and in_state() (SQL) are one rule: they agree."""
    drafted = report_import(
        text=SINGAPORE.replace("met for the 23rd time", "met again")
    ).report_import
    in_review = report_import(text=NAIROBI).report_import
    published = report_import(
        text=KIGALI.replace("twenty-first", "twentieth").replace("2026", "2025")
    ).report_import
    report_import_apply(report_import=published, user=staff_user)
    discarded = report_import(text=KIGALI).report_import
    discarded.discard(by=staff_user, reason="A duplicate of another release")
    expected = {
        State.DRAFTED: drafted,
        State.IN_REVIEW: in_review,
        State.PUBLISHED: published,
        State.DISCARDED: discarded,
    }
    for state, record in expected.items():
        assert ReportImport.objects.get(pk=record.pk).state == state
        assert list(ReportImport.objects.in_state(state)) == [record], state


def test_the_import_list_shows_each_state_and_filters_by_it(staff_client, archive):
    drafted = report_import(
        text=SINGAPORE.replace("met for the 23rd time", "met again")
    ).report_import
    in_review = report_import(text=NAIROBI).report_import
    changelist = reverse("admin:conferences_reportimport_changelist")
    document = page(staff_client.get(changelist))
    headers = cells(document.xpath("//table[@id='result_list']/thead/tr")[0])
    state_column = headers.index("State")
    review_column = headers.index("To add or dismiss")
    rows = {cells(row)[1]: cells(row) for row in document.xpath(RESULTS)}
    assert rows[str(drafted.source)][state_column] == "Drafted"
    assert rows[str(in_review.source)][state_column] == "In review"
    assert rows[str(in_review.source)][review_column] == "7"
    assert [
        " ".join(a.text_content().split())
        for a in document.xpath("//*[@id='changelist-filter']//details//li/a")
    ] == ["All", "Drafted", "In review", "Published", "Discarded"]
    filtered = page(staff_client.get(changelist, {"state": "in_review"}))
    assert [cells(row)[1] for row in filtered.xpath(RESULTS)] == [str(in_review.source)]


@pytest.mark.parametrize("size", [1, 12])
def test_the_import_list_takes_a_fixed_number_of_queries(
    staff_client, archive, django_assert_max_num_queries, size
):
    for number in range(size):
        source = SourceReport.objects.create(
            slug=f"report-{number}", raw_text=f"Report {number}"
        )
        ReportImport.objects.create(source=source, edition=40 + number)
    with django_assert_max_num_queries(12):
        response = staff_client.get(
            reverse("admin:conferences_reportimport_changelist")
        )
    assert len(page(response).xpath(RESULTS)) == size


# ---------------------------------------------------------------- discarding


def discard(client, record, reason="Not a Heads of NCB conference"):
    url = reverse("admin:conferences_reportimport_discard", args=[record.pk])
    return page(client.post(url, {"reason": reason}, follow=True))


def test_discarding_a_drafted_import_changes_no_edition(staff_client, archive):
    record = report_import(
        text=KIGALI.replace("twenty-first", "twentieth").replace("2026", "2025")
    ).report_import
    before = Conference.objects.get(edition=20).history.count()
    document = discard(staff_client, record, "An older release of the same news")
    assert messages_of(document) == ["The import is discarded; no edition was changed."]
    record.refresh_from_db()
    assert record.state == State.DISCARDED
    assert Conference.objects.get(edition=20).history.count() == before


def test_an_import_of_a_published_edition_cannot_be_discarded(
    staff_client, staff_user, archive
):
    record = report_import(
        text=KIGALI.replace("twenty-first", "twentieth").replace("2026", "2025")
    ).report_import
    report_import_apply(report_import=record, user=staff_user)
    url = reverse("admin:conferences_reportimport_discard", args=[record.pk])
    document = page(staff_client.get(url))
    assert not document.xpath("//form[@id='discard-form']")
    document = discard(staff_client, record)
    assert messages_of(document) == [
        "Readers see the 20th Heads of NCB Conference (2025): an import of a published "
        "edition cannot be discarded. Unpublish the edition first, or correct it."
    ]
    record.refresh_from_db()
    assert record.state == State.PUBLISHED


def test_discarding_an_import_of_an_edition_others_describe_leaves_it(
    staff_client, staff_user, archive
):
    """Once published, or described by other reports, an edition is never deleted."""
    Conference.objects.get(edition=20).unpublish(by=staff_user)
    record = report_import(
        text=KIGALI.replace("twenty-first", "twentieth").replace("2026", "2025")
    ).report_import
    report_import_apply(report_import=record, user=staff_user)
    assert ReportImport.objects.get(pk=record.pk).state == State.IN_REVIEW
    document = discard(staff_client, record)
    assert messages_of(document) == [
        "The import is discarded; the 20th Heads of NCB Conference (2025) is left as "
        "it is (other reports describe it, or readers have seen it): change it by hand "
        "if need be."
    ]
    assert Conference.objects.filter(edition=20).exists()


# ---------------------------------------------------------------- readable preview


def test_the_preview_shows_values_as_a_reader_writes_them(staff_client, archive):
    """'more than', '20,000,000', 'high (95%)', '9 March 2032': not the stored values."""
    response = staff_client.post(
        reverse(IMPORT_URL),
        {
            "text": NAIROBI,
            "language": "en",
            "publisher": "",
            "published": "",
            "dry_run": "on",
        },
    )
    draft = page(response).get_element_by_id("draft")
    tables = draft.xpath(".//table")
    fields = {cells(row)[0]: cells(row)[1:3] for row in tables[0].xpath("tbody/tr")}
    assert fields["Start date"] == ["9 March 2032", "low (60%)"]
    assert fields["Delegates"] == ["320", "high (95%)"]
    assert fields["End date"] == ["—", ""]
    figures = [cells(row)[:5] for row in tables[4].xpath("tbody/tr")]
    assert figures == [
        ["more than", "1,200", "arrests", "", "medium (70%)"],
        ["more than", "20,000,000", "times each day", "", "medium (70%)"],
    ]
    unplaced = [cells(row)[:2] for row in tables[6].xpath("tbody/tr")]
    assert unplaced[:2] == [
        ["A person the archive does not have", "Grace Wanjiru"],
        ["A topic not in the archive's vocabulary", "Operation Sandstorm"],
    ]
    assert not ReportImport.objects.exists()


def test_the_dry_run_json_keeps_the_stored_values(archive, tmp_path):
    path = tmp_path / "nairobi.txt"
    path.write_text(NAIROBI)
    out = StringIO()
    call_command("import_report", str(path), "--dry-run", stdout=out)
    draft = json.loads(out.getvalue())
    assert draft["fields"]["start_date"]["value"] == "2032-03-09"
    assert draft["fields"]["delegates"]["confidence"] == 0.95
    assert {
        (f["qualifier"], f["value"], f["confidence"]) for f in draft["key_figures"]
    } == {("more_than", 1200, 0.7), ("more_than", 20_000_000, 0.7)}
    assert [t["region"] for t in draft["round_tables"]] == REGIONS
    assert [(u["kind"], u["value"]) for u in draft["unplaced"]] == [
        ("person", "Grace Wanjiru"),
        ("topic", "Operation Sandstorm"),
        *[("round_table", region) for region in REGIONS],
    ]


def test_the_import_command_says_what_waits_for_review(archive, tmp_path):
    path = tmp_path / "nairobi.txt"
    path.write_text(NAIROBI)
    out = StringIO()
    call_command("import_report", str(path), stdout=out)
    assert out.getvalue().endswith(
        "(hidden from readers until an archivist publishes it). 7 things the import "
        "could not place (people, round tables…) wait on the import's page to be added "
        "or dismissed before the edition is published.\n"
    )
    record = ReportImport.objects.get()
    assert record.unplaced.count() == 7


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["high (95%)", "9 March 2032", "20,000,000"]),
        ("fr", ["élevée (95 %)", "9 mars 2032", "20 000 000"]),
        ("es", ["alta (95 %)", "9 de marzo de 2032", "20.000.000"]),
    ],
)
def test_readable_values_follow_the_language(language, expected):
    with translation.override(language):
        written = [
            confidence(0.95),
            readable("2032-03-09", "start_date"),
            readable(20_000_000, "delegates"),
        ]
    assert [" ".join(text.split()) for text in written] == expected
