"""Text helpers for source reports: the reading text, and finding excerpts in it."""

import re

# A photo-gallery counter as collected from the web pages: "1 /" and "14" on their own lines.
GALLERY_COUNTER = re.compile(r"^[ \t]*\d+[ \t]*/[ \t]*\n[ \t]*\d+[ \t]*$", re.MULTILINE)
# Sentences run together where the page had paragraph breaks ("frontlines.Opening").
RUN_TOGETHER = re.compile(r"(?<=[a-z0-9)][.;:])(?=[A-Z“‘])|(?<=[a-z][.,]”)(?=[A-Z“])")
WHITESPACE = re.compile(r"[\s\u00a0\u200b]+")


def normalize_whitespace(text: str) -> str:
    """Fold every run of white space (non-breaking spaces too) into one space."""
    return WHITESPACE.sub(" ", text).strip()


def reading_text(raw_text: str) -> str:
    """Return the report without layout noise: gallery counters, blank runs, trailing spaces."""
    text = raw_text.replace("\r\n", "\n").replace("\u00a0", " ")
    text = GALLERY_COUNTER.sub("", text)
    paragraphs = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line:
            paragraphs.append(RUN_TOGETHER.sub("\n\n", line))
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


def excerpt_pattern(excerpt: str, *, allow_joined: bool = False) -> re.Pattern | None:
    """Return a pattern that finds the excerpt whatever the white space between its words.

    With allow_joined, words may also touch (the reading text splits sentences that the
    raw text ran together, and the reverse).
    """
    words = normalize_whitespace(excerpt).split(" ")
    if not words or words == [""]:
        return None
    gap = r"[\s\u00a0]*" if allow_joined else r"[\s\u00a0]+"
    return re.compile(gap.join(re.escape(word) for word in words))


def find_excerpt(
    text: str, excerpt: str, *, allow_joined: bool = False
) -> tuple[int, int] | None:
    """Return the (start, end) of the excerpt in text, or None when it is not there."""
    pattern = excerpt_pattern(excerpt, allow_joined=allow_joined)
    if pattern is None:
        return None
    match = pattern.search(text)
    return match.span() if match else None


def contains_excerpt(text: str, excerpt: str) -> bool:
    """Tell whether the excerpt stands verbatim in text, white space aside."""
    return normalize_whitespace(excerpt) in normalize_whitespace(text)


NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# "1 000", "18", "300", "2,500", "1.5" followed by an optional scale word.
NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:[ \u00a0,]\d{3})+(?!\d)|\d+(?:\.\d+)?|"
    + "|".join(NUMBER_WORDS)
    + r")(?:[\s\u00a0]+(thousand|million|billion))?\b",
    re.IGNORECASE,
)


def numbers_in(text: str) -> list[int]:
    """Return the whole numbers a text states, scale words applied: '18 million' → 18000000.

    Understands digits with space or comma thousands separators ("1 000", "2,500"), number
    words up to twenty and round tens ("eight billion"), and ordinals' digits ("20th" → 20).
    """
    values = []
    for match in NUMBER.finditer(text):
        token, scale = match.group(1), match.group(2)
        word = NUMBER_WORDS.get(token.lower())
        if word is not None:
            value = float(word)
        else:
            value = float(re.sub(r"[ \u00a0,]", "", token))
        if scale:
            value *= SCALES[scale.lower()]
        if value == int(value):
            values.append(int(value))
    values.extend(int(n) for n in re.findall(r"\b(\d+)(?:st|nd|rd|th)\b", text))
    return values
