"""The API's formats: JSON, and CSV for lists (settings.REST_FRAMEWORK names this module:
it must not import DRF's views, which read these settings while they load)."""

import csv
import io
import json

from django.utils.translation import gettext
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer

from exports.cells import csv_text


class CSVRenderer(BaseRenderer):
    """Render a list (a page's `results`) as CSV: one row an item, nested values flattened.

    A nested object becomes `key.subkey` columns; a list becomes one cell, its items
    named (by name, text, label, region, title, slug or edition) and joined by "; ".
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and not response.has_header("Content-Disposition"):
            request = renderer_context.get("request")
            response["Content-Disposition"] = (
                f'attachment; filename="{self.file_name(request)}"'
            )
        if data is None:
            return b""
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            data = data["results"]
        items = data if isinstance(data, list) else [data]
        rows = [self.flatten(item) for item in items]
        columns = self.columns(items, rows)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode(self.charset)

    @staticmethod
    def columns(items: list, rows: list[dict]) -> list[str]:
        """Return the columns in the items' key order, a nested object's columns together
        where its key stands, whichever item first has them (an item may have none)."""
        keys = list(
            dict.fromkeys(
                key for item in items if isinstance(item, dict) for key in item
            )
        )
        place = {key: index for index, key in enumerate(keys)}
        seen = {
            column: index
            for index, column in enumerate(
                dict.fromkeys(key for row in rows for key in row)
            )
        }
        return sorted(
            seen,
            key=lambda column: (
                place.get(column.split(".")[0], len(place)),
                seen[column],
            ),
        )

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
        """Return a cell; text a spreadsheet would run as a formula gets an apostrophe."""
        if value is None:
            return ""
        if isinstance(value, (int, float)):
            return str(value)  # a number, even a negative one, is no formula
        if isinstance(value, list):
            value = "; ".join(self.label(item) for item in value)
        return self.neutralise(str(value))

    @staticmethod
    def neutralise(text: str) -> str:
        """Return text a spreadsheet shows as text, never runs as a formula (OWASP: CSV
        injection). One rule for the API and the data package: exports/cells.py."""
        return csv_text(text)

    @staticmethod
    def file_name(request) -> str:
        """Name the file after the path: /api/v1/conferences/20/ gives conferences-20.csv."""
        path = request.path if request is not None else ""
        parts = [p for p in path.split("/") if p and p not in {"api", "v1"}]
        name = "-".join(parts) or "archive"
        return "".join(c if c.isalnum() or c in "-_." else "_" for c in name) + ".csv"

    def label(self, item) -> str:
        if isinstance(item, dict):
            for key in ("name", "text", "label", "region", "title", "slug", "edition"):
                if key in item:
                    # An item inferred (a leader at an edition only inferred) says so.
                    return str(item[key]) + (
                        " (inferred)" if item.get("inferred") is True else ""
                    )
            return json.dumps(item, ensure_ascii=False)
        return str(item)


class StrictFormatNegotiation(DefaultContentNegotiation):
    """Refuse an empty `format=` as DRF refuses an unknown one (404), not ignore it.

    A client that names no format and accepts anything (no Accept header, or `*/*`:
    most clients) gets the first renderer, in its own media type, as DRF's negotiation
    gives it, without parsing and ranking the Accept header (some hundred Python calls
    a request).
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        if format_suffix is None:
            format = request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
            if format == "":
                raise exceptions.NotFound(
                    gettext("Unknown format: ask for json or csv.")
                )
            if (
                format is None
                and renderers
                and request.META.get("HTTP_ACCEPT", ANYTHING) == ANYTHING
            ):
                return renderers[0], renderers[0].media_type
        return super().select_renderer(request, renderers, format_suffix)


ANYTHING = "*/*"
