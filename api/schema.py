"""The OpenAPI schema: drf-spectacular's, with the error answers and the read shape of
writes (settings.REST_FRAMEWORK's DEFAULT_SCHEMA_CLASS)."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import permissions

from .views.base import ArchiveViewSet

ERROR_SCHEMA = {
    "type": "object",
    "description": "What is wrong: `detail`, or a list of messages for each field.",
    "additionalProperties": {},
}
DETAIL_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
    "description": "The ETag of the version you read (from a GET): the change is "
    "refused with 412 if the record has changed since. `*` matches any version.",
}

# Every write takes its reason for the history (shown in the edition's public history).
CHANGE_REASON = OpenApiParameter(
    "X-Change-Reason",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Why you make this change, in up to 100 characters; the edition's "
    "history shows it. A `change_reason` key in the body does the same. Default: "
    "“Changed through the API”.",
)


class ArchiveAutoSchema(AutoSchema):
    """drf-spectacular's schema, with the error answers and the read shape of writes."""

    def _get_parameters(self):
        parameters = super()._get_parameters()
        if self.method in {"PUT", "PATCH", "DELETE"} and isinstance(
            self.view, ArchiveViewSet
        ):
            parameters.append(IF_MATCH)
        return parameters

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method not in permissions.SAFE_METHODS:
            parameters.append(CHANGE_REASON)
        return parameters

    def get_auth(self):
        auths = super().get_auth()
        if self.method in permissions.SAFE_METHODS and {} not in auths:
            auths.append({})  # reading needs no account
        return auths

    def get_response_serializers(self):
        if self.method in {"POST", "PUT", "PATCH"} and isinstance(
            self.view, ArchiveViewSet
        ):
            return self.view.serializer_class
        return super().get_response_serializers()

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        # 404: no such object, a page past the end, or an unknown `format`.
        # 414: a query string over ARCHIVE_MAX_QUERY_STRING (RequestLimitsMiddleware).
        errors = {
            "400": ERROR_SCHEMA,
            "404": DETAIL_SCHEMA,
            "414": DETAIL_SCHEMA,
            "429": DETAIL_SCHEMA,
        }
        if self.method not in permissions.SAFE_METHODS:
            errors.update({"401": DETAIL_SCHEMA, "403": DETAIL_SCHEMA})
        if self.method == "DELETE":
            errors["409"] = DETAIL_SCHEMA
        if self.method in {"PUT", "PATCH", "DELETE"}:
            errors["412"] = DETAIL_SCHEMA
        if self.method == "GET":
            responses.setdefault(
                "304",
                {
                    "description": "Not modified: the `If-None-Match` ETag still matches."
                },
            )
        for code, schema in errors.items():
            responses.setdefault(
                code,
                self._get_response_for_code(
                    schema, code, media_types=["application/json"]
                ),
            )
        return responses
