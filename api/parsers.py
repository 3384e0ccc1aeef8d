"""The API's request parser (settings.REST_FRAMEWORK names this module: it must not import
DRF's views, which read these settings while they load)."""

from django.utils.translation import gettext
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing a body nested too deeply to decode with a 400.

    Python's decoder recurses once a level: a body of 100,000 `[` would end in a
    RecursionError, a 500.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(
                gettext("JSON parse error - the body is nested too deeply.")
            ) from None
