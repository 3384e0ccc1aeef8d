"""The OpenAPI schema: drf-spectacular's, with the error answers and the read shape of
writes (settings.REST_FRAMEWORK's DEFAULT_SCHEMA_CLASS)."""

from drf_spectacular.openapi import AutoSchema
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


class ArchiveAutoSchema(AutoSchema):
    """drf-spectacular's schema, with the error answers and the read shape of writes."""

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
        errors = {"400": ERROR_SCHEMA, "404": DETAIL_SCHEMA, "429": DETAIL_SCHEMA}
        if self.method not in permissions.SAFE_METHODS:
            errors.update({"401": DETAIL_SCHEMA, "403": DETAIL_SCHEMA})
        if self.method == "DELETE":
            errors["409"] = DETAIL_SCHEMA
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
