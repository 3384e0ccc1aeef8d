"""The JSON API's policies, named in settings.REST_FRAMEWORK: pages, CSV, permissions,
throttles and errors.

Settings import this module while DRF itself loads, so it must not import DRF's views.
"""

import csv
import io
import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BaseRenderer
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


class CSVRenderer(BaseRenderer):
    """Render a list (a page's `results`) as CSV: one row an item, nested values flattened.

    A nested object becomes `key.subkey` columns; a list becomes one cell, its items'
    names (or slugs, or values) joined by "; ".
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
            for key in ("name", "slug", "edition", "text"):
                if key in item:
                    return str(item[key])
            return json.dumps(item, ensure_ascii=False)
        return str(item)


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
    """Answer what DRF leaves to a 500 in JSON: model validation (400), protected rows (409)."""
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

    return drf_exception_handler(exc, context)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the archive's records."
    default_code = "conflict"
