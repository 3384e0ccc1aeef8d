"""The editions as iCalendar (RFC 5545): one all-day event per edition with dates."""

import datetime

from conferences.models import Conference, ordinal

PRODID = "-//NCB Conference Archive//Editions//EN"


def has_dates(conference: Conference) -> bool:
    """Say whether the edition can be an event: an all-day event needs its first day."""
    return conference.start_date is not None


def escape(text: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into lines of at most 75 octets (RFC 5545 3.1)."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def event_lines(conference: Conference, *, base_url: str, stamp: str) -> list[str]:
    start = conference.start_date
    end = (conference.end_date or start) + datetime.timedelta(days=1)  # exclusive
    url = base_url + conference.get_absolute_url()
    inferred = set(conference.inferred_fields) & {"start_date", "end_date"}
    place = ", ".join(
        p for p in (conference.venue, conference.city, conference.country) if p
    )
    summary = f"{ordinal(conference.edition)} Heads of NCB Conference"
    if conference.city:
        summary += f", {conference.city}"
    description = [
        f"The {ordinal(conference.edition)} Heads of National Central Bureaus Conference"
    ]
    if conference.city:
        description[0] += f" in {conference.city}"
    description[0] += "."
    if conference.theme:
        description.append(f"Theme: {conference.theme}")
    if inferred:
        description.append(
            "The dates are inferred: no report states them (the edition's page gives the reasoning)."
        )
    description.append(url)
    lines = [
        "BEGIN:VEVENT",
        f"UID:ncb-edition-{conference.edition}@ncb-conference-archive",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{end:%Y%m%d}",
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(chr(10).join(description))}",
        f"URL;VALUE=URI:{url}",
        "TRANSP:TRANSPARENT",
        "STATUS:CONFIRMED",
    ]
    if place:
        lines.append(f"LOCATION:{escape(place)}")
    lines.append("END:VEVENT")
    return lines


def to_ics(conferences, *, base_url: str, name: str, stamp=None) -> str:
    """Return the editions that have dates as one VCALENDAR."""
    stamp = (stamp or datetime.datetime.now(datetime.UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for conference in conferences:
        if has_dates(conference):
            lines += event_lines(conference, base_url=base_url, stamp=stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
