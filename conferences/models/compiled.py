"""Reads whose SQL never changes, built and compiled once and then only run.

Building and compiling even a small ORM query costs about ten times running it: the
published editions' numbers, which every page of the API's editions list reads, took
0.55 ms of CPU through the ORM and 0.05 ms as the same SQL run again (PostgreSQL,
3 December 2026). A ConstantRead keeps the SQL of one query, compiled once per database
alias (the replica router may send reads to another database), and runs it.

Its rows come as the database driver gives them, with none of the ORM's conversions: read
only integers and text with it. A ValuesRead is a values() query compiled once whose few
changing values (an edition's number, a page's range) are put in its parameters, its rows
converted as the ORM converts them. Other queries that take values from the request are
built by the ORM as usual.
"""

import json
from collections.abc import Callable

from django.db import connections, router
from django.db.models import JSONField, QuerySet

from .subqueries import JSONRows


class ConstantRead:
    """One query, built by `build()` on first use and compiled once per database."""

    def __init__(self, build: Callable[[], QuerySet]):
        self.build = build
        self._queryset: QuerySet | None = None
        self._compiled: dict[str, tuple[str, tuple]] = {}

    def rows(self) -> list[tuple]:
        if self._queryset is None:
            self._queryset = self.build()
        alias = router.db_for_read(self._queryset.model)
        compiled = self._compiled.get(alias)
        if compiled is None:
            sql, params = self._queryset.query.get_compiler(using=alias).as_sql()
            compiled = self._compiled[alias] = (sql, tuple(params))
        with connections[alias].cursor() as cursor:
            cursor.execute(*compiled)
            return cursor.fetchall()

    def column(self) -> list:
        """The first column of every row."""
        return [row[0] for row in self.rows()]


class ValuesRead:
    """One values() query whose SQL is the same on every request but for a few values (a
    page's range of edition numbers, an edition's number): built and compiled once per
    database, then run with the request's values in their places.

    `build(*markers)` returns the queryset with `markers` where the request's values go;
    each marker is an integer no other parameter of the query equals (in the column's
    range: Django answers an out-of-range integer lookup without SQL). rows(*values)
    gives the rows as the queryset's values() dicts, converted as the ORM converts them
    (JSON columns parsed): the ORM's building and compiling cost several times the
    query's own run on the API's editions list and edition answers.
    """

    def __init__(self, build: Callable[..., QuerySet], *markers: int):
        self.build = build
        self.markers = markers
        self._queryset: QuerySet | None = None
        self._compiled: dict[str, tuple] = {}

    def rows(self, *values) -> list[dict]:
        if len(values) != len(self.markers):
            raise TypeError(
                f"{len(self.markers)} values expected, {len(values)} given."
            )
        if self._queryset is None:
            self._queryset = self.build(*self.markers)
        alias = router.db_for_read(self._queryset.model)
        compiled = self._compiled.get(alias) or self._compile(self._queryset, alias)
        sql, params, places, names, converters, json_positions = compiled
        params = list(params)
        for place, value in zip(places, values, strict=True):
            # The marker's own type: psycopg's Int2 and the like type the parameter.
            params[place] = type(params[place])(value)
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        rows = [list(row) for row in rows]
        if json_positions:
            parse_json_rows(rows, json_positions)
        for row in rows:
            for position, functions, expression in converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
        return [dict(zip(names, row, strict=True)) for row in rows]

    def _compile(self, queryset: QuerySet, alias: str) -> tuple:
        query = queryset.query
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        places = []
        for marker in self.markers:
            found = [i for i, param in enumerate(params) if param == marker]
            if len(found) != 1:
                raise ValueError(
                    f"The marker {marker} is {len(found)} parameters of the query, not one."
                )
            places.append(found[0])
        # As ValuesIterable names a values() row's columns, and results_iter converts them.
        names = list(query.selected or [])
        if not names:
            names = [
                *query.extra_select,
                *query.values_select,
                *query.annotation_select,
            ]
        columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
        converters = []
        json_positions = []
        for position, (functions, expression) in compiler.get_converters(
            columns
        ).items():
            if is_json_rows(expression, functions):
                json_positions.append(position)
            else:
                converters.append((position, functions, expression))
        compiled = (sql, tuple(params), places, names, converters, json_positions)
        self._compiled[alias] = compiled
        return compiled


def is_json_rows(expression, functions) -> bool:
    """Tell whether a column is a JSONRows' text, which the ORM would only parse
    (JSONField.from_db_value() with no decoder of its own)."""
    field = getattr(expression, "output_field", None)
    return (
        isinstance(expression, JSONRows)
        and isinstance(field, JSONField)
        and field.decoder is None
        and list(functions) == [field.from_db_value]
    )


def parse_json_rows(rows: list[list], positions: list[int]) -> None:
    """Parse the JSON texts of the rows' columns at `positions` in place, all of them at
    once: JSONRows writes valid JSON, so the texts joined in one array parse to one value
    each. One json.loads() for a page of editions, not one per column and row (some
    twelve Python calls each, a tenth of the editions list).

    As the ORM does, a null stays None (and so does a text that is not JSON, left as it
    is, when the texts do not parse together)."""
    texts = [row[p] for row in rows for p in positions if row[p] is not None]
    if not texts:
        return
    try:
        values = json.loads(f"[{','.join(texts)}]")
    except json.JSONDecodeError:
        values = None
    if values is None or len(values) != len(texts):
        values = [parsed_or_text(text) for text in texts]
    parsed = iter(values)
    for row in rows:
        for p in positions:
            if row[p] is not None:
                row[p] = next(parsed)


def parsed_or_text(text: str):
    """Return the JSON text's value, or the text if it is not JSON (as the ORM does)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text
