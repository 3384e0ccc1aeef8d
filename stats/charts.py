"""Trends across editions, laid out for inline SVG drawn on the server (no script, no CDN)."""

import math
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext

from speakers.models import Office, Tenure

WIDTH = 480
PLOT_TOP = 22
PLOT_LEFT = 44
PLOT_BOTTOM = 30
MAX_LABELS = 16
MAX_VALUE_LABELS = 16
# The leadership timeline: office names on the left, a column of runs per edition.
LANE_WIDTH = 720
LANE_LEFT = 160  # room for "Secretario General", the longest office name
LANE_HEIGHT = 34
CHAR_WIDTH = (
    9.2  # an average bold character at the drawing's 13-unit font, for fitting names
)


@dataclass
class Bar:
    label: str
    value: int | None
    # No report or record of the edition at all (not merely a value left unreported).
    gap: bool = False
    inferred: bool = False
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    center: float = 0
    show_label: bool = True
    show_value: bool = True


@dataclass
class Tick:
    value: int
    y: float


@dataclass
class BarChart:
    """Bars with their coordinates, a value axis with round ticks, and the plot's size."""

    bars: list[Bar]
    ticks: list[Tick]
    width: int = WIDTH
    height: int = 260
    plot_left: int = PLOT_LEFT
    plot_right: int = WIDTH - 8
    plot_top: int = PLOT_TOP
    baseline: float = 0
    label_y: float = 0


def nice_step(maximum: int, ticks: int = 4) -> int:
    """Return a round step (1, 2 or 5 times a power of ten) for about `ticks` ticks."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw)) or 1


def bar_chart(bars: list[Bar], *, height: int = 260) -> BarChart:
    """Return the bars laid out on a chart, scaled to the largest value."""
    chart = BarChart(bars=bars, ticks=[], height=height)
    chart.baseline = height - PLOT_BOTTOM
    chart.label_y = chart.baseline + 17
    values = [b.value for b in bars if b.value is not None]
    step = nice_step(max(values, default=0))
    top = step * math.ceil(max(values, default=1) / step) or step
    plot_height = chart.baseline - PLOT_TOP
    chart.ticks = [
        Tick(value, chart.baseline - plot_height * value / top)
        for value in range(0, top + 1, step)
    ]
    slot = (chart.plot_right - chart.plot_left) / max(len(bars), 1)
    every = math.ceil(len(bars) / MAX_LABELS)
    for index, bar in enumerate(bars):
        bar.width = round(max(slot * 0.7, 1), 2)
        bar.x = round(chart.plot_left + slot * index + (slot - bar.width) / 2, 2)
        bar.height = round(plot_height * (bar.value or 0) / top, 2)
        bar.y = round(chart.baseline - bar.height, 2)
        bar.center = round(bar.x + bar.width / 2, 2)
        bar.show_label = index % every == 0
        bar.show_value = bar.value is not None and len(bars) <= MAX_VALUE_LABELS
    return chart


@dataclass
class Holder:
    """Who held an office at an edition, and whether a source names them there (inferred
    when it names them at a meeting only inferred to be this edition)."""

    person: object | None
    named_in_report: bool = False
    inferred: bool = False


@dataclass
class LeadershipRow:
    conference: object
    holders: list[Holder] = field(default_factory=list)


LEADERSHIP_OFFICES = [Office.Kind.PRESIDENT, Office.Kind.SECRETARY_GENERAL]


def held_on(tenure: Tenure, conference) -> bool:
    """Tell whether a term of office covers the edition (its whole year when undated)."""
    start = conference.start_date
    end = conference.end_date or start
    if start is None and conference.year:
        start, end = date(conference.year, 1, 1), date(conference.year, 12, 31)
    if start is None or tenure.started_on is None:
        return False
    return tenure.started_on <= start and (
        tenure.ended_on is None or tenure.ended_on >= end
    )


def leadership(conferences, tenures) -> list[LeadershipRow]:
    """Return the President and Secretary General at each edition.

    The report's own list of leaders comes first; when a report names no holder, the terms of
    office from public records fill the gap, and the page says so.
    """
    rows = []
    for conference in conferences:
        row = LeadershipRow(conference)
        if not hasattr(conference, "leader_appearances"):
            # An edition the archive holds nothing of: nobody is placed at it.
            row.holders = [Holder(None) for _ in LEADERSHIP_OFFICES]
            rows.append(row)
            continue
        for kind in LEADERSHIP_OFFICES:
            named = [a for a in conference.leader_appearances if a.office.kind == kind]
            if named:
                row.holders.append(
                    Holder(
                        named[0].person,
                        named_in_report=True,
                        inferred=named[0].inferred,
                    )
                )
                continue
            serving = [
                t.person
                for t in tenures
                if t.office.kind == kind and held_on(t, conference)
            ]
            row.holders.append(Holder(serving[0] if serving else None))
        rows.append(row)
    return rows


@dataclass
class Segment:
    """A run of consecutive editions with the same holder, for the timeline drawing
    (a holder inferred at an edition starts a run of its own)."""

    person: object | None
    first: int
    last: int
    inferred: bool = False
    x: float = 0
    width: float = 0
    text_x: float = 0
    name: str = ""
    first_edition: int = 0
    last_edition: int = 0


@dataclass
class Lane:
    title: str
    y: float
    segments: list[Segment]


def fitted_name(person, width: float) -> str:
    """Return the person's name, or their short name, if it fits in the width; else nothing."""
    if person is None:
        return ""
    for name in (person.name, person.short_name):
        if len(name) * CHAR_WIDTH + 12 <= width:
            return name
    return ""


def leadership_lanes(rows: list[LeadershipRow]) -> tuple[list[Lane], float]:
    """Return one lane per office, split into runs of the same holder, and the slot width."""
    slot = (LANE_WIDTH - LANE_LEFT) / max(len(rows), 1)
    lanes = []
    for index, kind in enumerate(LEADERSHIP_OFFICES):
        segments: list[Segment] = []
        for position, row in enumerate(rows):
            holder = row.holders[index]
            same = (holder.person, holder.inferred)
            if segments and (segments[-1].person, segments[-1].inferred) == same:
                segments[-1].last = position
            else:
                segments.append(
                    Segment(holder.person, position, position, holder.inferred)
                )
        for segment in segments:
            segment.x = round(LANE_LEFT + segment.first * slot, 2)
            segment.width = round((segment.last - segment.first + 1) * slot - 2, 2)
            segment.text_x = round(segment.x + 6, 2)
            segment.name = fitted_name(segment.person, segment.width)
            segment.first_edition = rows[segment.first].conference.edition
            segment.last_edition = rows[segment.last].conference.edition
        if kind == Office.Kind.PRESIDENT:
            title = gettext("President")
        else:
            title = gettext("Secretary General")
        lanes.append(Lane(title, 8 + index * (LANE_HEIGHT + 8), segments))
    return lanes, slot


@dataclass
class EditionTick:
    label: str
    x: float


def edition_ticks(rows: list[LeadershipRow], slot: float) -> list[EditionTick]:
    """Return the edition numbers under the timeline, thinned out when there are many."""
    every = math.ceil(len(rows) / MAX_LABELS) if rows else 1
    return [
        EditionTick(str(row.conference.edition), round(LANE_LEFT + (i + 0.5) * slot, 2))
        for i, row in enumerate(rows)
        if i % every == 0
    ]
