"""The editions as iCalendar: a feed of the series and one file per edition."""

import datetime

import icalendar
import pytest
from lxml import html

pytestmark = pytest.mark.django_db


def events(response) -> list:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content.decode("utf-8"))
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    return calendar.walk("VEVENT")


def test_feed_has_one_all_day_event_per_edition_with_dates(archive, client):
    """Every edition with a known first day has its event; the 12th, 16th and 17th, known
    only by their year, have none."""
    found = events(client.get("/calendar.ics"))
    assert [str(e["UID"]) for e in found] == [
        f"ncb-edition-{n}@ncb-conference-archive" for n in (10, 13, 14, 15, 18, 19, 20)
    ]
    last = found[-1]
    assert last.decoded("DTSTART") == datetime.date(2025, 2, 11)
    assert last.decoded("DTEND") == datetime.date(
        2025, 2, 14
    )  # the day after, exclusive
    assert str(last["SUMMARY"]) == "20th Heads of NCB Conference, Lyon"
    assert str(last["LOCATION"]) == "Lyon, France"
    assert str(last["URL"]) == "http://testserver/editions/20/"
    assert "The dates are inferred" in str(last["DESCRIPTION"])


def test_edition_calendar_is_one_event(archive, client):
    response = client.get("/editions/15/calendar.ics")
    assert (
        response["Content-Disposition"] == 'attachment; filename="ncb-edition-15.ics"'
    )
    (event,) = events(response)
    assert event.decoded("DTSTART") == datetime.date(2019, 4, 9)


def test_edition_without_days_or_a_draft_has_no_calendar(archive, client):
    assert client.get("/editions/17/calendar.ics").status_code == 404
    archive.get(edition=20).unpublish()
    assert client.get("/editions/20/calendar.ics").status_code == 404
    uids = [str(e["UID"]) for e in events(client.get("/calendar.ics"))]
    assert "ncb-edition-20@ncb-conference-archive" not in uids


def test_long_lines_are_folded_at_75_octets(archive, client):
    lines = client.get("/calendar.ics").content.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75


def test_pages_link_the_calendars(archive, client):
    """Every page offers the series feed; an edition with days its own file."""
    page = html.fromstring(client.get("/editions/20/").content)
    calendars = page.xpath("//head/link[@rel='alternate'][@type='text/calendar']/@href")
    assert calendars == ["/calendar.ics", "/editions/20/calendar.ics"]
    page = html.fromstring(client.get("/topics/").content)
    calendars = page.xpath("//head/link[@rel='alternate'][@type='text/calendar']/@href")
    assert calendars == ["/calendar.ics"]
