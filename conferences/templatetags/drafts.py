"""Template helpers for an import's draft in the admin: its values as a reader writes them.

The draft stores machine values (`more_than`, `20000000`, `0.95`, `2026-03-03`); the
review page and the preview show "more than", "20,000,000", "high (95%)", "3 March 2026",
in the active language. The stored draft and the `--dry-run` JSON keep the machine values.
"""

import datetime

from django import template
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext

from conferences.models import Citation, KeyFigure, UnplacedFinding

register = template.Library()

# Fields whose value is a count: written with the language's digit grouping. The edition
# number and the year are names, never grouped.
COUNTS = {"delegates", "countries", "member_countries"}
DATES = {"start_date", "end_date"}


@register.filter
def field_label(name: str) -> str:
    """Write a field of an edition by its label: start_date → Start date."""
    if name in Citation.Field.values:
        return Citation.Field(name).label
    return name


@register.filter
def grouped(value) -> str:
    """Write a whole number with the language's digit grouping: 20,000,000; 20 000 000."""
    if value is None or value == "":
        return "—"
    return number_format(value, force_grouping=True)


@register.filter
def readable(value, field: str = "") -> str:
    """Write a draft's value of an edition's field for a reader: counts grouped, dates as
    dates (a day and month without a year says so), nothing as a dash."""
    if value is None or value == "":
        return "—"
    if field in COUNTS and isinstance(value, int):
        return grouped(value)
    if field in DATES and isinstance(value, str):
        if value.startswith("--"):  # --MM-DD: the report gives no year
            day = datetime.date(2000, int(value[2:4]), int(value[5:7]))
            return gettext("%(day)s (year not stated)") % {
                "day": date_format(day, "MONTH_DAY_FORMAT")
            }
        try:
            return date_format(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


@register.filter
def confidence(value) -> str:
    """Write a rule's confidence in words with its percentage: high (95%)."""
    if value is None or value == "":
        return ""
    percent = round(float(value) * 100)
    if value >= 0.9:
        words = gettext("high (%(percent)s%%)")
    elif value >= 0.7:
        words = gettext("medium (%(percent)s%%)")
    else:
        words = gettext("low (%(percent)s%%)")
    return words % {"percent": percent}


@register.filter
def qualifier(value: str) -> str:
    """Write a figure's qualifier as the report words it: more_than → more than."""
    if not value:
        return ""
    if value in KeyFigure.Qualifier.values:
        return KeyFigure.Qualifier(value).label
    return value.replace("_", " ")


@register.filter
def unplaced_kind(value: str) -> str:
    """Write what kind of finding the import could not place: person → A person the…"""
    if value in UnplacedFinding.Kind.values:
        return UnplacedFinding.Kind(value).label
    return value
