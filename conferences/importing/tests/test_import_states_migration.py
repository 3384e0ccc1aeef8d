"""The migration to import states: applied imports keep when they were applied; pending
ones are drafted; an import in review gets, as findings, what its draft could not place."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

AFTER = [("conferences", "0008_import_review")]
APPLIED_ON = datetime.datetime(2026, 3, 6, 9, 30, tzinfo=datetime.UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def before_import_states() -> list[tuple[str, str]]:
    """Return the app's migrations the import-states migration follows."""
    graph = MigrationExecutor(connection).loader.graph
    return [
        parent.key
        for parent in graph.node_map[AFTER[0]].parents
        if parent.key[0] == "conferences"
    ]


@pytest.fixture
def back_to_latest():
    """Leave the database at every app's latest migration, whatever the test did."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


# Migrating back and forth on the test database: slow, so out of the quick loop.
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_applied_imports_become_in_review_or_published_and_pending_ones_drafted(
    back_to_latest,
):
    old = migrate(before_import_states())
    try:
        Conference = old.get_model("conferences", "Conference")
        SourceReport = old.get_model("conferences", "SourceReport")
        ReportImport = old.get_model("conferences", "ReportImport")
        History = old.get_model("conferences", "HistoricalReportImport")
        draft = Conference.objects.create(edition=90, status="draft")
        public = Conference.objects.create(edition=91, status="published")
        people = [
            {"name": "Grace Wanjiru", "role": "Head of NCB Nairobi", "person": None,
             "roles": [{"excerpt": "Commissioner Grace Wanjiru, head of NCB Nairobi"}]},
            {"name": "Jürgen Stock", "role": "Secretary General", "person": "jurgen-stock"},
        ]  # fmt: skip
        topics = [{"name": "Operation Sandstorm", "new": True, "excerpt": "Sandstorm"}]
        records = {}
        for slug, conference, status in [
            ("in-review", draft, "applied"),
            ("published", public, "applied"),
            ("pending", None, "pending"),
        ]:
            source = SourceReport.objects.create(slug=slug, raw_text=slug)
            records[slug] = ReportImport.objects.create(
                source=source,
                conference=conference,
                status=status,
                draft={"people": people, "topics": topics},
            )
        History.objects.create(
            id=records["in-review"].pk,
            source_id=records["in-review"].source_id,
            conference_id=draft.pk,
            status="applied",
            draft={},
            proposals=[],
            created_at=APPLIED_ON,
            history_date=APPLIED_ON,
            history_type="~",
        )
    finally:
        new = migrate(AFTER)
    ReportImport = new.get_model("conferences", "ReportImport")
    imports = {r.source.slug: r for r in ReportImport.objects.select_related("source")}
    assert imports["in-review"].applied_at == APPLIED_ON
    assert imports["published"].applied_at == imports["published"].created_at
    assert imports["pending"].applied_at is None
    findings = new.get_model("conferences", "UnplacedFinding").objects.order_by(
        "position"
    )
    assert [
        (f.report_import.source.slug, f.kind, f.value, f.decision) for f in findings
    ] == [
        ("in-review", "person", "Grace Wanjiru", "open"),
        ("in-review", "topic", "Operation Sandstorm", "open"),
    ]
    assert findings[0].why == (
        "Grace Wanjiru, named as Head of NCB Nairobi, is not among the archive's people."
    )
