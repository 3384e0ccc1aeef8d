"""The API's pages (settings.REST_FRAMEWORK names this module: it must not import DRF's
views, which read these settings while they load)."""

from django.conf import settings
from django.utils.translation import gettext
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination


class ArchivePagination(PageNumberPagination):
    """Pages of 20 by default; the client may ask for up to 100 with `page_size`."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        """Return the asked page size, capped; a value that is not 1 or more is a 400."""
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        try:
            size = int(value)
        except ValueError:
            size = 0
        if size < 1:
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        gettext("Enter a whole number of 1 or more.")
                    ]
                }
            )
        return min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                # Sizes up to the project's limit are capped; larger ones are a 400
                # (archive/middleware.py RequestLimitsMiddleware).
                parameter["schema"]["maximum"] = settings.ARCHIVE_MAX_PAGE_SIZE
                parameter["description"] = (
                    f"How many results a page holds: {self.page_size} unless asked, "
                    f"{self.max_page_size} at the most (larger values up to "
                    f"{settings.ARCHIVE_MAX_PAGE_SIZE} give {self.max_page_size})."
                )
        return parameters


class SearchPagination(ArchivePagination):
    """The archive's pages, with the number of results of each kind beside them."""

    def get_paginated_response(self, data, found):
        response = super().get_paginated_response(data)
        response.data["counts"] = found.counts
        response.data["nearest"] = found.nearest
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["counts"] = {
            "type": "object",
            "description": "How many results of each kind the search found.",
            "additionalProperties": {"type": "integer"},
        }
        schema["properties"]["nearest"] = {
            "type": "boolean",
            "description": "Nothing matched: the results are the nearest names.",
        }
        schema["required"] = [*schema.get("required", []), "counts", "nearest"]
        return schema
