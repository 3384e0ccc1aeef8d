"""Rules that find the people a report names, in which role, and whose words it quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.text import slugify

from ..draft import PersonFinding, QuoteFinding, RoleFinding

ORG = r"(?:INTERPOL|Interpol)"
# Each office the rules know: a pattern for the title as reports word it, and its kind.
ROLES = [
    (rf"{ORG}(?:[’']s)?\s+[Vv]ice[- ][Pp]resident(?:\s+(?:for|from)\s+(?:Europe|Africa|Asia|the Americas|Americas|Asia and the South Pacific))?", "vice_president"),
    (rf"[Vv]ice[- ][Pp]resident\s+of\s+{ORG}(?:\s+(?:for|from)\s+(?:Europe|Africa|Asia|the Americas|Americas))?", "vice_president"),
    (rf"{ORG}(?:[’']s)?\s+President", "president"),
    (rf"President\s+of\s+{ORG}", "president"),
    (rf"(?:{ORG}(?:[’']s)?\s+)?Secretary[- ]General(?:\s+of\s+{ORG})?", "secretary_general"),
    (rf"(?:Chief|Head|Director)\s+of\s+(?:the\s+)?(?:{ORG}\s+)?(?:National Central Bureau|NCB)(?:\s+of\s+{ORG})?(?:\s+(?:in|for)\s+[A-Z][^\W\d_]+(?:\s+[A-Z][^\W\d_]+)?)?", "ncb_head"),
    (rf"{ORG}(?:[’']s)?\s+(?:Executive\s+)?Director\s+of\s+[A-Z][\w ]{{2,40}}?(?=,|\s+[A-Z])", "other"),
    (r"(?:Interior|Justice|Security)\s+Minister|Minister\s+of\s+(?:the\s+)?(?:Interior|Justice|Public Security|Internal Affairs|Home Affairs)", "other"),
]  # fmt: skip
HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Professor|Sir|Dame|Police Major-General|Major-General|Lieutenant-General|General|Commissioner|Colonel|Ambassador|Judge)\.?\s+)"
PARTICLE = r"(?:(?:al|el|bin|ibn|van|von|de|da|di|du|der|le|la|dos)[-\s])"
WORD = r"[A-ZÀ-ÖØ-Þ][^\W\d_]+(?:[-’'][A-Za-zÀ-ÿ][^\W\d_]*)*"
NAME = rf"(?:{WORD}(?:\s+{PARTICLE}?{WORD}){{1,3}}|{WORD}\s+{PARTICLE}{WORD})"
NOT_NAMES = {"General", "Secretariat", "Assembly", "Conference", "Bureau", "Bureaus"}
ROLE_THEN_NAME = [
    (
        re.compile(
            rf"(?P<role>{pattern}),?\s+{HONORIFIC}?(?P<name>{NAME})(?![^\W\d_])"
        ),
        kind,
    )
    for pattern, kind in ROLES
]
NAME_THEN_ROLE = [
    (
        re.compile(
            rf"(?P<name>{NAME}),\s+(?:who\s+(?:holds|held|is)\s+(?:the\s+position\s+of\s+)?|the\s+|a\s+)?(?P<role>{pattern})"
        ),
        kind,
    )
    for pattern, kind in ROLES
]


def clean_name(name: str) -> str:
    name = re.sub(rf"^{HONORIFIC}", "", name.strip())
    return " ".join(name.split())


def find_people(report) -> list[PersonFinding]:
    """Find each person a report names after or before an office's title."""
    people: dict[str, PersonFinding] = {}
    hits = []
    for rule, kind in ROLE_THEN_NAME + NAME_THEN_ROLE:
        for match in rule.finditer(report.text):
            name = clean_name(match.group("name"))
            if set(name.split()) & NOT_NAMES or name.split()[0] in {"The", "INTERPOL"}:
                continue
            hits.append((match.start(), match.end(), name, match.group("role"), kind))
    for start, end, name, role, kind in sorted(hits):
        person = people.setdefault(slugify(name), PersonFinding(name))
        person.mentions.append(start)
        if kind not in person.kinds():
            person.roles.append(
                RoleFinding(
                    role=" ".join(role.split()),
                    kind=kind,
                    excerpt=report.excerpt(start, end),
                    confidence=0.9 if kind != "other" else 0.7,
                )
            )
    people_list = list(people.values())
    for person in people_list:  # later mentions by full name or surname
        for match in re.finditer(
            rf"\b(?:{re.escape(person.name)}|{re.escape(person.surname)})\b",
            report.text,
        ):
            person.mentions.append(match.start())
        person.mentions = sorted(set(person.mentions))
    return people_list


SPEECH_VERBS = r"(?:said|says|added|adds|concluded|noted|notes|stated|explained|told|stressed|underlined|emphasi[sz]ed|remarked|declared|urged|warned|continued|commented|observed)"
AFTER = re.compile(
    rf"^[,.]?\s*(?:{SPEECH_VERBS}\s+(?P<ref>[^.“”,;:\n]{{1,80}}?)\s*(?:[.,;:]|$)|(?P<ref2>[^.“”,;:\n]{{1,60}}?)\s+{SPEECH_VERBS}\b)"
)
OPENERS = {"“": "”", '"': '"', "‘": "’"}


@dataclass
class QuoteGroup:
    """One run of quoted words: one chunk, or several paragraphs each opened again."""

    start: int
    end: int
    chunks: list[tuple[int, int]]
    single: bool


def find_quote_groups(text: str) -> list[QuoteGroup]:
    """Find the quoted runs; a paragraph left open continues in the next one opened again."""
    groups = []
    i = 0
    while True:
        match = re.compile(r"(?:(?<=^)|(?<=[\s(:—–-]))[“\"‘']").search(text, i)
        if not match:
            return groups
        opener = match.group()
        single = opener in "‘'"
        closer = "’'" if single else '”"'
        reopen = "‘" if single else "“"
        chunks, start = [], match.end()
        end = None
        while True:
            if single:
                close = re.compile(rf"[{closer}](?![^\W\d_])").search(text, start)
                para_end = text.find("\n", start)
                para_end = len(text) if para_end < 0 else para_end
                if not close or close.start() > para_end:
                    break
                chunks.append((start, close.start()))
                end = close.end()
                break
            close = re.compile(rf"[{closer}]|(?<=\n){reopen}").search(text, start)
            if not close:
                break
            if close.group() == reopen:
                chunks.append((start, close.start()))
                start = close.end()
                continue
            chunks.append((start, close.start()))
            end = close.end()
            break
        if end is None:
            i = match.end()
            continue
        groups.append(QuoteGroup(match.start(), end, chunks, single))
        i = end


def resolve(
    ref: str, people: list[PersonFinding], before: int
) -> tuple[PersonFinding | None, float]:
    """Tell who a reference names: a full name, a surname, an office, or 'he'/'she'."""
    ref_words = set(re.findall(r"[^\W\d_][^\W\d_’'-]*", ref))
    for person in people:
        if person.name.lower() in ref.lower():
            return person, 0.95
    for person in people:
        if person.surname in ref_words:
            return person, 0.9
    lowered = ref.lower()
    for kind, words in (
        ("vice_president", ("vice-president", "vice president")),
        ("secretary_general", ("secretary general", "secretary-general")),
        ("president", ("president",)),
    ):
        if any(word in lowered for word in words):
            holders = [p for p in people if kind in p.kinds()]
            if len(holders) == 1:
                return holders[0], 0.9
            break
    if re.fullmatch(
        r"\s*(?:he|she|they|the \w+ [Cc]hief|the [Cc]hief|the head)\s*", ref, re.I
    ) or re.search(rf"\b{ORG}\s+[Cc]hief\b", ref):
        return last_named(people, before), 0.7
    return None, 0.0


def last_named(people: list[PersonFinding], before: int) -> PersonFinding | None:
    latest = None
    for person in people:
        for position in person.mentions:
            if position < before and (latest is None or position > latest[0]):
                latest = (position, person)
    return latest[1] if latest else None


def find_quotes(report, people: list[PersonFinding]) -> list[QuoteFinding]:
    """Find each direct quote and its speaker; a quote nobody can be found for is left out."""
    text = report.text
    quotes = []
    previous = None  # (end of the previous group, its speaker, its excerpt)
    for group in find_quote_groups(text):
        speaker, confidence, excerpt_span, inherited = None, 0.0, None, ""
        line_end = text.find("\n", group.end)
        after = text[group.end : len(text) if line_end < 0 else line_end]
        match = AFTER.match(after)
        if match:
            ref = match.group("ref") or match.group("ref2")
            speaker, confidence = resolve(ref, people, group.start)
            excerpt_span = (group.end + match.start(), group.end + match.end())
        if speaker is None:
            s_start, _ = report.sentence_at(group.start)
            window_start = s_start
            if (
                s_start == group.start and not group.single
            ):  # "X said:" ends the paragraph before
                window_start = report.sentence_before(s_start)[0]
            window = text[window_start : group.start]
            names_before = [
                p
                for p in people
                if any(window_start <= m < group.start for m in p.mentions)
            ]
            said = re.search(
                rf"{SPEECH_VERBS}\s*:?\s*$|:\s*$|\bas\s*$|\bto\s*$", window
            )
            if names_before and (said or group.single):
                speaker = last_named(names_before, group.start)
                confidence = 0.95 if said else 0.85
                excerpt_span = (window_start, group.start)
            elif said and re.search(r"\b(?:he|she)\s+" + SPEECH_VERBS, window):
                speaker, confidence = last_named(people, group.start), 0.7
                excerpt_span = (window_start, group.start)
        if speaker is None and previous and not group.single:
            gap = text[previous[0] : group.start]
            if len(gap) <= 100 and previous[1] is not None:
                speaker, confidence, inherited = previous[1], 0.6, previous[2]
        if speaker is None:
            previous = (group.end, None, "")
            continue
        excerpt = inherited
        if excerpt_span:
            words = text[excerpt_span[0] : excerpt_span[1]].strip(" ,.“”‘’\"'")
            excerpt = report.verified(words)
        previous = (group.end, speaker, excerpt)
        for start, end in group.chunks:
            words = text[start:end].strip().rstrip(",").strip()
            if len(words.split()) < 3 or not report.verified(words):
                continue
            quotes.append(
                QuoteFinding(
                    speaker=speaker.name,
                    text=words,
                    excerpt=excerpt or report.verified(words),
                    confidence=round(confidence, 2),
                )
            )
    return quotes
