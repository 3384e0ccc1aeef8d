"""Every change to the archive is recorded with who, when, what and why, and can be undone."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from rest_framework import serializers, viewsets
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import SimpleRouter

from conferences.importing.tests.test_import_report import KIGALI
from conferences.models import Conference, KeyFigure
from conferences.tests.admin_forms import change_form_data, opened_change_form

pytestmark = pytest.mark.django_db


class EditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Conference
        fields = ["edition", "venue"]


class EditionViewSet(viewsets.ModelViewSet):
    """A minimal writable endpoint, authenticated by token as API clients are."""

    queryset = Conference.objects.all()
    serializer_class = EditionSerializer
    lookup_field = "edition"
    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]


router = SimpleRouter()
router.register("editions", EditionViewSet)
urlpatterns = router.urls


def test_the_history_middleware_is_installed():
    assert "simple_history.middleware.HistoryRequestMiddleware" in settings.MIDDLEWARE


# Slow: the edition's change form, then the history's revert form. The quick loop keeps
# test_a_deleted_record_is_listed_and_restored_from_history and the history that the
# commands and the API record.
@pytest.mark.slow
def test_an_admin_change_is_recorded_and_can_be_reverted(
    staff_client, archive, staff_user
):
    """The history page lists the change by user; reverting restores the earlier version."""
    conference = Conference.objects.get(edition=15)
    url = reverse("admin:conferences_conference_change", args=[conference.pk])
    before = conference.history.first()
    data = change_form_data(opened_change_form(staff_client, url))
    data["venue"] = "Lion"
    data["change_reason"] = "Venue added"
    staff_client.post(url, data)
    changed = conference.history.first()
    assert (
        changed.history_user,
        changed.venue,
        changed.history_type,
        changed.history_change_reason,
    ) == (staff_user, "Lion", "~", "Venue added")
    history_page = staff_client.get(
        reverse("admin:conferences_conference_history", args=[conference.pk])
    ).content.decode()
    assert "archivist" in history_page
    assert "Lion" in history_page

    revert_url = reverse(
        "admin:conferences_conference_simple_history",
        args=[conference.pk, before.history_id],
    )
    form_page = staff_client.get(revert_url)
    assert "Revert" in form_page.content.decode()
    data = change_form_data_main(form_page)
    data["change_reason"] = "The venue was a slip"
    response = staff_client.post(revert_url, data)
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.venue == ""
    assert conference.history.first().history_change_reason == "The venue was a slip"
    assert conference.history.count() == 3


def change_form_data_main(response) -> dict:
    """The history form has no inlines: post only its main form."""
    return change_form_data(response, inlines=False)


def test_a_deleted_record_is_listed_and_restored_from_history(
    staff_client, archive, staff_user
):
    """A key figure deleted by a slip comes back, same id, from the 'Deleted' page."""
    figure = KeyFigure.objects.get(label="Messages exchanged by NCBs")
    pk = figure.pk
    staff_client.post(
        reverse("admin:conferences_keyfigure_delete", args=[pk]), {"post": "yes"}
    )
    assert not KeyFigure.objects.filter(pk=pk).exists()
    deleted_page = staff_client.get(reverse("admin:conferences_keyfigure_deleted"))
    [(record, restore_url)] = deleted_page.context["records"]
    assert str(record.instance) == "Messages exchanged by NCBs: 18000000 messages"
    assert (
        "Messages exchanged by NCBs: 18000000 messages" in deleted_page.content.decode()
    )
    form_page = staff_client.get(restore_url)
    staff_client.post(restore_url, change_form_data_main(form_page))
    restored = KeyFigure.objects.get(pk=pk)
    assert (restored.value, restored.qualifier, restored.period) == (
        18_000_000,
        "more_than",
        "2023",
    )
    assert restored.history.first().history_user == staff_user
    assert (
        staff_client.get(reverse("admin:conferences_keyfigure_deleted")).context[
            "records"
        ]
        == []
    )


def test_a_command_records_its_user_and_reason(archive, staff_user, tmp_path):
    """import_report --user names the archivist in the history of what it writes."""
    report = tmp_path / "report.txt"
    report.write_text(KIGALI, encoding="utf-8")
    call_command("import_report", report, "--user", "archivist", stdout=StringIO())
    record = Conference.objects.get(edition=21).history.get()
    assert (record.history_user, record.history_change_reason, record.history_type) == (
        staff_user,
        "Imported from a report",
        "+",
    )


def test_load_archive_records_its_reason(archive):
    record = Conference.objects.get(edition=14).history.earliest()
    assert record.history_change_reason == "Loaded from fixtures/ by load_archive"


@pytest.mark.urls(__name__)
def test_an_api_change_records_the_token_user(client, archive, staff_user):
    """DRF authenticates the token after the middleware ran; the history still has the user."""
    token = Token.objects.create(user=staff_user)
    response = client.patch(
        "/editions/20/",
        {"venue": "INTERPOL General Secretariat"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 200
    record = Conference.objects.get(edition=20).history.first()
    assert (record.venue, record.history_user) == (
        "INTERPOL General Secretariat",
        staff_user,
    )
