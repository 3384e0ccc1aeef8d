"""The whole published archive as open data: a CSV per table, one JSON document, a
Frictionless Data package that describes them (with sha256 checksums), and a ZIP of it all.

Built from the database on each request (the page cache keeps an answer until the
archive's next change), never from a file on disk. Each table is one query over the
models' published() rule, so a draft edition and everything of it never appear.
"""

import datetime
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_noop

from .cells import csv_text
from .changes import archive_last_changed
from .tables import TABLES, TABLES_BY_NAME, Table

__all__ = ["TABLES", "TABLES_BY_NAME", "build_snapshot", "table_csv"]

PACKAGE_NAME = "ncb-conference-archive"
# The owners' choice to confirm: the archive's own records under ODC-By; the excerpts
# and report texts stay their publishers' words, quoted for reference.
LICENCE_NAME = "Open Data Commons Attribution License v1.0"
LICENCE_SCOPE = gettext_noop(
    "the archive's own records; excerpts and report texts remain their publishers' words"
)
LICENCE = {
    "name": "ODC-By-1.0",
    "path": "https://opendatacommons.org/licenses/by/1-0/",
    "title": f"{LICENCE_NAME} ({LICENCE_SCOPE})",
}
JSON_NAME = "archive.json"
ZIP_NAME = "ncb-conference-archive.zip"


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def table_csv(table: Table, records: list[dict] | None = None) -> bytes:
    """Return the table as UTF-8 CSV, text cells guarded against formula injection."""
    records = table.records() if records is None else records
    text_columns = {c.name for c in table.columns if c.type == "string"}
    rows = [[c.name for c in table.columns]]
    rows += [
        [
            csv_text(csv_value(record[c.name]))
            if c.name in text_columns
            else csv_value(record[c.name])
            for c in table.columns
        ]
        for record in records
    ]
    return to_csv(rows)


def to_csv(rows: list[list[str]]) -> bytes:
    import csv

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


@dataclass
class Snapshot:
    """Every file of the data package, built from one reading of the database."""

    version: str
    created: str
    files: dict[str, bytes]
    package: dict

    def package_json(self) -> bytes:
        return json.dumps(self.package, ensure_ascii=False, indent=2).encode("utf-8")

    def zip_bytes(self) -> bytes:
        buffer = io.BytesIO()
        stamp = datetime.datetime.fromisoformat(self.created).timetuple()[:6]
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in [
                *self.files.items(),
                ("datapackage.json", self.package_json()),
            ]:
                archive.writestr(zipfile.ZipInfo(name, date_time=stamp), content)
        return buffer.getvalue()


def archive_version(changed: datetime.datetime | None) -> tuple[str, str]:
    """Return the package's version (the date and time of the archive's last change)
    and its `created` time stamp."""
    changed = changed or datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)
    changed = changed.astimezone(datetime.UTC).replace(microsecond=0)
    return changed.strftime("%Y.%m.%d-%H%M%S"), changed.isoformat().replace(
        "+00:00", "Z"
    )


def build_snapshot(*, base_url: str) -> Snapshot:
    """Read every table once and return the CSVs, the JSON document and their package."""
    version, created = archive_version(archive_last_changed())
    records = {table.name: table.records() for table in TABLES}
    files = {table.path: table_csv(table, records[table.name]) for table in TABLES}
    document = {
        "name": PACKAGE_NAME,
        "version": version,
        "created": created,
        "licence": LICENCE["name"],
        "tables": records,
    }
    files[JSON_NAME] = json.dumps(
        document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1
    ).encode("utf-8")
    package = {
        "profile": "data-package",
        "name": PACKAGE_NAME,
        "title": "NCB Conference Archive: the published archive",
        "description": (
            "Every published edition of INTERPOL's Heads of National Central Bureaus "
            "Conference, with the people, quotes, topics, figures and reports the archive "
            "records. Every fact names its report and quotes the report's own words; "
            "values no report states are marked inferred, with their reasoning. CSV text "
            "cells that begin with =, +, -, @, a tab or a carriage return carry a leading "
            "apostrophe so that spreadsheets do not run them; archive.json has the "
            "values as they are."
        ),
        "version": version,
        "created": created,
        "homepage": f"{base_url}/data/",
        "licenses": [LICENCE],
        "sources": [
            {"title": "The NCB Conference Archive", "path": f"{base_url}/"},
            {
                "title": "The source reports (table sources)",
                "path": f"{base_url}/sources/",
            },
        ],
        "resources": [resource(t, files[t.path]) for t in TABLES]
        + [
            {
                "name": "archive",
                "path": JSON_NAME,
                "title": "The whole archive as one JSON document",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "bytes": len(files[JSON_NAME]),
                "hash": sha256(files[JSON_NAME]),
            }
        ],
    }
    return Snapshot(version=version, created=created, files=files, package=package)


def sha256(content: bytes) -> str:
    return "sha256:" + hashlib.sha256(content).hexdigest()


def resource(table: Table, content: bytes) -> dict:
    schema = {
        "fields": [
            {
                "name": c.name,
                "type": c.type,
                "description": c.description,
                **({"format": "default"} if c.type == "date" else {}),
                **({"constraints": {"required": True}} if c.required else {}),
            }
            for c in table.columns
        ],
        "primaryKey": table.primary_key,
        "missingValues": [""],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": column, "reference": {"resource": target, "fields": key}}
            for column, target, key in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": table.path,
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(content),
        "hash": sha256(content),
        "schema": schema,
    }
