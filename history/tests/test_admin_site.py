"""The admin's index and pages: the daily work first, a favicon, no inline styles."""

import lxml.html
import pytest
from django.urls import reverse

from conferences.models import Conference

pytestmark = pytest.mark.django_db


def test_report_imports_and_editions_come_first_on_the_admin_index(staff_client):
    content = staff_client.get(reverse("admin:index")).content.decode()
    names = lxml.html.fromstring(content).xpath(
        "//th[@scope='row' and @id]/a[@href]/text()"
    )
    assert names[:3] == ["Report imports", "Conferences", "Corrections"]


def test_every_admin_page_has_a_favicon(staff_client):
    content = staff_client.get(reverse("admin:index")).content.decode()
    assert (
        '<link rel="icon" href="/static/img/emblem.svg" type="image/svg+xml">'
        in content
    )


def test_the_history_page_has_no_inline_style(staff_client, archive):
    """simple-history's own template styled a paragraph inline: the CSP refuses it."""
    conference = Conference.objects.get(edition=20)
    content = staff_client.get(
        reverse("admin:conferences_conference_history", args=[conference.pk])
    ).content.decode()
    assert "style=" not in content
    assert '<p class="paginator paginator--history">' in content


def test_the_edition_form_stacks_its_citations(staff_client, archive):
    """One block a citation (its words full width), not a five-column table row."""
    conference = Conference.objects.get(edition=20)
    content = staff_client.get(
        reverse("admin:conferences_conference_change", args=[conference.pk])
    ).content.decode()
    group = content[content.index('id="citations-group"') :]
    group = group[: group.index('id="corrections-group"')]
    assert "<table" not in group
    assert group.count('class="inline-related') >= 9
