"""The API's errors: always JSON, and never a 500 for what the models refuse."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, status
from rest_framework.renderers import JSONRenderer


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The request conflicts with the archive's records.")
    default_code = "conflict"


def exception_handler(exc, context):
    """Answer errors in JSON, including what DRF leaves to a 500: model validation (400)
    and deleting a record others refer to (409)."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(serializers.as_serializer_error(exc))
    elif isinstance(exc, (ProtectedError, RestrictedError)):
        names = sorted({str(obj._meta.verbose_name_plural) for obj in exc.args[1]})
        exc = Conflict(
            gettext(
                "This record cannot be deleted while other records refer to it: "
                "%(names)s."
            )
            % {"names": ", ".join(names)}
        )
    # Imported here: settings name this module, and DRF's views read the settings.
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    request = context.get("request")
    if response is not None and request is not None:
        # Errors are JSON whatever format was asked for: a CSV of a message helps no one.
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    return response
