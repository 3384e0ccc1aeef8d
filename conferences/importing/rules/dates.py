"""Rules that find when a meeting was held: its days, its year, the release's own date.

A date without a year is given as '--MM-DD' (ISO 8601's day without a year); a year or a
day the report does not state is drafted as inferred, with the words it rests on.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from ..draft import NOT_FOUND, Finding, found, inferred
from .words import MONTH, MONTHS, NUMBER_WORD, Report, parse_number

DATE_RANGES = [
    # 11 – 13 February (2025); 10 - 12 April 2018; between 11 and 13 February
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:[-–—]|to|and|until)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH})(?:,?\s+(?P<y>\d{{4}}))?",
    # 30 March – 1 April (2026)
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{MONTH})\s*(?:[-–—]|to|and|until)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH})(?:,?\s+(?P<y>\d{{4}}))?",
    # February 11-13, 2026; March 30 – April 1
    rf"(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:[-–—]|to|and|until)\s*(?:(?P<m2>{MONTH})\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}}))?",
]
DATE_RANGE_RULES = [re.compile(rule) for rule in DATE_RANGES]
SINGLE_DATE = re.compile(
    rf"\b(?:on|from)\s+(?:\w+day,?\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH})(?:,?\s+(?P<y>\d{{4}}))?"
)
MEETING_WORDS = re.compile(
    r"conference|meeting|gathering|day|event|summit|session", re.IGNORECASE
)


def _month(name: str | None) -> int | None:
    return MONTHS.get(name.lower().rstrip(".")) if name else None


def extract_dates(report: Report) -> tuple[Finding, Finding, Finding]:
    """Find the meeting's dates and, when they give it, the year: (start, end, year).

    A date without a year is given as '--MM-DD' (ISO 8601's day without a year).
    """
    candidates = []
    for rule in DATE_RANGE_RULES:
        for match in rule.finditer(report.text):
            candidates.append((match, True))
    for match in SINGLE_DATE.finditer(report.text):
        candidates.append((match, False))
    best = None
    for match, is_range in candidates:
        about_meeting = bool(report.search_sentence(MEETING_WORDS, match.start()))
        score = (is_range, about_meeting, -match.start())
        if best is None or score > best[0]:
            best = (score, match, is_range, about_meeting)
    if best is None:
        return NOT_FOUND, NOT_FOUND, NOT_FOUND
    _, match, is_range, about_meeting = best
    groups = match.groupdict()
    m2 = _month(groups.get("m2")) or _month(groups.get("m1"))
    m1 = _month(groups.get("m1")) or m2
    d1 = int(groups["d1"])
    d2 = int(groups["d2"]) if is_range else d1
    year = int(groups["y"]) if groups.get("y") else None
    excerpt = report.excerpt(match.start(), match.end())
    confidence = (0.95 if about_meeting else 0.7) if is_range else 0.6
    try:
        for y in (year or 2000,):  # 2000 is a leap year: 29 February is a valid day
            datetime.date(y, m1, d1), datetime.date(y, m2, d2)
    except ValueError:
        return NOT_FOUND, NOT_FOUND, NOT_FOUND
    start_year = year - 1 if year and (m1, d1) > (m2, d2) else year
    # 30 December – 2 January: starts a year before
    start = found(_iso(start_year, m1, d1), excerpt, confidence)
    end = found(_iso(year, m2, d2), excerpt, confidence)
    if not is_range:
        end = end_from_duration(report, year, m1, d1)
    year_found = found(year, excerpt, confidence) if year else NOT_FOUND
    return start, end, year_found


DURATION = re.compile(rf"\b(?P<days>{NUMBER_WORD}|\d)[- ]day\b", re.IGNORECASE)


def end_from_duration(report: Report, year, month: int, day: int) -> Finding:
    """Given only the first day, the end follows from 'the three-day meeting', unsure."""
    match = DURATION.search(report.text)
    days = parse_number(match.group("days")) if match else None
    if not days or days > 14:
        return NOT_FOUND
    # Without a year, count in a year that is not a leap year: 28 February + 2 → 2 March.
    end = datetime.date(year or 2001, month, day) + datetime.timedelta(days=days - 1)
    iso = _iso(year and end.year, end.month, end.day)
    return found(iso, report.excerpt(*match.span()), 0.6)


def _iso(year: int | None, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


YEAR_STATED = re.compile(
    r"\b(?P<y>(?:19|20)\d{2})\s+(?:(?:annual|INTERPOL|Interpol)\s+)*Heads of (?:NCB|National Central Bureau)"
    r"|Heads of (?:NCBs?|National Central Bureaux?s?) [Cc]onference,?\s+(?P<y2>(?:19|20)\d{2})\b"
)
COPYRIGHT = re.compile(r"(?:©|\(c\)|Copyright)\s*(?P<y>(?:19|20)\d{2})")


# ---------------------------------------------------------------- the release's own date

FULL_DATE = re.compile(
    rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{MONTH})\s+(?P<y>(?:19|20)\d{{2}})\b"
    rf"|\b(?P<m2>{MONTH})\s+(?P<d2>\d{{1,2}}),\s+(?P<y2>(?:19|20)\d{{2}})\b"
)
DATELINE_DASH = re.compile(r"\s*[–—-]|\s*\(|\s*$")


@dataclass(frozen=True)
class Dateline:
    """The date a release gives itself at its head, and the words it stands in."""

    date: datetime.date
    words: str
    excerpt: str


def find_dateline(report: Report) -> Dateline | None:
    """Find the date at a release's head: a line of its own, or before the dateline's dash.

    '7 June 2023' on its own line, 'LYON, France, 02 April 2014 –', 'June 7, 2023 (Agency) –'.
    """
    text = report.text
    for start, end in report.paragraphs[:4]:
        match = FULL_DATE.search(text, start, min(end, start + 80))
        if not match:
            continue
        on_its_own = end - start <= 60
        if not (on_its_own or DATELINE_DASH.match(text, match.end(), end)):
            continue
        day, month, year = (
            match.group("d") or match.group("d2"),
            _month(match.group("m") or match.group("m2")),
            int(match.group("y") or match.group("y2")),
        )
        try:
            date = datetime.date(year, month, int(day))
        except ValueError:
            continue
        return Dateline(date, match.group(), report.excerpt(*match.span()))
    return None


# The meeting's days relative to the release's date: 'opened today', 'began yesterday'.
RELATIVE_DAY = re.compile(
    r"\b(?:opened|opens|began|begins|started|starts|kicked off|kicks off|got under way|"
    r"convened|convenes|gathered|are gathering|are meeting|is being held)"
    r"(?:\s+(?:here|in\s+[A-Z][\w-]+))?\s+(?P<day>today|yesterday)\b"
    r"|\b(?P<day2>today|yesterday)\s+(?:opened|began|kicked off|started)\b",
    re.IGNORECASE,
)


def extract_relative_start(report: Report, dateline: Dateline | None) -> Finding:
    """Given a dated release, 'opened today' gives the first day, inferred."""
    if dateline is None:
        return NOT_FOUND
    match = RELATIVE_DAY.search(report.text)
    if not match:
        return NOT_FOUND
    word = (match.group("day") or match.group("day2")).lower()
    day = dateline.date - datetime.timedelta(days=1 if word == "yesterday" else 0)
    return inferred(
        day.isoformat(),
        report.excerpt(*match.span()),
        0.5,
        f"“{match.group()}” in a release dated “{dateline.words}”.",
    )


def extract_year(
    report: Report,
    from_dates: Finding,
    published: datetime.date | None,
    dateline: Dateline | None = None,
) -> Finding:
    """Find the year: stated with the dates or the conference's name; else inferred, unsure."""
    if from_dates.value:
        return from_dates
    match = YEAR_STATED.search(report.text)
    if match:
        year = int(match.group("y") or match.group("y2"))
        return found(year, report.excerpt(match.start(), match.end()), 0.9)
    if dateline:
        # A release on a meeting most often appears while it is held.
        return inferred(
            dateline.date.year,
            dateline.excerpt,
            0.5,
            f"The report gives the meeting no year; it is dated “{dateline.words}”.",
        )
    if published:
        # The report appeared then; a report on a meeting most often appears the same year.
        return inferred(
            published.year,
            "",
            0.5,
            f"The report gives no year; it was published on {published.isoformat()}.",
        )
    match = COPYRIGHT.search(report.text)
    if match:
        return inferred(
            int(match.group("y")),
            report.verified(match.group()),
            0.4,
            f"The report gives no year; its copyright line reads “{match.group()}”.",
        )
    return NOT_FOUND


# The meeting's last day relative to the release's date: 'closed yesterday', 'ends today'.
RELATIVE_END = re.compile(
    r"\b(?:closed|closes|ended|ends|concluded|concludes|wrapped up|wraps up|"
    r"came to a close|comes to a close|drew to a close|draws to a close)"
    r"(?:\s+(?:here|in\s+[A-Z][\w-]+))?\s+(?P<day>today|yesterday)\b",
    re.IGNORECASE,
)
# The week the meeting was held in: 'are gathering in Lyon this week', 'met last week'.
# Only a verb of meeting right before it: 'a crackdown that concluded last week' or 'last
# week's meeting of Ministers' date something else.
RELATIVE_WEEK = re.compile(
    r"\b(?:met|meet|meets|meeting|gathered|gather|gathers|gathering|convened|convene|"
    r"convenes|convening|(?:was|were|is|are|being)\s+held|took place|(?:is|are)\s+taking place)"
    r"(?:\s+(?:here|in\s+[A-Z][\w-]+(?:,\s+[A-Z][\w-]+)?))?"
    r"\s+(?:(?:earlier|later)\s+)?(?P<week>this|last)\s+week\b",
    re.IGNORECASE,
)


def _day(date: datetime.date) -> str:
    return f"{date.day} {date:%B} {date.year}"


def _between(first: datetime.date, last: datetime.date) -> str:
    """'between 5 and 11 June 2023', 'between 29 May and 4 June 2023'."""
    if (first.year, first.month) == (last.year, last.month):
        return f"between {first.day} and {_day(last)}"
    if first.year == last.year:
        return f"between {first.day} {first:%B} and {_day(last)}"
    return f"between {_day(first)} and {_day(last)}"


@dataclass(frozen=True)
class Bound:
    """Days a dated release puts the meeting between, and the words it rests on."""

    first: datetime.date
    last: datetime.date
    words: str
    excerpt: str
    dateline: Dateline
    within: str = "Monday to Sunday"

    def reasoning(self, what: str) -> str:
        return (
            f"“{self.words}” in a release dated “{self.dateline.words}”: the meeting "
            f"{what} {_between(self.first, self.last)} ({self.within}); no single day."
        )


MEETING_NOUNS = re.compile(
    r"\b(?:conference|meeting|gathering|summit|session|event)s?\b", re.IGNORECASE
)


def extract_relative_end(report: Report, dateline: Dateline | None) -> Finding:
    """Given a dated release, 'closed today' or 'ended yesterday' gives the last day, inferred."""
    if dateline is None:
        return NOT_FOUND
    for match in RELATIVE_END.finditer(report.text):
        if not report.search_sentence(MEETING_NOUNS, match.start()):
            continue  # 'the operation ended yesterday' dates something else
        word = match.group("day").lower()
        day = dateline.date - datetime.timedelta(days=1 if word == "yesterday" else 0)
        return inferred(
            day.isoformat(),
            report.excerpt(*match.span()),
            0.5,
            f"“{match.group()}” in a release dated “{dateline.words}”.",
        )
    return NOT_FOUND


# The meeting's last day named by its weekday or as the week's end, relative to the
# release's date: 'runs until Thursday', 'continues through Friday', 'ends on Friday',
# 'will run until the end of the week', 'ran until Friday'. The verb says which way to
# count: a meeting that runs until Thursday ends on the first Thursday from the release's
# day; one that ran until Thursday on the last before it.
WEEKDAYS = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]
LASTING = (
    r"runs|run|running|ran|continues|continue|continuing|continued|lasts|last|lasting|"
    r"lasted|goes\s+on|go\s+on|going\s+on|went\s+on|sits|sit|sitting|sat|"
    r"(?:is|are|was|were|being)\s+held|meets|meet|meeting|met"
)
ENDING = (
    r"ends|end|ending|ended|closes|close|closing|closed|concludes|conclude|concluding|"
    r"concluded|wraps\s+up|wrap\s+up|wrapped\s+up"
)
PAST = re.compile(
    r"ran|continued|lasted|went|sat|was|were|met|ended|closed|concluded|wrapped",
    re.IGNORECASE,
)
RELATIVE_UNTIL = re.compile(
    rf"\b(?:(?P<lasting>{LASTING})(?:\s+(?:here|there|in\s+[A-Z][\w-]+))?"
    rf"(?:\s+from\s+(?P<from>{'|'.join(WEEKDAYS)}))?"
    r"\s+(?:until|till|through|thru|to)"
    rf"|(?P<ending>{ENDING})(?:\s+(?:here|there|in\s+[A-Z][\w-]+))?(?:\s+on)?)"
    rf"\s+(?:(?:this\s+)?(?P<weekday>{'|'.join(WEEKDAYS)})\b"
    r"|the\s+end\s+of\s+(?:the|this)\s+week\b)",
    re.IGNORECASE,
)


def extract_relative_until(
    report: Report, dateline: Dateline | None, first: datetime.date | None = None
) -> tuple[Finding, Finding, Bound | None]:
    """Given a dated release, 'runs until Thursday' gives the last day, inferred.

    Return (first day, last day, bound). 'runs from Tuesday to Thursday' gives the first day too (the Tuesday before that
    Thursday). 'until the end of the week' bounds the last day: from the release's day
    (or the first day, when known) to that week's Sunday. Only in a sentence about the
    meeting: 'the operation runs until Friday' dates something else.
    """
    if dateline is None:
        return NOT_FOUND, NOT_FOUND, None
    for match in RELATIVE_UNTIL.finditer(report.text):
        if not report.search_sentence(MEETING_NOUNS, match.start()):
            continue
        verb = match.group("lasting") or match.group("ending")
        past = bool(PAST.fullmatch(verb.split()[0]))
        date = dateline.date
        excerpt = report.excerpt(*match.span())
        said = f"“{match.group()}” in a release dated “{dateline.words}”"
        if match.group("weekday"):
            weekday = WEEKDAYS.index(match.group("weekday").lower())
            if past:
                day = date - datetime.timedelta(days=(date.weekday() - weekday) % 7)
                which = "the last {} on or before it"
            else:
                day = date + datetime.timedelta(days=(weekday - date.weekday()) % 7)
                which = "the first {} on or after it"
            if first and day < first:
                continue
            last = inferred(
                day.isoformat(),
                excerpt,
                0.5,
                f"{said}: {which.format(match.group('weekday').capitalize())}, "
                f"{_day(day)}.",
            )
            if not match.group("from"):
                return NOT_FOUND, last, None
            weekday = WEEKDAYS.index(match.group("from").lower())
            begun = day - datetime.timedelta(days=(day.weekday() - weekday) % 7)
            return (
                inferred(
                    begun.isoformat(),
                    excerpt,
                    0.5,
                    f"{said}: the {match.group('from').capitalize()} on or before its "
                    f"last day, {_day(begun)}.",
                ),
                last,
                None,
            )
        if (
            past
        ):  # 'ran until the end of the week': which week, the release does not say
            continue
        sunday = date + datetime.timedelta(days=6 - date.weekday())
        earliest = max(date, first) if first else date
        if earliest > sunday:
            continue
        if earliest == sunday:
            return (
                NOT_FOUND,
                inferred(sunday.isoformat(), excerpt, 0.5, f"{said}."),
                None,
            )
        return (
            NOT_FOUND,
            NOT_FOUND,
            Bound(
                earliest,
                sunday,
                match.group(),
                excerpt,
                dateline,
                within="from the release's day to that week's Sunday"
                if earliest == date
                else "from the first day to that week's Sunday",
            ),
        )
    return NOT_FOUND, NOT_FOUND, None


def extract_week(report: Report, dateline: Dateline | None) -> Bound | None:
    """Given a dated release, 'this week' or 'last week' bounds the meeting's days.

    'this week' is the dateline's week, Monday to Sunday; 'last week' the week before.
    """
    if dateline is None:
        return None
    match = RELATIVE_WEEK.search(report.text)
    if not match:
        return None
    monday = dateline.date - datetime.timedelta(days=dateline.date.weekday())
    if match.group("week").lower() == "last":
        monday -= datetime.timedelta(days=7)
    return Bound(
        monday,
        monday + datetime.timedelta(days=6),
        match.group(),
        report.excerpt(*match.span()),
        dateline,
    )


def start_from_duration(report: Report, last: datetime.date) -> Finding:
    """Given only the last day, the first follows from 'the three-day meeting', unsure."""
    match = DURATION.search(report.text)
    days = parse_number(match.group("days")) if match else None
    if not days or days > 14:
        return NOT_FOUND
    first = last - datetime.timedelta(days=days - 1)
    return found(first.isoformat(), report.excerpt(*match.span()), 0.6)


def bounded(bound: Bound, what: str) -> Finding:
    """Return an empty day that says what the bound is: the words, and between which days."""
    return Finding(None, bound.excerpt, None, False, bound.reasoning(what))
