"""/api/v1/search/: the portal's search, ranked the same, with the same snippets."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions, viewsets

from api.pagination import SearchPagination
from api.serializers.fields import absolute_urls
from api.serializers.search import SearchResultSerializer
from search.forms import EDITION_MAX, SearchForm
from search.models import SearchEntry
from search.query import search

PARAMETERS = [
    OpenApiParameter(
        "q",
        {"type": "string", "minLength": 1, "maxLength": 200},
        required=True,
        description="The words to find (200 characters at most): words, a year, an "
        "edition (15, 15th, fifteenth, XV), a name, a place. Every word must match; "
        "words match as prefixes (cybercrim), numbers whole.",
    ),
    OpenApiParameter(
        "kind",
        OpenApiTypes.STR,
        enum=SearchEntry.Kind.values,
        description="Only results of this kind (the counts still cover every kind).",
    ),
    OpenApiParameter(
        "edition_min",
        {"type": "integer", "minimum": 1, "maximum": EDITION_MAX},
        description="Only editions, quotes and reports of this edition or later.",
    ),
    OpenApiParameter(
        "edition_max",
        {"type": "integer", "minimum": 1, "maximum": EDITION_MAX},
        description="Only editions, quotes and reports of this edition or earlier.",
    ),
]


class SearchViewSet(viewsets.GenericViewSet):
    """Search the archive: editions, people, quotes, topics and report texts, best first.

    An edition, person or topic whose own name matches comes first (`15th`, `2019` and
    `XV` find the 15th edition; `Stock` finds Jürgen Stock), then what belongs to it (his
    quotes), then passages that mention the words. `counts` gives the results of each kind.
    """

    serializer_class = SearchResultSerializer
    pagination_class = SearchPagination
    filter_backends = []
    permission_classes = [permissions.AllowAny]  # the viewset only reads

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["absolute_url"] = absolute_urls(self.request)
        return context

    @extend_schema(parameters=PARAMETERS)
    def list(self, request, *args, **kwargs):
        form = SearchForm(request.query_params)
        if not form.is_valid():
            raise exceptions.ValidationError(
                {
                    "non_field_errors" if name == "__all__" else name: list(errors)
                    for name, errors in form.errors.items()
                }
            )
        if not form.cleaned_data["q"]:
            raise exceptions.ValidationError({"q": ["Give the words to search for."]})
        found = search(form.cleaned_data["q"], **form.filters())
        page = self.paginate_queryset(found.results)
        data = self.get_serializer(page, many=True).data
        return self.paginator.get_paginated_response(data, found)
