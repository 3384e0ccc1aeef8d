"""HTML written in Python, for the rows a page repeats (the home page's timeline, an
edition page's sourced items, the search's results): values escaped as the template
engine escapes them, for less.

Django's conditional_escape() and format_html() first check every value for lazy text,
and that check costs more than the escaping itself; a row of a dozen values pays it a
dozen times. Rows are plain f-strings filled with escaped() values instead.
"""

import re
from functools import lru_cache
from html import escape

from django.utils.formats import date_format
from django.utils.translation import get_language

from archive.process_caches import process_cache

# The characters escape() replaces (Django's escape() replaces the same five).
MARKUP_CHARACTERS = re.compile("[&<>\"']")


def escaped(value) -> str:
    """Return a value as HTML: escaped unless it is already HTML (conditional_escape(),
    without its lazy text check: lazy text is turned into the active language's).

    Most values (numbers, names, dates) hold none of the five characters: one search
    finds that, where escape() runs five replacements on every value. Plain text, the
    most common value, is told by its type: looking for a missing __html__ on it costs
    more than the search."""
    if type(value) is str:
        return escape(value) if MARKUP_CHARACTERS.search(value) else value
    if hasattr(value, "__html__"):
        return value.__html__()
    text = str(value)
    return escape(text) if MARKUP_CHARACTERS.search(text) else text


def note_html(text: str) -> str:
    """Return a note's paragraph; `text` is HTML."""
    return f'<p class="note">{text}</p>'


@process_cache
@lru_cache(maxsize=4096)
def formatted_date(day, style: str | None, language: str) -> str:
    return date_format(day, style)


def date_in_words(day, style: str | None = None) -> str:
    """Return date_format(day, style) in the active language, worked out once a date,
    style and language in each process: date_format() looks its format up and
    translates the month's name at every call, some 40 µs, and a page writes the same
    few dates (its edition's facts, its citations, the archive's last change). Text, to
    be escaped where it goes; timeline.in_words() keeps a writer's output as HTML."""
    return formatted_date(day, style, get_language())
