"""Rules that find the edition's fields in a report: number, place, attendance, theme.

Its dates and year are found by dates.py.

Every rule returns a Finding: what it found with the excerpt it found it in (words that
stand in the report) and a confidence: 1.0 when the wording leaves no doubt, lower when
the rule guesses (a value inferred rather than stated is never above 0.5).
"""

from __future__ import annotations

import re

from ..draft import NOT_FOUND, Finding, SourceFinding, found
from .words import (
    NUM,
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
