"""Writes that span several models: loading the curated archive from fixtures/."""

from __future__ import annotations

import datetime
from collections import Counter
from contextvars import ContextVar
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
    Delegation,
    KeyFigure,
    Membership,
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


class KnownRows:
    """The rows of the models a load writes, each model's read in one query, found by key.

    A load matches some 600 rows by their natural keys, and a load that changes nothing
    is the common case (every deploy, and the tests load the archive a dozen times a run):
    a query a row cost a quarter of a second of CPU a load, in building the queries. The
    load runs in one transaction and is the only writer in it, so the rows read at its
    start, plus the ones it creates and saves, are the database's. Where a key matches
    several rows (the constraints forbid it for most), the first in the model's order
    is found, as `.filter(…).first()` found it.
    """

    def __init__(self):
        self._rows: dict[type[models.Model], list[models.Model]] = {}
        self._indexes: dict[tuple, dict[tuple, models.Model]] = {}
        self._evidence: dict[int, set[int]] | None = None

    def find(self, model: type[models.Model], lookup: dict) -> models.Model | None:
        names = tuple(sorted(lookup))
        index = self._indexes.get((model, names))
        if index is None:
            index = {}
            for row in self._rows_of(model):
                index.setdefault(self._row_key(row, names), row)
            self._indexes[model, names] = index
        return index.get(self._lookup_key(model, names, lookup))

    def created(self, row: models.Model) -> None:
        model = type(row)
        self._rows_of(model).append(row)
        for (indexed, names), index in self._indexes.items():
            if indexed is model:
                index.setdefault(self._row_key(row, names), row)

    def updated(self, row: models.Model) -> None:
        """A saved row's other keys may have changed: its model's indexes are rebuilt."""
        for key in [key for key in self._indexes if key[0] is type(row)]:
            del self._indexes[key]

    def evidence_of(self, citation: Citation) -> set[int]:
        if self._evidence is None:
            self._evidence = {}
            pairs = Citation.evidence.through.objects.values_list(
                "citation_id", "sourcereport_id"
            )
            for citation_id, record_id in pairs:
                self._evidence.setdefault(citation_id, set()).add(record_id)
        return self._evidence.setdefault(citation.pk, set())

    def _rows_of(self, model: type[models.Model]) -> list[models.Model]:
        if model not in self._rows:
            rows = model.objects.all()
            self._rows[model] = list(
                rows.order_by(*rows.query.order_by or model._meta.ordering, "pk")
            )
        return self._rows[model]

    @staticmethod
    def _row_key(row: models.Model, names: tuple[str, ...]) -> tuple:
        return tuple(getattr(row, row._meta.get_field(name).attname) for name in names)

    @staticmethod
    def _lookup_key(model: type[models.Model], names: tuple[str, ...], lookup) -> tuple:
        """The lookup's values as the rows hold them: a related row by its key, the
        others as the database would compare them (`"20"` is edition 20)."""
        key = []
        for name in names:
            value = lookup[name]
            field = model._meta.get_field(name)
            if field.is_relation:
                value = value.pk if isinstance(value, models.Model) else value
                field = field.target_field
            key.append(None if value is None else field.get_prep_value(value))
        return tuple(key)


# The rows known to the load under way (archive_load sets it for its transaction).
_known_rows: ContextVar[KnownRows] = ContextVar("known_rows")


def _upsert(
    result: LoadResult,
    model: type[models.Model],
    lookup: dict,
    values: dict,
    where: str,
):
    """Create or update one row, saving (and so adding history) only when something differs."""
    known = _known_rows.get()
    instance = known.find(model, lookup)
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
    if creating:
        known.created(instance)
    else:
        known.updated(instance)
    (result.created if creating else result.updated)[
        model._meta.verbose_name_plural
    ] += 1
    return instance


def _flatten(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


# libyaml's parser where PyYAML has it: the same data, read ten times faster (the tests
# load the fixtures dozens of times). Python's parser words its errors better (it quotes
# the line, with a caret), so a file libyaml refuses is read again with it.
FAST_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
        try:
            data = yaml.load(text, Loader=FAST_YAML_LOADER)
        except yaml.YAMLError:
            data = yaml.safe_load(text)
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
    row = _known_rows.get().find(model, lookup)
    if row is None:
        raise ArchiveFixtureError(
            f"{where}: no {model._meta.verbose_name} with {lookup}; add it to its fixture first"
        )
    return row


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
                **_nationality(item, where),
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
                    "started_precision": tenure.get("started_precision", "day"),
                    "ended_precision": tenure.get("ended_precision", "day"),
                    "reference": _get(tenure, "reference", t_where).strip(),
                    "source": _record(tenure.get("record"), t_where),
                    "excerpt": tenure.get("excerpt", ""),
                    "end_source": _record(tenure.get("end_record"), t_where),
                    "end_excerpt": tenure.get("end_excerpt", ""),
                },
                t_where,
            )


def _record(slug: str | None, where: str) -> SourceReport | None:
    """Return the public record a fixture names by its slug (None for none)."""
    if not slug:
        return None
    return _lookup(SourceReport, where, slug=slug, kind=SourceReport.Kind.RECORD.value)


def _nationality(item: dict, where: str) -> dict:
    cited = item.get("nationality")
    if not cited:
        return {
            "nationality": "",
            "nationality_source": None,
            "nationality_excerpt": "",
        }
    n_where = f"{where} nationality"
    return {
        "nationality": _get(cited, "value", n_where),
        "nationality_source": _record(_get(cited, "record", n_where), n_where),
        "nationality_excerpt": _get(cited, "excerpt", n_where),
    }


def load_records(result: LoadResult, path: Path) -> None:
    """Load the public records: each a source whose text is the passages the archive quotes."""
    data = _read_yaml(path)
    for index, item in enumerate(data.get("records", [])):
        where = f"{path.name} records[{index}]"
        passages = [" ".join(str(p).split()) for p in item.get("passages", [])]
        notes = item.get("notes", "").strip()
        if item.get("record_kind"):
            notes = f"{item['record_kind']}. {notes}".strip()
        _upsert(
            result,
            SourceReport,
            {"slug": _get(item, "slug", where)},
            {
                "kind": SourceReport.Kind.RECORD,
                "title": item.get("title") or "",
                "publisher": _get(item, "publisher", where),
                "published_on": _date(item.get("published_on"), where),
                "url": _get(item, "url", where),
                "accessed_on": _date(_get(item, "accessed_on", where), where),
                "text_kind": item.get("text_kind") or "",
                "language": item.get("language", "en"),
                "raw_text": "\n\n".join(passages),
                "notes": notes,
            },
            where,
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
            "kind": SourceReport.Kind.REPORT,
            "title": source_data.get("title", ""),
            "url": source_data.get("url", ""),
            "accessed_on": _date(
                source_data.get("accessed_on"), f"{name} source.accessed_on"
            ),
            "text_kind": source_data.get("text_kind", ""),
            "published_on": _date(
                source_data.get("published_on"), f"{name} source.published_on"
            ),
            "published_on_inferred": source_data.get("published_on_inferred", False),
            "published_on_reasoning": source_data.get(
                "published_on_reasoning", ""
            ).strip(),
            "language": source_data.get("language", "en"),
            "raw_text": raw_text,
            "notes": source_data.get("notes", "").strip(),
        },
        f"{name} source",
    )

    for field_name, cited in fields.items():
        where = f"{name} edition.fields.{field_name}"
        _cite(result, conference, field_name, source, cited, where)

    for index, item in enumerate(data.get("topics", [])):
        where = f"{name} topics[{index}]"
        topic = _lookup(Topic, where, slug=_get(item, "topic", where))
        _upsert(
            result,
            ConferenceTopic,
            {"conference": conference, "topic": topic},
            {
                "source": source,
                "excerpt": _get(item, "excerpt", where),
                "mention": item.get("mention", ConferenceTopic.Mention.AGENDA),
            },
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
                "inferred": item.get("inferred", False),
                "reasoning": item.get("reasoning", "").strip(),
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
                "also_excerpt": item.get("also_excerpt", ""),
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
    _load_delegations(result, conference, source, data.get("delegations", []), name)
    return conference


def _load_delegations(result, conference, source, items, where_prefix) -> None:
    """Load the delegations a report (or, with a `record` each, public records) names."""
    for index, item in enumerate(items):
        where = f"{where_prefix} delegations[{index}]"
        if source is None or item.get("record"):
            cited = _record(_get(item, "record", where), where)
        else:
            cited = source
        _upsert(
            result,
            Delegation,
            {"conference": conference, "country": _get(item, "country", where)},
            {
                "source": cited,
                "description": item.get("description", ""),
                "excerpt": _get(item, "excerpt", where),
                "position": item.get("position", index + 1),
            },
            where,
        )


def _cite(result, conference, field_name, source, cited, where) -> Citation:
    """Create or update one field's citation, with the public records its reasoning rests on."""
    citation = _upsert(
        result,
        Citation,
        {"conference": conference, "field": field_name, "source": source},
        {
            "excerpt": cited.get("excerpt", ""),
            "inferred": cited.get("inferred", False),
            "inferred_part": cited.get("inferred_part", "")
            or ("whole" if cited.get("inferred") else ""),
            "reasoning": cited.get("reasoning", "").strip(),
        },
        where,
    )
    evidence = [
        _record(slug, f"{where}.evidence") for slug in cited.get("evidence", [])
    ]
    known = _known_rows.get().evidence_of(citation)
    if {r.pk for r in evidence} != known:
        citation.evidence.set(evidence)
        known.clear()
        known.update(r.pk for r in evidence)
        result.updated["citation evidence"] += 1
    return citation


def load_series(result: LoadResult, path: Path) -> None:
    """Load what public records say of each edition, beside (or instead of) a report.

    An edition no report describes gets its row here, every field cited to a record. For an
    edition a report describes, records add citations, and fill only fields the report leaves
    empty: a value a report gives is never changed here.
    """
    data = _read_yaml(path)
    for number, edition_data in (data.get("editions") or {}).items():
        where = f"{path.name} editions.{number}"
        fields = _get(edition_data, "fields", where)
        conference = _known_rows.get().find(Conference, {"edition": number})
        values = {}
        for field_name, cited in fields.items():
            f_where = f"{where}.fields.{field_name}"
            if field_name not in Citation.Field.values:
                raise ArchiveFixtureError(f"{f_where}: not a field an edition has")
            parser = EDITION_VALUE_PARSERS.get(field_name)
            value = _get(cited, "value", f_where)
            value = parser(value, f_where) if parser else value
            current = getattr(conference, field_name) if conference else None
            if current not in (None, "") and current != value:
                raise ArchiveFixtureError(
                    f"{f_where}: the edition already has {current!r} from its report; "
                    f"a record cannot change it to {value!r}"
                )
            if field_name != "edition":
                values[field_name] = value
        if conference is None:
            values["summary"] = edition_data.get("summary", "").strip()
            values["status"] = edition_data.get("status", Conference.Status.PUBLISHED)
        conference = _upsert(result, Conference, {"edition": number}, values, where)
        for field_name, cited in fields.items():
            f_where = f"{where}.fields.{field_name}"
            record = _record(_get(cited, "record", f_where), f_where)
            _cite(result, conference, field_name, record, cited, f_where)
        _load_delegations(
            result, conference, None, edition_data.get("delegations", []), where
        )
        for index, item in enumerate(edition_data.get("appearances", [])):
            a_where = f"{where}.appearances[{index}]"
            _upsert(
                result,
                Appearance,
                {
                    "conference": conference,
                    "person": _lookup(
                        Person, a_where, slug=_get(item, "person", a_where)
                    ),
                    "office": _lookup(
                        Office, a_where, slug=_get(item, "office", a_where)
                    ),
                },
                {
                    "source": _record(_get(item, "record", a_where), a_where),
                    "role": _get(item, "role", a_where),
                    "excerpt": _get(item, "excerpt", a_where),
                    "inferred": item.get("inferred", False),
                    "reasoning": item.get("reasoning", "").strip(),
                },
                a_where,
            )


MEMBERSHIP_KEYS = {
    "effective_on",
    "kind",
    "members",
    "admitted",
    "left",
    "record",
    "excerpt",
    "date_record",
    "date_excerpt",
    "date_reasoning",
    "notes",
}


def load_membership(result: LoadResult, path: Path) -> None:
    """Load INTERPOL's membership figures, each citing a public record of records.yaml."""
    data = _read_yaml(path)
    for index, item in enumerate(data.get("membership") or []):
        where = f"{path.name} membership[{index}]"
        if not isinstance(item, dict):
            raise ArchiveFixtureError(f"{where}: expected a mapping")
        unknown = sorted(set(item) - MEMBERSHIP_KEYS)
        if unknown:
            raise ArchiveFixtureError(f"{where}: unknown key(s) {', '.join(unknown)}")
        members = _get(item, "members", where)
        if not isinstance(members, int) or isinstance(members, bool):
            raise ArchiveFixtureError(f"{where}: members: '{members}' is not a number")
        countries = {}
        for key in ("admitted", "left"):
            names = item.get(key) or []
            if not isinstance(names, list):
                raise ArchiveFixtureError(
                    f"{where}: {key}: expected a list of countries"
                )
            countries[key] = "\n".join(str(name).strip() for name in names)
        _upsert(
            result,
            Membership,
            {
                "effective_on": _date(_get(item, "effective_on", where), where),
                "source": _record(_get(item, "record", where), where),
            },
            {
                "kind": _get(item, "kind", where),
                "members": members,
                **countries,
                "excerpt": " ".join(str(_get(item, "excerpt", where)).split()),
                "date_source": _record(item.get("date_record"), where),
                "date_excerpt": " ".join(str(item.get("date_excerpt") or "").split()),
                "date_reasoning": (item.get("date_reasoning") or "").strip(),
                "notes": (item.get("notes") or "").strip(),
            },
            where,
        )


@transaction.atomic
def archive_load(*, fixtures_dir: Path) -> LoadResult:
    """Load (or bring up to date) the whole archive from fixtures/, in one transaction.

    Rows are matched by their natural keys and saved only when they differ, so a second
    load changes nothing; rows the fixtures do not mention are left alone, never deleted.
    """
    token = _known_rows.set(KnownRows())
    try:
        return _load_all(Path(fixtures_dir))
    finally:
        _known_rows.reset(token)


def _load_all(fixtures_dir: Path) -> LoadResult:
    result = LoadResult()
    for required in ("people.yaml", "topics.yaml"):
        if not (fixtures_dir / required).is_file():
            raise ArchiveFixtureError(f"{fixtures_dir / required} is missing")
    if (fixtures_dir / "records.yaml").is_file():
        load_records(result, fixtures_dir / "records.yaml")
    load_people(result, fixtures_dir / "people.yaml")
    load_topics(result, fixtures_dir / "topics.yaml")
    reports = sorted((fixtures_dir / "reports").glob("*.yaml"))
    if not reports:
        raise ArchiveFixtureError(f"no report fixtures in {fixtures_dir / 'reports'}")
    for path in reports:
        load_report(result, path, fixtures_dir)
    if (fixtures_dir / "series.yaml").is_file():
        load_series(result, fixtures_dir / "series.yaml")
    if (fixtures_dir / "membership.yaml").is_file():
        load_membership(result, fixtures_dir / "membership.yaml")
    return result
