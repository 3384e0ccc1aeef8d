"""Addresses reversed once and filled in for each row of a list.

reverse() costs about as much as building the rest of a row; an object's key (a number
or an ASCII slug) stands in its address as it is. So a list reverses each kind of address
once, with KEY_PLACEHOLDER for the key, and fills in each row's key (quoted, as reverse()
quotes it). The portal's pages, the search and the API share this.
"""

from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse

# A number no key is, and a valid slug: it fits every URL pattern's converter.
KEY_PLACEHOLDER = "9081726354"


def address_of(key_address: str) -> Callable[[object], str]:
    """Return a function giving the address of the object with a key, from the address
    reverse() gave for KEY_PLACEHOLDER."""
    before, placeholder, after = key_address.rpartition(KEY_PLACEHOLDER)
    if not placeholder:
        raise ValueError(f"No key placeholder in {key_address!r}.")
    # A number needs no quoting (most keys are edition numbers: a list's many rows).
    return lambda key: (
        f"{before}{key}{after}"
        if type(key) is int
        else f"{before}{quote(str(key))}{after}"
    )


def page_address(viewname: str, **reverse_options) -> Callable[[object], str]:
    """Return a function giving the address of a page of `viewname` by its one key, in
    the current language and URL configuration, reversed once."""
    return address_of(reverse(viewname, args=[KEY_PLACEHOLDER], **reverse_options))
