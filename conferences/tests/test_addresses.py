"""Addresses reversed once and filled in per row (conferences/addresses.py) are the
addresses reverse() gives."""

from html import escape

import pytest
from django.urls import reverse, set_script_prefix
from django.utils import translation

from conferences.addresses import (
    KEY_PLACEHOLDER,
    address_of,
    html_address_of,
    key_path,
    page_address,
)


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_a_filled_in_address_is_reverses_for_numbers_and_slugs(language):
    with translation.override(language):
        edition = page_address("conferences:edition-detail")
        person = page_address("speakers:person-detail")
        for number in (1, 20, 1500):
            assert edition(number) == reverse(
                "conferences:edition-detail", args=[number]
            )
        for slug in ("jurgen-stock", "ahmed-naser-al-raisi", "x_1"):
            assert person(slug) == reverse("speakers:person-detail", args=[slug])


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_a_key_path_is_reverses_in_each_language_and_format(language):
    with translation.override(language):
        assert key_path("conferences:edition-detail") == reverse(
            "conferences:edition-detail", args=[KEY_PLACEHOLDER]
        )
        assert key_path("api:quote-detail", lookup="pk", format="json") == reverse(
            "api:quote-detail", kwargs={"pk": KEY_PLACEHOLDER, "format": "json"}
        )
    with translation.override("en"):
        english = reverse("conferences:edition-detail", args=[KEY_PLACEHOLDER])
    with translation.override(language):
        assert key_path("conferences:edition-detail", language="en") == english


def test_a_key_path_follows_the_script_prefix():
    before = key_path("conferences:edition-detail")
    set_script_prefix("/archive/")
    try:
        assert key_path("conferences:edition-detail") == "/archive" + before
    finally:
        set_script_prefix("/")
    assert key_path("conferences:edition-detail") == before


def test_keys_are_quoted_as_reverse_quotes_them():
    """A key quote() would change is quoted; the others go in as they are."""
    # The API's addresses take any key without "/" or "." (DRF's router).
    quote = address_of(key_path("api:quote-detail", lookup="pk"))
    for key in ("cyber-crime_2~", "café", "a b", "x%20y", "Ab9", 20):
        assert quote(key) == reverse("api:quote-detail", kwargs={"pk": key})


def test_an_html_address_is_the_address_escaped():
    """html_address_of() escapes the address once: the same as escaping each address,
    whatever the key (numbers, slugs, keys quote() changes) and the prefix hold."""
    for key_address in (
        key_path("api:quote-detail", lookup="pk"),
        f"/a&b/<x>/'q\"/{KEY_PLACEHOLDER}/?t=1&u=2",
    ):
        plain, html = address_of(key_address), html_address_of(key_address)
        for key in ("cyber-crime_2~", "café", "a b", "x%20y", "<&>", "'\"", 20):
            assert html(key) == escape(plain(key))
