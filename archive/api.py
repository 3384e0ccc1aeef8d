"""What the API's viewsets and serializers share, and the OpenAPI schema's error answers."""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.response import Response

# PostgreSQL's ranges for small and regular integer columns.
SMALLINT_MAX = 32_767
INTEGER_MAX = 2_147_483_647


@extend_schema_field(OpenApiTypes.URI)
class HTMLURLField(serializers.ReadOnlyField):
    """The absolute address of the object's page on the portal."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "get_absolute_url")
        super().__init__(**kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        return request.build_absolute_uri(value) if request else value


class KeyRelatedField(serializers.SlugRelatedField):
    """A related row named by its key (slug, edition number) in the request body.

    A key with a NUL character cannot exist, and PostgreSQL refuses to even look for it.
    """

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


# The JSON type each kind of field takes, and how to name it in an error.
JSON_TYPES = [
    (serializers.BooleanField, bool, "true or false"),
    (serializers.IntegerField, int, "a whole number"),
    (serializers.CharField, str, "a string"),
    (serializers.ChoiceField, str, "a string"),
    (serializers.DateField, str, "a date (YYYY-MM-DD)"),
]


def json_type(field) -> tuple[type, str] | None:
    """Return the JSON type a writable field takes, as the schema documents it."""
    if isinstance(field, KeyRelatedField):
        model_field = field.queryset.model._meta.get_field(field.slug_field)
        if model_field.get_internal_type().endswith("IntegerField"):
            return int, "a whole number"
        return str, "a string"
    for field_class, python_type, name in JSON_TYPES:
        if isinstance(field, field_class):
            return python_type, name
    return None


class ModelValidationMixin:
    """Take only the JSON types the schema documents, then run the model's full_clean().

    DRF would read `"20"` as a number and `20` as a string; the schema promises neither.
    An excerpt that is not in its report, or a quote whose speaker did not appear at the
    edition, is a 400 with the model's message, as it is in the admin.
    """

    def to_internal_value(self, data):
        if isinstance(data, dict):
            errors = {}
            for name, field in self.fields.items():
                if field.read_only or data.get(name) is None:
                    continue
                expected = json_type(field)
                value = data[name]
                if expected and (
                    not isinstance(value, expected[0])
                    or (expected[0] is int and isinstance(value, bool))
                ):
                    errors[name] = [f"Expected {expected[1]}."]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is not None:
            candidate = copy.copy(self.instance)
        else:
            candidate = self.Meta.model()
        for name, value in attrs.items():
            setattr(candidate, name, value)
        try:
            candidate.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                serializers.as_serializer_error(error)
            ) from error
        return attrs


class ArchiveViewSet(viewsets.ModelViewSet):
    """Read for everyone, write for staff; writes answer with the same shape as reads.

    Subclasses set `serializer_class` (one object), `list_serializer_class` (lists, when
    they show less), `write_serializer_class` (the body of a create or update), and the
    two querysets.
    """

    list_serializer_class = None
    write_serializer_class = None

    def get_queryset(self):
        if self.action == "list":
            return self.list_queryset()
        return self.detail_queryset()

    def list_queryset(self):
        raise NotImplementedError

    def detail_queryset(self):
        raise NotImplementedError

    def get_serializer_class(self):
        if self.action == "list":
            return self.list_serializer_class or self.serializer_class
        if self.action in {"create", "update", "partial_update"}:
            return self.write_serializer_class
        return self.serializer_class

    def initial(self, request, *args, **kwargs):
        """Refuse NUL characters in the address: no key or filter value holds one."""
        super().initial(request, *args, **kwargs)
        values = [request.path] + [
            text
            for key, items in request.query_params.lists()
            for text in [key, *items]
        ]
        if any("\x00" in value for value in values):
            raise exceptions.ParseError(
                "The address holds a NUL character, which no value can contain."
            )

    def create(self, request, *args, **kwargs):
        write = self.get_serializer(data=request.data)
        write.is_valid(raise_exception=True)
        instance = write.save()
        return Response(self.read(instance), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        write = self.get_serializer(
            self.get_object(), data=request.data, partial=kwargs.get("partial", False)
        )
        write.is_valid(raise_exception=True)
        return Response(self.read(write.save()))

    def read(self, instance):
        """Return the object as a GET would, fetched again with everything it shows."""
        fresh = self.detail_queryset().get(pk=instance.pk)
        return self.serializer_class(fresh, context=self.get_serializer_context()).data


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
