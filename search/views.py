"""The portal's search page: one ranked list, counted per kind, filtered and paged."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext
from django.views.generic import TemplateView

from conferences.highlight import english, worded
from conferences.models import Conference, Topic
from speakers.models import Quote

from .documents import read_edition_meta
from .forms import SearchForm
from .models import SearchEntry
from .query import Result, search

RESULTS_PER_PAGE = 20
Kind = SearchEntry.Kind
UNTITLED = "Untitled item from "  # SourceReport.display_title, in English


@dataclass
class ShownResult:
    """A result as the page writes it: the archive's own words in the reader's language,
    the records' words (names, titles, places) marked as English."""

    result: Result
    title: str
    title_lang: str = "en"
    meta: str = ""
    meta_lang: str = "en"
    year: str = ""
    year_inferred: bool = False

    def __getattr__(self, name):
        return getattr(self.result, name)


def english_labels(choices) -> dict[str, str]:
    """Return each choice's value by its English label (the index keeps the label)."""
    with translation.override("en"):
        return {str(label): value for value, label in choices}


def for_the_reader(result: Result) -> ShownResult:
    """Write a result's title and line in the page's language where they are the archive's.

    The index keeps them in English, as the API shows them; an edition's title, a
    quote's or a topic's kind and an untitled record's description are read back from it.
    """
    if result.kind == Kind.EDITION:
        place, year, inferred = read_edition_meta(result.meta)
        title = str(Conference(edition=result.edition, year=result.year))
        return ShownResult(result, title, "", place, "en", year, inferred)
    if result.kind == Kind.QUOTE:
        person = result.title.rpartition(", ")[0] or result.title
        conference = Conference(edition=result.edition, year=result.year)
        title = format_html("{}, {}", english(person), str(conference))
        kind = english_labels(Quote.Kind.choices).get(result.meta)
        return ShownResult(
            result, title, "", Quote.Kind(kind).label if kind else "", ""
        )
    if result.kind == Kind.TOPIC:
        kind = english_labels(Topic.Kind.choices).get(result.meta)
        meta = Topic.Kind(kind).label if kind else result.meta
        return ShownResult(result, result.title, "en", meta, "" if kind else "en")
    if result.kind == Kind.SOURCE and result.title.startswith(UNTITLED):
        publisher = english(result.title.removeprefix(UNTITLED))
        title = worded(gettext("Untitled item from %(publisher)s"), publisher=publisher)
        return ShownResult(result, title, "", result.meta)
    return ShownResult(result, result.title, "en", result.meta)


class SearchView(TemplateView):
    """One box over editions, people, quotes, topics and report texts."""

    template_name = "search/search.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        status = 400 if context["form"].errors else 200
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        context.update(form=form, query="", hide_site_search=True)
        if not form.is_bound or not form.is_valid() or not form.cleaned_data["q"]:
            return context
        found = search(form.cleaned_data["q"], **form.filters())
        paginator = Paginator(found.results, RESULTS_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        context.update(
            query=found.query,
            search=found,
            page_obj=page,
            results=[for_the_reader(result) for result in page.object_list],
            kinds=[
                (kind, label, found.counts[kind])
                for kind, label in SearchEntry.Kind.choices
            ],
        )
        return context
