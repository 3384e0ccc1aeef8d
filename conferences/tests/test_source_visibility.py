"""Which source reports readers see: only those of a published edition, never an unreviewed one."""

import pytest

from conferences.importing.service import report_import
from conferences.importing.tests.test_import_report import KIGALI
from conferences.models import ReportImport, SourceReport

pytestmark = pytest.mark.django_db


def test_deleting_a_pending_import_does_not_publish_its_report(archive, client):
    """A report on an existing edition stays hidden when its unreviewed import is deleted."""
    text = KIGALI.replace("twenty-first", "twentieth").replace("2026", "2025")
    pending = report_import(text=text).report_import
    slug = pending.source.slug
    assert pending.state == ReportImport.State.DRAFTED
    ReportImport.objects.filter(pk=pending.pk).delete()

    assert not SourceReport.objects.published().filter(slug=slug).exists()
    assert client.get(f"/sources/{slug}/").status_code == 404
    assert slug not in client.get("/sources/").content.decode()
    assert client.get(f"/api/v1/sources/{slug}/").status_code == 404
    assert slug not in client.get("/api/v1/sources/").content.decode()
    assert slug not in client.get("/search/?q=Kigali").content.decode()
