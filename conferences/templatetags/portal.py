"""Template helpers for the reader's portal: dates, figures, structured data."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from conferences.models import ordinal as ordinal_number

register = template.Library()

# As django.utils.html.json_script: nothing in the data can close the script element.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
SCALES = [(1_000_000_000, "billion"), (1_000_000, "million")]


@register.filter
def ordinal(number) -> str:
    """Write 20 as 20th."""
    return ordinal_number(int(number))


@register.filter
def date_range(conference) -> str:
    """Write an edition's dates as “11–13 February 2025”, or its year alone."""
    start, end = conference.start_date, conference.end_date
    if start and end and start != end:
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{date_format(end, 'j F Y')}"
        if start.year == end.year:
            return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
        return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"
    if start:
        return date_format(start, "j F Y")
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
    """Write a number for readers: 18 million, 300 million, 2,500."""
    if value is None:
        return ""
    for scale, word in SCALES:
        if value >= scale and value % (scale // 10) == 0:
            return f"{value / scale:g} {word}"
    return f"{value:,}"


@register.filter
def figure(key_figure) -> str:
    """Write a key figure as the report does: “more than 18 million messages”."""
    qualifier = key_figure.get_qualifier_display() if key_figure.qualifier else ""
    amount = number(key_figure.value)
    if key_figure.unit in {"USD", "EUR"}:
        amount = f"{key_figure.unit} {amount}"
    else:
        amount = f"{amount} {key_figure.unit}"
    return f"{qualifier} {amount}".strip()


@register.filter
def ld_json(data) -> str:
    """Render data as a JSON-LD script element, escaped so the data cannot end it."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_ESCAPES
    )
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(text)
    )  # noqa: S308
