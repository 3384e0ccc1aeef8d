"""Addresses reversed once and filled in per row (conferences/addresses.py) are the
addresses reverse() gives."""

import pytest
from django.urls import reverse
from django.utils import translation

from conferences.addresses import page_address


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
