"""The API's formats: JSON, and CSV for lists (settings.REST_FRAMEWORK names this module:
it must not import DRF's views, which read these settings while they load)."""

import csv
import io
import json

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
        """Return a cell; text a spreadsheet would run as a formula gets an apostrophe."""
        if value is None:
            return ""
        if isinstance(value, list):
            return csv_text("; ".join(self.label(item) for item in value))
        if isinstance(value, str):
            return csv_text(value)
        return str(value)

    def label(self, item) -> str:
        if isinstance(item, dict):
            for key in ("name", "text", "label", "region", "title", "slug", "edition"):
                if key in item:
                    return str(item[key])
            return json.dumps(item, ensure_ascii=False)
        return str(item)


class StrictFormatNegotiation(DefaultContentNegotiation):
    """Refuse an empty `format=` as DRF refuses an unknown one (404), not ignore it."""

    def select_renderer(self, request, renderers, format_suffix=None):
        if (
            format_suffix is None
            and request.query_params.get(self.settings.URL_FORMAT_OVERRIDE) == ""
        ):
            raise exceptions.NotFound("Unknown format: ask for json or csv.")
        return super().select_renderer(request, renderers, format_suffix)
