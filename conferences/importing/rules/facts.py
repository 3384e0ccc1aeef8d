"""Rules that find a report's key figures and the topics it discusses."""

from __future__ import annotations

import bisect
import re

from django.utils.text import slugify

from ..draft import FigureFinding, RoundTableFinding, TopicFinding
from .words import NUM, Report, parse_number, scaled

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


# A title in capitals names an anniversary: '100 Years of International Police Cooperation'
# (while 'Interpol's 100 years of existence' is a figure the archive keeps).
ANNIVERSARY = re.compile(r"Years\s+of\s+[A-Z]")
PERIOD = re.compile(r"\b(?:In|in|during|Since|since)\s+((?:19|20)\d{2})\b")


def extract_key_figures(
    report: Report, taken: list[tuple[int, int]]
) -> list[FigureFinding]:
    """Find the numbers a report gives with what they count: '18 million messages', 'USD 300 million'.

    Numbers already taken by the edition's fields, years, dates, ordinals and durations
    ('three-day') are left out.
    """
    starts, ends = _merged(taken)
    figures = []
    for match in FIGURE.finditer(report.text):
        at = match.start("num")
        k = bisect.bisect_right(starts, at) - 1
        if k >= 0 and at < ends[k]:  # a number the edition's fields took
            continue
        token, scale, unit = (
            match.group("num"),
            match.group("scale"),
            match.group("unit"),
        )
        currency = match.group("cur")
        if not (currency or unit):  # a bare number counts nothing
            continue
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
        if unit and ANNIVERSARY.match(report.text, match.start("unit")):
            continue  # '100 Years of International Police Cooperation'

        preceding = report.text[max(0, match.start() - 12) : match.start()]
        if re.search(r"\b(?:past|last|next|first|over the)\s+$", preceding, re.I):
            continue
        if re.match(r"years?\b", unit or "") and re.search(
            r"\b(?:in|within|for|after|over)\s+$", preceding, re.I
        ):
            continue  # 'in five years': how long, not how many
        if not token[0].isdigit() and parse_number(token) == 1:
            continue
        period = report.search_sentence(PERIOD, match.start())
        figures.append(
            FigureFinding(
                label=(unit or "").strip().capitalize(),
                value=value,
                unit=(unit or "").strip(),
                qualifier=QUALIFIERS.get((match.group("q") or "").lower(), ""),
                period=period.group(1) if period else "",
                excerpt=report.excerpt(match.start(), match.end(), limit=160),
                confidence=0.7,
            )
        )
    return figures


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Return the spans' union as sorted starts and their ends, for bisect."""
    starts, ends = [], []
    for start, end in sorted(spans):
        if starts and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


# ---------------------------------------------------------------- round tables

# INTERPOL's regions as the archive names its round tables (fixtures/reports/), with the
# wordings reports use for them; the longer names first, so that "the Middle East and
# North Africa" is one region, not Africa.
REGIONS = {
    "Asia and the South Pacific": r"Asia(?:n)?(?:\s+and\s+the)?\s+South\s+Pacific",
    "Middle East and North Africa": r"Middle\s+East\s+and\s+North\s+Africa|MENA",
    "Americas": r"(?:the\s+)?Americas",
    "Europe": r"Europe(?:an)?",
    "Africa": r"Africa(?:n)?",
    "Asia": r"Asia(?:n)?",
    "Caribbean": r"Caribbean",
}
REGION = re.compile(
    "|".join(
        rf"(?P<r{i}>\b(?:{wording})\b)" for i, wording in enumerate(REGIONS.values())
    )
)
# The words that say round tables met: stated ("a regional roundtable"), or the caption
# of a meeting "on regional challenges" in a report that holds round tables at all.
ROUND_TABLE = re.compile(r"\bround[- ]?tables?\b|\bregional\s+tables?\b", re.I)
REGIONAL_MEETING = re.compile(
    r"\bregional\b|\bfrom\s+the\s+region\b|\bround[- ]?tables?\b", re.I
)


def extract_round_tables(report: Report) -> list[RoundTableFinding]:
    """Find the regional round tables a report says were held: one per region named.

    Only in a report that speaks of round tables; a sentence naming a region with
    "round table" is stated (0.9), one naming a region with "regional" or "from the
    region" is a caption of one of them (0.6).
    """
    if not ROUND_TABLE.search(report.text):
        return []
    names = list(REGIONS)
    tables, seen = [], set()
    for start, end in report.sentences:
        sentence = report.text[start:end]
        if not REGIONAL_MEETING.search(sentence):
            continue
        for match in REGION.finditer(sentence):
            region = names[int(match.lastgroup[1:])]
            if region in seen:
                continue
            seen.add(region)
            stated = ROUND_TABLE.search(sentence) is not None
            tables.append(
                RoundTableFinding(
                    region=region,
                    excerpt=report.excerpt(start + match.start(), start + match.end()),
                    confidence=0.9 if stated else 0.6,
                )
            )
    return tables


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


def extract_topics(report: Report, vocabulary: list[dict]) -> list[TopicFinding]:
    """Match the report to the archive's topics; propose operations and declarations it lacks.

    vocabulary: [{"slug", "name"}] of the archive's topics.
    """
    topics = []
    known_text = []
    lowered = report.text.lower()  # a quick look first: most wordings are not there
    for topic in vocabulary:
        wordings = TOPIC_ALIASES.get(topic["slug"]) or [topic["name"]]
        for wording in wordings:
            if wording.lower() not in lowered:
                continue
            match = _wording_pattern(wording).search(report.text)
            if match:
                topics.append(
                    TopicFinding(
                        topic=topic["slug"],
                        name=topic["name"],
                        new=False,
                        excerpt=report.excerpt(*match.span()),
                        confidence=0.8,
                    )
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
            TopicFinding(
                topic=slugify(name),
                name=name,
                new=True,
                excerpt=report.excerpt(*match.span()),
                confidence=0.6,
            )
        )
    return topics
