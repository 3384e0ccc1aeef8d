"""The words of a search: folding (case and accents), a query's terms, the ways to write
an edition's number, and snippets cut at word boundaries with the matched words marked.

The index stores folded text (lowercase, accents removed, punctuation turned to spaces), so
PostgreSQL's `simple` text search and SQLite's FTS5 see the same words.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"\w+")
ROMAN_NUMERAL = re.compile(r"m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
# Words too common to narrow a search; left out of queries on both databases alike.
STOP_WORDS = frozenset(
    "a an and are as at be by for from in into is it its of on or that the this to was "
    "were what when where which who with".split()
)
MAX_TERMS = 8
SNIPPET_CHARS = 220
# Where a snippet's marks go, before escaping (characters escaping leaves alone).
OPEN_MARK, CLOSE_MARK = "\x01", "\x02"


def fold(text: str) -> str:
    """Return the text lowercased, without accents, its punctuation turned into spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(WORD.findall(bare.replace("_", " ")))


@dataclass(frozen=True)
class Term:
    """One word of a query: matched as a prefix (`cybercrim` finds cybercrime), or whole."""

    word: str
    prefix: bool

    def matches(self, folded_word: str) -> bool:
        if self.prefix:
            return folded_word.startswith(self.word)
        return folded_word == self.word


def terms_of(query: str) -> list[Term]:
    """Return the terms of a query: its folded words, without stop words and single letters.

    Numbers and roman numerals match whole (`15` is not `150`, `XV` is not `XVI`); other
    words match as prefixes, a plural's `s` left off (`frauds` finds fraud).
    """
    terms = []
    for word in fold(query).split():
        if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
            continue
        if word.isdigit() or ROMAN_NUMERAL.fullmatch(word) or len(word) < 3:
            term = Term(word, prefix=False)
        else:
            if len(word) > 4 and word.endswith("ies"):
                word = word[:-3]
            elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
                word = word[:-1]
            term = Term(word, prefix=True)
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
ORDINAL_ONES = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def number_words(number: int) -> str:
    """Return a number below 1,000 in words: 45 → forty five."""
    if number < 20:
        return ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return TENS[tens] + (f" {ONES[ones]}" if ones else "")
    hundreds, rest = divmod(number, 100)
    return f"{ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")


def ordinal_words(number: int) -> str:
    """Return an ordinal in words: 15 → fifteenth, 21 → twenty first, 20 → twentieth."""
    words = number_words(number).split()
    last = words[-1]
    if last in ORDINAL_ONES:
        words[-1] = ORDINAL_ONES[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return " ".join(words)


def roman(number: int) -> str:
    """Return a number in roman numerals: 15 → XV."""
    numerals = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]  # fmt: skip
    out = ""
    for value, letters in numerals:
        count, number = divmod(number, value)
        out += letters * count
    return out


def edition_names(number: int) -> str:
    """Return the ways a reader writes an edition's number: 15 15th fifteenth XV."""
    from conferences.models import ordinal

    if number >= 1000:  # generated editions: the digits are enough
        return f"{number} {ordinal(number)}"
    return f"{number} {ordinal(number)} {ordinal_words(number)} {roman(number)}"


def _letter_variants() -> dict[str, str]:
    """Map each folded letter to a pattern of the letters that fold to it: u → [uùúûü…]."""
    variants: dict[str, set[str]] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded != char.lower():
            variants.setdefault(folded, set()).add(char.lower())
    return {
        letter: "[" + re.escape(letter) + "".join(sorted(chars)) + "]"
        for letter, chars in variants.items()
    }


LETTER_VARIANTS = _letter_variants()


def term_pattern(terms: list[Term]) -> re.Pattern:
    """Return a pattern of the terms' words in the original text, accents or not."""
    return _term_pattern(tuple(terms))


@lru_cache(maxsize=256)
def _term_pattern(terms: tuple[Term, ...]) -> re.Pattern:
    # Built once per query, not once per result: a page cuts 20 snippets.
    alternatives = [
        "".join(LETTER_VARIANTS.get(c, re.escape(c)) for c in t.word)
        + (r"\w*" if t.prefix else r"(?!\w)")
        for t in terms
    ]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def snippet(text: str, terms: list[Term], size: int = SNIPPET_CHARS) -> SafeString:
    """Return a window of the text around the first matched word, cut at word boundaries,
    every matched word in <mark>; everything else escaped, markup-like text kept as text.

    (The standard library's html.escape, as Django's escape() calls it, without the lazy
    text check that made escaping a page's snippets cost more than cutting them.)"""
    pattern = term_pattern(terms) if terms else None
    first = pattern.search(text) if pattern else None
    # Work on a piece around the first match: a report's text may be long.
    lead = first.start() if first else 0
    piece_start = max(0, lead - size)
    piece_end = min(len(text), lead + 2 * size)
    piece = text[piece_start:piece_end]
    if piece_start:  # the piece may begin inside a word: drop it
        piece = piece[piece.find(" ") + 1 :] if " " in piece else piece
    if piece_end < len(text) and " " in piece:
        piece = piece[: piece.rfind(" ")]
    cut_before, cut_after = bool(piece_start), piece_end < len(text)
    text = " ".join(piece.split())
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.start() > size // 3:
        start = first.start() - size // 3
        space = text.find(" ", start, first.start())
        start = space + 1 if space >= 0 else first.start()
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end + 1)
        if first and space < first.end():
            space = text.find(" ", first.end())
        end = space if space > start else len(text)
    parts = ["… " if start or cut_before else ""]
    window = text[start:end]
    if not pattern:
        parts.append(escape(window))
    elif OPEN_MARK not in window and CLOSE_MARK not in window:
        # Mark the matches with two control characters, escape once, then turn them
        # into tags: the same text as escaping each piece between matches.
        marked = escape(pattern.sub(f"{OPEN_MARK}\\g<0>{CLOSE_MARK}", window))
        parts.append(marked.replace(OPEN_MARK, "<mark>").replace(CLOSE_MARK, "</mark>"))
    else:
        position = 0
        for match in pattern.finditer(window):
            parts.append(escape(window[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
        parts.append(escape(window[position:]))
    if end < len(text) or cut_after:
        parts.append(" …")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text escaped above
