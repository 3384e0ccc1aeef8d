"""One command backs the whole archive up; another restores it into an empty database."""

import datetime
import os
from io import StringIO

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command

from archive.backup import backup_models
from conferences.importing.service import report_import
from conferences.importing.tests.test_import_measured import empty_archive
from conferences.importing.tests.test_import_report import KIGALI
from conferences.models import Conference, KeyFigure

# Whole-archive exports and restores.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


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
        (
            "broken.yaml",
            "- {not: [yaml",
            r"it is not valid YAML \(while parsing a flow sequence .* line 1, "
            r"column 9 did not find expected ',' or '\]'",
        ),
        ("empty.yaml", "", "empty.yaml is empty: it holds no records"),
        ("empty-list.yaml", "[]\n", "empty-list.yaml is empty: it holds no records"),
        ("text.yaml", "just text\n", "it is YAML, but not a list of records"),
        (
            "unknown.yaml",
            "- model: auth.group\n  fields: {name: a, colour: red}\n",
            "Group has no field named 'colour'",
        ),
        (
            "alias.yaml",
            "- model: auth.group\n  fields: &f {name: a}\n"
            "- model: auth.group\n  fields: *f\n",
            r"alias.yaml uses a YAML alias \(\*f, line 4\)",
        ),
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


def billion_laughs(levels: int = 9) -> str:
    """A few hundred bytes of nested YAML aliases that expand to 9**levels strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        name, previous = chr(97 + level), chr(96 + level)
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    return "\n".join(lines) + "\n"


def test_a_yaml_alias_bomb_is_refused_at_once_with_a_non_zero_exit(tmp_path):
    """Before the check, 701 bytes like these took over 3 GB and two minutes."""
    import subprocess
    import sys

    from archive.tests.test_security import PROJECT

    path = tmp_path / "bomb.yaml"
    path.write_text(billion_laughs())
    assert path.stat().st_size < 800
    result = subprocess.run(
        [sys.executable, "manage.py", "restore_archive", str(path)],
        cwd=PROJECT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "CommandError: Nothing was restored: bomb.yaml uses a YAML alias (*a, line 2). "
        "A backup written by export_archive never does, and aliases can expand a "
        "small file into gigabytes: refused."
    )


def test_api_tokens_are_backed_up_and_work_after_a_restore(
    archive, staff_user, tmp_path
):
    from django.test import Client
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=staff_user)
    path = tmp_path / "archive.yaml.gz"
    call_command("export_archive", path, stdout=StringIO())
    empty_database()
    assert not Token.objects.exists()
    call_command("restore_archive", path, stdout=StringIO())
    assert Token.objects.get().key == token.key
    client = Client(headers={"authorization": f"Token {token.key}"})
    response = client.patch(
        "/api/v1/conferences/20/", {"city": "Lyon"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert Conference.objects.get(edition=20).city == "Lyon"
