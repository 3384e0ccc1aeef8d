"""The JSON API's policies, named in settings.REST_FRAMEWORK: pages, CSV, permissions,
throttles and errors.

Settings import this module while DRF itself loads, so it must not import DRF's views.
"""

import csv
import io
import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, ProtectedError, RestrictedError
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.filters import OrderingFilter
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class RateFromSettingsMixin:
    """Read the rate at each request (so tests may change it); `off` means no limit."""

    def get_rate(self):
        rate = (api_settings.DEFAULT_THROTTLE_RATES or {}).get(self.scope)
        if rate is None or rate.strip().lower() in {"off", "none", ""}:
            return None
        return rate.strip()


class AnonThrottle(RateFromSettingsMixin, AnonRateThrottle):
    """Limit anonymous clients, by address, to DJANGO_API_THROTTLE_ANON."""


class UserThrottle(RateFromSettingsMixin, UserRateThrottle):
    """Limit each account to DJANGO_API_THROTTLE_USER."""


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
                {self.page_size_query_param: ["Enter a whole number of 1 or more."]}
            )
        return min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"How many results a page holds: {self.page_size} unless asked, "
                    f"{self.max_page_size} at the most."
                )
        return parameters


class CSVRenderer(BaseRenderer):
    """Render a list (a page's `results`) as CSV: one row an item, nested values flattened.

    A nested object becomes `key.subkey` columns; a list becomes one cell, its items
    named (by name, text, label, region, title, slug or edition) and joined by "; ".
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            data = data["results"]
        rows = [
            self.flatten(item) for item in (data if isinstance(data, list) else [data])
        ]
        columns = list(dict.fromkeys(key for row in rows for key in row))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode(self.charset)

    def flatten(self, value, prefix: str = "") -> dict:
        if not isinstance(value, dict):
            return {prefix or "value": self.cell(value)}
        row = {}
        for key, item in value.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(item, dict):
                row.update(self.flatten(item, name))
            else:
                row[name] = self.cell(item)
        return row

    def cell(self, value) -> str:
        if value is None:
            return ""
        if isinstance(value, list):
            return "; ".join(self.label(item) for item in value)
        return str(value)

    def label(self, item) -> str:
        if isinstance(item, dict):
            for key in ("name", "text", "label", "region", "title", "slug", "edition"):
                if key in item:
                    return str(item[key])
            return json.dumps(item, ensure_ascii=False)
        return str(item)


class NullsLastOrderingFilter(OrderingFilter):
    """Order as asked, unknown (null) values last on every database, ties by id."""

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            return queryset
        return queryset.order_by(
            *(
                F(name[1:]).desc(nulls_last=True)
                if name.startswith("-")
                else F(name).asc(nulls_last=True)
                for name in ordering
            ),
            "pk",
        )

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        fields = getattr(view, "ordering_fields", None) or []
        for parameter in parameters:
            parameter["description"] = (
                "Order by these fields, comma-separated, `-` first for descending: "
                + ", ".join(f"`{field}`" for field in fields)
                + ". Other names are ignored."
            )
        return parameters


class StrictFormatNegotiation(DefaultContentNegotiation):
    """Refuse an empty `format=` as DRF refuses an unknown one (404), not ignore it."""

    def select_renderer(self, request, renderers, format_suffix=None):
        if (
            format_suffix is None
            and request.query_params.get(self.settings.URL_FORMAT_OVERRIDE) == ""
        ):
            raise exceptions.NotFound("Unknown format: ask for json or csv.")
        return super().select_renderer(request, renderers, format_suffix)


class IsStaffWithModelPermissionsOrReadOnly(permissions.BasePermission):
    """Anyone may read; writing needs a staff account holding the model's permission."""

    model_permissions = permissions.DjangoModelPermissions()

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(
            request.user
            and request.user.is_authenticated
            and request.user.is_staff
            and self.model_permissions.has_permission(request, view)
        )


def exception_handler(exc, context):
    """Answer errors in JSON, including what DRF leaves to a 500: model validation (400)
    and deleting a record others refer to (409)."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(serializers.as_serializer_error(exc))
    elif isinstance(exc, (ProtectedError, RestrictedError)):
        names = sorted({str(obj._meta.verbose_name_plural) for obj in exc.args[1]})
        exc = Conflict(
            "This record cannot be deleted while other records refer to it: "
            + ", ".join(names)
            + "."
        )
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    request = context.get("request")
    if response is not None and request is not None:
        # Errors are JSON whatever format was asked for: a CSV of a message helps no one.
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    return response


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the archive's records."
    default_code = "conflict"
