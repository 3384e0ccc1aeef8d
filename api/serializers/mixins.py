"""What the API's write serializers share: strict JSON types and the models' validation."""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .fields import KeyRelatedField

# The JSON type each kind of field takes, and how to name it in an error.
JSON_TYPES = [
    (serializers.BooleanField, bool, _("true or false")),
    (serializers.IntegerField, int, _("a whole number")),
    (serializers.CharField, str, _("a string")),
    (serializers.ChoiceField, str, _("a string")),
    (serializers.DateField, str, _("a date (YYYY-MM-DD)")),
]


def json_type(field) -> tuple[type, str] | None:
    """Return the JSON type a writable field takes, as the schema documents it."""
    if isinstance(field, KeyRelatedField):
        model_field = field.queryset.model._meta.get_field(field.slug_field)
        if model_field.get_internal_type().endswith("IntegerField"):
            return int, _("a whole number")
        return str, _("a string")
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
                    errors[name] = [
                        gettext("Expected %(type)s.") % {"type": expected[1]}
                    ]
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
