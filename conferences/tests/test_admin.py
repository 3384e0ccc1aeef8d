"""Archivists can open every admin page, and each edition shows its provenance inline."""

import pytest
from django.contrib import admin
from django.urls import reverse

from conferences.models import Conference, Correction, ReportImport

pytestmark = pytest.mark.django_db

# Report imports and corrections have no row in the curated archive: test_admin_import.py
# and test_corrections.py open theirs.
ARCHIVE_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"conferences", "speakers"}
    and model not in (ReportImport, Correction)
]


@pytest.mark.parametrize("model", ARCHIVE_MODELS, ids=lambda m: m._meta.label)
def test_changelist_and_change_pages_open(staff_client, archive, model):
    opts = model._meta
    response = staff_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    )
    assert response.status_code == 200
    first = model.objects.first()
    response = staff_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
    )
    assert response.status_code == 200
    response = staff_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[first.pk])
    )
    assert response.status_code == 200


def test_edition_page_shows_its_provenance(staff_client, archive):
    conference = Conference.objects.get(edition=19)
    response = staff_client.get(
        reverse("admin:conferences_conference_change", args=[conference.pk])
    )
    content = response.content.decode()
    assert (
        "In 2023 alone, INTERPOL NCBs exchanged more than 18 million messages"
        in content
    )
    assert "We are 196 members strong" in content
    assert (
        "With one conference between" in content
    )  # the inferred edition number's reasoning
    assert "Operation Storm Makers II" in content


def test_editions_changelist_lists_the_ten_editions(staff_client, archive):
    """Five editions from reports and five from public records only, each flagged."""
    response = staff_client.get(reverse("admin:conferences_conference_changelist"))
    assert response.context["cl"].result_count == 10
    page = " ".join(response.content.decode().split())
    assert '<td class="field-basis">records only</td>' in page
    assert (
        '<td class="field-inferred">edition, end_date (year), start_date (year), year</td>'
        in page
    )


def test_anonymous_user_is_sent_to_login(client, archive):
    response = client.get(reverse("admin:conferences_conference_changelist"))
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_staff_without_permissions_cannot_change(client, archive, django_user_model):
    user = django_user_model.objects.create_user(
        "reader", password="x-long-password", is_staff=True
    )
    client.force_login(user)
    response = client.get(reverse("admin:conferences_conference_changelist"))
    assert response.status_code == 403
