"""The whole series, 1st to latest: a slot per edition number, with its row when one exists.

The archive holds a report of some editions, only public records of others, and nothing of the
rest. Lists, the timeline, the trends and the previous/next links walk the edition numbers, so
a missing edition shows as a gap the reader can see, never as a jump from the 15th to the 17th.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse

from .models import Conference, ordinal
from .models.compiled import ConstantRead, ValuesRead


@dataclass
class EditionSlot:
    """One edition number of the series, and its published row if the archive has one."""

    edition: int
    conference: Conference | None = None

    def get_absolute_url(self) -> str:
        return reverse("conferences:edition-detail", args=[self.edition])

    @property
    def ordinal(self) -> str:
        return ordinal(self.edition)

    @property
    def year(self) -> int | None:
        return self.conference.year if self.conference else None

    @property
    def basis(self) -> str:
        """What the archive holds of the edition: "report", "records" or "none"."""
        if self.conference is None:
            return NONE
        return REPORT if self.conference.has_report else RECORDS


# What the archive holds of an edition (EditionSlot.basis, the API's `basis`).
REPORT, RECORDS, NONE = "report", "records", "none"
BASES = (REPORT, RECORDS, NONE)


# Compiled once (ConstantRead): the editions list of the API and the portal reads them on
# every page.
PUBLISHED_NUMBERS = ConstantRead(
    lambda: (
        Conference.objects.published()
        .order_by("edition")
        .values_list("edition", flat=True)
    )
)
LATEST_EDITION = ConstantRead(
    lambda: (
        Conference.objects.published()
        .order_by("-edition")
        .values_list("edition", flat=True)[:1]
    )
)


# The API's editions list and edition answers when no filter narrows them (most
# requests), compiled once (ValuesRead): the ORM spent more building and compiling these
# many-column queries than running them. Each marker is an edition number in the
# column's range that no other parameter of the queries equals.
EDITION_MAX = 32_767  # Conference.edition's range (a positive small integer)
LISTED_BETWEEN = ValuesRead(
    lambda low, high: (
        Conference.objects.published()
        .listing_values()
        .filter(edition__range=(low, high))
    ),
    32_749,
    32_759,
)
DETAILED = ValuesRead(
    lambda number: (
        Conference.objects.published().detail_values().filter(edition=number)
    ),
    32_749,
)


def listed_between(low: int, high: int) -> list[dict]:
    """Return the published editions numbered `low` to `high` as
    Conference.objects.listing_values() gives them, in no particular order (one query)."""
    return LISTED_BETWEEN.rows(low, high)


def detailed(number: int) -> dict | None:
    """Return the published edition `number` as Conference.objects.detail_values() gives
    it, or None (one query, none for a number past the column's range, which no edition
    has and PostgreSQL would refuse as a parameter)."""
    if not 0 <= number <= EDITION_MAX:
        return None
    return next(iter(DETAILED.rows(number)), None)


def published_numbers() -> list[int]:
    """Return the numbers of the published editions, in order (one query)."""
    return PUBLISHED_NUMBERS.column()


def latest_edition() -> int:
    """Return the number of the latest published edition (0 while none is published)."""
    return next(iter(LATEST_EDITION.column()), 0)


def slots(numbers, conferences) -> list[EditionSlot]:
    """Return a slot for each edition number, holding its row from `conferences` if any."""
    by_number = {c.edition: c for c in conferences}
    return [EditionSlot(n, by_number.get(n)) for n in numbers]


def neighbours(edition: int) -> tuple[EditionSlot | None, EditionSlot | None]:
    """Return the slots just before and after an edition number, in one query.

    There is a next slot while a published edition comes later: the series runs from the
    1st to the latest published edition.
    """
    rows = list(
        Conference.objects.published()
        .filter(Q(edition=edition - 1) | Q(edition__gt=edition))
        .order_by("edition")
        .only("edition", "year")[:2]
    )
    return slots_around(edition, rows, has_next=any(c.edition > edition for c in rows))


def page_neighbours(
    conference: Conference,
) -> tuple[EditionSlot | None, EditionSlot | None]:
    """Return neighbours() of an edition read by Conference.objects.for_page(), from its
    columns (`neighbour_rows`, `has_next`): no query of its own."""
    return slots_around(
        conference.edition, conference.neighbour_list, has_next=conference.has_next
    )


def slots_around(
    edition: int, rows, *, has_next: bool
) -> tuple[EditionSlot | None, EditionSlot | None]:
    """Return the slots before and after an edition, given the published rows of those
    around it (the next one's, if published, and the previous one's) and whether a
    published edition comes later."""
    by_number = {c.edition: c for c in rows}
    previous = (
        EditionSlot(edition - 1, by_number.get(edition - 1)) if edition > 1 else None
    )
    following = (
        EditionSlot(edition + 1, by_number.get(edition + 1)) if has_next else None
    )
    return previous, following


def published_bases() -> dict[int, str]:
    """Return the basis ("report" or "records") of every published edition, by number,
    in one query."""
    return {
        number: REPORT if described else RECORDS
        for number, described in Conference.objects.published()
        .with_basis()
        .values_list("edition", "described_by_report")
    }


def unknown_edition(number: int) -> Conference:
    """Return an unsaved stand-in for an edition the archive holds nothing of.

    It has the edition's number, no facts, a summary that says so, and empty lists where
    a listed or detailed edition has its rows, so it answers in the shape of any edition.
    """
    unknown = Conference(
        edition=number,
        summary="The archive holds no published report or public record of the "
        f"{ordinal(number)} conference.",
    )
    unknown.pk = 0
    unknown.is_gap = True
    for name in (
        "leader_appearances",
        "topic_list",
        "correction_list",
        "citation_list",
        "quote_list",
        "key_figure_list",
        "round_table_list",
        "delegation_list",
        "source_list",
    ):
        setattr(unknown, name, [])
    return unknown


@dataclass
class SeriesList:
    """A list's editions in its order, each an EditionSlot: the rows of a queryset, and
    the gaps (numbers from the 1st to the latest the archive holds nothing of).

    Sliced as a paginator slices it, it fetches the page's rows only. In edition order,
    rows and gaps interleave by number; in any other order the gaps, which have no facts,
    come after the rows (as unknown values do), by number.
    """

    rows: QuerySet
    row_numbers: list[int]
    gap_numbers: list[int]
    by_edition: bool = True
    descending: bool = False

    def count(self) -> int:
        return len(self.row_numbers) + len(self.gap_numbers)

    def __len__(self) -> int:
        return self.count()

    def numbers_on_page(self, index: slice) -> list[int]:
        """Return the edition numbers, rows' and gaps', that a slice of a list in
        edition order holds."""
        return sorted([*self.row_numbers, *self.gap_numbers], reverse=self.descending)[
            index
        ]

    def __getitem__(self, index: slice) -> list[EditionSlot]:
        if not isinstance(index, slice):
            raise TypeError("A series list is read a slice (a page) at a time.")
        if self.by_edition:
            numbers = self.numbers_on_page(index)
            wanted = set(self.row_numbers).intersection(numbers)
            found = (
                {c.edition: c for c in self.rows.filter(edition__in=wanted)}
                if wanted
                else {}
            )
            return [EditionSlot(n, found.get(n)) for n in numbers]
        start, stop, _ = index.indices(self.count())
        known = len(self.row_numbers)
        slots_of_rows = (
            [EditionSlot(c.edition, c) for c in self.rows[start : min(stop, known)]]
            if start < known
            else []
        )
        gaps = sorted(self.gap_numbers)[max(start - known, 0) : max(stop - known, 0)]
        return slots_of_rows + [EditionSlot(n) for n in gaps]
