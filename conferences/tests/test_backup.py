"""One command backs the whole archive up; another restores it into an empty database."""

from io import StringIO

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command

from conferences.backup import backup_models
from conferences.importing import report_import
from conferences.models import Conference, KeyFigure
from conferences.tests.test_import_measured import empty_archive
from conferences.tests.test_import_report import KIGALI

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, str]:
    """Every row of every backed-up model, serialized in primary-key order."""
    return {
        model._meta.label: serializers.serialize(
            "json", model._default_manager.order_by("pk")
        ).strip()
        for model in backup_models()
    }


def empty_database() -> None:
    """Delete every record, its history and every account (the test's transaction undoes it)."""
    empty_archive()
    models = backup_models()
    historical = [m for m in models if m.__name__.startswith("Historical")]
    for model in [m for m in models if m not in historical] + historical:
        model._default_manager.all().delete()


@pytest.mark.parametrize("name", ["archive.json", "archive.json.gz"])
def test_a_backup_restores_everything_into_an_empty_database(
    archive, staff_user, tmp_path, name
):
    """Records, their history (with who and why), sources and imports come back unchanged."""
    report_import(text=KIGALI, user=staff_user)
    figure = KeyFigure.objects.first()
    figure._history_user = staff_user
    figure._change_reason = "A slip"
    figure.delete()
    before = snapshot()
    assert all(before[label] != "[]" for label in ("conferences.HistoricalKeyFigure",
                                                    "conferences.ReportImport",
                                                    "auth.User"))  # fmt: skip
    path = tmp_path / name
    out = StringIO()
    call_command("export_archive", path, stdout=out)
    rows = sum(data.count('"model": ') for data in before.values())
    assert out.getvalue() == f"Wrote {rows} rows to {path}.\n"

    empty_database()
    assert set(snapshot().values()) == {"[]"}
    out = StringIO()
    call_command("restore_archive", path, stdout=out)
    assert out.getvalue() == f"Restored {rows} rows from {path}.\n"
    assert snapshot() == before
    assert Conference.objects.get(edition=21).status == Conference.Status.DRAFT


def test_restoring_into_a_database_with_records_is_refused(archive, tmp_path):
    path = tmp_path / "archive.json"
    call_command("export_archive", path, stdout=StringIO())
    before = snapshot()
    with pytest.raises(
        CommandError,
        match=r"Nothing was restored: The database is not empty \(.*5 conferences\.Conference.*\)\. "
        r"A backup is restored only into an empty database",
    ):
        call_command("restore_archive", path)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("archive.txt", "[]", "a backup's name ends in .json or .json.gz"),
        ("broken.json", "{not json", "broken.json is not a readable archive backup"),
        ("missing.json", None, "missing.json: no such file"),
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
    assert set(snapshot().values()) == {"[]"}
