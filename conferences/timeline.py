"""The home page's timeline of editions (and its latest edition's facts), written as HTML
in Python.

Rendered by the template engine, the timeline's 25 lines cost about half of a cold home
page: every line resolved a dozen variables, rendered two included templates and drew its
badges and words again. Here a line is an f-string filled with escaped values; the
words and badges that are the same on every line are translated and drawn once a page
(TimelineWords), and an edition's dates and counts in words once per process and
language (in_words()). The search page writes its results the same way
(search/views.py).

The HTML is the included templates' own: a line's dates are
includes/_edition_dates.html's, its place and figures includes/_edition_facts_line.html's
(conferences/tests/test_timeline.py renders both ways and compares them; the other pages
still include those templates). Every value from the data goes through escaped()
(conferences/html.py) before it joins the HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from archive.process_caches import process_cache

from .html import escaped
from .models import ordinal
from .series import BASES, EditionSlot
from .templatetags.portal import (
    basis_badge,
    country_count,
    date_range,
    date_range_without_year,
    delegate_count,
    inferred_badge,
)


# The lines' markup as functions returning f-strings: str.format() parses its template
# at every call (see conferences/rendering.py).
def line_html(
    *, basis, url, ordinal, edition_word, title, badge, meta_class, meta
) -> str:
    """One edition's line: its number, then its dates and basis, and its place and
    figures."""
    return f"""<li class="timeline__item timeline__item--{basis}">
        <a class="timeline__edition" href="{url}"><span class="timeline__number">{ordinal}</span><span class="visually-hidden"> {edition_word}</span></a>
        <div class="timeline__body">
          <h3 class="timeline__title"><a href="{url}">{title}</a> {badge}</h3>
          <p class="timeline__meta{meta_class}">{meta}</p>
        </div>
      </li>"""  # noqa: E501 - the line's HTML as it stands in the page


LINE_SEPARATOR = "\n      "
FACT_SEPARATOR = "\n  "


@dataclass(frozen=True)
class TimelineWords:
    """The words and badges every line of a timeline shares, in the page's language, as
    HTML: translated, drawn and escaped once per process and language
    (timeline_words()), not once a line."""

    language: str
    edition: str
    date_unknown: str
    nothing_known: str
    nothing_known_note: str
    inferred: str
    inferred_year: str
    badges: dict[str, str]  # by basis: "report", "records", "none"

    @classmethod
    def in_active_language(cls) -> TimelineWords:
        return timeline_words(get_language())


@process_cache
@lru_cache(maxsize=64)
def timeline_words(language: str) -> TimelineWords:
    """Return the timeline's words in `language`, the active one: translated and drawn
    once per process and language (until a setting or a file changes), as in_words()
    keeps the dates and counts. Translating and escaping them cost some 530 Python calls
    a page, a tenth of a cold home page, for the same words every time."""
    return TimelineWords(
        language=language,
        edition=kept_html(gettext("edition")),
        date_unknown=kept_html(gettext("Date unknown")),
        nothing_known=kept_html(gettext("Nothing known")),
        nothing_known_note=kept_html(
            gettext(
                "The archive holds no published report or public record of this "
                "edition."
            )
        ),
        inferred=kept_html(inferred_badge()),
        inferred_year=kept_html(inferred_badge("year")),
        badges={basis: kept_html(basis_badge(basis)) for basis in BASES},
    )


def kept_html(value) -> str:
    """Return escaped(value) as a plain str, for the HTML kept once and formatted into
    every line: a SafeString formatted into a string calls its __str__() (Python, each
    time), a plain str nothing. The lines are marked safe as a whole."""
    return str.__str__(escaped(value))


class EditionDates(NamedTuple):
    """What the date filters read of an edition: a key for in_words()."""

    start_date: date | None
    end_date: date | None
    year: int | None


@process_cache
@lru_cache(maxsize=4096)
def in_words(write: Callable, value, language: str) -> str:
    """Return `write(value)` as HTML (escaped): an edition's dates or a count written by
    a filter of conferences/templatetags/portal.py, its ordinal (models.ordinal()), or
    a number localized (the home page's figures), in the active language, `language`.

    Writing them (date_format(), ngettext(), the number's grouping) costs more than the
    rest of a line, and the same dates or count read the same on every page in a
    language: they are written and escaped once per process (until a setting or a file
    changes).
    """
    return kept_html(write(value))


def edition_dates(edition, words: TimelineWords) -> SafeString:
    """An edition's dates (or its year), with the inferred badge on the part that is
    inferred, as HTML: includes/_edition_dates.html."""
    # SafeString(), not mark_safe(): the same, without mark_safe()'s lazy-text check (six
    # Python calls), for a text of escaped values.
    return SafeString(dates_html(edition, words))


def dates_html(edition, words: TimelineWords) -> str:
    """edition_dates() as a plain str, for the lines (see kept_html())."""
    dates = EditionDates(edition.start_date, edition.end_date, edition.year)
    if edition.dates_year_only_inferred:
        html = (
            f"{in_words(date_range_without_year, dates, words.language)} "
            '<span class="inferred-part" data-inferred="year">'
            f"{escaped(edition.start_date.year)} {words.inferred_year}</span>"
        )
    else:
        html = in_words(date_range, dates, words.language)
        if edition.dates_inferred:
            html = f"{html} {words.inferred}"
    return html  # every value escaped


def edition_facts_line(
    edition, words: TimelineWords, *, with_dates: bool = False
) -> SafeString:
    """An edition's place, delegates and countries (and with_dates, first, its dates),
    each with its inferred badge, as HTML: includes/_edition_facts_line.html."""
    return SafeString(facts_html(edition, words, with_dates=with_dates))


def facts_html(edition, words: TimelineWords, *, with_dates: bool = False) -> str:
    """edition_facts_line() as a plain str, for the lines (see kept_html())."""
    inferred = edition.inferred_fields
    # The badge after a value whose field is inferred.
    badge = f" {words.inferred}"
    facts = []
    if with_dates and (edition.start_date or edition.year):
        facts.append(f"<span>{dates_html(edition, words)}</span>")
    if edition.city:
        place = edition.city
        if edition.country and edition.country != edition.city:
            place = f"{edition.city}, {edition.country}"
        place_badge = badge if "city" in inferred else ""
        facts.append(
            f'<span><span lang="en">{escaped(place)}</span>{place_badge}</span>'
        )
    if edition.delegates:
        delegates = in_words(delegate_count, edition.delegates, words.language)
        facts.append(
            f"<span>{delegates}{badge if 'delegates' in inferred else ''}</span>"
        )
    if edition.countries:
        countries = in_words(country_count, edition.countries, words.language)
        facts.append(
            f"<span>{countries}{badge if 'countries' in inferred else ''}</span>"
        )
    # Every value escaped.
    return (
        '<span class="meta-line"><span class="meta-line__inner">\n  '
        f"{FACT_SEPARATOR.join(facts)}\n</span></span>"
    )


def timeline_line(slot: EditionSlot, url: str, words: TimelineWords) -> str:
    """One edition number's line, as HTML (`url`, its page's address, is HTML already):
    what the archive knows of it, or that it knows nothing."""
    edition = slot.conference
    if edition is None:
        title, meta, meta_class = words.nothing_known, words.nothing_known_note, " note"
    else:
        if edition.start_date or edition.year:
            title = dates_html(edition, words)
        else:
            title = words.date_unknown
        meta, meta_class = facts_html(edition, words), ""
    basis = slot.basis  # one of BASES
    return line_html(
        basis=basis,
        url=url,
        ordinal=in_words(ordinal, slot.edition, words.language),
        edition_word=words.edition,
        title=title,
        badge=words.badges[basis],
        meta_class=meta_class,
        meta=meta,
    )


def timeline_lines(
    timeline: Iterable[EditionSlot],
    address: Callable[[int], str],
    words: TimelineWords,
) -> SafeString:
    """Return the lines of a timeline as HTML, each edition's linked to its page
    (`address` gives the page of an edition number as HTML: addresses.html_address_of(),
    escaped once for all the lines)."""
    return SafeString(  # timeline_line() escaped every value
        LINE_SEPARATOR.join(
            timeline_line(slot, address(slot.edition), words) for slot in timeline
        )
    )
