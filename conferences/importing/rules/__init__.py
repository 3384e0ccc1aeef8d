"""Rules that read a report: pure functions, no database.

words.py reads the text (numbers, ordinals, sentences, excerpts); edition.py finds the
edition's number, place, attendance and theme; dates.py its days and year; speech.py the
people and their quotes; facts.py key figures, round tables and topics.
extract_report() runs them all and returns the draft.
"""

from __future__ import annotations

import dataclasses
import datetime

from ..draft import Draft, EditionFindings, Finding, inferred
from .dates import (
    bounded,
    end_from_duration,
    extract_dates,
    extract_relative_end,
    extract_relative_start,
    extract_relative_until,
    extract_week,
    extract_year,
    find_dateline,
    start_from_duration,
)
from .edition import (
    extract_attendance,
    extract_edition,
    extract_place,
    extract_source,
    extract_theme,
)
from .facts import extract_key_figures, extract_round_tables, extract_topics
from .speech import find_people, find_quotes
from .words import Report


def extract_report(
    raw_text: str,
    *,
    vocabulary: list[dict] = (),
    published: datetime.date | None = None,
) -> Draft:
    """Draft an edition from a report: every field, the people, their quotes, topics, figures.

    vocabulary: [{"slug", "name"}] of the archive's topics.
    """
    report = Report(raw_text)
    dateline = find_dateline(report)
    start, end, year_from_dates = extract_dates(report)
    if start.value is None:  # 'opened today' in a dated release
        start = extract_relative_start(report, dateline)
        if start.value:
            first = datetime.date.fromisoformat(start.value)
            end = end_from_duration(report, first.year, first.month, first.day)
            if end.value:
                end = dataclasses.replace(
                    end,
                    confidence=min(end.confidence, start.confidence),
                    inferred=True,
                    reasoning=f"The meeting's length, counted from its first day, "
                    f"{start.value}, itself inferred.",
                )
    end_bound = None
    # 'closed yesterday', 'runs until Thursday' in a dated release
    if end.value is None:
        end = extract_relative_end(report, dateline)
        if end.value is None:
            begun, end, end_bound = extract_relative_until(
                report, dateline, _full_date(start.value)
            )
            if start.value is None:  # 'runs from Tuesday to Thursday'
                start = begun
        if end.value and start.value is None:
            start = start_from_duration(report, datetime.date.fromisoformat(end.value))
            if start.value:
                start = dataclasses.replace(
                    start,
                    confidence=min(start.confidence, end.confidence),
                    inferred=True,
                    reasoning=f"The meeting's length, counted back from its last day, "
                    f"{end.value}, itself inferred.",
                )
    # 'this week', 'last week': days between a Monday and a Sunday, not one day
    week = extract_week(report, dateline) if start.value is None else None
    year = extract_year(report, year_from_dates, published, dateline)
    if week and year.inferred and {week.first.year, week.last.year} != {year.value}:
        year = (
            inferred(
                week.first.year,
                week.excerpt,
                0.5,
                week.reasoning("was held") + f" Its year is {week.first.year}.",
            )
            if week.first.year == week.last.year
            else Finding(None, week.excerpt, None, False, week.reasoning("was held"))
        )
    if year.value and not year_from_dates.value:
        start, end = (
            dataclasses.replace(
                date,
                value=f"{year.value:04d}{date.value[1:]}",
                confidence=min(date.confidence, year.confidence),
                inferred=True,
                reasoning="Day and month are stated; the year is inferred, see the year.",
            )
            if date.value and date.value.startswith("--")
            else date
            for date in (start, end)
        )
    if week:
        start = bounded(week, "began")
    if end.value is None and (end_bound or week):  # the closer bound: until Sunday
        end = bounded(end_bound or week, "ended")
    city, country = extract_place(report)
    delegates, countries, members, taken = extract_attendance(report)
    theme = extract_theme(report)
    source = extract_source(report)
    # Numbers in the theme or the headline name things, they count nothing.
    taken = taken + report.spans_of(theme.value) + report.spans_of(source.headline)
    people = find_people(report)
    return Draft(
        source=source,
        fields=EditionFindings(
            edition=extract_edition(report),
            year=year,
            start_date=start,
            end_date=end,
            city=city,
            country=country,
            delegates=delegates,
            countries=countries,
            member_countries=members,
            theme=theme,
        ),
        people=people,
        quotes=find_quotes(report, people),
        topics=extract_topics(report, list(vocabulary)),
        key_figures=extract_key_figures(report, taken),
        round_tables=extract_round_tables(report),
    )


def _full_date(value: str | None) -> datetime.date | None:
    """Return a drafted day with its year as a date; None for none, or one without a year."""
    if not value or value.startswith("--"):
        return None
    return datetime.date.fromisoformat(value)
