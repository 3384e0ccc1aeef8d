"""escaped() (conferences/html.py) escapes as Django's templates do."""

import pytest
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from conferences.html import escaped


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        "",
        "<script>alert('x')</script>",
        'a "quoted" & <tagged> word',
        "it's",
        "Jürgen Stock — 2019",
        20,
        3.5,
        None,
        gettext_lazy("Source"),
        mark_safe("<b>kept</b>"),
    ],
)
def test_escaped_is_conditional_escape(value):
    assert escaped(value) == conditional_escape(value)
