"""Rules that find the edition's fields in a report: number, dates, place, attendance, theme.

Every rule returns a Finding: what it found with the excerpt it found it in (words that
stand in the report) and a confidence: 1.0 when the wording leaves no doubt, lower when
the rule guesses (a value inferred rather than stated is never above 0.5).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from ..draft import NOT_FOUND, Finding, SourceFinding, found, inferred
from .words import (
    MONTH,
    MONTHS,
    NUM,
    NUMBER_WORD,
    ORDINAL,
    Report,
    parse_number,
    parse_ordinal,
)

# ---------------------------------------------------------------- edition fields

EDITION_CONTEXT = re.compile(
    r"Heads of (?:the )?(?:National Central Bureau|NCB)|\bNCBs?\b|National Central Bureaux?",
    re.IGNORECASE,
)
EDITION_RULE = re.compile(
    # 'the 14th Annual Conference', 'now in its 20th edition', 'the twentieth meeting'
    rf"(?<!one of the )\b(?P<ordinal>{ORDINAL})\s+"
    r"(?:(?:[Aa]nnual|[Gg]lobal|INTERPOL|Interpol)\s+)*"
    r"(?P<what>edition|[Cc]onference|[Mm]eeting|Heads|NCB|annual)\b(?!\s+General)"
    # 'met for the 23rd time': how many times the heads met, not 'for the first time'
    rf"|\b(?:met|meet|meets|gathered|convened)\s+for\s+the\s+(?P<times>{ORDINAL})\s+time\b",
    re.IGNORECASE,
)
EDITION_WORD = re.compile(
    r"\b(?:edition|conference|meeting|heads|NCB|annual|time)\b", re.IGNORECASE
)


# Words with an ordinal that name no edition: the rule says why it left the number empty.
FIRST_IDIOM = re.compile(
    r"\b(?:for the first time|first[- ]ever|one of the first)\b", re.IGNORECASE
)


def extract_edition(report: Report) -> Finding:
    """Find the edition's ordinal: '20th edition', 'the 14th Annual Conference of the Heads…'.

    Only words that name an edition count: never 'for the first time', 'first-ever' or
    'one of the first'; a first anything counts only as the first edition of the Heads
    of NCB conference itself. A report that gives no number leaves it empty.
    """
    best, doubt = None, None
    for match in report.finditer_where(EDITION_RULE, EDITION_WORD):
        token = match.group("ordinal") or match.group("times")
        number = parse_ordinal(token)
        if not number or number > 200:
            continue
        about_ncbs = bool(report.search_sentence(EDITION_CONTEXT, match.start()))
        what = (match.group("what") or "time").lower()
        if number == 1 and (
            not about_ncbs or what not in ("edition", "conference", "meeting")
        ):
            doubt = doubt or match  # 'the first NCB to …', 'met for the first time'
            continue
        confidence = 1.0 if about_ncbs else 0.6
        if best is None or confidence > best.confidence:
            best = found(number, report.excerpt(match.start(), match.end()), confidence)
    if best is None and doubt is None:
        doubt = FIRST_IDIOM.search(report.text)
    if best is None and doubt is not None:
        return Finding(
            excerpt=report.excerpt(*doubt.span()),
            reasoning=f"“{doubt.group()}” names no edition of the conference: "
            "left empty rather than guessed.",
        )
    return best or NOT_FOUND


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


COUNTRY_NAMES = """Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria
Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia
Botswana Brazil Brunei Bulgaria Burundi Cambodia Cameroon Canada Chad Chile China Colombia
Comoros Croatia Cuba Cyprus Denmark Djibouti Dominica Ecuador Egypt Eritrea Estonia Eswatini
Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea
Guyana Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica
Japan Jordan Kazakhstan Kenya Kiribati Korea Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho
Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta
Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique
Myanmar Namibia Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palau
Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa
Senegal Serbia Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden
Switzerland Syria Tajikistan Tanzania Thailand Togo Tonga Tunisia Turkey Türkiye Turkmenistan
Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen Zambia Zimbabwe"""
COUNTRY_PHRASES = """Antigua and Barbuda|Bosnia and Herzegovina|Burkina Faso|Cabo Verde|Cape Verde
|Central African Republic|Costa Rica|Côte d'Ivoire|Czech Republic|Czechia|Dominican Republic
|El Salvador|Equatorial Guinea|Guinea-Bissau|Marshall Islands|New Zealand|North Macedonia
|Papua New Guinea|Saint Lucia|San Marino|Saudi Arabia|Sierra Leone|Solomon Islands|South Africa
|South Korea|South Sudan|Sri Lanka|Timor-Leste|Trinidad and Tobago|United Arab Emirates
|United Kingdom|United States|Russian Federation|Republic of Korea"""
COUNTRIES = set(COUNTRY_NAMES.split()) | {
    p.strip() for p in COUNTRY_PHRASES.split("|") if p.strip()
}
_country = "|".join(sorted((re.escape(c) for c in COUNTRIES), key=len, reverse=True))
PLACE = r"[A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)?"
DATELINE = re.compile(
    rf"^(?P<city>[A-Z][A-Z .'’-]{{1,30}}|{PLACE}),\s+(?P<country>{_country})"
    # then the release's date or the agency's name: ', June 3, 2035 (Agency)'
    r"(?:,?\s+[^\n–—-]{1,40}?)?\s*[–—-]",
    re.MULTILINE,
)
IN_PLACE = re.compile(
    rf"\b(?:[Ii]n|at|held in|hosted in)\s+(?P<city>{PLACE}),\s+(?P<country>{_country})\b"
)

# "SINGAPORE –": a dateline with the city alone, in capitals.
CITY_DATELINE = re.compile(
    r"^(?P<city>[A-Z]{3,}(?: [A-Z]{3,})?)\s*[–—-]\s", re.MULTILINE
)
CITY_ONLY = re.compile(
    rf"\b(?:held|hosted|took place|gathered|gathering|met|meeting|convened)\s+in\s+(?P<city>{PLACE})\b"
    rf"|(?:^|\.\s+)(?P<city2>{PLACE})\s+(?:hosted|welcomed)\s+(?:the|this)\b",
    re.MULTILINE,
)


def extract_place(report: Report) -> tuple[Finding, Finding]:
    """Find city and country: a 'LYON, France –' dateline, or 'in Lyon, France'."""
    for rule, confidence in ((DATELINE, 0.9), (IN_PLACE, 0.8)):
        match = rule.search(report.text)
        if match:
            city = match.group("city").strip()
            if city.isupper():
                city = city.title()
            if city in COUNTRIES and city != match.group("country"):
                continue
            excerpt = report.excerpt(match.start(), match.end())
            return (
                found(city, excerpt, confidence),
                found(match.group("country"), excerpt, confidence),
            )
    match = CITY_DATELINE.search(report.text)
    if match:
        city = match.group("city").title()
        excerpt = report.excerpt(*match.span())
        country = found(city, excerpt, 0.8) if city in COUNTRIES else NOT_FOUND
        return found(city, excerpt, 0.8), country
    match = CITY_ONLY.search(report.text)
    if match:
        city = match.group("city") or match.group("city2")
        if city not in COUNTRIES:
            excerpt = report.excerpt(*match.span())
            return found(city, excerpt, 0.6), NOT_FOUND
    return NOT_FOUND, NOT_FOUND


APPROX = r"(?:(?:some|about|around|nearly|almost|over|more than|close to|approximately|roughly)\s+)?"
ATTENDEES = r"(?:delegates|participants|attendees|officials|representatives|officers|police chiefs|chiefs|leaders|experts|heads of (?:police|NCBs?))"
PLACES_NOUN = (
    r"(?:countries|states|nations|jurisdictions|member countries|member states)"
)
ATTENDANCE = re.compile(
    rf"\b{APPROX}(?P<d>{NUM})\s+(?:[\w’'-]+\s+){{0,4}}?{ATTENDEES}\b[^.;:]{{0,60}}?\b(?:from|representing)\s+{APPROX}(?P<c>{NUM})\s+{PLACES_NOUN}\b",
    re.IGNORECASE,
)
DELEGATES_ONLY = re.compile(
    rf"\b{APPROX}(?P<d>{NUM})\s+(?:[\w’'-]+\s+){{0,3}}?{ATTENDEES}\b(?=[^.]{{0,400}}\b(?:attend|gather|took part|take part|brought together|brings together|met|meet|join))"
    # 'held from 11 to 13 April with some 270 delegates'
    rf"|\bwith\s+{APPROX}(?P<d2>{NUM})\s+(?:[\w’'-]+\s+){{0,3}}?{ATTENDEES}\b",
    re.IGNORECASE,
)
COUNTRIES_ONLY = re.compile(
    rf"\b(?:from|representing)\s+{APPROX}(?P<c>{NUM})\s+{PLACES_NOUN}\b|\b(?P<c2>{NUM})\s+{PLACES_NOUN}\s+(?:were|are)\s+represented",
    re.IGNORECASE,
)
MEMBERSHIP = re.compile(
    rf"\b(?:its|INTERPOL[’']s|Interpol[’']s|the Organization[’']s|our|all|each of (?:the )?(?:INTERPOL[’']s|Interpol[’']s|its)?)\s*(?P<n>{NUM})\s+member\s+(?:countries|states|nations)\b"
    rf"|\b(?P<n2>{NUM})\s+members\s+strong\b|\bmembership of\s+(?P<n3>{NUM})\b|\b(?P<n4>{NUM})[- ]member(?:[- ]country)? (?:organization|Organization|police organization)"
    rf"|(?:INTERPOL|Interpol)\b[^.]{{0,30}}\b(?P<n5>{NUM})\s+member\s+(?:countries|states)\b"
    # 'the 196 member countries', 'the Organization now has 201 member countries'
    rf"|\b(?:the|has|have|counts|of)\s+(?P<n6>{NUM})\s+member\s+(?:countries|states)\b",
    re.IGNORECASE,
)


# Words each of these rules' matches holds: the rules run only where they stand.
ATTENDEE_WORD = re.compile(rf"\b{ATTENDEES}\b", re.IGNORECASE)
PLACES_WORD = re.compile(rf"\b{PLACES_NOUN}\b", re.IGNORECASE)
MEMBER_WORD = re.compile(r"member", re.IGNORECASE)


def extract_attendance(
    report: Report,
) -> tuple[Finding, Finding, Finding, list[tuple[int, int]]]:
    """Find delegates, countries represented and member countries; return their spans too."""
    delegates, countries, members = NOT_FOUND, NOT_FOUND, NOT_FOUND
    spans = []
    for match in report.finditer_where(ATTENDANCE, ATTENDEE_WORD):
        d, c = parse_number(match.group("d")), parse_number(match.group("c"))
        if d and c and d >= c:
            if delegates.value is None:
                excerpt = report.excerpt(match.start(), match.end())
                delegates = found(d, excerpt, 0.95)
                countries = found(c, excerpt, 0.95)
            spans.append(match.span())
    if delegates.value is None:
        match = report.search_where(DELEGATES_ONLY, ATTENDEE_WORD)
        if (
            match
            and (d := parse_number(match.group("d") or match.group("d2")))
            and d > 1
        ):
            delegates = found(d, report.excerpt(*match.span()), 0.7)
            spans.append(match.span())
    if countries.value is None:
        match = report.search_where(COUNTRIES_ONLY, PLACES_WORD)
        if match:
            c = parse_number(match.group("c") or match.group("c2"))
            countries = found(c, report.excerpt(*match.span()), 0.8)
            spans.append(match.span())
    for match in report.finditer_where(MEMBERSHIP, MEMBER_WORD):
        token = next(t for t in match.group("n", "n2", "n3", "n4", "n5", "n6") if t)
        n = parse_number(token)
        if n and 100 <= n <= 250:
            confidence = 0.95 if match.group("n") else 0.75
            if members.value is None or confidence > members.confidence:
                members = found(n, report.excerpt(*match.span()), confidence)
            spans.append(match.span())
    return delegates, countries, members, spans


THEME = re.compile(
    r"\b(?:theme|motto|banner|slogan)(?:d)?(?:\s+(?:of|was|is|for|this year))*\s*[:,]?\s*"
    r"[“\"‘'](?P<theme>[^”\"’\n]{5,200}?)[”\"’'](?![a-z])",
    re.IGNORECASE,
)


def extract_theme(report: Report) -> Finding:
    """Find the theme: 'held under the theme of “…”', 'themed ‘…’', 'Theme: “…”'."""
    match = THEME.search(report.text)
    if not match:
        return NOT_FOUND
    theme = match.group("theme").strip().rstrip(".,")
    return found(theme, report.excerpt(*match.span()), 0.9)


# ---------------------------------------------------------------- the report itself

SOURCE_LINE = re.compile(r"^\s*Source:\s*(?P<publisher>[^\n]{2,120})\n")
DATELINE_START = re.compile(r"^[A-Z][A-Za-z .'’-]{1,30},\s+[A-Z]")


def extract_source(report: Report) -> SourceFinding:
    """Find the report's own headline, and its publisher when a 'Source:' line names it."""
    text = report.text
    publisher = ""
    match = SOURCE_LINE.match(text)
    if match:
        publisher = match.group("publisher").strip()
        text = text[match.end() :]
    first = text.lstrip("\n").split("\n", 1)[0].strip()
    headline = ""
    if first and len(first) <= 160 and not DATELINE_START.match(first):
        headline = first
    return SourceFinding(headline=headline, publisher=publisher)
