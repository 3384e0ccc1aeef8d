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


def contains_words(text: str, words: str) -> bool:
    """Tell whether the words stand in text as whole words ("Russia" is not in "Russian")."""
    pattern = excerpt_pattern(words)
    if pattern is None:
        return False
    return re.search(rf"(?<!\w){pattern.pattern}(?!\w)", text) is not None
