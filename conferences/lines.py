"""An edition in one line, as the home page's timeline shows it, built from columns.

The timeline shows of each edition its dates, place, delegates and countries, which of them
are inferred, and whether a report or public records describe it: a handful of columns and
of citation flags. Loading each edition with its leaders, topics and citations as model
instances cost hundreds of rows a page that the timeline never shows.

An EditionLine answers like a Conference in the templates (includes/_edition_dates.html,
includes/_edition_facts_line.html, the date filters): its rules (what is inferred, what
describes it, its name and address) are Conference's own, borrowed, not written again.
"""

from __future__ import annotations

from functools import cached_property
from typing import NamedTuple

from .models import Citation, Conference, SourceReport


class SourceKind(NamedTuple):
    """What Conference.has_report reads of a citation's source: its kind."""

    kind: str


class CitationFlags(NamedTuple):
    """What Conference's inferred-value rules read of a citation, and nothing else."""

    field: str
    inferred: bool
    inferred_part: str
    source: SourceKind

    InferredPart = Citation.InferredPart
    year_only = property(Citation.year_only.fget)


REPORT = SourceKind(SourceReport.Kind.REPORT)
RECORD = SourceKind(SourceReport.Kind.RECORD)


class EditionLine:
    """One published edition as a line of a timeline: its shown columns and citation flags."""

    def __init__(self, columns: dict, citations: list[CitationFlags]):
        self.__dict__.update(columns)
        self.citation_list = citations

    def _citations(self) -> list[CitationFlags]:
        return self.citation_list

    # Conference's own rules, read from the flags (one definition of each).
    __str__ = Conference.__str__
    get_absolute_url = Conference.get_absolute_url
    inferred_part = Conference.inferred_part
    dates_year_only_inferred = cached_property(Conference.dates_year_only_inferred.fget)
    dates_inferred = cached_property(Conference.dates_inferred.fget)
    inferred_fields = cached_property(Conference.inferred_fields.fget)
    has_report = cached_property(Conference.has_report.fget)


def edition_lines(rows) -> list[EditionLine]:
    """Return editions as lines, from their columns (ConferenceQuerySet.as_line_columns(),
    in the order wanted): one more query, their citations' flags, whatever their number."""
    rows = list(rows)
    flags: dict[int, list[CitationFlags]] = {row["pk"]: [] for row in rows}
    for conference_id, field, inferred, part, kind in Conference.objects.filter(
        pk__in=flags
    ).citation_flags():
        flags[conference_id].append(
            CitationFlags(
                field,
                inferred,
                part,
                REPORT if kind == SourceReport.Kind.REPORT else RECORD,
            )
        )
    return [EditionLine(row, flags[row["pk"]]) for row in rows]
