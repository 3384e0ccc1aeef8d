"""What the API's search answers with: one result, as the portal's search page lists it."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from search.models import SearchEntry

from .fields import absolute_urls


@extend_schema_field(OpenApiTypes.URI)
class AbsoluteURLField(serializers.CharField):
    """An address on this site, made absolute for the client."""

    def to_representation(self, value):
        request = self.context.get("request")
        return request.build_absolute_uri(value) if request else value


class SearchResultSerializer(serializers.Serializer):
    rank = serializers.IntegerField(help_text="The result's place in the whole list.")
    kind = serializers.ChoiceField(
        choices=SearchEntry.Kind.values,
        help_text="What was found: edition, person, topic, quote or source (a report).",
    )
    match = serializers.ChoiceField(
        choices=["name", "related name", "text", "nearest name"],
        help_text="Where the words matched: the thing's own name (best), the name of "
        "what it belongs to (a quote's speaker, an edition's topics), its text, or "
        "(PostgreSQL, when nothing matched) the nearest name to a misspelling.",
    )
    title = serializers.CharField()
    meta = serializers.CharField(help_text="A line that places the result.")
    snippet = serializers.CharField(
        help_text="HTML: the words around the match, escaped, the matched words in "
        "<mark>."
    )
    edition = serializers.IntegerField(allow_null=True)
    year = serializers.IntegerField(allow_null=True)
    html_url = AbsoluteURLField(source="url", help_text="The result's page.")
    url = AbsoluteURLField(source="api_url", help_text="The result's API resource.")

    def to_representation(self, result):
        """Return the fields above, written out: a page of 20 results (100 at most)
        through DRF's field by field path cost more than finding them. The tests compare
        the two (api/tests/test_search.py)."""
        # The view gives one absolute_urls() for the page (SearchViewSet).
        absolute = self.context.get("absolute_url") or absolute_urls(
            self.context.get("request")
        )
        return {
            "rank": result.rank,
            "kind": result.kind,
            "match": result.match,
            "title": result.title,
            "meta": result.meta,
            "snippet": result.snippet,
            "edition": result.edition,
            "year": result.year,
            "html_url": absolute(result.url),
            "url": absolute(result.api_url),
        }
