"""Writes that span several models: loading the curated archive from fixtures/."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction

from history.services import save_with_history
from speakers.models import Appearance, Office, Person, Quote, Tenure

from .models import (
    Citation,
    Conference,
    ConferenceTopic,
    KeyFigure,
    RoundTable,
    SourceReport,
    Topic,
)

CHANGE_REASON = "Loaded from fixtures/ by load_archive"


class ArchiveFixtureError(Exception):
    """A fixture file is missing, malformed or breaks a rule of the archive."""


@dataclass
class LoadResult:
    """What a load did: how many rows of each model it created and updated."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        if not self.changed:
            return "The archive already matches fixtures/: nothing changed."
        parts = [f"{n} {model} created" for model, n in sorted(self.created.items())]
        parts += [f"{n} {model} updated" for model, n in sorted(self.updated.items())]
        return "; ".join(parts) + "."


def _upsert(
    result: LoadResult,
    model: type[models.Model],
    lookup: dict,
    values: dict,
    where: str,
):
    """Create or update one row, saving (and so adding history) only when something differs."""
    instance = model.objects.filter(**lookup).first()
    creating = instance is None
    if creating:
        instance = model(**lookup)
    changed = creating
    for name, value in values.items():
        if isinstance(value, models.Model):
            differs = getattr(instance, f"{name}_id") != value.pk
        else:
            differs = getattr(instance, name) != value
        if differs:
            setattr(instance, name, value)
            changed = True
    if not changed:
        return instance
    try:
        save_with_history(instance, reason=CHANGE_REASON)
    except ValidationError as error:
        raise ArchiveFixtureError(
            f"{where}: {model._meta.verbose_name}: {_flatten(error)}"
        ) from error
    (result.created if creating else result.updated)[
        model._meta.verbose_name_plural
    ] += 1
    return instance


def _flatten(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ArchiveFixtureError(f"{path.name}: cannot read it: {error}") from error
    if not isinstance(data, dict):
        raise ArchiveFixtureError(f"{path.name}: expected a mapping at the top level")
    return data


def _get(mapping: dict, key: str, where: str):
    try:
        return mapping[key]
    except (KeyError, TypeError):
        raise ArchiveFixtureError(f"{where}: missing '{key}'") from None


def _lookup(model: type[models.Model], where: str, **lookup):
    try:
        return model.objects.get(**lookup)
    except model.DoesNotExist:
        raise ArchiveFixtureError(
            f"{where}: no {model._meta.verbose_name} with {lookup}; add it to its fixture first"
        ) from None


def _date(value, where: str) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ArchiveFixtureError(
            f"{where}: '{value}' is not an ISO date (YYYY-MM-DD)"
        ) from None


def load_people(result: LoadResult, path: Path) -> None:
    data = _read_yaml(path)
    for index, item in enumerate(data.get("offices", [])):
        where = f"{path.name} offices[{index}]"
        _upsert(
            result,
            Office,
            {"slug": _get(item, "slug", where)},
            {
                "title": _get(item, "title", where),
                "kind": item.get("kind", "other"),
                "rank": item.get("rank", 100),
            },
            where,
        )
    for index, item in enumerate(data.get("people", [])):
        where = f"{path.name} people[{index}]"
        person = _upsert(
            result,
            Person,
            {"slug": _get(item, "slug", where)},
            {
                "name": _get(item, "name", where),
                "short_name": item.get("short_name", ""),
                "other_names": "\n".join(item.get("other_names", [])),
                "summary": item.get("summary", "").strip(),
            },
            where,
        )
        for t_index, tenure in enumerate(item.get("tenures", [])):
            t_where = f"{where} tenures[{t_index}]"
            office = _lookup(Office, t_where, slug=_get(tenure, "office", t_where))
            _upsert(
                result,
                Tenure,
                {
                    "person": person,
                    "office": office,
                    "started_on": _date(_get(tenure, "started_on", t_where), t_where),
                },
                {
                    "ended_on": _date(tenure.get("ended_on"), t_where),
                    "reference": _get(tenure, "reference", t_where).strip(),
                },
                t_where,
            )


def load_topics(result: LoadResult, path: Path) -> None:
    data = _read_yaml(path)
    for index, item in enumerate(data.get("topics", [])):
        where = f"{path.name} topics[{index}]"
        _upsert(
            result,
            Topic,
            {"slug": _get(item, "slug", where)},
            {
                "name": _get(item, "name", where),
                "kind": item.get("kind", Topic.Kind.OTHER),
                "description": item.get("description", "").strip(),
            },
            where,
        )


EDITION_VALUE_PARSERS = {
    "start_date": _date,
    "end_date": _date,
}


def load_report(result: LoadResult, path: Path, fixtures_dir: Path) -> Conference:
    """Load one report's fixture: its source text, its edition and every fact it gives."""
    data = _read_yaml(path)
    name = path.name
    source_data = _get(data, "source", name)
    edition_data = _get(data, "edition", name)
    fields = _get(edition_data, "fields", f"{name} edition")

    values = {}
    for field_name, cited in fields.items():
        where = f"{name} edition.fields.{field_name}"
        if field_name not in Citation.Field.values:
            raise ArchiveFixtureError(f"{where}: not a field an edition has")
        parser = EDITION_VALUE_PARSERS.get(field_name)
        value = _get(cited, "value", where)
        values[field_name] = parser(value, where) if parser else value
    number = _get(values, "edition", f"{name} edition.fields")
    values.pop("edition")
    values["summary"] = edition_data.get("summary", "").strip()
    values["status"] = edition_data.get("status", Conference.Status.PUBLISHED)
    conference = _upsert(
        result, Conference, {"edition": number}, values, f"{name} edition"
    )

    text_path = fixtures_dir / _get(source_data, "file", f"{name} source")
    try:
        raw_text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ArchiveFixtureError(
            f"{name} source.file: cannot read {text_path}: {error}"
        ) from error
    source = _upsert(
        result,
        SourceReport,
        {"slug": _get(source_data, "slug", f"{name} source")},
        {
            "conference": conference,
            "file_name": text_path.name,
            "headline": source_data.get("headline", ""),
            "publisher": source_data.get("publisher", ""),
            "publisher_inferred": source_data.get("publisher_inferred", False),
            "publisher_reasoning": source_data.get("publisher_reasoning", "").strip(),
            "published_on": _date(
                source_data.get("published_on"), f"{name} source.published_on"
            ),
            "language": source_data.get("language", "en"),
            "raw_text": raw_text,
            "notes": source_data.get("notes", "").strip(),
        },
        f"{name} source",
    )

    for field_name, cited in fields.items():
        where = f"{name} edition.fields.{field_name}"
        _upsert(
            result,
            Citation,
            {"conference": conference, "field": field_name, "source": source},
            {
                "excerpt": cited.get("excerpt", ""),
                "inferred": cited.get("inferred", False),
                "reasoning": cited.get("reasoning", "").strip(),
            },
            where,
        )

    for index, item in enumerate(data.get("topics", [])):
        where = f"{name} topics[{index}]"
        topic = _lookup(Topic, where, slug=_get(item, "topic", where))
        _upsert(
            result,
            ConferenceTopic,
            {"conference": conference, "topic": topic},
            {"source": source, "excerpt": _get(item, "excerpt", where)},
            where,
        )

    for index, item in enumerate(data.get("appearances", [])):
        where = f"{name} appearances[{index}]"
        person = _lookup(Person, where, slug=_get(item, "person", where))
        office_slug = item.get("office")
        office = _lookup(Office, where, slug=office_slug) if office_slug else None
        _upsert(
            result,
            Appearance,
            {"conference": conference, "person": person, "office": office},
            {
                "source": source,
                "role": _get(item, "role", where),
                "excerpt": _get(item, "excerpt", where),
            },
            where,
        )

    for index, item in enumerate(data.get("quotes", [])):
        where = f"{name} quotes[{index}]"
        person = _lookup(Person, where, slug=_get(item, "person", where))
        _upsert(
            result,
            Quote,
            {"source": source, "person": person, "text": _get(item, "text", where)},
            {
                "conference": conference,
                "kind": item.get("kind", Quote.Kind.DIRECT),
                "excerpt": _get(item, "excerpt", where),
                "position": index + 1,
            },
            where,
        )

    for index, item in enumerate(data.get("key_figures", [])):
        where = f"{name} key_figures[{index}]"
        _upsert(
            result,
            KeyFigure,
            {"conference": conference, "label": _get(item, "label", where)},
            {
                "source": source,
                "value": _get(item, "value", where),
                "unit": _get(item, "unit", where),
                "qualifier": item.get("qualifier", ""),
                "period": item.get("period", ""),
                "excerpt": _get(item, "excerpt", where),
                "position": index + 1,
            },
            where,
        )

    for index, item in enumerate(data.get("round_tables", [])):
        where = f"{name} round_tables[{index}]"
        _upsert(
            result,
            RoundTable,
            {"conference": conference, "region": _get(item, "region", where)},
            {
                "source": source,
                "excerpt": _get(item, "excerpt", where),
                "position": index + 1,
            },
            where,
        )
    return conference


@transaction.atomic
def archive_load(*, fixtures_dir: Path) -> LoadResult:
    """Load (or bring up to date) the whole archive from fixtures/, in one transaction.

    Rows are matched by their natural keys and saved only when they differ, so a second
    load changes nothing; rows the fixtures do not mention are left alone, never deleted.
    """
    fixtures_dir = Path(fixtures_dir)
    result = LoadResult()
    for required in ("people.yaml", "topics.yaml"):
        if not (fixtures_dir / required).is_file():
            raise ArchiveFixtureError(f"{fixtures_dir / required} is missing")
    load_people(result, fixtures_dir / "people.yaml")
    load_topics(result, fixtures_dir / "topics.yaml")
    reports = sorted((fixtures_dir / "reports").glob("*.yaml"))
    if not reports:
        raise ArchiveFixtureError(f"no report fixtures in {fixtures_dir / 'reports'}")
    for path in reports:
        load_report(result, path, fixtures_dir)
    return result
