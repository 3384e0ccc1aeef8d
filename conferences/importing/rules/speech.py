"""Rules that find the people a report names, in which role, and whose words it quotes."""

from __future__ import annotations

import bisect
import functools
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
HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Professor|Sir|Dame|Director-General|Director General|Inspector-General|Superintendent|Police Major-General|Major-General|Lieutenant-General|General|Commissioner|Colonel|Ambassador|Judge)\.?\s+)"
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


# What follows the name in each of NAME_THEN_ROLE's rules (', the INTERPOL President'):
# each rule runs only near its own words, which are quick to find (they start with a comma).
COMMA_ROLES = [
    re.compile(
        r",\s+(?:who\s+(?:holds|held|is)\s+(?:the\s+position\s+of\s+)?|the\s+|a\s+)?"
        rf"(?:{pattern})"
    )
    for pattern, _ in ROLES
]


@functools.lru_cache(maxsize=4096)
def clean_name(name: str) -> str:
    name = re.sub(rf"^{HONORIFIC}", "", name.strip())
    return " ".join(name.split())


@functools.lru_cache(maxsize=4096)
def _slug(name: str) -> str:
    return slugify(name)


def find_people(report) -> list[PersonFinding]:
    """Find each person a report names after or before an office's title."""
    people: dict[str, PersonFinding] = {}
    hits = []
    matches = [(rule.finditer(report.text), kind) for rule, kind in ROLE_THEN_NAME] + [
        # a name runs a hundred characters at most before the comma
        (report.finditer_near(rule, suffix, before=120, after=120), kind)
        for (rule, kind), suffix in zip(NAME_THEN_ROLE, COMMA_ROLES, strict=True)
    ]
    for found_by_rule, kind in matches:
        for match in found_by_rule:
            name = clean_name(match.group("name"))
            if set(name.split()) & NOT_NAMES or name.split()[0] in {"The", "INTERPOL"}:
                continue
            hits.append((match.start(), match.end(), name, match.group("role"), kind))
    for start, end, name, role, kind in sorted(hits):
        person = people.setdefault(_slug(name), PersonFinding(name))
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
    _find_mentions(report.text, people_list)
    return people_list


LETTERS = re.compile(r"[^\W\d_]+")


def _find_mentions(text: str, people: list[PersonFinding]) -> None:
    """Add where the text names each person again, by full name or surname.

    One pass over the text's words: a name is tried only where a word starts with its
    first letters, so many people in a long report still take linear time.
    """
    by_first_word: dict[str, list[tuple[PersonFinding, re.Pattern]]] = {}
    for person in people:
        pattern = re.compile(
            rf"\b(?:{re.escape(person.name)}|{re.escape(person.surname)})\b"
        )
        for name in {person.name, person.surname}:
            first = LETTERS.match(name)
            if first:
                entries = by_first_word.setdefault(first.group(), [])
                if all(other is not person for other, _ in entries):
                    entries.append((person, pattern))
    next_free = {id(person): 0 for person in people}  # as re.finditer, no overlaps
    for word in LETTERS.finditer(text):
        for person, pattern in by_first_word.get(word.group(), ()):
            if word.start() < next_free[id(person)]:
                continue
            match = pattern.match(text, word.start())
            if match:
                person.mentions.append(match.start())
                next_free[id(person)] = max(match.end(), match.start() + 1)
    for person in people:
        person.mentions = sorted(set(person.mentions))


SPEECH_VERBS = r"(?:said|says|added|adds|concluded|noted|notes|stated|explained|told|stressed|underlined|emphasi[sz]ed|remarked|declared|urged|warned|continued|commented|observed)"
AFTER = re.compile(
    rf"^[,.]?\s*(?:{SPEECH_VERBS}\s+(?P<ref>[^.“”,;:\n]{{1,80}}?)\s*(?:[.,;:]|$)|(?P<ref2>[^.“”,;:\n]{{1,60}}?)\s+{SPEECH_VERBS}\b)"
)
AFTER_READS = 200
# 'said:', 'told delegates,', 'said,', 'said in a statement,', ':', 'as', 'to' just
# before a quote
SAID_BEFORE = re.compile(
    rf"{SPEECH_VERBS}(?:\s+(?:in|at|during|on)\s+[^.,:;“”\"\n]{{1,40}}?)?"
    r"(?:\s+(?:the\s+)?(?:delegates|participants|attendees|reporters|"
    r"journalists|officers|conference|meeting|audience|gathering|press))?\s*[:,]?\s*$"
    r"|:\s*$|\bas\s*$|\bto\s*$"
)


@dataclass
class QuoteGroup:
    """One run of quoted words: one chunk, or several paragraphs each opened again."""

    start: int
    end: int
    chunks: list[tuple[int, int]]
    single: bool


OPENER = re.compile(r"(?:(?<=^)|(?<=[\s(:—–-]))[“\"‘']")
SINGLE_CLOSER = re.compile(r"[’'](?![^\W\d_])")
# What ends or continues a double-quoted run: a closing mark, or a paragraph opened again
# (press style: each paragraph of a long quote opens the mark again, only the last closes).
DOUBLE_EVENT = re.compile(r'(?<!\n)[”"]|(?<=\n)[“"]')


def find_quote_groups(text: str) -> list[QuoteGroup]:
    """Find the quoted runs; a paragraph left open continues in the next one opened again.

    Each mark is looked at once (the marks' positions are listed first), so a report
    full of unclosed quotation marks is read in linear time.
    """
    single_closers = [m.start() for m in SINGLE_CLOSER.finditer(text)]
    newlines = [m.start() for m in re.finditer("\n", text)]
    events = [m.start() for m in DOUBLE_EVENT.finditer(text)]
    closers = [p for p in events if p == 0 or text[p - 1] != "\n"]
    groups = []
    i = 0
    while True:
        match = OPENER.search(text, i)
        if not match:
            return groups
        single = match.group() in "‘'"
        start = match.end()
        if single:
            k = bisect.bisect_left(single_closers, start)
            n = bisect.bisect_left(newlines, start)
            para_end = newlines[n] if n < len(newlines) else len(text)
            if k == len(single_closers) or single_closers[k] > para_end:
                i = match.end()
                continue
            close = single_closers[k]
            chunks, end = [(start, close)], close + 1
        else:
            k = bisect.bisect_left(closers, start)
            if k == len(closers):  # nothing closes it, nor any run after it
                i = match.end()
                continue
            close = closers[k]
            chunks = []
            e = bisect.bisect_left(events, start)
            while events[e] < close:  # paragraphs opened again before it closes
                chunks.append((start, events[e]))
                start = events[e] + 1
                e += 1
            chunks.append((start, close))
            end = close + 1
        groups.append(QuoteGroup(match.start(), end, chunks, single))
        i = end


class Mentions:
    """Where the report names each person, in order: who was named last before a point."""

    def __init__(self, people: list[PersonFinding]):
        index = sorted((at, n) for n, p in enumerate(people) for at in p.mentions)
        self.people = people
        self.positions = [at for at, _ in index]
        self.order = [n for _, n in index]

    def last_named(self, before: int, since: int = 0) -> PersonFinding | None:
        """Return who was named last before `before` (not before `since`)."""
        end = bisect.bisect_left(self.positions, before)
        if end == 0 or self.positions[end - 1] < since:
            return None
        first = bisect.bisect_left(self.positions, self.positions[end - 1])
        return self.people[self.order[first]]  # the first listed of those named there


def resolve(
    ref: str, people: list[PersonFinding], mentions: Mentions, before: int
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
        return mentions.last_named(before), 0.7
    return None, 0.0


# A paragraph of a quotation that ends its sentence: what may close a sentence, then any
# closing marks or brackets.
SENTENCE_END = re.compile(r"[.!?…][’'”\")]*\s*$")


def joined_chunks(
    text: str, chunks: list[tuple[int, int]]
) -> list[list[tuple[int, int]]]:
    """Group the paragraphs of a quotation: a sentence broken off over a paragraph break is one.

    Press style opens the quotation mark again on each paragraph of a long quotation and
    closes it on the last. Where a paragraph breaks off mid-sentence (it ends with no full
    stop, question or exclamation mark), it and the next are one paragraph of the quote:
    cut there, neither part is a sentence. Its words keep the reopening mark, so they
    stand in the report word for word, as the archive requires of a quote's words.
    """
    joined, previous_end = [], None
    for start, end in chunks:
        # the end of the paragraph before: a few characters, however long the quotation
        if previous_end and not SENTENCE_END.search(
            text, max(joined[-1][0][0], previous_end - 40), previous_end
        ):
            joined[-1].append((start, end))
        else:
            joined.append([(start, end)])
        previous_end = end
    return joined


def _stripped(text: str, start: int, end: int, chars: str | None = None):
    """Return where text[start:end] stripped of chars begins, and its words."""
    words = text[start:end]
    kept = words.lstrip(chars)
    return start + len(words) - len(kept), kept.rstrip(chars)


def _paragraph(report, start: int, end: int) -> tuple[int, str]:
    """Return one paragraph of a quotation: where it begins, its words as the report has them."""
    at, words = _stripped(report.text, start, end)
    words = words.rstrip(",").rstrip()
    return at, report.verified(words, at)


def quote_paragraphs(report, chunks: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Return a quotation's words paragraph by paragraph, each word for word in the report.

    The chunks are the quotation's paragraphs, each opened again (press style); one broken
    off mid-sentence is one paragraph with the next (see joined_chunks). Where such joined
    words do not stand in the report as they are (its lines ran together there), each
    part is a paragraph of its own.
    """
    paragraphs = []
    for group in joined_chunks(report.text, chunks):
        at, words = _paragraph(report, group[0][0], group[-1][1])
        if words or len(group) == 1:
            paragraphs.append((at, words))
        else:
            paragraphs += [_paragraph(report, start, end) for start, end in group]
    return [(at, words) for at, words in paragraphs if words]


def find_quotes(report, people: list[PersonFinding]) -> list[QuoteFinding]:
    """Find each quote and its speaker: direct quotes and reported speech, in report order.

    A quotation over several paragraphs is one quote of one speaker. A quote nobody can
    be found for is left out.
    """
    groups = find_quote_groups(report.text)
    direct = _direct_quotes(report, people, groups)
    reported = find_reported_speech(report, people, groups)
    return [quote for _, quote in sorted(direct + reported, key=lambda q: q[0])]


def _direct_quotes(
    report, people: list[PersonFinding], groups: list[QuoteGroup]
) -> list[tuple[int, QuoteFinding]]:
    text = report.text
    quotes = []
    mentions = Mentions(people)
    previous = None  # (end of the previous group, its speaker, its excerpt)
    for group in groups:
        speaker, confidence, excerpt_span, inherited = None, 0.0, None, ""
        # AFTER reads a hundred characters at most: no need to look to the line's end.
        line_end = text.find("\n", group.end, group.end + AFTER_READS)
        after = text[group.end : group.end + AFTER_READS if line_end < 0 else line_end]
        match = AFTER.match(after)
        if match:
            ref = match.group("ref") or match.group("ref2")
            speaker, confidence = resolve(ref, people, mentions, group.start)
            excerpt_span = (group.end + match.start(), group.end + match.end())
        if speaker is None:
            s_start, _ = report.sentence_at(group.start)
            window_start = s_start
            if (
                s_start == group.start and not group.single
            ):  # "X said:" ends the paragraph before
                window_start = report.sentence_before(s_start)[0]
            window = text[window_start : group.start]
            named_before = mentions.last_named(group.start, since=window_start)
            # what ends the words before the quote: 'said:', 'as', 'to'
            said = SAID_BEFORE.search(
                text, max(window_start, group.start - 60), group.start
            )
            if named_before and (said or group.single):
                speaker = named_before
                confidence = 0.95 if said else 0.85
                excerpt_span = (window_start, group.start)
            elif said and re.search(r"\b(?:he|she)\s+" + SPEECH_VERBS, window):
                speaker, confidence = mentions.last_named(group.start), 0.7
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
            excerpt = report.verified(
                *reversed(_stripped(text, *excerpt_span, " ,.“”‘’\"'"))
            )
        previous = (group.end, speaker, excerpt)
        paragraphs = quote_paragraphs(report, group.chunks)
        words = [words for _, words in paragraphs]
        if sum(len(w.split()) for w in words) < 3:  # a word or two: a name, not a quote
            continue
        quotes.append(
            (
                paragraphs[0][0],
                QuoteFinding(
                    speaker=speaker.name,
                    text=" ".join(words),
                    excerpt=excerpt or words[0],
                    confidence=round(confidence, 2),
                    paragraphs=tuple(words),
                ),
            )
        )
    return quotes


# ---------------------------------------------------------------- reported speech

# 'X said NCBs were …', 'X said that …', 'X told delegates that …', 'X stressed that …',
# and with the where, when or how between the verb and its clause: 'X said in a statement
# that …', 'X told reporters on Monday that …', 'X wrote in a letter to members that …'.
# The verb is followed by its clause, not by a colon, a comma or a quotation mark.
# (What stands between is read to the first 'that', eighty characters at most.)
CIRCUMSTANCE = (
    r"(?:\s+(?!to\s+(?:be|have)\b)(?:in|at|on|during|after|before|when|while|to|"
    r"via|through|from|for|by|with|ahead\s+of|earlier|later)\b[^.,;:!?“”\"\n]{0,80}?)?"
)
REPORTED = re.compile(
    rf"\b(?:(?P<say>said|says|stated)(?P<that>{CIRCUMSTANCE}\s+that)?"
    rf"|(?:wrote|writes)(?:{CIRCUMSTANCE})\s+that"
    r"|told\s+[^.,;:!?“”\"\n]{1,80}?\s+that"
    r"|(?:added|noted|explained|stressed|warned|argued|insisted|emphasi[sz]ed|"
    rf"underlined|pointed out|made clear){CIRCUMSTANCE}\s+that)"
    r"\s+(?=[^\W_][^\n]{10})",  # a clause follows: looked at, not read to its end
    re.IGNORECASE,
)
# What follows 'said' with no 'that' when it does not report a clause: 'said in a
# statement.', 'said on Tuesday', 'said goodbye'.
NOT_A_CLAUSE = re.compile(
    r"(?:in|at|on|during|after|before|when|while|as|to|of|for|by|with|goodbye|"
    r"farewell|so|yes|no)\b",
    re.IGNORECASE,
)
ACCORDING_TO = re.compile(r"\b[Aa]ccording to\s+(?P<ref>[^,.;:\n]{3,80})")
REFERENCE_WORDS = 8  # 'INTERPOL Secretary General Jürgen Stock': a name and a title


def find_reported_speech(
    report, people: list[PersonFinding], groups: list[QuoteGroup]
) -> list[tuple[int, QuoteFinding]]:
    """Find the sentences that report what someone said without quoting them.

    'Secretary General Jürgen Stock said NCBs were integral to these efforts.', 'She told
    delegates that …', 'According to the President, …'. The finding's text is the report's
    sentence (as the archive records reported speech); a sentence with a quotation mark, or
    inside a quotation, is not reported speech, and one nobody can be found for is left out.
    """
    text = report.text
    mentions = Mentions(people)
    quoted = [(g.start, g.end) for g in groups]
    quoted_starts = [start for start, _ in quoted]
    found, seen = [], set()

    def inside_a_quote(position: int) -> bool:
        k = bisect.bisect_right(quoted_starts, position) - 1
        return k >= 0 and quoted[k][0] <= position < quoted[k][1]

    def add(sentence, refs, confidence_if_named):
        s_start, s_end = sentence
        if sentence in seen or inside_a_quote(s_start):
            return
        words = text[s_start:s_end]
        if re.search(r"[“”\"]", words):
            return
        for ref_start, ref_end in refs:
            ref = text[ref_start:ref_end].strip(" ,")
            if ref and len(ref.split()) <= REFERENCE_WORDS:
                speaker, confidence = resolve(ref, people, mentions, ref_start)
                if speaker is not None:
                    break
        else:
            return
        sentence_words = report.verified(*reversed(_stripped(text, s_start, s_end)))
        if not sentence_words:
            return
        seen.add(sentence)
        found.append(
            (
                s_start,
                QuoteFinding(
                    speaker=speaker.name,
                    text=sentence_words,
                    excerpt=sentence_words,
                    confidence=round(min(confidence, confidence_if_named), 2),
                    kind="paraphrase",
                ),
            )
        )

    for match in REPORTED.finditer(text):
        if (
            match.group("say")
            and not match.group("that")
            and NOT_A_CLAUSE.match(text, match.end())
        ):
            continue
        sentence = report.sentence_at(match.start())
        add(sentence, _references(text, sentence[0], match.start()), 0.75)
    for match in ACCORDING_TO.finditer(text):
        add(report.sentence_at(match.start()), [match.span("ref")], 0.7)
    return found


def _references(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return who may be the subject before a verb: the last clause, then the one before.

    'Opening the conference, the President said …' → 'the President'; 'Head of the NCB in
    Santiago, Superintendent Pablo Rojas, told …' → 'Superintendent Pablo Rojas', then
    'Head of the NCB in Santiago'.
    """
    refs = []
    for _ in range(2):
        while end > start and text[end - 1] in " ,":
            end -= 1
        comma = max(text.rfind(",", start, end), text.rfind(";", start, end))
        refs.append((max(start, comma + 1), end))
        if comma < start:
            break
        end = comma
    return refs
