"""Addresses reversed once and filled in for each row of a list.

reverse() costs about as much as building the rest of a row; an object's key (a number
or an ASCII slug) stands in its address as it is. So each kind of address is reversed
once, with KEY_PLACEHOLDER for the key, and each row's key filled in (quoted, as
reverse() quotes it). The reversed address is kept (key_path()) for as long as what
reverse() reads stays the same: the script prefix, the URL configuration and the
language. The portal's pages, the search and the API share this.
"""

import string
from collections.abc import Callable
from functools import lru_cache
from html import escape
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

# A number no key is, and a valid slug: it fits every URL pattern's converter.
KEY_PLACEHOLDER = "9081726354"
# The characters quote() leaves as they are (its default `safe`, "/", included).
UNQUOTED = string.ascii_letters + string.digits + "_.-~/"


def address_of(key_address: str) -> Callable[[object], str]:
    """Return a function giving the address of the object with a key, from the address
    reverse() gave for KEY_PLACEHOLDER."""
    before, placeholder, after = key_address.rpartition(KEY_PLACEHOLDER)
    if not placeholder:
        raise ValueError(f"No key placeholder in {key_address!r}.")
    # A number needs no quoting (most keys are edition numbers: a list's many rows),
    # nor a text of the characters quote() leaves alone (most slugs): quote() costs
    # some ten Python calls a key, str.strip() one.
    return lambda key: (
        f"{before}{key}{after}"
        if type(key) is int or (type(key) is str and not key.strip(UNQUOTED))
        else f"{before}{quote(str(key))}{after}"
    )


def html_address_of(key_address: str) -> Callable[[object], str]:
    """Return address_of(key_address) as HTML, for rows written in Python: the address
    escaped once, not in each row. A key's part of it needs no escaping: a number, a
    text of the characters quote() leaves alone, or quote()'s output ("%" and those)."""
    return address_of(escape(key_address))


def page_address(viewname: str) -> Callable[[object], str]:
    """Return a function giving the address of a page of `viewname` by its one key, in
    the current language and URL configuration (key_path())."""
    return address_of(key_path(viewname))


def url_configuration() -> tuple[str, str]:
    """Return the script prefix and URL configuration addresses are reversed with.

    Django's handler sets both for each request, and nothing else changes them while a
    page is made, so a page's several addresses and pieces may share one reading (each
    is a thread- and task-local value, a microsecond or more a read). The language is
    not among them: translation.override() and {% language %} change it mid-page."""
    return get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF


def key_path(
    viewname: str,
    *,
    lookup: str | None = None,
    format: str | None = None,
    language: str | None = None,
    fixed: tuple[tuple[str, str], ...] = (),
) -> str:
    """Return reverse() of `viewname` with KEY_PLACEHOLDER for its key: its one
    argument, or the keyword argument `lookup`; with `format`, the format suffix's
    pattern; `fixed`, other keyword arguments as (name, value) pairs. In `language` (by
    default the active one), with the current script prefix and URL configuration.

    Reversed once for each of these (a few hundred Python calls saved on every
    request that names an address).
    """
    return KeyPaths()(
        viewname, lookup=lookup, format=format, language=language, fixed=fixed
    )


class KeyPaths:
    """key_path() for the several addresses of one request: the active language, the
    script prefix and the URL configuration read once (some thirty Python calls)."""

    def __init__(self):
        self.language = translation.get_language()
        self.script_prefix, self.urlconf = url_configuration()

    def __call__(
        self,
        viewname: str,
        *,
        lookup: str | None = None,
        format: str | None = None,
        language: str | None = None,
        fixed: tuple[tuple[str, str], ...] = (),
    ) -> str:
        return _reversed_key_path(
            viewname,
            lookup,
            format,
            language or self.language,
            self.script_prefix,
            self.urlconf,
            fixed,
        )


@lru_cache(maxsize=256)
def _reversed_key_path(
    viewname, lookup, format, language, script_prefix, urlconf, fixed=()
):
    # The script prefix reverse() reads is the current one: the cache's key.
    kwargs = dict(fixed)
    if lookup:
        kwargs[lookup] = KEY_PLACEHOLDER
    if format:
        kwargs["format"] = format
    with translation.override(language):
        return reverse(
            viewname,
            args=None if lookup else [KEY_PLACEHOLDER],
            kwargs=kwargs or None,
            urlconf=urlconf,
        )
