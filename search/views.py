"""The portal's search page: one ranked list, counted per kind, filtered and paged."""

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import TextChoices
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.views.generic import TemplateView

from archive.process_caches import process_cache
from conferences.highlight import english, worded
from conferences.html import escaped
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


@lru_cache(maxsize=16)
def inferred_badge(language: str) -> SafeString:
    """Return the inferred badge in a language: interface text only, rendered once."""
    return render_to_string("includes/_inferred_badge.html")


@process_cache
@lru_cache(maxsize=16)
def form_words(language: str) -> dict:
    """Return the search form's labels, help and kinds' names in the active language
    (`language` keys the cache), translated once: each is a lazy text, and the page
    asked gettext() (some fifteen Python calls) for some twenty of them."""
    fields = SearchForm.base_fields
    return {
        "labels": {name: str(field.label) for name, field in fields.items()},
        "q_help": str(fields["q"].help_text),
        "kind_choices": [
            (value, str(label)) for value, label in fields["kind"].choices
        ],
        # As the results' summary names each kind found: "editions (3)".
        "kind_names": {value: str(label).lower() for value, label in Kind.choices},
    }


# The kind <select>'s options: as the template wrote them, every value escaped.
def kind_option_html(*, value, selected, label) -> str:
    return f'<option value="{value}"{selected}>{label}</option>'


def kind_options(language: str, chosen) -> SafeString:
    """Return the kind <select>'s options in the active language (`language`), the one
    whose value is `chosen` (the request's, if any) selected."""
    values = {value for value, _label in form_words(language)["kind_choices"]}
    return _kind_options(language, chosen if chosen in values else None)


@process_cache
@lru_cache(maxsize=64)
def _kind_options(language: str, chosen: str | None) -> SafeString:
    # Once per language and choice: the template's loop over the options cost some
    # 500 Python calls a page.
    return mark_safe(  # noqa: S308 - every value escaped
        "".join(
            kind_option_html(
                value=escaped(value),
                selected=" selected" if value == chosen else "",
                label=escaped(label),
            )
            for value, label in form_words(language)["kind_choices"]
        )
    )


@cache
def english_labels(choices: type[TextChoices]) -> dict[str, str]:
    """Return each choice's value by its English label (the index keeps the label)."""
    with translation.override("en"):
        return {str(label): value for value, label in choices.choices}


class EditionName(NamedTuple):
    """What Conference.__str__ reads: an edition's title without a model instance (a
    page of results would make twenty, each costing more than its title)."""

    edition: int | None
    year: int | None


def edition_title(
    edition: int | None, year: int | None, language: str | None = None
) -> str:
    """Return an edition's title in the active language (`language`, if the caller
    knows it)."""
    return _edition_title(edition, year, language or translation.get_language())


@process_cache
@lru_cache(maxsize=4096)
def _edition_title(edition: int | None, year: int | None, language: str) -> str:
    # Once per edition and language (`language` keys the cache): the title's gettext()
    # and ordinal cost some fifty Python calls, and a page of results names a few
    # editions, the same ones on many pages.
    return Conference.__str__(EditionName(edition, year))


def for_the_reader(result: Result, language: str | None = None) -> ShownResult:
    """Write a result's title and line in the page's language where they are the archive's
    (`language`, the active one, if the caller knows it).

    The index keeps them in English, as the API shows them; an edition's title, a
    quote's or a topic's kind and an untitled record's description are read back from it.
    """
    if result.kind == Kind.EDITION:
        place, year, inferred = read_edition_meta(result.meta)
        title = edition_title(result.edition, result.year, language)
        return ShownResult(result, title, "", place, "en", year, inferred)
    if result.kind == Kind.QUOTE:
        person = result.title.rpartition(", ")[0] or result.title
        conference = edition_title(result.edition, result.year, language)
        title = format_html("{}, {}", english(person), conference)
        kind = english_labels(Quote.Kind).get(result.meta)
        # The label's text once (a lazy text is translated at each use).
        return ShownResult(
            result, title, "", str(Quote.Kind(kind).label) if kind else "", ""
        )
    if result.kind == Kind.TOPIC:
        kind = english_labels(Topic.Kind).get(result.meta)
        meta = str(Topic.Kind(kind).label) if kind else result.meta
        return ShownResult(result, result.title, "en", meta, "" if kind else "en")
    if result.kind == Kind.SOURCE and result.title.startswith(UNTITLED):
        publisher = english(result.title.removeprefix(UNTITLED))
        title = worded(gettext("Untitled item from %(publisher)s"), publisher=publisher)
        return ShownResult(result, title, "", result.meta)
    return ShownResult(result, result.title, "en", result.meta)


# One result of the list. Written here rather than in the template: twenty of them cost
# more in template tags than the search itself. Every value goes through escaped()
# (conferences/rendering.py, which writes the edition page's items the same way), into
# f-strings (str.format() parses its template at every call).
def result_item_html(*, kind, kind_label, title_lang, url, title, note, snippet) -> str:
    return f"""<li class="result result--{kind}">
      <p class="result__kind">{kind_label}</p>
      <h2 class="result__title"{title_lang}><a href="{url}">{title}</a></h2>
      {note}<p class="result__snippet" lang="en">{snippet}</p>
    </li>"""


RESULTS_SEPARATOR = "\n    "


def result_item(shown: ShownResult, language: str | None = None) -> SafeString:
    """Return a result's item in the list (in `language`, the active one, if the caller
    knows it)."""
    note = ""
    if shown.meta or shown.year:
        meta = ""
        if shown.meta:
            meta = (
                f"<span{lang_attribute(shown.meta_lang)}>{escaped(shown.meta)}</span>"
            )
        dash = " — " if shown.meta and shown.year else ""
        badge = (
            f" {inferred_badge(language or translation.get_language())}"
            if shown.year_inferred
            else ""
        )
        note = f'<p class="note">{meta}{dash}{escaped(shown.year)}{badge}</p>\n      '
    result = shown.result  # its own fields read directly, not through __getattr__
    item = result_item_html(
        kind=escaped_once(result.kind),
        kind_label=escaped_once(result.kind_label),
        title_lang=lang_attribute(shown.title_lang),
        url=escaped(result.url),
        title=escaped(shown.title),
        note=note,
        snippet=escaped(result.snippet),
    )
    return mark_safe(item)  # noqa: S308 - every value escaped above


# A kind found, in the results' summary: as the template wrote it, every value escaped.
def kind_link_html(*, url, current, name, count) -> str:
    return f' <a href="{url}"{current}>{name} ({count})</a>'


CURRENT = ' aria-current="true"'


def kind_links(kinds) -> SafeString:
    """Return the summary's links to each kind found, from (name, count, address,
    whether it is the current filter): written here, the template's loop cost some
    fifty Python calls a kind. The count localized as the template localizes it."""
    return mark_safe(  # noqa: S308 - every value escaped
        "".join(
            kind_link_html(
                url=escaped(url),
                current=CURRENT if current else "",
                name=escaped(name),
                count=escaped(formats.localize(count)),
            )
            for name, count, url, current in kinds
        )
    )


# For the few values of a result that come from a small set, not from the data (its
# kind, the kind's name in each language): escaped once each.
escaped_once = lru_cache(maxsize=64)(escaped)


def lang_attribute(language: str) -> str:
    if not language:
        return ""
    attribute = LANG_ATTRIBUTES.get(language)
    return attribute if attribute is not None else f' lang="{escaped(language)}"'


# The attribute results mark the records' words with, written once.
LANG_ATTRIBUTES = {"en": ' lang="en"'}


def with_parameters(query: QueryDict, **changes) -> str:
    """Return the page's query string with these parameters changed (None: removed),
    as {% querystring %} writes it: the parameters in their order, a changed one in its
    place, a new one last, each encoded as QueryDict.urlencode() encodes it.

    Without copying the QueryDict: its deep copy and urlencode() cost a page's five
    links some 350 Python calls, 4% of the page.
    """
    parameters = dict(query.lists())
    for name, value in changes.items():
        if value is None:
            parameters.pop(name, None)
        else:
            parameters[name] = [value]
    encoding = query.encoding
    pairs = [
        (name.encode(encoding), str(value).encode(encoding))
        for name, values in parameters.items()
        for value in values
    ]
    return f"?{urlencode(pairs)}" if pairs else "?"


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
        chosen = form["kind"].value()
        language = translation.get_language()
        words = form_words(language)
        context.update(
            form=form,
            words=words,
            query="",
            hide_site_search=True,
            kind_options=kind_options(language, chosen),
        )
        if not form.is_bound or not form.is_valid() or not form.cleaned_data["q"]:
            return context
        found = search(form.cleaned_data["q"], **form.filters())
        paginator = Paginator(found.results, RESULTS_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        query = self.request.GET
        context.update(
            query=found.query,
            search=found,
            page_obj=page,
            # The page's results as one piece of HTML (result_item_html()).
            results=mark_safe(  # noqa: S308 - result_item() escaped every value
                RESULTS_SEPARATOR.join(
                    result_item(for_the_reader(result, language), language)
                    for result in page.object_list
                )
            ),
            # Each kind found: its name and count, a link to it (the current filter's
            # marked).
            kind_links=kind_links(
                (
                    name,
                    found.counts[kind],
                    with_parameters(query, kind=kind, page=None),
                    found.kind == kind,
                )
                for kind, name in words["kind_names"].items()
                if found.counts[kind]
            ),
            all_kinds_url=with_parameters(query, kind=None, page=None),
            previous_url=page.has_previous()
            and with_parameters(query, page=page.previous_page_number()),
            next_url=page.has_next()
            and with_parameters(query, page=page.next_page_number()),
        )
        return context
