"""An edition in one line, as the home page's timeline shows it, built from columns.

The timeline shows of each edition its dates, place, delegates and countries, which of them
are inferred, and whether a report or public records describe it: a handful of columns, and
of its citations only which fields they leave inferred and whether a report is among their
sources. Loading each edition with its leaders, topics and citations as model instances
cost hundreds of rows a page that the timeline never shows; its citations as rows, a second
query. ConferenceQuerySet.line_values() reads it all in one query, as listing_values() does
for the API's lists, and with_archive_totals() adds the home page's figures to it.

An EditionLine answers like a Conference in the templates (includes/_edition_dates.html,
includes/_edition_facts_line.html, the date filters): its rules (which dates are inferred,
its name and address) are Conference's own, borrowed, not written again; which fields are
inferred, and how, is Conference.inferred_part()'s rule in SQL
(CitationQuerySet.inferred_parts_of(); conferences/tests/test_cold_pages.py compares them).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from speakers.models import Person

from .models import Conference
from .models.compiled import ValuesRead


class EditionLine:
    """One published edition as a line of a timeline: its shown columns, which of them
    are inferred, and whether a report describes it."""

    def __init__(self, row: dict):
        self.__dict__.update(row)
        # {field: "whole" or "year"}, for the fields no source states.
        self.inferred_parts = dict(row["inferred_part_rows"])

    def inferred_part(self, field: str) -> str:
        return self.inferred_parts.get(field, "")

    @property
    def inferred_fields(self) -> list[str]:
        return sorted(self.inferred_parts)

    @property
    def has_report(self) -> bool:
        return self.described_by_report

    # Conference's own rules, read from inferred_part() (one definition of each).
    __str__ = Conference.__str__
    get_absolute_url = Conference.get_absolute_url
    dates_year_only_inferred = property(Conference.dates_year_only_inferred.fget)
    dates_inferred = property(Conference.dates_inferred.fget)


def edition_lines(rows) -> list[EditionLine]:
    """Return editions as lines, from their rows (ConferenceQuerySet.line_values(), in
    the order wanted)."""
    return [EditionLine(row) for row in rows]


@dataclass
class ArchiveTotals:
    """The archive's figures on the home page."""

    known_count: int  # published editions
    person_count: int
    topic_count: int  # topics a published edition discussed


def newest_lines(length: int) -> tuple[list[EditionLine], ArchiveTotals]:
    """Return the newest published editions (at most `length`) as lines, newest first,
    and the archive's totals: one query, the totals counted in the lines' query."""
    rows = newest_read(length).rows()
    if not rows:
        # No published edition, so none of its topics; people may be recorded already.
        return [], ArchiveTotals(0, Person.objects.count(), 0)
    totals = ArchiveTotals(
        rows[0]["known_count"], rows[0]["person_count"], rows[0]["topic_count"]
    )
    return edition_lines(rows), totals


@cache
def newest_read(length: int) -> ValuesRead:
    """newest_lines()' query, built and compiled once (compiled.ValuesRead): it takes
    nothing from the request, and the ORM spent some 1,600 Python calls building and
    compiling it on every request, a sixth of a cold home page."""
    return ValuesRead(
        lambda: (
            Conference.objects.published()
            .order_by("-edition")
            .line_values()
            .with_archive_totals()[:length]
        )
    )
