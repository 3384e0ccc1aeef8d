"""Downloads for researchers: citations, calendars, and the whole archive as open data."""

import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext
from django.views.generic import TemplateView

from conferences.models import Conference, SourceReport
from speakers.models import Quote

from . import calendar, opendata
from .changes import archive_last_changed
from .citations import FORMATS, WRITERS, reference_for

CITED = {
    "edition": (lambda: Conference.objects.published().with_citations(), "edition"),
    "source": (SourceReport.objects.for_listing, "slug"),
    "quote": (
        lambda: Quote.objects.for_listing().prefetch_related(
            Prefetch("conference__citations", to_attr="citation_list")
        ),
        "pk",
    ),
}


def download(content: str | bytes, content_type: str, filename: str, *, attach=True):
    """Return a UTF-8 response the browser saves under `filename` (or shows, inline)."""
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    disposition = "attachment" if attach else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def cite(request, kind: str, key, fmt: str):
    """Return the citation of an edition, a report or a quote as BibTeX, RIS or CSL-JSON."""
    if fmt not in FORMATS:
        raise Http404("Ask for cite.bib, cite.ris or cite.json.")
    queryset, field = CITED[kind]
    item = get_object_or_404(queryset(), **{field: key})
    # One file for every reader, at one address: in English, as the records are.
    with translation.override(settings.LANGUAGE_CODE):
        ref = reference_for(
            item,
            base_url=f"{request.scheme}://{request.get_host()}",
            last_changed=archive_last_changed(),
        )
    content_type, _ = FORMATS[fmt]
    return download(WRITERS[fmt](ref), content_type, f"{ref.key}.{fmt}")


def edition_calendar(request, edition: int):
    """Return one edition as an iCalendar file with one all-day event."""
    conference = get_object_or_404(
        Conference.objects.published().with_citations(), edition=edition
    )
    base_url = f"{request.scheme}://{request.get_host()}"
    if not calendar.has_dates(conference):
        raise Http404("No report gives this edition's dates or year.")
    return download(
        calendar.to_ics([conference], base_url=base_url, name=str(conference)),
        "text/calendar",
        f"ncb-edition-{conference.edition}.ics",
    )


def series_calendar(request):
    """Return every published edition with dates as one iCalendar feed."""
    base_url = f"{request.scheme}://{request.get_host()}"
    return download(
        calendar.to_ics(
            Conference.objects.published().with_citations().order_by("edition"),
            base_url=base_url,
            name="Heads of NCB Conference",
        ),
        "text/calendar",
        "ncb-conferences.ics",
        attach=False,
    )


class DataView(TemplateView):
    """The open-data page: what each file holds, its size and checksum, the licence."""

    template_name = "exports/data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        snapshot = opendata.build_snapshot(base_url=base_url_of(self.request))
        context["snapshot"] = snapshot
        context["package"] = snapshot.package
        context["changed"] = datetime.datetime.fromisoformat(snapshot.created)
        context["zip_name"] = opendata.ZIP_NAME
        # The package describes itself in English (a file for programs, the same in
        # every language); the page says the same in the reader's.
        context["tables"] = [
            (resource, gettext(resource["description"]))
            for resource in snapshot.package["resources"]
            if "schema" in resource
        ]
        context["licence_name"] = opendata.LICENCE_NAME
        context["licence_scope"] = gettext(opendata.LICENCE_SCOPE)
        return context


def base_url_of(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def data_package(request):
    """Return the Frictionless Data package that describes the files under /data/."""
    snapshot = opendata.build_snapshot(base_url=base_url_of(request))
    return download(
        snapshot.package_json(), "application/json", "datapackage.json", attach=False
    )


def data_file(request, name: str):
    """Return one CSV table, the JSON document, or the ZIP of the whole package."""
    if name.endswith(".csv"):
        table = opendata.TABLES_BY_NAME.get(name.removesuffix(".csv"))
        if table is None:
            raise Http404(f"No table is called {name}.")
        return download(opendata.table_csv(table), "text/csv", name, attach=False)
    snapshot = opendata.build_snapshot(base_url=base_url_of(request))
    if name == opendata.ZIP_NAME:
        content = snapshot.zip_bytes()
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return download(snapshot.files[name], "application/json", name, attach=False)
