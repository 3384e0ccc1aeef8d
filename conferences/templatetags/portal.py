"""Template helpers for the reader's portal: dates, figures, structured data."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from conferences.highlight import english, worded
from conferences.models import ordinal as ordinal_number

register = template.Library()

# As django.utils.html.json_script: nothing in the data can close the script element.
# (Three replace()s: str.translate() with a table looks up every character in Python,
# a fifth of a millisecond for an edition's JSON-LD.)
JSON_ESCAPES = (("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E"))
SCALES = [1_000_000_000, 1_000_000]


def scale_words(amount: str, scale: int, count: int) -> str:
    """Write an amount of millions or billions in the active language: “18 millions”."""
    if scale == 1_000_000_000:
        return ngettext("%(amount)s billion", "%(amount)s billion", count) % {
            "amount": amount
        }
    return ngettext("%(amount)s million", "%(amount)s million", count) % {
        "amount": amount
    }


@register.filter
def ordinal(number) -> str:
    """Write 20 as 20th (20e, 20.ª, الـ20 in the other languages)."""
    return ordinal_number(int(number))


@register.filter
def date_range(conference) -> str:
    """Write an edition's dates in the active language, or its year alone.

    “11–13 February 2025”, “11–13 février 2025”, “11-13 de febrero de 2025”,
    “11–13 فبراير 2025” (DATE_FORMAT and MONTH_DAY_FORMAT, archive/formats/).
    """
    start, end = conference.start_date, conference.end_date
    if start and end and start != end:
        if (start.year, start.month) == (end.year, end.month):
            return pgettext("days of one month", "%(first_day)s–%(last_date)s") % {
                "first_day": start.day,
                "last_date": date_format(end),
            }
        if start.year == end.year:
            first = date_format(start, "MONTH_DAY_FORMAT")
        else:
            first = date_format(start)
        return pgettext("dates", "%(first_date)s – %(last_date)s") % {
            "first_date": first,
            "last_date": date_format(end),
        }
    if start:
        return date_format(start)
    return str(conference.year or "")


@register.filter
def date_range_without_year(conference) -> str:
    """Write an edition's dates without their year ("9–11 April"), when both share one."""
    text = date_range(conference)
    year = str(conference.start_date.year) if conference.start_date else ""
    if year and text.endswith(" " + year) and text.count(year) == 1:
        return text[: -len(year) - 1]
    return text


@register.filter
def number(value) -> str:
    """Write a number for readers in the active language: 18 million, 2,500, 2 500."""
    if value is None:
        return ""
    for scale in SCALES:
        if value >= scale and value % (scale // 10) == 0:
            amount = value / scale
            written = number_format(f"{amount:g}", force_grouping=True)
            return scale_words(written, scale, int(amount))
    return number_format(value, force_grouping=True)


@register.filter
def figure(key_figure) -> str:
    """Write a key figure as the report does: “more than 18 million messages”.

    The report's own words (its qualifier and unit), so in English whatever the page's
    language; templates mark it lang="en".
    """
    with translation.override("en"):
        qualifier = key_figure.get_qualifier_display() if key_figure.qualifier else ""
        amount = number(key_figure.value)
    if key_figure.unit in {"USD", "EUR"}:
        amount = f"{key_figure.unit} {amount}"
    else:
        amount = f"{amount} {key_figure.unit}"
    return f"{qualifier} {amount}".strip()


# The offices whose archive title is their kind's name ("INTERPOL President"): the page
# names them in its own language. Other titles are the records' own English words.
TRANSLATED_OFFICES = {"president", "secretary_general"}


@register.filter
def office_title(office) -> str:
    """Write an office in the page's language when it is one of INTERPOL's own posts."""
    if office.kind in TRANSLATED_OFFICES:
        # Its kind's label, not get_kind_display(): that hashes (so translates) every
        # kind's label to find one.
        return str(office.Kind(office.kind).label)
    return format_html('<span lang="en">{}</span>', office.title)


@register.filter
def source_title(source) -> str:
    """Write a source's title marked with its own language, or describe it in the page's.

    The title of a record in French is French on every page; “Untitled item from
    Gulf News” is the archive's description, in the reader's language.
    """
    if source.own_title:
        return format_html(
            '<span lang="{}">{}</span>', source.language or "en", source.own_title
        )
    if source.is_record and source.publisher:
        return worded(
            gettext("Untitled item from %(publisher)s"),
            publisher=english(source.publisher),
        )
    return source.local_title


@register.filter
def ld_json(data) -> str:
    """Render data as a JSON-LD script element, escaped so the data cannot end it."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for character, escape in JSON_ESCAPES:
        text = text.replace(character, escape)
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(text)
    )  # noqa: S308


# The badges are drawn many times a page (every inferred value, every line of a timeline):
# as tags they cost a function call each, not an included template's render.
@register.simple_tag
def inferred_badge(part: str = "") -> str:
    """Draw the “Inferred” badge, or “Inferred year” (part="year") where only the year is."""
    if part == "year":
        title = gettext(
            "The day and month are stated; the year follows from evidence. "
            "See the reasoning."
        )
        label = gettext("Inferred year")
    else:
        title = gettext(
            "No report states this value; it follows from evidence. See the reasoning."
        )
        label = gettext("Inferred")
    return format_html(
        '<span class="badge badge--inferred" title="{}">{}</span>', title, label
    )


@register.simple_tag
def basis_badge(basis: str) -> str:
    """Draw what the archive holds of an edition: "report", "records" or "none"."""
    if basis == "report":
        kind = "report"
        title = gettext("A press report of this edition is in the archive")
        label = gettext("Report")
    elif basis == "records":
        kind = "records"
        title = gettext(
            "The archive holds no report of this edition; its facts come from public "
            "records"
        )
        label = gettext("Records only")
    else:
        kind = "none"
        title = gettext(
            "The archive holds no published report or public record of this edition"
        )
        label = gettext("No record")
    return format_html(
        '<span class="badge badge--{}" title="{}">{}</span>', kind, title, label
    )


def counted(message: str, count: int) -> str:
    """Put a count into its message, as {% blocktranslate count %} would, for a line drawn
    many times a page: the same messages, without a template block's render each time."""
    return mark_safe(  # noqa: S308 (the message is ours; the amount is escaped)
        message % {"amount": conditional_escape(number(count))}
    )


@register.filter
def delegate_count(count: int) -> str:
    """Write a number of delegates: “310 delegates”, “310 délégués”."""
    return counted(
        ngettext("%(amount)s delegate", "%(amount)s delegates", count), count
    )


@register.filter
def country_count(count: int) -> str:
    """Write a number of countries: “150 countries”, “150 pays”."""
    return counted(ngettext("%(amount)s country", "%(amount)s countries", count), count)
