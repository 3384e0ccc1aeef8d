"""One command backs the whole archive up; another restores it into an empty database."""

import datetime
from io import StringIO

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command

from archive.backup import backup_models
from conferences.importing.service import report_import
from conferences.importing.tests.test_import_measured import empty_archive
from conferences.importing.tests.test_import_report import KIGALI
from conferences.models import Conference, KeyFigure

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, list]:
    """Every row of every backed-up model, field by field (timestamps to the microsecond)."""
    return {
        model._meta.label: serializers.serialize(
            "python", model._default_manager.order_by("pk")
        )
        for model in backup_models()
    }


def empty_database() -> None:
    """Delete every record, its history and every account (the test's transaction undoes it)."""
    empty_archive()
    models = backup_models()
    historical = [m for m in models if m.__name__.startswith("Historical")]
    for model in [m for m in models if m not in historical] + historical:
        model._default_manager.all().delete()


@pytest.mark.parametrize("name", ["archive.yaml", "archive.yaml.gz"])
def test_a_backup_restores_everything_into_an_empty_database(
    archive, staff_user, tmp_path, name
):
    """Records, their history (with who and why), sources and imports come back unchanged."""
    report_import(text=KIGALI, user=staff_user)
    figure = KeyFigure.objects.first()
    figure._history_user = staff_user
    figure._change_reason = "A slip"
    figure.delete()
    # A timestamp to the microsecond (JSON fixtures would round it to the millisecond).
    Conference.history.filter(edition=21).update(
        history_date=datetime.datetime(2026, 3, 6, 9, 30, 0, 123, tzinfo=datetime.UTC)
    )
    before = snapshot()
    for label in (
        "conferences.HistoricalKeyFigure",
        "conferences.ReportImport",
        "auth.User",
    ):
        assert before[label]
    path = tmp_path / name
    out = StringIO()
    call_command("export_archive", path, stdout=out)
    rows = sum(len(data) for data in before.values())
    assert out.getvalue() == f"Wrote {rows} rows to {path}.\n"

    empty_database()
    assert not any(snapshot().values())
    out = StringIO()
    call_command("restore_archive", path, stdout=out)
    assert out.getvalue() == f"Restored {rows} rows from {path}.\n"
    assert snapshot() == before
    assert Conference.objects.get(edition=21).status == Conference.Status.DRAFT


def test_restoring_into_a_database_with_records_is_refused(archive, tmp_path):
    path = tmp_path / "archive.yaml"
    call_command("export_archive", path, stdout=StringIO())
    before = snapshot()
    with pytest.raises(
        CommandError,
        match=r"Nothing was restored: The database is not empty \(.*10 conferences\.Conference.*\)\. "
        r"A backup is restored only into an empty database",
    ):
        call_command("restore_archive", path)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("archive.json", "[]", "a backup's name ends in .yaml or .yaml.gz"),
        (
            "broken.yaml",
            "- {not: [yaml",
            "broken.yaml is not a readable archive backup",
        ),
        ("missing.yaml", None, "missing.yaml: no such file"),
    ],
)
def test_a_bad_backup_file_is_refused_and_nothing_is_restored(
    archive, tmp_path, name, content, message
):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    empty_database()
    with pytest.raises(CommandError, match=message):
        call_command("restore_archive", path)
    assert not any(snapshot().values())
