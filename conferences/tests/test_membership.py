"""INTERPOL's membership history: loaded from fixtures/membership.yaml, read day by day,
shown on the trends page and the records' pages, and checked against each edition."""

import datetime
import shutil
from io import StringIO

import lxml.html
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from conferences.models import Conference, Membership, MembershipHistory, SourceReport

pytestmark = pytest.mark.django_db

D = datetime.date


def run_load(**options) -> str:
    out = StringIO()
    call_command("load_archive", stdout=out, **options)
    return out.getvalue()


def check_archive() -> tuple[list[str], CommandError | None]:
    """Run check_archive; return its lines and the error it ended with (None: passed)."""
    out = StringIO()
    try:
        call_command("check_archive", stdout=out)
    except CommandError as error:
        return out.getvalue().splitlines(), error
    return out.getvalue().splitlines(), None


def admin_url(edition: int) -> str:
    pk = Conference.objects.get(edition=edition).pk
    return f"/admin/conferences/conference/{pk}/change/"


# ------------------------------------------------------------------------- the loader


def test_the_fixtures_load_each_figure_with_the_record_that_gives_it(archive):
    figures = Membership.objects.for_history()
    assert [
        (f.effective_on.isoformat(), f.members, f.kind, f.source.slug, f.admitted_list)
        for f in figures
    ] == [
        (
            "2011-10-31",
            190,
            "change",
            "interpol-2011-10-31-80th-ga",
            ["Curaçao", "Sint Maarten", "South Sudan"],
        ),
        ("2014-11-28", 190, "statement", "interpol-2014-11-28-lyon-25-years", []),
        ("2016-11-10", 190, "statement", "thehindu-2016-11-10-meng", []),
        (
            "2017-09-27",
            192,
            "change",
            "euronews-2017-09-27-palestine",
            ["State of Palestine", "Solomon Islands"],
        ),
        (
            "2018-11-20",
            194,
            "change",
            "fijivillage-2018-kiribati-vanuatu",
            ["Kiribati", "Vanuatu"],
        ),
        (
            "2021-11-23",
            195,
            "change",
            "interpol-2021-11-23-89th-ga",
            ["Federated States of Micronesia"],
        ),
        ("2023-11-28", 196, "change", "securengin-2023-11-29-palau", ["Palau"]),
        ("2025-11-25", 196, "statement", "lecourrier-2025-11-25-93rd-ga", []),
    ]
    # Each figure's words stand in its record, as loaded from records.yaml.
    for figure in figures:
        record = SourceReport.objects.get(pk=figure.source_id)
        assert record.kind == SourceReport.Kind.RECORD
        assert " ".join(figure.excerpt.split()) in " ".join(record.raw_text.split())
    dated = {f.effective_on.year: f for f in figures}
    assert dated[2018].date_source.slug == "glavcom-2018-11-20-kiribati-vanuatu"
    assert dated[2018].date_inferred
    assert not dated[2017].date_inferred


def test_loading_the_membership_again_changes_nothing(archive):
    before = Membership.history.count()
    assert run_load() == "The archive already matches fixtures/: nothing changed.\n"
    assert Membership.history.count() == before


@pytest.fixture
def fixtures_copy(tmp_path):
    target = tmp_path / "fixtures"
    shutil.copytree(settings.ARCHIVE_FIXTURES_DIR, target)
    return target


KIRIBATI = (
    "This year's Assembly voted in favor of our Pacific neighbors Kiribati and "
    "Vanuatu as INTERPOL's new member countries taking the policing body total to 194"
)


# Each case loads the whole corpus again (about a second): the quick loop keeps the first,
# CI runs them all.
@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param(
            "members: 194",
            "members: 195",
            "membership.yaml membership[4]: membership figure: members: The excerpt "
            f"does not state 195: “{KIRIBATI}”.",
            id="count-not-in-excerpt",
        ),
        pytest.param(
            "admitted: [Kiribati, Vanuatu]",
            "admitted: [Kiribati, Vanuatu, Tuvalu]",
            "membership.yaml membership[4]: membership figure: admitted: The excerpts "
            "do not name Tuvalu.",
            id="country-not-named",
            marks=pytest.mark.slow,
        ),
        pytest.param(
            "  record: fijivillage-2018-kiribati-vanuatu",
            "  record: fijivillage-2018-no-such-record",
            "membership.yaml membership[4]: no source report with {'slug': "
            "'fijivillage-2018-no-such-record', 'kind': 'record'}; add it to its "
            "fixture first",
            id="unknown-record",
            marks=pytest.mark.slow,
        ),
        pytest.param(
            "  excerpt: This year's Assembly voted",
            "  excerpt: Next year's Assembly voted",
            "membership.yaml membership[4]: membership figure: excerpt: This excerpt is "
            "not in the text of “Untitled item from Fiji Village (fijivillage.com)”.",
            id="excerpt-not-in-record",
            marks=pytest.mark.slow,
        ),
        pytest.param(
            "  date_excerpt: — INTERPOL (@INTERPOL_HQ) September 27, 2017\n",
            "",
            "membership.yaml membership[3]: membership figure: effective_on: Quote the "
            "words that give this day, or say how it follows (date reasoning); the "
            "record is dated nowhere.",
            id="day-without-words",
            marks=pytest.mark.slow,
        ),
        pytest.param(
            "  kind: change\n  members: 194",
            "  kind: change\n  member: 194\n  members: 194",
            "membership.yaml membership[4]: unknown key(s) member",
            id="unknown-key",
            marks=pytest.mark.slow,
        ),
    ],
)
def test_a_bad_membership_entry_stops_the_load_naming_file_and_entry(
    archive, fixtures_copy, old, new, message
):
    """The load refuses the entry, says which one and why, and writes nothing."""
    path = fixtures_copy / "membership.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    Conference.objects.filter(edition=20).update(delegates=311)
    with pytest.raises(CommandError) as error:
        run_load(fixtures_dir=fixtures_copy)
    assert str(error.value) == f"Nothing was loaded: {message}"
    # One transaction: the edition loaded before the bad entry was rolled back too.
    assert Conference.objects.get(edition=20).delegates == 311
    assert Membership.objects.get(effective_on=D(2018, 11, 20)).members == 194


# ------------------------------------------------------------------------- the history


def test_the_history_gives_interpols_membership_on_each_editions_day(archive):
    history = Membership.objects.history()
    assert {
        day: history.on(day)
        for day in [
            D(2014, 4, 2),  # 10th
            D(2017, 3, 7),  # 13th
            D(2018, 4, 10),  # 14th
            D(2019, 4, 9),  # 15th
            D(2023, 6, 7),  # 18th
            D(2024, 4, 23),  # 19th
            D(2025, 2, 11),  # 20th
        ]
    } == {
        D(2014, 4, 2): 190,
        D(2017, 3, 7): 190,
        D(2018, 4, 10): 192,
        D(2019, 4, 9): 194,
        D(2023, 6, 7): 195,
        D(2024, 4, 23): 196,
        D(2025, 2, 11): 196,
    }


def test_a_year_with_an_admission_in_it_has_both_counts(archive):
    """The 16th edition is known by its year only: INTERPOL had 194, then 195 members."""
    history = Membership.objects.history()
    assert history.counts_between(D(2021, 1, 1), D(2021, 12, 31)) == [194, 195]
    assert history.counts_between(D(2022, 1, 1), D(2022, 12, 31)) == [195]


def test_nothing_is_recorded_before_the_first_figure_or_after_the_last(archive):
    history = Membership.objects.history()
    assert history.on(D(2011, 10, 30)) is None
    assert history.on(D(2011, 10, 31)) == 190
    assert history.on(D(2025, 11, 25)) == 196  # the last record's own day
    assert history.on(D(2025, 11, 26)) is None
    assert history.counts_between(D(2025, 1, 1), D(2025, 12, 31)) is None


def figure(day, members, kind="statement", admitted=""):
    return Membership(effective_on=day, members=members, kind=kind, admitted=admitted)


def test_figures_that_do_not_agree_leave_the_days_between_them_unrecorded():
    """184 in 2005, then three admissions making 190 in 2011: 187 came from somewhere the
    archive does not hold, so 2006–2011 is not recorded; nothing is extrapolated."""
    history = MembershipHistory(
        [
            figure(D(2005, 6, 1), 184),
            figure(
                D(2011, 10, 31), 190, "change", "Curaçao\nSint Maarten\nSouth Sudan"
            ),
            figure(
                D(2017, 9, 27), 192, "change", "State of Palestine\nSolomon Islands"
            ),
            figure(D(2018, 1, 1), 193),
        ]
    )
    assert history.on(D(2005, 6, 1)) == 184
    assert history.on(D(2008, 1, 1)) is None
    assert history.on(D(2014, 1, 1)) == 190  # 192 with two admissions: 190 before
    assert history.on(D(2017, 12, 31)) is None  # 192, then 193 with no admission
    assert history.on(D(2018, 1, 1)) == 193


# ------------------------------------------------------------------------- the check


def test_check_archive_names_a_member_count_the_history_contradicts(archive):
    """The 15th's members set to 190 behind the archive's back: a named error."""
    Conference.objects.filter(edition=15).update(member_countries=190)
    lines, error = check_archive()
    assert str(error) == "2 finding(s), 1 error(s)."
    assert lines[0] == (
        "ERROR [members-disagree-with-history] 15th edition: 190 member countries, "
        "but INTERPOL's membership history gives 194 from 9 April 2019 to 11 April "
        "2019 (the edition's dates; their year is inferred): 194 from 20 November "
        f"2018 (fijivillage-2018-kiribati-vanuatu). Fix: {admin_url(15)}"
    )


def test_check_archive_finds_more_countries_than_members_in_the_editions_year(
    archive,
):
    Conference.objects.filter(edition=16).update(countries=196)
    lines, error = check_archive()
    assert error is not None
    assert lines[0] == (
        "ERROR [countries-above-membership] 16th edition: 196 countries are more than "
        "the 195 members INTERPOL had in 2021 (the edition's year, inferred; no dates "
        "are recorded): 194 from 20 November 2018 (fijivillage-2018-kiribati-vanuatu); "
        "195 from 23 November 2021 (interpol-2021-11-23-89th-ga). "
        f"Fix: {admin_url(16)}"
    )


def test_check_archive_notes_a_date_the_history_does_not_record(archive):
    """Without the figures before 2015 the 10th (2 April 2014) cannot be checked: a note,
    not an error and not a guess."""
    Membership.objects.filter(effective_on__lt=D(2015, 1, 1)).delete()
    lines, error = check_archive()
    assert error is None
    assert (
        "NOTE [membership-not-recorded] 10th edition: INTERPOL's membership on "
        "2 April 2014 (the edition's dates, inferred) is not "
        "recorded in the membership history: the edition's counts are not checked "
        f"against it. Fix: {admin_url(10)}"
    ) in lines
    assert lines[-1] == "2 finding(s), 0 error(s)."


def test_the_staff_report_and_the_api_list_the_membership_finding(
    staff_client, archive
):
    Conference.objects.filter(edition=15).update(member_countries=190)
    page = lxml.html.fromstring(
        staff_client.get(reverse("admin:conferences_conference_consistency")).content
    )
    text = " ".join(page.text_content().split())
    assert "members-disagree-with-history" in text
    assert "190 member countries, but INTERPOL's membership history gives 194" in text
    findings = staff_client.get(
        "/api/v1/consistency/", HTTP_ACCEPT_LANGUAGE="fr"
    ).json()
    (finding,) = [f for f in findings if f["code"] == "members-disagree-with-history"]
    assert finding["severity"] == "error"
    assert finding["edition"] == 15
    assert finding["message"].startswith(
        "190 pays membres, mais l’historique des adhésions à INTERPOL en donne 194 "
        "du 9 avril 2019 au 11 avril 2019"
    )


# ------------------------------------------------------------------------- the pages


def cell_text(element) -> str:
    return " ".join(element.text_content().split())


def test_the_trends_page_shows_interpols_membership_each_figure_cited(archive, client):
    page = lxml.html.fromstring(client.get("/trends/").content)
    assert page.xpath("//nav//a[@href='#membership']/text()") == [
        "INTERPOL’s membership"
    ]
    rows = page.xpath("//table[@id='membership-table']/tbody/tr")
    assert [
        [cell_text(cell) for cell in row.xpath("./th | ./td")[:4]] for row in rows
    ] == [
        [
            "31 October 2011 Inferred",
            "190",
            "Admitted: Curaçao, Sint Maarten, South Sudan",
            "27 November 2014",
        ],
        ["28 November 2014", "190", "Count stated", "9 November 2016"],
        ["10 November 2016", "190", "Count stated", "26 September 2017"],
        [
            "27 September 2017",
            "192",
            "Admitted: State of Palestine, Solomon Islands",
            "19 November 2018",
        ],
        [
            "20 November 2018 Inferred",
            "194",
            "Admitted: Kiribati, Vanuatu",
            "22 November 2021",
        ],
        [
            "23 November 2021",
            "195",
            "Admitted: Federated States of Micronesia",
            "27 November 2023",
        ],
        ["28 November 2023 Inferred", "196", "Admitted: Palau", "24 November 2025"],
        ["25 November 2025", "196", "Count stated", "not recorded after this day"],
    ]
    # Each figure quotes its record and links to the words on the record's page.
    for row, figure in zip(rows, Membership.objects.for_history(), strict=True):
        assert row.get("id") == f"membership-{figure.pk}"
        quotes = row.xpath(".//blockquote[@class='excerpt']")
        assert cell_text(quotes[0]) == f"“{figure.excerpt}”"
        assert quotes[0].get("lang") == figure.source.language
        links = row.xpath(".//p[@class='provenance__source']/a/@href")
        assert links[0] == (
            f"/sources/{figure.source.slug}/#cite-membership-{figure.pk}"
        )
    palau = cell_text(rows[6])
    assert "Reasoning: INTERPOL's French release reporting the vote is dated" in palau
    assert "“28 novembre 2023”" not in palau  # quotes are the records', not re-typed
    assert "Before 31 October 2011, INTERPOL’s membership is not recorded here." in (
        cell_text(page.xpath("//section[@id='membership']")[0])
    )


def test_the_trends_page_shows_the_membership_in_french(archive, client):
    page = lxml.html.fromstring(client.get("/fr/trends/").content)
    assert page.xpath("//h2[@id='membership-title']/text()") == [
        "Les pays membres d’INTERPOL"
    ]
    first = page.xpath("//table[@id='membership-table']/tbody/tr")[0]
    assert cell_text(first.xpath("./td")[1]) == (
        "Admis : Curaçao, Sint Maarten, South Sudan"
    )


def test_a_records_page_marks_the_words_a_membership_figure_cites(archive, client):
    figure = Membership.objects.get(effective_on=D(2018, 11, 20))
    page = lxml.html.fromstring(
        client.get("/sources/glavcom-2018-11-20-kiribati-vanuatu/").content
    )
    (mark,) = page.xpath(f"//mark[span[@id='cite-membership-{figure.pk}']]")
    assert cell_text(mark) == figure.date_excerpt
    (note,) = page.xpath(
        f"//li[contains(@class, 'notes__item')][.//a[@href='/trends/#membership-{figure.pk}']]"
    )
    assert "194 member countries from 20 November 2018" in cell_text(note)
