"""The load_archive command: loads fixtures/, is idempotent, and refuses bad fixtures whole."""

import shutil
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from conferences.models import Citation, Conference, SourceReport

pytestmark = pytest.mark.django_db


def run_load(**options):
    out = StringIO()
    call_command("load_archive", stdout=out, **options)
    return out.getvalue()


def history_rows():
    return sum(model.history.count() for model in (Conference, Citation, SourceReport))


def test_loading_twice_changes_nothing(archive):
    """A second load saves no row and writes no history."""
    before = history_rows()
    assert run_load() == "The archive already matches fixtures/: nothing changed.\n"
    assert history_rows() == before


def test_load_restores_a_changed_value_and_records_it(archive):
    conference = Conference.objects.get(edition=20)
    conference.delegates = 311
    conference.save()
    assert run_load() == "1 conferences updated.\n"
    conference.refresh_from_db()
    assert conference.delegates == 310
    assert conference.history.first().history_change_reason == (
        "Loaded from fixtures/ by load_archive"
    )


@pytest.fixture
def fixtures_copy(tmp_path):
    target = tmp_path / "fixtures"
    shutil.copytree(settings.ARCHIVE_FIXTURES_DIR, target)
    return target


def test_bad_excerpt_aborts_the_whole_load(archive, fixtures_copy):
    """An excerpt that is not in the report stops the load, and nothing is written."""
    Conference.objects.filter(edition=20).update(delegates=311)
    report = fixtures_copy / "reports" / "000-20th-edition.yaml"
    report.write_text(
        report.read_text().replace(
            "excerpt: Bringing together some 310 delegates from 150 countries",
            "excerpt: Bringing together some 999 delegates",
            1,
        )
    )
    with pytest.raises(CommandError) as error:
        run_load(fixtures_dir=fixtures_copy)
    assert str(error.value) == (
        "Nothing was loaded: 000-20th-edition.yaml edition.fields.delegates: citation: "
        "excerpt: This excerpt is not in the text of the report "
        "“INTERPOL news release on the 20th Heads of NCB conference”."
    )
    # The conference row was updated before the citation failed: the rollback undid it.
    assert Conference.objects.get(edition=20).delegates == 311


def test_malformed_yaml_is_a_readable_error(archive, fixtures_copy):
    (fixtures_copy / "topics.yaml").write_text("topics: [unclosed")
    with pytest.raises(
        CommandError, match=r"^Nothing was loaded: topics.yaml: cannot read it"
    ):
        run_load(fixtures_dir=fixtures_copy)


def test_missing_fixtures_folder_is_a_readable_error(archive, tmp_path):
    with pytest.raises(CommandError, match=r"people.yaml is missing"):
        run_load(fixtures_dir=tmp_path)


def test_unknown_person_is_named(archive, fixtures_copy):
    report = fixtures_copy / "reports" / "002-14th-edition.yaml"
    report.write_text(
        report.read_text().replace("person: meng-hongwei", "person: nobody", 1)
    )
    with pytest.raises(
        CommandError, match=r"002-14th-edition.yaml appearances\[0\]: no person"
    ):
        run_load(fixtures_dir=fixtures_copy)


@pytest.mark.slow  # a new process
def test_command_exits_non_zero_with_message(archive, tmp_path):
    """Run as a process, a failed load exits 1 and says why on standard error."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "load_archive", "--fixtures-dir", str(tmp_path)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={
            "DJANGO_SETTINGS_MODULE": "archive.settings.test",
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
    )
    assert result.returncode == 1
    assert "people.yaml is missing" in result.stderr


def test_a_fixture_value_its_excerpt_does_not_support_aborts_the_load(
    archive, fixtures_copy
):
    """The loader checks values against their excerpts as every other writer does."""
    report = fixtures_copy / "reports" / "000-20th-edition.yaml"
    report.write_text(
        report.read_text().replace("      value: 310\n", "      value: 353\n", 1)
    )
    with pytest.raises(CommandError) as error:
        run_load(fixtures_dir=fixtures_copy)
    assert str(error.value) == (
        "Nothing was loaded: 000-20th-edition.yaml edition: conference: delegates: "
        "Delegates 353 is "
        "not what its source says: “Bringing together some 310 delegates from 150 "
        "countries, the three-day (11 – 13 February) meeting will discuss strategies "
        "for using INTERPOL’s capabilities and network to tackle current and emerging "
        "security risks.”. Change the value back, or record a correction: the reason, and a "
        "citation that supports the new value or the evidence that the source is wrong."
    )
    assert Conference.objects.get(edition=20).delegates == 310
