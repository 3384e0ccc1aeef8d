"""An import in review: where it stands, what it could not place, adding and dismissing
each finding, publishing its edition once all are decided, and discarding it.

Every test starts from one import of the Nairobi report (test_review.py), made through
the admin's form once for the module's tests (`record`): each test's changes roll back.
"""

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from conferences.importing.tests.test_review import (
    IMPORT_URL,
    NAIROBI,
    REGIONS,
    Decision,
    State,
    cells,
    change_url,
    discard,
    messages_of,
    page,
    resolve_all,
)
from conferences.models import (
    Conference,
    KeyFigure,
    ReportImport,
    RoundTable,
    SourceReport,
    Topic,
    UnplacedFinding,
)
from speakers.models import Appearance, Office, Person, Quote

pytestmark = pytest.mark.django_db

ROUND_TABLES = "Regional round tables met for Africa, the Americas, Asia and the South Pacific, Europe, and the Middle East and North Africa."
UNPLACED = "//*[@id='unplaced']//tbody/tr"


def finding_url(finding, action: str) -> str:
    return reverse(
        f"admin:conferences_reportimport_{action}_finding",
        args=[finding.report_import_id, finding.pk],
    )


def imported(client) -> ReportImport:
    """Import the Nairobi report through the admin's form, as an archivist does."""
    response = client.post(
        reverse(IMPORT_URL),
        {"text": NAIROBI, "language": "en", "publisher": "INTERPOL", "published": ""},
        follow=True,  # past the import's own message
    )
    record = ReportImport.objects.get(source__raw_text=NAIROBI.strip())
    assert response.redirect_chain == [(change_url(record), 302)]
    return record


@pytest.fixture(scope="module")
def nairobi_import(module_transaction) -> int:
    """The Nairobi report imported through the admin's form, once for the module's tests
    (in each worker): an import, its draft edition and its findings are a tenth of a
    second of CPU to write."""
    with module_transaction.unblock():
        importer = User.objects.create_user("importer", is_staff=True)
        importer.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label__in=["conferences", "speakers"]
            )
        )
        client = Client()
        client.force_login(importer)
        return imported(client).pk


@pytest.fixture
def record(nairobi_import, archive) -> ReportImport:
    """The Nairobi report's import, in review, as the import left it."""
    return ReportImport.objects.get(pk=nairobi_import)


def messages_sent(client, response, *, to: Conference) -> list[str]:
    """The messages a redirect to the edition's change page carries to it (taken from
    the client then, as showing the page would)."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse(
        "admin:conferences_conference_change", args=[to.pk]
    )
    client.cookies.pop("messages", None)
    return [str(message) for message in get_messages(response.wsgi_request)]


def staff(username: str, *codenames: str) -> User:
    user = User.objects.create_user(username, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


# ---------------------------------------------------------------- where it stands


def test_the_import_page_says_where_it_stands(staff_client, record):
    document = page(staff_client.get(change_url(record)))
    state = " ".join(
        document.xpath("//div[@class='import-state']")[0].text_content().split()
    )
    assert state.startswith(
        "State: In review. Applied to the 27th Heads of NCB Conference (2032), a draft "
        "readers do not see yet: add or dismiss what the import could not place, then "
        "publish the edition from its page."
    )


# ---------------------------------------------------------------- unplaced findings


def test_the_import_page_lists_everything_it_could_not_place(staff_client, record):
    """The unknown person, the operation and the five round tables: each to add or dismiss."""
    document = page(staff_client.get(change_url(record)))
    rows = [cells(row) for row in document.xpath(UNPLACED)]
    assert [(row[0], row[1], row[4]) for row in rows] == [
        ("A person the archive does not have", "Grace Wanjiru", "Add · Dismiss"),
        (
            "A topic not in the archive's vocabulary",
            "Operation Sandstorm",
            "Add · Dismiss",
        ),
        *[("A regional round table", region, "Add · Dismiss") for region in REGIONS],
    ]
    assert rows[0][2] == (
        "Grace Wanjiru, named as Head of the National Central Bureau in Nairobi, is not "
        "among the archive's people (2 of their quotes wait with them)."
    )
    assert rows[2][3] == ROUND_TABLES
    links = document.xpath(UNPLACED)[2].xpath(".//a")
    finding = record.unplaced.get(value="Africa")
    assert [a.get("href") for a in links] == [
        finding_url(finding, "add"),
        finding_url(finding, "dismiss"),
    ]
    # Nothing placed of what is listed: no round table, no appearance of an unknown.
    conference = record.conference
    assert not conference.round_tables.exists()
    assert [a.person.name for a in conference.appearances.all()] == ["Valdecy Urquiza"]


def test_publishing_waits_until_every_finding_is_added_or_dismissed(
    staff_client, staff_user, record
):
    conference = record.conference
    Conference.objects.filter(pk=conference.pk).update(summary="Lyon, 2032.")
    staff_user.user_permissions.add(
        Permission.objects.get(codename="publish_conference")
    )
    publish = reverse("admin:conferences_conference_publish", args=[conference.pk])
    # The messages as the edition's page will show them (not rendered here: its change
    # form is most of a second of CPU; test_corrections.py opens it after publishing).
    assert messages_sent(staff_client, staff_client.post(publish), to=conference) == [
        "The 27th Heads of NCB Conference (2032) was not published: The import of "
        f"{record.source.slug} found 7 things it could not place (people, round "
        "tables, figures…) that nobody has added or dismissed: review them on the "
        "import's page, so nothing the report says is silently dropped."
    ]
    # The API refuses for the same reason.
    token = Token.objects.create(user=staff_user)
    response = staff_client.post(
        "/api/v1/conferences/27/publish/",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 400
    assert "found 7 things it could not place" in response.json()["detail"][0]
    resolve_all(record, staff_user)
    assert messages_sent(staff_client, staff_client.post(publish), to=conference) == [
        "The 27th Heads of NCB Conference (2032) is published: readers and API "
        "clients see it."
    ]
    record.refresh_from_db()
    assert record.state == State.PUBLISHED


def test_adding_a_round_table_cites_the_reports_words(staff_client, record):
    finding = record.unplaced.get(value="Americas")
    form = page(staff_client.get(finding_url(finding, "add"))).get_element_by_id(
        "finding-form"
    )
    assert form.fields["region"] == "Americas"
    assert form.fields["excerpt"].strip() == ROUND_TABLES
    response = staff_client.post(
        finding_url(finding, "add"),
        {**dict(form.form_values()), "reason": "The release names the region"},
        follow=True,
    )
    assert messages_of(page(response)) == [
        "Added to the 27th Heads of NCB Conference (2032): Americas."
    ]
    table = RoundTable.objects.get(conference=record.conference)
    assert (table.region, table.excerpt, table.source) == (
        "Americas",
        ROUND_TABLES,
        record.source,
    )
    assert table.history.get().history_change_reason == "The release names the region"
    finding.refresh_from_db()
    assert (finding.decision, finding.note) == (
        Decision.ADDED,
        "The release names the region",
    )
    row = page(staff_client.get(change_url(record))).get_element_by_id(
        f"finding-{finding.pk}"
    )
    assert cells(row)[4] == "Added: The release names the region"


def test_a_round_table_with_words_not_in_the_report_is_refused(staff_client, record):
    finding = record.unplaced.get(value="Europe")
    response = staff_client.post(
        finding_url(finding, "add"),
        {"region": "Europe", "excerpt": "Europe met in Paris.", "reason": "Seen"},
    )
    document = page(response)
    assert (
        "This excerpt is not in the text of the report"
        in document.xpath("//*[@class='errornote']")[0].text_content()
    )
    assert not RoundTable.objects.filter(conference=record.conference).exists()
    finding.refresh_from_db()
    assert finding.decision == Decision.OPEN


def test_adding_a_person_not_in_the_archive_goes_through_the_person_form(
    staff_client, record
):
    """Add the person with the admin's own form, prefilled; then place their appearance
    and their quotes."""
    finding = record.unplaced.get(kind=UnplacedFinding.Kind.PERSON)
    document = page(staff_client.get(finding_url(finding, "add")))
    create = document.xpath("//p[@class='create-person']/a")[0].get("href")
    assert create == (
        reverse("admin:speakers_person_add") + "?name=Grace+Wanjiru&slug=grace-wanjiru"
    )
    person_form = page(staff_client.get(create)).get_element_by_id("person_form")
    assert person_form.fields["name"] == "Grace Wanjiru"
    staff_client.post(create, dict(person_form.form_values()))
    grace = Person.objects.get(slug="grace-wanjiru")
    # Her post is no office of the archive's yet (its one bureau head is Moscow's).
    document = page(staff_client.get(finding_url(finding, "add")))
    assert not document.xpath("//p[@class='create-person']")
    create = document.xpath("//p[@class='create-office']/a")[0].get("href")
    office_form = page(staff_client.get(create)).get_element_by_id("office_form")
    assert (office_form.fields["title"], office_form.fields["kind"]) == (
        "Head of the National Central Bureau in Nairobi",
        "ncb_head",
    )
    staff_client.post(create, dict(office_form.form_values()))
    office = Office.objects.get(title="Head of the National Central Bureau in Nairobi")

    form = page(staff_client.get(finding_url(finding, "add"))).get_element_by_id(
        "finding-form"
    )
    assert (form.fields["person"], form.fields["office"]) == (
        str(grace.pk),
        str(office.pk),
    )
    assert form.fields["role"] == "Head of the National Central Bureau in Nairobi"
    values = dict(form.form_values())
    values["reason"] = "Head of NCB Nairobi, named in the release"
    staff_client.post(finding_url(finding, "add"), values)
    appearance = Appearance.objects.get(conference=record.conference, person=grace)
    assert appearance.excerpt == finding.excerpt
    assert sorted(Quote.objects.filter(person=grace).values_list("kind", "text")) == [
        ("direct", "Our network is only as fast as its slowest answer"),
        (
            "paraphrase",
            "Head of the National Central Bureau in Nairobi, Commissioner Grace "
            "Wanjiru, told delegates that Kenyan officers now answer most requests "
            "within the hour.",
        ),
    ]
    finding.refresh_from_db()
    assert finding.decision == Decision.ADDED


def test_adding_a_new_topic_links_the_edition_to_it(staff_client, record):
    finding = record.unplaced.get(kind=UnplacedFinding.Kind.TOPIC)
    form = page(staff_client.get(finding_url(finding, "add"))).get_element_by_id(
        "finding-form"
    )
    assert (form.fields["name"], form.fields["kind"]) == (
        "Operation Sandstorm",
        "operation",
    )
    staff_client.post(
        finding_url(finding, "add"),
        {**dict(form.form_values()), "reason": "An INTERPOL operation"},
    )
    topic = Topic.objects.get(slug="operation-sandstorm")
    assert topic.kind == Topic.Kind.OPERATION
    link = record.conference.topic_links.get(topic=topic)
    assert link.excerpt == finding.excerpt


def test_a_figure_without_a_unit_is_unplaced_and_added_with_one(
    staff_client, staff_user, record
):
    """A figure the rules find without a unit is never written with a made-up one."""
    excerpt = "which led to more than 1,200 arrests"
    finding = UnplacedFinding.objects.create(
        report_import=record,
        kind=UnplacedFinding.Kind.FIGURE,
        value="1,200",
        excerpt=excerpt,
        why="The report does not say what the number counts.",
        position=9,
    )
    form = page(staff_client.get(finding_url(finding, "add"))).get_element_by_id(
        "finding-form"
    )
    assert form.fields["value"] == "1200"
    values = {**dict(form.form_values()), "label": "Arrests", "unit": "arrests"}
    values |= {"qualifier": "more_than", "reason": "The operation's arrests"}
    staff_client.post(finding_url(finding, "add"), values)
    figure = KeyFigure.objects.get(
        conference=record.conference, label="Arrests", unit="arrests", position__gt=2
    )
    assert (figure.value, figure.qualifier, figure.excerpt) == (
        1200,
        "more_than",
        excerpt,
    )


def test_dismissing_a_finding_needs_a_reason_and_is_recorded(staff_client, record):
    finding = record.unplaced.get(value="Africa")
    document = page(staff_client.post(finding_url(finding, "dismiss"), {"reason": ""}))
    assert (
        "This field is required."
        in document.get_element_by_id("finding-form").text_content()
    )
    response = staff_client.post(
        finding_url(finding, "dismiss"),
        {"reason": "A photo caption, not a round table"},
        follow=True,
    )
    assert messages_of(page(response)) == ["Dismissed: Africa."]
    finding.refresh_from_db()
    assert (finding.decision, finding.note) == (
        Decision.DISMISSED,
        "A photo caption, not a round table",
    )
    assert finding.history.first().history_change_reason == (
        "Dismissed: A photo caption, not a round table"
    )
    # Decided once: a second decision is refused, the first kept.
    response = staff_client.post(
        finding_url(finding, "add"), {"region": "Africa", "reason": "x"}, follow=True
    )
    assert messages_of(page(response)) == ["This finding was already dismissed."]
    assert not RoundTable.objects.filter(conference=record.conference).exists()


def test_reviewing_findings_needs_the_models_permissions(client, record):
    table = record.unplaced.get(value="Europe")
    viewer = staff("viewer", "view_reportimport")
    client.force_login(viewer)
    assert client.get(change_url(record)).status_code == 200
    for url in (
        finding_url(table, "add"),
        finding_url(table, "dismiss"),
        reverse("admin:conferences_reportimport_discard", args=[record.pk]),
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"reason": "x"}).status_code == 403, url
    # May change imports, but not add round tables: may dismiss, not add.
    reviewer = staff("reviewer", "view_reportimport", "change_reportimport")
    client.force_login(reviewer)
    assert (
        client.post(finding_url(table, "add"), {"region": "Europe"}).status_code == 403
    )
    assert client.get(finding_url(table, "dismiss")).status_code == 200
    assert (
        not RoundTable.objects.exists()
        or not RoundTable.objects.filter(conference=record.conference).exists()
    )
    table.refresh_from_db()
    assert table.decision == Decision.OPEN


# ---------------------------------------------------------------- discarding


def test_discarding_an_import_in_review_takes_back_its_draft_edition(
    staff_client, record
):
    conference = record.conference
    written = {
        "citations": conference.citations.count(),
        "appearances": conference.appearances.count(),
        "quotes": conference.quotes.count(),
        "topics": conference.topic_links.count(),
        "figures": conference.key_figures.count(),
    }
    assert written == {
        "citations": 7, "appearances": 1, "quotes": 1, "topics": 1, "figures": 2,
    }  # fmt: skip
    url = reverse("admin:conferences_reportimport_discard", args=[record.pk])
    outcome = page(staff_client.get(url)).get_element_by_id("discard-outcome")
    assert " ".join(outcome.text_content().split()).startswith(
        "The import drafted the 27th Heads of NCB Conference (2032) and readers never "
        "saw it: discarding the import deletes that draft edition"
    )
    document = discard(staff_client, record)
    assert messages_of(document) == [
        "The import is discarded and its draft, the 27th Heads of NCB Conference "
        "(2032), is deleted with the 12 rows the import had written."
    ]
    assert not Conference.objects.filter(edition=27).exists()
    assert not Quote.objects.filter(conference_id=conference.pk).exists()
    assert not Appearance.objects.filter(conference_id=conference.pk).exists()
    record.refresh_from_db()
    assert (record.state, record.conference, record.discard_reason) == (
        State.DISCARDED,
        None,
        "Not a Heads of NCB conference",
    )
    source = SourceReport.objects.get(pk=record.source_id)  # kept: never imported twice
    assert source.conference is None
    deleted = Conference.history.filter(edition=27, history_type="-").get()
    assert deleted.history_change_reason == (
        "Import discarded: Not a Heads of NCB conference"
    )
    # The discarded import's findings no longer wait, and nothing can be decided.
    assert not UnplacedFinding.objects.open().filter(report_import=record).exists()
    document = page(staff_client.get(change_url(record)))
    assert not document.xpath("//*[@id='unplaced']//a")
    assert "Discard" not in [
        a.text_content() for a in document.xpath("//*[@class='object-tools']//a")
    ]
