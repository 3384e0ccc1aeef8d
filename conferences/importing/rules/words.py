"""The words of a report as the import rules read them: numbers, ordinals, sentences."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from conferences.text import normalize_whitespace, reading_text

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

# No sentence of a press report runs this long (the five reports': 400 characters at
# most); longer runs are cut here, so that each rule's look at a sentence stays short and
# a report of any content is read in linear time.
LONGEST_SENTENCE = 1_000
# A sentence ends at a full stop before a capital, or at its paragraph's end.
SENTENCE = re.compile(r"[^\n]+?(?:[.!?](?=\s+[A-Z“‘\"'(])|$)", re.MULTILINE)


@dataclass
class Report:
    """A report's text split for the rules: reading text, paragraphs, sentences."""

    raw: str
    text: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self):
        self.text = reading_text(self.raw)
        self._verified = {}
        self._searched = {}
        self.paragraphs = [m.span() for m in re.finditer(r"[^\n]+", self.text)]
        self._paragraph_starts = [start for start, _ in self.paragraphs]
        for piece in SENTENCE.finditer(self.text):
            s, e = piece.span()
            while s < e and self.text[s] == " ":
                s += 1
            while e - s > LONGEST_SENTENCE:
                self.sentences.append((s, s + LONGEST_SENTENCE))
                s += LONGEST_SENTENCE
            if s < e:
                self.sentences.append((s, e))

    def sentence_at(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.sentences, (position, float("inf"))) - 1
        if index >= 0:
            start, end = self.sentences[index]
            if start <= position < end:
                return start, end
        return position, position

    def finditer_where(self, pattern: re.Pattern, keyword: re.Pattern):
        """Yield pattern's matches in the paragraphs where keyword occurs, in order.

        keyword is a word every match of pattern holds: paragraphs without it are
        skipped, so costly patterns run over the few paragraphs that could match.
        """
        last = -1
        for hit in keyword.finditer(self.text):
            k = bisect.bisect_right(self._paragraph_starts, hit.start()) - 1
            if k > last:
                last = k
                yield from pattern.finditer(self.text, *self.paragraphs[k])

    def finditer_near(
        self, pattern: re.Pattern, keyword: re.Pattern, *, before: int, after: int
    ):
        """Yield pattern's matches that lie within before/after characters of a keyword.

        For a pattern whose every match holds the keyword and reaches at most `before`
        characters ahead of it and `after` past it: the same matches as finditer over
        the whole text, looked for only around the keyword.
        """
        window = None
        for hit in keyword.finditer(self.text):
            start, end = max(0, hit.start() - before), hit.end() + after
            if window and start <= window[1]:
                window = (window[0], end)
                continue
            if window:
                yield from pattern.finditer(self.text, *window)
            window = (start, end)
        if window:
            yield from pattern.finditer(self.text, *window)

    def search_where(self, pattern: re.Pattern, keyword: re.Pattern):
        """Return pattern's first match in the paragraphs where keyword occurs."""
        return next(self.finditer_where(pattern, keyword), None)

    def spans_of(self, words: str | None) -> list[tuple[int, int]]:
        """Return where words stand in the reading text."""
        if not words:
            return []
        return [m.span() for m in re.finditer(re.escape(words), self.text)]

    def search_sentence(self, pattern: re.Pattern, position: int) -> re.Match | None:
        """Return pattern's first match in the sentence at position; each sentence once."""
        span = self.sentence_at(position)
        key = (pattern.pattern, span)
        if key not in self._searched:
            self._searched[key] = pattern.search(self.text, *span)
        return self._searched[key]

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
        left = s_start
        while left < s_end and self.text[left] in " ,;":
            left += 1
        excerpt = self.text[left:s_end].strip(" ,;")
        return self.verified(excerpt, left) or self.verified(
            self.text[start:end], start
        )

    def verified(self, excerpt: str, at: int | None = None) -> str:
        """Return the excerpt when it stands in the raw report (as the archive requires).

        at: where the excerpt stands in the reading text, when the caller knows. Words of
        one paragraph of the reading text are words of one line of the report, white
        space aside (the reading text only folds white space, drops lines and cuts lines
        where sentences ran together), so they need no search of the whole report: a
        report of many quotes is then read in linear time.
        """
        if at is not None and "\n" not in excerpt and self.text.startswith(excerpt, at):
            return normalize_whitespace(excerpt)
        excerpt = normalize_whitespace(excerpt)
        if not excerpt:
            return ""
        if excerpt not in self._verified:  # a search of the whole report: once each
            if not hasattr(self, "_raw_words"):
                # as contains_excerpt reads it
                self._raw_words = normalize_whitespace(self.raw)
            self._verified[excerpt] = excerpt in self._raw_words
        return excerpt if self._verified[excerpt] else ""
