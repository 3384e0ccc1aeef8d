"""Build the POST data of an admin change form from its page, as a browser would send it."""

from django.contrib.auth import get_user
from django.test import RequestFactory
from django.urls import resolve


def _field_values(form, prefix: str = "") -> dict:
    data = {}
    for bound in form:
        name = bound.html_name
        value = bound.value()
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif hasattr(value, "isoformat"):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    return data


def change_form_data(response, *, inlines: bool = True) -> dict:
    """Return the main form's and every inline formset's current values, management forms too."""
    # An admin view's TemplateResponse keeps its context (opened_change_form's, not
    # rendered, too); a page rendered with render() has the test client's copy.
    context = getattr(response, "context_data", None) or response.context
    data = _field_values(context["adminform"].form)
    for inline in context["inline_admin_formsets"] if inlines else []:
        formset = inline.formset
        data.update(_field_values(formset.management_form))
        for form in formset.forms:
            data.update(_field_values(form))
    return data


def opened_change_form(client, url: str):
    """The admin's change form at `url` as `client`'s user opens it, not rendered.

    The view runs as it does for a GET from that user (the same forms, initial values and
    version), but without the middleware and without rendering the page: the edition's
    form renders about 285 widgets, most of a second of CPU. For tests that need the
    form's values, not the page (change_form_data reads them from its context).
    """
    return _admin_view(client, RequestFactory().get(url))


def refused_change_form(client, url: str, data: dict):
    """The admin's change form at `url` after `client`'s user posts `data`, refused, and
    not rendered.

    The view validates and refuses the save as it does for that user's POST (the test
    client's, which skips the CSRF check), without the middleware and without rendering
    the form again with its errors (a fifth of a second of CPU for an edition). For tests
    that read the refusal from the view's context; a save that passes fails the test
    (a redirect, not 200). test_admin_editing.py still renders a refused edition's page.
    """
    request = RequestFactory().post(url, data)
    request._dont_enforce_csrf_checks = True
    return _admin_view(client, request)


def _admin_view(client, request):
    request.session = client.session
    request.user = get_user(request)
    match = resolve(request.path_info)
    response = match.func(request, *match.args, **match.kwargs)
    assert response.status_code == 200, response.status_code
    return response


def add_inline_row(data: dict, prefix: str, values: dict) -> dict:
    """Add one new row to an inline formset's data."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data
