"""The language switcher and the hreflang alternates: the same page in each language."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils.translation import get_language, get_language_info

from archive.locale import localized_path

register = template.Library()


@dataclass
class LanguageLink:
    code: str
    name: str  # in its own language: Français, Español, العربية
    path: str  # the same page in that language
    url: str  # with the query string, for the switcher
    bidi: bool
    current: bool


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """Return the current page's address in each of the portal's languages."""
    request = context.get("request")
    path = request.path if request else "/"
    query = request.META.get("QUERY_STRING", "") if request else ""
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = localized_path(path, code)
        info = get_language_info(code)
        links.append(
            LanguageLink(
                code=code,
                name=name,
                path=url,
                url=f"{url}?{query}" if query else url,
                bidi=info["bidi"],
                current=code == current,
            )
        )
    return links
