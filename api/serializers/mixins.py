"""What the API's write serializers share: strict JSON types and the models' validation."""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from history.services import save_with_history

from .fields import KeyRelatedField

# The header that gives a write's reason (a "change_reason" key in the body also does).
CHANGE_REASON_HEADER = "X-Change-Reason"
DEFAULT_API_REASON = "Changed through the API"
REASON_MAX_LENGTH = 100

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


def write_reason(request, body=None, *, default: str | None = DEFAULT_API_REASON):
    """Return a write's reason for the history: the body's `change_reason` key, else the
    X-Change-Reason header, else `default`.

    Every API write (create, update, delete, publish) reads its reason here. A reason
    that is not a string, or is longer than the history keeps, is a 400.
    """
    body = body if isinstance(body, dict) else {}
    reason = body.get("change_reason") or (
        request.headers.get(CHANGE_REASON_HEADER, "") if request else ""
    )
    if not isinstance(reason, str):
        raise serializers.ValidationError({"change_reason": ["Expected a string."]})
    reason = reason.strip()
    if len(reason) > REASON_MAX_LENGTH:
        raise serializers.ValidationError(
            {
                "change_reason": [
                    f"Keep the reason to {REASON_MAX_LENGTH} characters or fewer."
                ]
            }
        )
    return reason or default


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

    def change_reason(self) -> str:
        """The write's reason for the history: the body's change_reason, else the header."""
        return write_reason(self.context.get("request"), self.initial_data)

    def _save(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        request = self.context.get("request")
        user = request.user if request and request.user.is_authenticated else None
        try:
            return save_with_history(instance, user=user, reason=self.change_reason())
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                serializers.as_serializer_error(error)
            ) from error

    def create(self, validated_data):
        """Create through the archive's one write path, with the request's reason."""
        return self._save(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        """Update through the archive's one write path, with the request's reason."""
        return self._save(instance, validated_data)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self.change_reason()
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
