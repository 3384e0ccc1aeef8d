"""The one rule "does this excerpt support this value", for every field an edition cites.

Model validation (Conference.clean, Citation.clean), the admin, the API, the importer, the
fixture loader and the consistency report (check_archive) all ask `supports()`; no other
place decides whether a report's words state a value.

- Numbers (edition, year, delegates, countries, members) must stand in the excerpt, in the
  forms reports write them: "some 335", "more than 150", "2,500", "15th", "fifteenth".
- Dates need their day and month ("9 – 11 April", "10 - 12 April 2018"), and their year
  when the excerpt names one.
- Names (city, country, venue, theme) must stand word for word, case and punctuation aside:
  "Lyon" is in "LYON, France – …".
- The format is described in the archive's own words, not quoted: it is not checked.
- An inferred citation rests on its reasoning, not on its excerpt: it is not checked.
"""

import datetime
import functools
import re

from django.utils.translation import gettext

from .text import normalize_whitespace

NUMBER_FIELDS = {"edition", "year", "delegates", "countries", "member_countries"}
DATE_FIELDS = {"start_date", "end_date"}
NAME_FIELDS = {"city", "country", "venue", "theme"}

ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty-second": 22,
    "twenty-third": 23,
    "twenty-fourth": 24,
    "twenty-fifth": 25,
}
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
WORD = re.compile(r"\w+(?:-\w+)*")
YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def value_text(value) -> str:
    """Return a field's value as corrections and history store it: 2025-02-11, 310, Lyon."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


@functools.cache
def _number_pattern() -> re.Pattern:
    # The import rules' own reading of numbers (one definition). Imported on first use:
    # the rules' package imports the models, which import this module.
    from .importing.rules.words import NUM, ORDINAL

    return re.compile(
        rf"(?<![\w.])(?P<num>{NUM})(?:\s+(?P<scale>thousand|million|billion))?\b"
        rf"|\b(?P<ordinal>{ORDINAL})\b",
        re.IGNORECASE,
    )


def numbers_stated(excerpt: str) -> set[int]:
    """Return every whole number the excerpt states: digits ("2,500", "18 million"),
    number words ("twenty-five"), ordinals ("15th", "fifteenth")."""
    from .importing.rules.words import parse_ordinal, scaled

    found = set()
    for match in _number_pattern().finditer(excerpt):
        if match["ordinal"]:
            value = parse_ordinal(match["ordinal"])
        else:
            value = scaled(match["num"], match["scale"])
        if value is not None:
            found.add(value)
    for word in WORD.findall(excerpt.lower()):
        if word in ORDINAL_WORDS:
            found.add(ORDINAL_WORDS[word])
    return found


def _words(text: str) -> list[str]:
    return WORD.findall(normalize_whitespace(text).casefold())


def _contains_words(text: str, value: str) -> bool:
    haystack, needle = _words(text), _words(value)
    if not needle:
        return True
    return any(
        haystack[i : i + len(needle)] == needle
        for i in range(len(haystack) - len(needle) + 1)
    )


def _date_supported(excerpt: str, value: datetime.date) -> bool:
    if value.isoformat() in excerpt:
        return True
    words = _words(excerpt)
    month = MONTHS[value.month - 1]
    if month not in words and month[:3] not in words:
        return False
    if value.day not in numbers_stated(excerpt):
        return False
    years = {int(y) for y in YEAR.findall(excerpt)}
    return not years or value.year in years


def reads_script(excerpt: str) -> bool:
    """Tell whether the checker can read an excerpt: it reads Latin script and digits.

    A record quoted in Arabic ("المؤتمر السادس عشر", the sixteenth conference) states its
    value in words this checker does not know; it is left to the archivist, not refused.
    """
    return any(("a" <= ch.lower() <= "z") or ch.isdigit() for ch in excerpt)


def supports(field: str, value, excerpt: str, *, inferred: bool = False) -> bool:
    """Tell whether a citation's excerpt supports a value of the edition's field."""
    if inferred or value in (None, "") or not reads_script(excerpt):
        return True
    if field in NUMBER_FIELDS:
        try:
            number = int(value)
        except (TypeError, ValueError):
            return False
        return number in numbers_stated(excerpt)
    if field in DATE_FIELDS:
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return False
        return _date_supported(excerpt, value)
    if field in NAME_FIELDS:
        return _contains_words(excerpt, str(value))
    return True


def unsupported_message(label: str, value, excerpts: list[str]) -> str:
    """Say, quoting the excerpt(s), why a value is refused."""
    quoted = " / ".join(f"“{normalize_whitespace(e)}”" for e in excerpts)
    return gettext(
        "%(label)s %(value)s is not what its source says: %(quoted)s. "
        "Change the value back, or record a correction: the reason, and a citation "
        "that supports the new value or the evidence that the source is wrong."
    ) % {"label": label, "value": value_text(value), "quoted": quoted}
