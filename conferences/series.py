"""The whole series, 1st to latest: a slot per edition number, with its row when one exists.

The archive holds a report of some editions, only public records of others, and nothing of the
rest. Lists, the timeline, the trends and the previous/next links walk the edition numbers, so
a missing edition shows as a gap the reader can see, never as a jump from the 15th to the 17th.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max
from django.urls import reverse

from .models import Conference, ordinal


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
            return "none"
        return "report" if self.conference.has_report else "records"


def latest_edition() -> int:
    """Return the number of the latest published edition (0 while none is published)."""
    return (
        Conference.objects.published().aggregate(latest=Max("edition"))["latest"] or 0
    )


def slots(numbers, conferences) -> list[EditionSlot]:
    """Return a slot for each edition number, holding its row from `conferences` if any."""
    by_number = {c.edition: c for c in conferences}
    return [EditionSlot(n, by_number.get(n)) for n in numbers]


def neighbours(
    edition: int, latest: int
) -> tuple[EditionSlot | None, EditionSlot | None]:
    """Return the slots just before and after an edition number, in one query."""
    around = [n for n in (edition - 1, edition + 1) if 1 <= n <= latest]
    rows = {
        c.edition: c
        for c in Conference.objects.published()
        .filter(edition__in=around)
        .only("edition", "year")
    }
    previous = EditionSlot(edition - 1, rows.get(edition - 1)) if edition > 1 else None
    following = (
        EditionSlot(edition + 1, rows.get(edition + 1)) if edition < latest else None
    )
    return previous, following
