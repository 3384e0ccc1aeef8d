"""Rules that draft an edition from a report's text: pure functions, no database.

Every rule returns what it found with the excerpt it found it in (words that stand in the
report) and a confidence: 1.0 when the wording leaves no doubt, lower when the rule guesses
(a value inferred rather than stated is never above 0.5).
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from .text import normalize_whitespace, reading_text

EDITION_FIELDS = [
    "edition",
    "year",
    "start_date",
    "end_date",
    "city",
    "country",
    "delegates",
    "countries",
    "member_countries",
    "theme",
]

# ---------------------------------------------------------------- numbers and words

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
}  # fmt: skip
ORDINAL_TENS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 10**9}

_unit_words = "|".join(sorted(UNITS, key=len, reverse=True))
_tens_words = "|".join(TENS)
NUMBER_WORD = rf"(?:(?:{_tens_words})(?:[- ](?:{_unit_words}))?|{_unit_words})"
# 1 000, 2,500, 310, 1.5, "three hundred", "twenty-five"
NUM = (
    r"(?:\d{1,3}(?:[ \u00a0,]\d{3})+(?![\d,])|\d+(?:\.\d+)?"
    rf"|{NUMBER_WORD}(?:[ -]hundred(?:(?: and)? {NUMBER_WORD})?)?)"
)
_ordinal_words = "|".join(
    sorted([*ORDINAL_UNITS, *ORDINAL_TENS], key=len, reverse=True)
)
ORDINAL = rf"(?:\d+(?:st|nd|rd|th)|(?:(?:{_tens_words})-)?(?:{_ordinal_words}))"

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"),
            ("april", "apr"), ("may",), ("june", "jun"), ("july", "jul"),
            ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
            ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"


def parse_number(token: str) -> int | None:
    """Return the whole number a token writes: '1 000', '2,500', 'twenty-five', 'three hundred'."""
    token = token.strip().lower()
    digits = re.sub(r"[ \u00a0,]", "", token)
    if re.fullmatch(r"\d+", digits):
        return int(digits)
    if re.fullmatch(r"\d+\.\d+", digits):
        return None
    total = 0
    current = 0
    for word in re.split(r"[\s-]+", token.replace(" and ", " ")):
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        else:
            return None
    return total + current


def scaled(token: str, scale: str | None) -> int | None:
    """Return token × scale ('18' 'million' → 18000000; '1.5' 'billion' too)."""
    multiplier = SCALES[scale.lower()] if scale else 1
    digits = re.sub(r"[ \u00a0,]", "", token)
    if re.fullmatch(r"\d+\.\d+", digits):
        value = float(digits) * multiplier
        return int(value) if value == int(value) else None
    number = parse_number(token)
    return None if number is None else number * multiplier


def parse_ordinal(token: str) -> int | None:
    """Return the number of an ordinal: '20th' → 20, 'twenty-first' → 21."""
    token = token.lower()
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", token)
    if match:
        return int(match.group(1))
    tens, _, unit = token.rpartition("-")
    value = ORDINAL_UNITS.get(unit) or ORDINAL_TENS.get(unit)
    if value is None:
        return None
    return value + (TENS.get(tens, 0) if tens else 0)


# ---------------------------------------------------------------- the text


@dataclass
class Report:
    """A report's text split for the rules: reading text, paragraphs, sentences."""

    raw: str
    text: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self):
        self.text = reading_text(self.raw)
        for para in re.finditer(r"[^\n]+", self.text):
            start = para.start()
            for piece in re.finditer(r".+?(?:[.!?](?=\s+[A-Z“‘\"'(])|$)", para.group()):
                s, e = start + piece.start(), start + piece.end()
                while s < e and self.text[s] == " ":
                    s += 1
                if s < e:
                    self.sentences.append((s, e))

    def sentence_at(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.sentences, (position, float("inf"))) - 1
        if index >= 0:
            start, end = self.sentences[index]
            if start <= position < end:
                return start, end
        return position, position

    def sentence_before(self, position: int) -> tuple[int, int]:
        """Return the last sentence that ends at or before position."""
        index = bisect.bisect_right(self.sentences, (position, float("inf"))) - 1
        while index >= 0 and self.sentences[index][1] > position:
            index -= 1
        return self.sentences[index] if index >= 0 else (position, position)

    def excerpt(self, start: int, end: int, *, limit: int = 240) -> str:
        """Return the sentence(s) around text[start:end], cut to a clause if long."""
        s_start, _ = self.sentence_at(start)
        _, s_end = self.sentence_at(max(start, end - 1))
        if s_end - s_start > limit:
            left = max(
                self.text.rfind(",", s_start, start),
                self.text.rfind(";", s_start, start),
            )
            s_start = left + 1 if left >= 0 else max(s_start, start - limit // 2)
            right = min(
                (
                    i
                    for i in (
                        self.text.find(",", end, s_end),
                        self.text.find(";", end, s_end),
                    )
                    if i >= 0
                ),
                default=min(s_end, end + limit // 2),
            )
            s_end = right
        excerpt = self.text[s_start:s_end].strip(" ,;")
        return self.verified(excerpt) or self.verified(self.text[start:end])

    def verified(self, excerpt: str) -> str:
        """Return the excerpt when it stands in the raw report (as the archive requires)."""
        excerpt = normalize_whitespace(excerpt)
        if not hasattr(self, "_raw_words"):
            self._raw_words = normalize_whitespace(
                self.raw
            )  # as contains_excerpt reads it
        return excerpt if excerpt and excerpt in self._raw_words else ""


def found(value, excerpt: str, confidence: float) -> dict:
    return {"value": value, "excerpt": excerpt, "confidence": round(confidence, 2)}


NOT_FOUND = {"value": None, "excerpt": "", "confidence": None}

# ---------------------------------------------------------------- edition fields

EDITION_CONTEXT = re.compile(
    r"Heads of (?:the )?(?:National Central Bureau|NCB)|\bNCBs?\b|National Central Bureaux?",
    re.IGNORECASE,
)
EDITION_RULE = re.compile(
    rf"\b(?P<ordinal>{ORDINAL})\s+(?:(?:[Aa]nnual|[Gg]lobal|INTERPOL|Interpol)\s+)*"
    r"(?P<what>edition|[Cc]onference|[Mm]eeting|Heads|NCB|annual|time)\b(?!\s+General)",
    re.IGNORECASE,
)


def extract_edition(report: Report) -> dict:
    """Find the edition's ordinal: '20th edition', 'the 14th Annual Conference of the Heads…'."""
    best = None
    for match in EDITION_RULE.finditer(report.text):
        number = parse_ordinal(match.group("ordinal"))
        if not number or number > 200:
            continue
        start, end = report.sentence_at(match.start())
        about_ncbs = bool(EDITION_CONTEXT.search(report.text[start:end]))
        confidence = 1.0 if about_ncbs else 0.6
        if best is None or confidence > best["confidence"]:
            best = found(number, report.excerpt(match.start(), match.end()), confidence)
    return best or dict(NOT_FOUND)


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


def extract_dates(report: Report) -> tuple[dict, dict, dict]:
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
        s_start, s_end = report.sentence_at(match.start())
        about_meeting = bool(MEETING_WORDS.search(report.text[s_start:s_end]))
        score = (is_range, about_meeting, -match.start())
        if best is None or score > best[0]:
            best = (score, match, is_range, about_meeting)
    if best is None:
        return dict(NOT_FOUND), dict(NOT_FOUND), dict(NOT_FOUND)
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
        return dict(NOT_FOUND), dict(NOT_FOUND), dict(NOT_FOUND)
    start = found(_iso(year, m1, d1), excerpt, confidence)
    end = found(_iso(year, m2, d2), excerpt, confidence)
    if (m1, d1) > (m2, d2) and year:  # 30 December – 2 January: starts a year before
        start["value"] = _iso(year - 1, m1, d1)
    if not is_range:
        end = _end_from_duration(report, year, m1, d1)
    year_found = found(year, excerpt, confidence) if year else dict(NOT_FOUND)
    return start, end, year_found


DURATION = re.compile(rf"\b(?P<days>{NUMBER_WORD}|\d)[- ]day\b", re.IGNORECASE)


def _end_from_duration(report: Report, year, month: int, day: int) -> dict:
    """Given only the first day, the end follows from 'the three-day meeting', unsure."""
    match = DURATION.search(report.text)
    days = parse_number(match.group("days")) if match else None
    if not days or days > 14:
        return dict(NOT_FOUND)
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


def extract_year(
    report: Report, from_dates: dict, published: datetime.date | None
) -> dict:
    """Find the year: stated with the dates or the conference's name; else inferred, unsure."""
    if from_dates["value"]:
        return from_dates
    match = YEAR_STATED.search(report.text)
    if match:
        year = int(match.group("y") or match.group("y2"))
        return found(year, report.excerpt(match.start(), match.end()), 0.9)
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
    return dict(NOT_FOUND)


def inferred(value, excerpt: str, confidence: float, reasoning: str) -> dict:
    """A value the report does not state, with how the rule inferred it."""
    return found(value, excerpt, confidence) | {
        "inferred": True,
        "reasoning": reasoning,
    }


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
    rf"^(?P<city>[A-Z][A-Z .'’-]{{1,30}}|{PLACE}),\s+(?P<country>{_country})\s*[–—-]",
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


def extract_place(report: Report) -> tuple[dict, dict]:
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
        country = found(city, excerpt, 0.8) if city in COUNTRIES else dict(NOT_FOUND)
        return found(city, excerpt, 0.8), country
    match = CITY_ONLY.search(report.text)
    if match:
        city = match.group("city") or match.group("city2")
        if city not in COUNTRIES:
            excerpt = report.excerpt(*match.span())
            return found(city, excerpt, 0.6), dict(NOT_FOUND)
    return dict(NOT_FOUND), dict(NOT_FOUND)


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
    rf"\b{APPROX}(?P<d>{NUM})\s+(?:[\w’'-]+\s+){{0,3}}?{ATTENDEES}\b(?=[^.]*\b(?:attend|gather|took part|take part|brought together|brings together|met|meet|join))",
    re.IGNORECASE,
)
COUNTRIES_ONLY = re.compile(
    rf"\b(?:from|representing)\s+{APPROX}(?P<c>{NUM})\s+{PLACES_NOUN}\b|\b(?P<c2>{NUM})\s+{PLACES_NOUN}\s+(?:were|are)\s+represented",
    re.IGNORECASE,
)
MEMBERSHIP = re.compile(
    rf"\b(?:its|INTERPOL[’']s|Interpol[’']s|the Organization[’']s|our|all|each of (?:the )?(?:INTERPOL[’']s|Interpol[’']s|its)?)\s*(?P<n>{NUM})\s+member\s+(?:countries|states|nations)\b"
    rf"|\b(?P<n2>{NUM})\s+members\s+strong\b|\bmembership of\s+(?P<n3>{NUM})\b|\b(?P<n4>{NUM})[- ]member(?:[- ]country)? (?:organization|Organization|police organization)"
    rf"|(?:INTERPOL|Interpol)\b[^.]{{0,30}}\b(?P<n5>{NUM})\s+member\s+(?:countries|states)\b",
    re.IGNORECASE,
)


def extract_attendance(
    report: Report,
) -> tuple[dict, dict, dict, list[tuple[int, int]]]:
    """Find delegates, countries represented and member countries; return their spans too."""
    delegates, countries, members = dict(NOT_FOUND), dict(NOT_FOUND), dict(NOT_FOUND)
    spans = []
    for match in ATTENDANCE.finditer(report.text):
        d, c = parse_number(match.group("d")), parse_number(match.group("c"))
        if d and c and d >= c:
            excerpt = report.excerpt(match.start(), match.end())
            confidence = 0.95
            if delegates["value"] is None:
                delegates = found(d, excerpt, confidence)
                countries = found(c, excerpt, confidence)
            spans.append(match.span())
    if delegates["value"] is None:
        match = DELEGATES_ONLY.search(report.text)
        if match and (d := parse_number(match.group("d"))) and d > 1:
            delegates = found(d, report.excerpt(*match.span()), 0.7)
            spans.append(match.span())
    if countries["value"] is None:
        match = COUNTRIES_ONLY.search(report.text)
        if match:
            c = parse_number(match.group("c") or match.group("c2"))
            countries = found(c, report.excerpt(*match.span()), 0.8)
            spans.append(match.span())
    for match in MEMBERSHIP.finditer(report.text):
        token = next(t for t in match.group("n", "n2", "n3", "n4", "n5") if t)
        n = parse_number(token)
        if n and 100 <= n <= 250:
            confidence = 0.95 if match.group("n") else 0.75
            if members["value"] is None or confidence > members["confidence"]:
                members = found(n, report.excerpt(*match.span()), confidence)
            spans.append(match.span())
    return delegates, countries, members, spans


THEME = re.compile(
    r"\b(?:theme|motto|banner|slogan)(?:d)?(?:\s+(?:of|was|is|for|this year))*\s*[:,]?\s*"
    r"[“\"‘'](?P<theme>[^”\"’\n]{5,200}?)[”\"’'](?![a-z])",
    re.IGNORECASE,
)


def extract_theme(report: Report) -> dict:
    """Find the theme: 'held under the theme of “…”', 'themed ‘…’', 'Theme: “…”'."""
    match = THEME.search(report.text)
    if not match:
        return dict(NOT_FOUND)
    theme = match.group("theme").strip().rstrip(".,")
    return found(theme, report.excerpt(*match.span()), 0.9)


# ---------------------------------------------------------------- key figures

QUALIFIERS = {
    "more than": "more_than", "over": "over", "nearly": "nearly", "almost": "nearly",
    "approximately": "approximately", "about": "approximately", "some": "approximately",
    "roughly": "approximately", "around": "around", "close to": "nearly",
}  # fmt: skip
CURRENCIES = {
    "USD": "USD",
    "US$": "USD",
    "$": "USD",
    "EUR": "EUR",
    "€": "EUR",
    "£": "GBP",
}
_qualifiers = "|".join(sorted(QUALIFIERS, key=len, reverse=True))
_currencies = "|".join(re.escape(c) for c in sorted(CURRENCIES, key=len, reverse=True))
FIGURE = re.compile(
    rf"(?<![\w$€£,.-])(?:(?P<q>{_qualifiers})\s+)?(?:(?P<cur>{_currencies})\s?)?"
    rf"(?P<num>{NUM})(?:\s+(?P<scale>thousand|million|billion))?(?![\w-])"
    r"(?:\s+(?P<unit>[a-z][a-z-]+(?:\s+(?!of\b|in\b|to\b|and\b|from\b|across\b|worth\b|at\b|by\b)[a-z]+s\b)?"
    r"(?:\s+(?:per|every|each|a)\s+(?:second|minute|hour|day|week|month|year))?))?",
    re.IGNORECASE,
)
NOT_UNITS = re.compile(
    r"^(?:day|days|week|weeks|month|months|hour|hours|minute|minutes|of|and|or|to|in|on|at|the|a|an|"
    r"percent|per|for|with|by|is|are|was|were|has|have|members?|member|countries|states|nations|step|another|"
    r"st|nd|rd|th|january|february|march|april|may|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)


def extract_key_figures(report: Report, taken: list[tuple[int, int]]) -> list[dict]:
    """Find the numbers a report gives with what they count: '18 million messages', 'USD 300 million'.

    Numbers already taken by the edition's fields, years, dates, ordinals and durations
    ('three-day') are left out.
    """
    figures = []
    for match in FIGURE.finditer(report.text):
        if any(s <= match.start("num") < e for s, e in taken):
            continue
        token, scale, unit = (
            match.group("num"),
            match.group("scale"),
            match.group("unit"),
        )
        currency = match.group("cur")
        value = scaled(token, scale)
        if value is None or value < 2:
            continue
        if currency:
            unit = CURRENCIES[currency.upper() if currency.isalpha() else currency]
        elif not unit or NOT_UNITS.match(unit):
            if not (unit and re.match(r"(?:countries|states|nations)\b", unit, re.I)):
                continue
        if not scale and not currency and re.fullmatch(r"(?:19|20)\d{2}", token):
            continue
        preceding = report.text[max(0, match.start() - 12) : match.start()]
        if re.search(r"\b(?:past|last|next|first|over the)\s+$", preceding, re.I):
            continue
        if not token[0].isdigit() and parse_number(token) == 1:
            continue
        period = re.search(
            r"\b(?:In|in|during|Since|since)\s+((?:19|20)\d{2})\b",
            report.text[slice(*report.sentence_at(match.start()))],
        )
        figures.append(
            {
                "label": (unit or "").strip().capitalize(),
                "value": value,
                "unit": (unit or "").strip(),
                "qualifier": QUALIFIERS.get((match.group("q") or "").lower(), ""),
                "period": period.group(1) if period else "",
                "excerpt": report.excerpt(match.start(), match.end(), limit=160),
                "confidence": 0.7,
            }
        )
        taken.append(match.span())
    return figures


# ---------------------------------------------------------------- topics

# Wordings the reports use for the archive's curated vocabulary (fixtures/topics.yaml).
# A topic not listed here is matched by its own name.
TOPIC_ALIASES = {
    "artificial-intelligence": ["artificial intelligence"],
    "virtual-reality": ["virtual reality"],
    "biometrics-and-facial-recognition": ["biometric", "facial recognition"],
    "darknet-and-cryptocurrencies": ["darknet", "dark web", "cryptocurrenc"],
    "cybercrime": ["cybercrime", "cyber crime"],
    "financial-fraud": ["financial fraud", "online fraud", "online scam"],
    "child-sexual-exploitation": ["child sexual exploitation", "child exploitation", "child sexual abuse"],
    "terrorism": ["terrorism", "terrorist"],
    "extremism-and-radicalization": ["extremism", "radicalization", "radicalisation"],
    "gang-violence": ["gang violence", "gang-related violence"],
    "transnational-organized-crime": ["organized crime", "organised crime"],
    "human-trafficking-and-migrant-smuggling": ["human trafficking", "migrant smuggling", "people smuggling", "trafficking in human beings"],
    "criminal-analysis-platform": ["criminal analysis platform"],
    "insight": ["INSIGHT"],
    "i-core": ["I-Core"],
    "forensics": ["forensic"],
    "interpol-databases": ["databases", "database usage", "police data"],
    "communications-network": ["communications network"],
    "icse-database": ["child sexual exploitation database", "ICSE database"],
    "remote-police-training": ["online training", "remote training", "e-learning"],
    "research-and-innovation": ["leading-edge solutions", "research, development", "innovation centre"],
    "ncb-modernization": ["modernizing NCBs", "modernising NCBs", "modernization", "modernisation"],
    "operation-storm-makers-ii": ["Storm Makers II"],
    "operation-haechi-iv": ["Haechi IV"],
    "vienna-declaration": ["Vienna Declaration"],
    "fallen-officers-memorial": ["died in the line of duty", "fallen officers"],
}  # fmt: skip
CASE_SENSITIVE = {"INSIGHT"}
NEW_TOPIC = re.compile(
    r"\bOperation\s+(?:[A-Z][\w-]+)(?:\s+[A-Z][\w-]+)?(?:\s+[IVX]+\b)?|\bthe\s+(?:[A-Z][a-z]+\s+)Declaration\b"
)


def _wording_pattern(wording: str) -> re.Pattern:
    flags = 0 if wording in CASE_SENSITIVE else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(wording)}", flags)


def extract_topics(report: Report, vocabulary: list[dict]) -> list[dict]:
    """Match the report to the archive's topics; propose operations and declarations it lacks.

    vocabulary: [{"slug", "name"}] of the archive's topics.
    """
    topics = []
    known_text = []
    for topic in vocabulary:
        wordings = TOPIC_ALIASES.get(topic["slug"]) or [topic["name"]]
        for wording in wordings:
            match = _wording_pattern(wording).search(report.text)
            if match:
                topics.append(
                    {
                        "topic": topic["slug"],
                        "name": topic["name"],
                        "new": False,
                        "excerpt": report.excerpt(*match.span()),
                        "confidence": 0.8,
                    }
                )
                known_text.append(topic["name"].lower())
                known_text.extend(w.lower() for w in wordings)
                break
    proposed = set()
    for match in NEW_TOPIC.finditer(report.text):
        name = " ".join(match.group().split())
        name = name[4:] if name.startswith("the ") else name
        if name in proposed or any(k in name.lower() for k in known_text):
            continue
        proposed.add(name)
        topics.append(
            {
                "topic": slugify(name),
                "name": name,
                "new": True,
                "excerpt": report.excerpt(*match.span()),
                "confidence": 0.6,
            }
        )
    return topics


# ---------------------------------------------------------------- the whole draft

SOURCE_LINE = re.compile(r"^\s*Source:\s*(?P<publisher>[^\n]{2,120})\n")
DATELINE_START = re.compile(r"^[A-Z][A-Za-z .'’-]{1,30},\s+[A-Z]")


def extract_source(report: Report) -> dict:
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
    return {"headline": headline, "publisher": publisher}


def extract_report(
    raw_text: str,
    *,
    vocabulary: list[dict] = (),
    published: datetime.date | None = None,
) -> dict:
    """Draft an edition from a report: every field, the people, their quotes, topics, figures."""
    from .importer_speech import find_people, find_quotes

    report = Report(raw_text)
    edition = extract_edition(report)
    start, end, year_from_dates = extract_dates(report)
    year = extract_year(report, year_from_dates, published)
    if year["value"] and not year_from_dates["value"]:
        for date in (start, end):
            if date["value"] and date["value"].startswith("--"):
                date["value"] = f"{year['value']:04d}{date['value'][1:]}"
                date["confidence"] = min(date["confidence"], year["confidence"])
                date["inferred"] = True
                date["reasoning"] = (
                    "Day and month are stated; the year is inferred, see the year."
                )
    city, country = extract_place(report)
    delegates, countries, members, taken = extract_attendance(report)
    fields = {
        "edition": edition,
        "year": year,
        "start_date": start,
        "end_date": end,
        "city": city,
        "country": country,
        "delegates": delegates,
        "countries": countries,
        "member_countries": members,
        "theme": extract_theme(report),
    }
    people = find_people(report)
    quotes = find_quotes(report, people)
    return {
        "source": extract_source(report),
        "fields": fields,
        "people": [
            {
                "name": person.name,
                "role": person.roles[0]["role"],
                "roles": person.roles,
            }
            for person in people
        ],
        "quotes": quotes,
        "topics": extract_topics(report, list(vocabulary)),
        "key_figures": extract_key_figures(report, taken),
    }
