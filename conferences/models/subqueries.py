"""Correlated subqueries resolved and compiled once, and related rows as one JSON column
of the outer query: lists without prefetch queries.

`JSONRows(Appearance.objects.filter(conference=OuterRef("pk")).order_by("office__rank"),
"person__name", "role")` annotates each edition with `[["Ahmed Naser Al-Raisi",
"INTERPOL President"], …]`: the edition's leaders, in that order, decoded to Python lists.
A page of editions and all their related lists is then one query whatever the number of
rows, and no model instance is built (the API's lists and details read them).
"""

from django.db.models import (
    BooleanField,
    Exists,
    Expression,
    F,
    Func,
    IntegerField,
    JSONField,
    Subquery,
    TextField,
)

ROWS = '"json_rows"'


class ResolvedOnce:
    """A Subquery resolved once for every outer query of its kind, and compiled once a
    database vendor.

    Building, resolving and compiling a correlated query costs about a millisecond,
    more than running it: a QuerySet method keeps its subqueries in a cache (@cache)
    and every query of its kind shares the work. The kind is the outer model, base
    alias and alias prefix, on which the outer reference and the inner aliases
    depend; a copy (relabelled: the outer query nested in another) starts afresh.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._resolved, self._compiled = {}, {}

    def copy(self):
        clone = super().copy()
        clone._resolved, clone._compiled = {}, {}
        return clone

    def resolve_expression(self, query=None, *args, **kwargs):
        if query is None:
            return super().resolve_expression(query, *args, **kwargs)
        key = (
            query.model,
            next(iter(query.alias_map), query.get_meta().db_table),
            query.alias_prefix,
        )
        resolved = self._resolved.get(key)
        if resolved is None:
            resolved = super().resolve_expression(query, *args, **kwargs)
            self._resolved[key] = resolved
        return resolved

    def as_sql(self, compiler, connection, *args, **kwargs):
        compiled = self._compiled.get(connection.vendor)
        if compiled is None:
            sql, params = self.compile_once(compiler, connection, *args, **kwargs)
            compiled = self._compiled[connection.vendor] = (sql, tuple(params))
        return compiled

    def compile_once(self, compiler, connection, *args, **kwargs):
        return super().as_sql(compiler, connection, *args, **kwargs)


class ExistsOnce(ResolvedOnce, Exists):
    """Exists(), resolved and compiled once (ResolvedOnce), and on PostgreSQL run for
    each outer row.

    PostgreSQL would otherwise hash the whole subquery once a query (every citation
    joined to its source, 4,000 rows at 1,000 editions, for a page of 20): "OFFSET 0"
    keeps it a per-row probe of the index.
    """

    def compile_once(self, compiler, connection, *args, **kwargs):
        sql, params = super().compile_once(compiler, connection, *args, **kwargs)
        if connection.vendor == "postgresql" and sql.endswith(" LIMIT 1)"):
            sql = f"{sql[:-1]} OFFSET 0)"
        return sql, params


class RowCount(ResolvedOnce, Subquery):
    """How many rows a queryset has, as a value of the outer query:
    "(SELECT COUNT(…) FROM …)".

    Not correlated: the database counts once a query, so a page's figures come with the
    query of its rows instead of in queries of their own. Resolved and compiled once
    (ResolvedOnce).
    """

    output_field = IntegerField()

    def __init__(self, queryset):
        # COUNT() as a plain function, not Django's aggregate: it counts the whole
        # queryset, with no GROUP BY.
        count = Func(F("pk"), function="COUNT", output_field=IntegerField())
        super().__init__(queryset.order_by().values(count=count))


class JSONRows(ResolvedOnce, Subquery):
    """A correlated queryset's rows as a JSON array: each row an array of `fields` values
    (or, with `flat=True` and one field, the value itself), in the queryset's order.

    Values come out as JSON types: text, numbers, booleans (true/false on SQLite too),
    null; dates as "YYYY-MM-DD"; a field that is itself a JSONRows as its array.
    Resolved and compiled once (ResolvedOnce).
    """

    output_field = JSONField()

    def __init__(self, queryset, *fields, flat: bool = False):
        if flat and len(fields) != 1:
            raise TypeError("flat=True takes one field.")
        self.flat = flat
        self.width = len(fields)
        ordering = []
        for name in queryset.query.order_by:
            if not isinstance(name, str):
                raise TypeError("JSONRows orders by field names only.")
            ordering.append((name[1:], " DESC") if name.startswith("-") else (name, ""))
        self.directions = [direction for _, direction in ordering]
        # The values as f0, f1…, the ordering's keys as o0, o1…: the outer aggregate
        # reads them by name.
        columns = {
            f"f{index}": value if hasattr(value, "resolve_expression") else F(value)
            for index, value in enumerate(fields)
        }
        keys = {f"o{index}": F(name) for index, (name, _) in enumerate(ordering)}
        super().__init__(queryset.values(**columns, **keys))

    def _value(self, index: int, connection) -> str:
        column = f'{ROWS}."f{index}"'
        field = self.query.annotations[f"f{index}"].output_field
        if isinstance(field, JSONField):
            # A nested JSONRows is text in its own query: read it as JSON again.
            if connection.vendor == "postgresql":
                return f"{column}::json"
            return f"json({column})"
        if isinstance(field, BooleanField) and connection.vendor == "sqlite":
            # SQLite keeps booleans as 0 and 1.
            return (
                f"CASE {column} WHEN 1 THEN json('true') WHEN 0 THEN json('false') END"
            )
        return column

    def _element(self, connection) -> str:
        values = [self._value(index, connection) for index in range(self.width)]
        if self.flat:
            return values[0]
        if connection.vendor == "postgresql":
            return f"json_build_array({', '.join(values)})"
        return f"json_array({', '.join(values)})"

    def compile_once(self, compiler, connection, *args, **kwargs):
        if connection.vendor == "postgresql" and self.query.group_by is None:
            return self._aggregated_query().as_sql(compiler, connection)
        # The inner query, "(SELECT … ORDER BY …)", as a table to aggregate.
        inner, params = super().compile_once(compiler, connection)
        element = self._element(connection)
        if connection.vendor == "postgresql":
            order = ", ".join(
                f'{ROWS}."o{index}"{direction}'
                for index, direction in enumerate(self.directions)
            )
            aggregate = f"json_agg({element}{' ORDER BY ' + order if order else ''})"
            sql = f"(SELECT COALESCE({aggregate}, '[]')::text FROM {inner} {ROWS})"
        elif connection.vendor == "sqlite":
            # SQLite before 3.44 has no ORDER BY inside an aggregate: it aggregates the
            # subquery's rows in the subquery's order (which it never flattens away
            # under an aggregate).
            sql = f"(SELECT json_group_array({element}) FROM {inner} {ROWS})"
        else:
            raise NotImplementedError(f"JSONRows on {connection.vendor}")
        return sql, params

    def _aggregated_query(self):
        """Return the inner query selecting its rows' JSON array itself, ordered inside
        the aggregate (PostgreSQL): planning a table of rows to aggregate costs the
        database about twice as much, a subquery a request."""
        query = self.query.clone()
        count = len(self.directions)
        aggregate = OrderedJSONArray(
            [query.annotations[f"f{index}"] for index in range(self.width)],
            [query.annotations[f"o{index}"] for index in range(count)],
            self.directions,
            flat=self.flat,
        )
        query.annotations = {"rows": aggregate}
        query.set_annotation_mask({"rows"})
        query.values_select = ()
        query.default_cols = False
        query.clear_ordering(force=True)
        return query


class OrderedJSONArray(Expression):
    """PostgreSQL's json_agg of rows' values (arrays, or with `flat` single values) in an
    order, as text; `[]` for no rows. Not an aggregate to Django: the query it selects
    from has no GROUP BY, and aggregates all its rows."""

    output_field = TextField()

    def __init__(self, values, keys, directions, *, flat: bool = False):
        super().__init__()
        self.values, self.keys = list(values), list(keys)
        self.directions, self.flat = directions, flat

    def get_source_expressions(self):
        return [*self.values, *self.keys]

    def set_source_expressions(self, exprs):
        self.values = exprs[: len(self.values)]
        self.keys = exprs[len(self.values) :]

    def as_sql(self, compiler, connection):
        params = []
        values = []
        for value in self.values:
            sql, value_params = compiler.compile(value)
            if isinstance(value.output_field, JSONField):
                sql = f"({sql})::json"  # a nested JSONRows' text
            values.append(sql)
            params.extend(value_params)
        keys = []
        for key, direction in zip(self.keys, self.directions, strict=True):
            sql, key_params = compiler.compile(key)
            keys.append(sql + direction)
            params.extend(key_params)
        element = values[0] if self.flat else f"json_build_array({', '.join(values)})"
        order = f" ORDER BY {', '.join(keys)}" if keys else ""
        return f"COALESCE(json_agg({element}{order}), '[]')::text", params


class AmongIds(Expression):
    """A condition: the `column`'s value is among the ids a subquery selects.

    On PostgreSQL `column = ANY(ARRAY(subquery))`: the ids are gathered first and each
    looked up by the column's index. `column IN (subquery)` lets the planner join them
    instead, and from its guess of how many ids a union of subqueries gives it chose to
    scan every row of the table (an edition page's sources at 1,000 editions: a thousand
    rows read for a dozen). Elsewhere `column IN (subquery)`.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, column: str, queryset):
        super().__init__()
        self.column, self.subquery = F(column), Subquery(queryset)

    def get_source_expressions(self):
        return [self.column, self.subquery]

    def set_source_expressions(self, exprs):
        self.column, self.subquery = exprs

    def as_sql(self, compiler, connection):
        column, column_params = compiler.compile(self.column)
        subquery, subquery_params = compiler.compile(self.subquery)
        params = (*column_params, *subquery_params)
        if connection.vendor == "postgresql":
            return f"{column} = ANY(ARRAY{subquery})", params
        return f"{column} IN {subquery}", params
