"""INTERPOL's membership over time, as public records give it.

A row is one figure: INTERPOL had `members` member countries from `effective_on`, either
because the General Assembly admitted (or a country left) on that day (a change), or
because a record of that day states the count (a statement). Each figure quotes its
record's words; each date quotes the words that give it, or says how it follows.

What holds between two figures is read, never assumed (MembershipHistory): the count of
one figure holds until the next only where the two agree (the next one states the same
count, or is a change whose admissions lead from the one count to the other). Anywhere
else, and after the last figure, the membership is not recorded.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..support import numbers_stated, reads_script, supports
from ..text import contains_excerpt
from .sources import SourceReport


class MembershipQuerySet(models.QuerySet):
    def for_history(self):
        """Return the figures in date order with the records they cite (texts left out)."""
        return (
            self.select_related("source", "date_source")
            .defer(
                "source__raw_text",
                "source__reading_text",
                "date_source__raw_text",
                "date_source__reading_text",
            )
            .order_by("effective_on", "kind", "pk")
        )

    def history(self) -> "MembershipHistory":
        """Return the membership history, read from every figure (one query)."""
        return MembershipHistory(list(self.for_history()))


class Membership(models.Model):
    """A figure of INTERPOL's membership, from a public record."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("Admission or departure")
        STATEMENT = "statement", _("Count stated")

    effective_on = models.DateField(
        help_text="The day the count holds from: the General Assembly's vote for a "
        "change, the record's own date for a statement."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    members = models.PositiveSmallIntegerField(
        help_text="INTERPOL's member countries from that day."
    )
    admitted = models.TextField(
        blank=True,
        help_text="The countries admitted that day, one a line, as the record names "
        "them; empty if it names none.",
    )
    left = models.TextField(
        blank=True, help_text="The countries that left that day, one a line."
    )
    source = models.ForeignKey(
        SourceReport,
        on_delete=models.PROTECT,
        related_name="membership_figures",
        limit_choices_to={"kind": SourceReport.Kind.RECORD},
        help_text="The public record that gives the count.",
    )
    excerpt = models.TextField(
        help_text="The record's words that state the count (and the countries), copied "
        "exactly."
    )
    date_source = models.ForeignKey(
        SourceReport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": SourceReport.Kind.RECORD},
        help_text="The record that gives the day, when it is another record.",
    )
    date_excerpt = models.TextField(
        blank=True,
        help_text="The record's words that give the day, copied exactly; empty when "
        "the day is the record's own date.",
    )
    date_reasoning = models.TextField(
        blank=True,
        help_text="When no excerpt states the whole day: how it follows, from which "
        "records. A date with reasoning is shown as inferred.",
    )
    notes = models.TextField(
        blank=True, help_text="What an archivist should know about this figure."
    )

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["effective_on", "kind"]
        verbose_name = "membership figure"
        constraints = [
            models.CheckConstraint(
                condition=Q(members__gte=1), name="membership_members_positive"
            ),
            models.UniqueConstraint(
                fields=["effective_on", "source"], name="membership_once_per_record"
            ),
            models.CheckConstraint(
                condition=~Q(excerpt=""), name="membership_has_excerpt"
            ),
        ]

    def __str__(self):
        return f"{self.members} members from {self.effective_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("stats:trends") + f"#membership-{self.pk}"

    def clean(self):
        super().clean()
        errors = {}
        source = self.source if self.source_id else None
        if source is not None and source.kind != SourceReport.Kind.RECORD:
            errors["source"] = ["A membership figure cites a public record."]
        elif source is not None:
            if not contains_excerpt(source.raw_text, self.excerpt):
                errors["excerpt"] = [f"This excerpt is not in the text of “{source}”."]
            elif reads_script(self.excerpt) and self.members not in numbers_stated(
                self.excerpt
            ):
                errors["members"] = [
                    f"The excerpt does not state {self.members}: “{self.excerpt}”."
                ]
        named = " ".join([self.excerpt, self.date_excerpt])
        missing = [
            country
            for country in self.admitted_list + self.left_list
            # A country is a name that must stand in the words, as a city does.
            if not supports("city", country, named)
        ]
        if missing:
            errors["admitted"] = [
                "The excerpts do not name " + ", ".join(missing) + "."
            ]
        errors.update(self._date_errors())
        if errors:
            raise ValidationError(errors)

    def _date_errors(self) -> dict:
        dated_by = self.dated_by
        if dated_by is None:
            return {}
        if self.date_excerpt:
            if not contains_excerpt(dated_by.raw_text, self.date_excerpt):
                return {
                    "date_excerpt": [
                        f"This excerpt is not in the text of “{dated_by}”."
                    ]
                }
            if self.date_reasoning or supports(
                "start_date", self.effective_on, self.date_excerpt
            ):
                return {}
            return {
                "date_excerpt": [
                    f"The excerpt does not give {self.effective_on:%d %B %Y}: say how "
                    "the day follows (date reasoning)."
                ]
            }
        if self.date_reasoning:
            return {}
        # A record states a count on its own date; a vote's day needs words that give it.
        if (
            self.kind == self.Kind.STATEMENT
            and dated_by.published_on == self.effective_on
        ):
            return {}
        return {
            "effective_on": [
                "Quote the words that give this day, or say how it follows (date "
                f"reasoning); the record is dated {dated_by.published_on or 'nowhere'}."
            ]
        }

    @property
    def dated_by(self) -> SourceReport | None:
        """The record that gives the day: the date's own record, or the count's."""
        if self.date_source_id:
            return self.date_source
        return self.source if self.source_id else None

    @property
    def date_inferred(self) -> bool:
        return bool(self.date_reasoning.strip())

    @property
    def admitted_list(self) -> list[str]:
        return [line.strip() for line in self.admitted.splitlines() if line.strip()]

    @property
    def left_list(self) -> list[str]:
        return [line.strip() for line in self.left.splitlines() if line.strip()]

    @property
    def members_before(self) -> int | None:
        """The count the day before a change, when the record names who came and went."""
        if self.kind != self.Kind.CHANGE or not (self.admitted_list or self.left_list):
            return None
        return self.members - len(self.admitted_list) + len(self.left_list)

    def follows(self, earlier: "Membership") -> bool:
        """Tell whether nothing the archive lacks happened between an earlier figure and this one."""
        if self.kind == self.Kind.STATEMENT:
            return self.members == earlier.members
        return self.members_before == earlier.members


@dataclass(frozen=True)
class MembershipPeriod:
    """Days from `start` to `end` (inclusive; None: open) and INTERPOL's count then.

    `members` is None where the records leave the count open: `opened_by` gives it on its
    own day only.
    """

    start: datetime.date
    end: datetime.date | None
    members: int | None
    opened_by: Membership
    closed_by: Membership | None

    def overlaps(self, first: datetime.date, last: datetime.date) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)


class MembershipHistory:
    """INTERPOL's membership on any day, read from the figures the archive holds."""

    def __init__(self, figures: list[Membership]):
        self.figures = figures
        self.periods: list[MembershipPeriod] = []
        for index, figure in enumerate(figures):
            after = figures[index + 1] if index + 1 < len(figures) else None
            if after is not None and after.effective_on == figure.effective_on:
                continue  # two figures of one day: the next one opens the period
            end = after.effective_on - datetime.timedelta(days=1) if after else None
            known = after is not None and after.follows(figure)
            self.periods.append(
                MembershipPeriod(
                    figure.effective_on,
                    end,
                    figure.members if known else None,
                    figure,
                    after,
                )
            )

    def __bool__(self) -> bool:
        return bool(self.figures)

    def between(
        self, first: datetime.date, last: datetime.date
    ) -> list[MembershipPeriod] | None:
        """Return the periods that cover the days first to last, or None when the records
        leave any of those days open."""
        if not self.periods or first < self.periods[0].start:
            return None
        periods = [p for p in self.periods if p.overlaps(first, last)]
        for period in periods:
            # An open period is known on its first day only.
            if period.members is None and last > period.start:
                return None
        return periods

    def counts_between(
        self, first: datetime.date, last: datetime.date
    ) -> list[int] | None:
        """Return the counts INTERPOL had over those days (in order), or None if unknown."""
        periods = self.between(first, last)
        if periods is None:
            return None
        counts = []
        for period in periods:
            count = (
                period.members
                if period.members is not None
                else period.opened_by.members
            )
            if count not in counts:
                counts.append(count)
        return counts

    def on(self, day: datetime.date) -> int | None:
        """Return INTERPOL's member count on a day, or None when it is not recorded."""
        counts = self.counts_between(day, day)
        return counts[0] if counts else None
