"""Numbers, round tables and delegations the reports give for an edition."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from simple_history.models import HistoricalRecords

from ..text import contains_words
from .base import Sourced


class KeyFigure(Sourced):
    """A number a report gives: messages exchanged, searches, assets seized, arrests…"""

    class Qualifier(models.TextChoices):
        EXACT = "", "exactly"
        MORE_THAN = "more_than", "more than"
        OVER = "over", "over"
        NEARLY = "nearly", "nearly"
        APPROXIMATELY = "approximately", "approximately"
        AROUND = "around", "around"

    conference = models.ForeignKey(
        "conferences.Conference", on_delete=models.CASCADE, related_name="key_figures"
    )
    label = models.CharField(max_length=200, help_text="What the number measures.")
    value = models.BigIntegerField(
        help_text="The number written out: 18 million is 18000000."
    )
    unit = models.CharField(
        max_length=50, help_text="messages, searches, USD, suspects…"
    )
    qualifier = models.CharField(max_length=20, choices=Qualifier.choices, blank=True)
    period = models.CharField(
        max_length=100, blank=True, help_text="2023, per second, past 12 months…"
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["conference", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0), name="key_figure_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.value} {self.unit}"


class RoundTable(Sourced):
    """A regional round table held at an edition."""

    conference = models.ForeignKey(
        "conferences.Conference", on_delete=models.CASCADE, related_name="round_tables"
    )
    region = models.CharField(max_length=150)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["conference", "position"]
        verbose_name = "regional round table"
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "region"], name="round_table_region_once"
            ),
        ]

    def __str__(self):
        return f"{self.region} round table"


class Delegation(Sourced):
    """A country's delegation to an edition, as a report or a public record names it.

    Its country and description are the source's own words, within the excerpt.
    """

    conference = models.ForeignKey(
        "conferences.Conference", on_delete=models.CASCADE, related_name="delegations"
    )
    country = models.CharField(
        max_length=150, help_text="The country as the source names it, word for word."
    )
    description = models.TextField(
        blank=True,
        help_text="Who made up the delegation, in the source's words (may be empty).",
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["conference", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "country"], name="delegation_once_per_country"
            ),
        ]

    def __str__(self):
        return f"{self.country} delegation"

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        for name in ("country", "description"):
            value = getattr(self, name)
            if "excerpt" in errors or not self.excerpt:
                break  # the excerpt itself is to be fixed first
            if value and not contains_words(self.excerpt, value):
                errors[name] = [
                    gettext("These words are not in the excerpt: copy them from it.")
                ]
        if errors:
            raise ValidationError(errors)
