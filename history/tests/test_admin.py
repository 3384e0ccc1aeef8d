"""The admin base: who may see the list of deleted records."""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

DELETED_LIST = "admin:conferences_keyfigure_deleted"


def signed_in_with(*codenames: str) -> Client:
    user = User.objects.create_user("reader", password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="conferences", codename__in=codenames
        )
    )
    client = Client()
    client.force_login(user)
    return client


def test_the_deleted_records_list_needs_only_the_view_permission(archive):
    """Seeing what was deleted is reading: the model's view permission is enough."""
    response = signed_in_with("view_keyfigure").get(reverse(DELETED_LIST))
    assert response.status_code == 200
    assert response.context["title"] == "Deleted key figures"


def test_the_deleted_records_list_is_refused_without_the_view_permission(archive):
    response = signed_in_with("add_keyfigure").get(reverse(DELETED_LIST))
    assert response.status_code == 403
