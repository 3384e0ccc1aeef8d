"""Reader-facing pages for editions, topics, source reports and search."""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.formats import localize, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django.views.generic import DetailView, ListView, TemplateView

from exports.citations import citation_address
from exports.templatetags.exports import request_reference

from .addresses import address_of, html_address_of, key_path
from .changes import edition_changes
from .highlight import cited_facts, highlighted_paragraphs
from .html import date_in_words, escaped
from .lines import ArchiveTotals, newest_lines
from .models import Citation, Conference, SourceReport, Topic, ordinal
from .models.edition_rows import attach_page_lists, page_read
from .rendering import (
    edition_breadcrumbs,
    edition_items,
    filled_in,
    item_address,
    pager,
)
from .series import latest_edition, neighbours, page_neighbours, slots
from .templatetags.portal import source_title
from .timeline import TimelineWords, edition_facts_line, in_words, timeline_lines

# The edition's fields in the order an edition page lists them (the order of Citation.Field).
FACT_FIELDS = Citation.Field.values
# The fields whose values are words of the records (in English, whatever the page's
# language); the others are numbers and dates, written in the page's language.
WORDED_FIELDS = {"city", "country", "venue", "theme", "format"}


@dataclass
class Fact:
    """One field of an edition as a page shows it: its value and where it comes from."""

    field: str
    label: str
    value: str
    citations: list[Citation]

    # Worked out once a fact (cached_property): its item asks them a dozen times.
    @cached_property
    def inferred(self) -> bool:
        return bool(self.citations) and all(c.inferred for c in self.citations)

    @property
    def in_english(self) -> bool:
        return self.field in WORDED_FIELDS

    @cached_property
    def year_only(self) -> bool:
        """Tell whether only the year is inferred (day and month stated)."""
        return self.inferred and all(c.year_only for c in self.citations)

    @property
    def value_without_year(self) -> str:
        """The value with its year left off, for a date whose year alone is inferred."""
        return self.value.rsplit(" ", 1)[0]

    @property
    def year_text(self) -> str:
        return self.value.rsplit(" ", 1)[-1]


def display_value(value) -> str:
    """Return a field's value written for readers: dates in words, counts grouped."""
    if hasattr(value, "year") and hasattr(value, "day"):
        return date_in_words(value)
    if isinstance(value, int) and value >= 10_000:
        return number_format(value, force_grouping=True)
    return str(value)


def edition_facts(conference: Conference) -> list[Fact]:
    """Return the edition's known facts, each with its citations (stated ones first)."""
    by_field: dict[str, list[Citation]] = {}
    for citation in sorted(
        conference.citation_list, key=lambda c: (c.inferred, c.source.slug)
    ):
        by_field.setdefault(citation.field, []).append(citation)
    facts = []
    for name in FACT_FIELDS:
        value = getattr(conference, name)
        if value in (None, ""):
            continue
        facts.append(
            Fact(
                field=name,
                label=Citation.Field(name).label,
                value=display_value(value),
                citations=by_field.get(name, []),
            )
        )
    return facts


def event_data(conference: Conference, url: str) -> dict:
    """Return the edition as a schema.org Event, for search engines and citation tools."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": str(conference),
        "url": url,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": {
            "@type": "Organization",
            "name": "INTERPOL",
            "url": "https://www.interpol.int/",
        },
    }
    if conference.start_date:
        data["startDate"] = conference.start_date.isoformat()
    elif conference.year:
        data["startDate"] = str(conference.year)
    if conference.end_date:
        data["endDate"] = conference.end_date.isoformat()
    if conference.summary:
        data["description"] = conference.summary.strip()
    if conference.city or conference.venue:
        data["location"] = {
            "@type": "Place",
            "name": conference.venue or conference.city,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": conference.city,
                "addressCountry": conference.country,
            },
        }
    if conference.theme:
        data["alternateName"] = conference.theme
    if conference.city == "Online":
        data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
        data.pop("location", None)
    inferred = conference.inferred_fields
    guessed = sorted(
        {a.person.name for a in conference.leader_appearances if a.inferred}
    )
    # schema.org has no word for "inferred": say it in a property readers' tools show.
    notes = []
    if inferred:
        notes.append(
            gettext("Inferred, not stated by a source: %(fields)s.")
            % {"fields": ", ".join(Citation.Field(n).label.lower() for n in inferred)}
        )
    if guessed:
        # The people a source names at a meeting only inferred to be this edition.
        notes.append(
            gettext("Inferred: that %(people)s appeared at this edition.")
            % {"people": " and ".join(guessed)}
        )
    if notes:
        data["disambiguatingDescription"] = " ".join(notes)
    people = {a.person.name for a in conference.leader_appearances}
    if people:
        data["performer"] = [
            {"@type": "Person", "name": name} for name in sorted(people)
        ]
    topics = [link.topic.name for link in conference.topic_list]
    if topics:
        data["about"] = [{"@type": "Thing", "name": name} for name in topics]
    return data


def edition_data_label() -> dict:
    """The edition page's data links' words (exports/_data_links.html's label)."""
    return {"label": gettext("This edition as")}


def draft_response_headers(response) -> None:
    """A draft's page is for staff only: never cached, never indexed."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"


def attach_page_sources(conference: Conference) -> None:
    """Give every source an edition's page names (`page_sources`, attach_page_lists())
    its address and title once (`page_url`, `title_html`): a page names the same few
    sources under many facts."""
    source_url = item_address("conferences:source-detail")
    for source in conference.page_sources.values():
        source.page_url = source_url(source.slug)
        source.title_html = source_title(source)


def cited_records(conference: Conference) -> list[SourceReport]:
    """Return the public records the edition's facts cite or rest on, oldest first."""
    records = {}
    for citation in conference.citation_list:
        for record in [citation.source, *citation.evidence_list]:
            if record.is_record:
                records[record.pk] = record
    for fact in [*conference.leader_appearances, *conference.delegation_list]:
        if fact.source.is_record:
            records[fact.source.pk] = fact.source
    return sorted(
        records.values(),
        key=lambda r: (r.published_on is None, r.published_on or 0, r.slug),
    )


def attach_page_urls(conference: Conference) -> None:
    """Give the people (leaders, speakers) and topics of an edition's page their addresses
    (`page_url`)."""
    person_url = item_address("speakers:person-detail")
    for fact in [*conference.leader_appearances, *conference.quote_list]:
        fact.person.page_url = person_url(fact.person.slug)
    topic_url = item_address("conferences:topic-detail")
    for link in conference.topic_list:
        link.topic.page_url = topic_url(link.topic.slug)


HOME_TIMELINE_LENGTH = 25


class HomeView(TemplateView):
    """The series at a glance: a timeline of editions and the ways in."""

    template_name = "conferences/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The newest editions only: the page stays light however long the series grows;
        # the editions list has them all. Editions the archive holds nothing of show as gaps.
        rows, totals = newest_lines(HOME_TIMELINE_LENGTH)
        latest = rows[0].edition if rows else 0
        first = max(latest - HOME_TIMELINE_LENGTH + 1, 1)
        context["timeline"] = slots(range(latest, first - 1, -1), rows)
        # Its lines, and the latest edition's facts, written in Python
        # (conferences/timeline.py): as templates they cost half of the page.
        edition_path = key_path("conferences:edition-detail")
        edition_url = address_of(edition_path)
        words = TimelineWords.in_active_language()
        context["timeline_lines"] = timeline_lines(
            context["timeline"], html_address_of(edition_path), words
        )
        if rows:
            context["latest"] = rows[0]
            context["latest_url"] = edition_url(latest)
            context["latest_facts"] = edition_facts_line(
                rows[0], words, with_dates=True
            )
        # The stat band's figures as HTML, each number localized (as the template would)
        # once per process and language (in_words()): some 25 Python calls a number.
        context["figures"] = {
            name: SafeString(in_words(localize, number, words.language))
            for name, number in [
                ("editions", latest),
                ("known", totals.known_count),
                ("people", totals.person_count),
                ("topics", totals.topic_count),
            ]
        }
        context.update(home_sentences(latest, len(context["timeline"]), totals))
        return context


def home_sentences(
    latest: int, shown: int, totals: ArchiveTotals
) -> dict[str, SafeString]:
    """The home page's sentences with a number in them, as {% blocktranslate %} wrote
    them (the translation as it is, each value localized and escaped): the lede naming
    the latest edition, the latest edition's link, and the link to all editions when
    the timeline (`shown` numbers) leaves some out or the archive lacks some. As three
    template tags they cost twice the Python calls (some 200 more a page)."""
    sentences = {}
    if latest:
        latest_ordinal = escaped(ordinal(latest))
        sentences["lede"] = mark_safe(  # noqa: S308 - the value escaped
            gettext(
                "The heads of INTERPOL’s National Central Bureaus meet to shape how "
                "police cooperate across borders; the %(latest)s edition is the latest "
                "the archive knows, and not every year had one."
            )
            % {"latest": latest_ordinal}
        )
        sentences["read_about_latest"] = mark_safe(  # noqa: S308 - the value escaped
            gettext("Read about the %(ordinal)s edition") % {"ordinal": latest_ordinal}
        )
    if latest > shown or totals.known_count < latest:
        sentences["all_editions"] = mark_safe(  # noqa: S308 - the value escaped
            ngettext("All %(counter)s edition", "All %(counter)s editions", latest)
            % {"counter": escaped(localize(latest))}
        )
    return sentences


class EditionListView(TemplateView):
    """Every edition number from the 1st to the latest, a hundred to a page.

    The pages walk the edition numbers, not the rows, so an edition the archive holds nothing
    of still has its line.
    """

    template_name = "conferences/conference_list.html"
    paginate_by = 100

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest = latest_edition()
        paginator = Paginator(range(1, latest + 1), self.paginate_by)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except Exception as error:  # InvalidPage, or a page that is not a number
            raise Http404("No such page of editions.") from error
        numbers = list(page.object_list)
        rows = (
            Conference.objects.for_listing().filter(
                edition__gte=numbers[0], edition__lte=numbers[-1]
            )
            if numbers
            else []
        )
        context["slot_list"] = slots(numbers, rows)
        context["page_obj"] = page
        context["paginator"] = paginator
        context["is_paginated"] = page.has_other_pages()
        context["latest_edition"] = latest
        return context


class EditionDetailView(DetailView):
    """An edition's page; staff also see drafts, marked, private and not indexed; for an
    edition the archive holds nothing of, a page that says so.

    A number from the 1st to the latest published edition answers readers with the gap
    page even when a hidden draft holds it, the same page as a true gap: the editions list
    links every such number, and a 404 there would tell readers that a draft exists. Past
    the latest published edition, a draft is a 404 like any number the series has not
    reached (docs/series.md).
    """

    slug_url_kwarg = "edition"

    def get_object(self, queryset=None):
        # for_page()'s query compiled once (edition_rows.PageRead), not filtered and
        # compiled again at each request as DetailView.get_object() would.
        number = self.kwargs[self.slug_url_kwarg]
        conference = page_read(drafts=self.request.user.is_staff).edition(number)
        if conference is None:
            raise Http404(f"No edition {number}")
        attach_page_lists(conference)
        return conference

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            number = self.kwargs[self.slug_url_kwarg]
            latest = latest_edition()
            if not 1 <= number <= latest:
                raise
            previous, following = neighbours(number)
            return render(
                request,
                "conferences/edition_missing.html",
                {
                    "edition": number,
                    "breadcrumbs": edition_breadcrumbs(number),
                    "pager": pager(previous, following, get_language()),
                },
            )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_published:
            draft_response_headers(response)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        conference = self.object
        attach_page_sources(conference)
        attach_page_urls(conference)
        context["facts"] = edition_facts(conference)
        context["records"] = cited_records(conference)
        agenda = [t for t in conference.topic_list if t.mention != "example"]
        context["agenda_topics"] = agenda
        context["example_topics"] = [
            t for t in conference.topic_list if t.mention == "example"
        ]
        # An announcement tells the agenda, not what the meeting did.
        context["agenda_announced"] = bool(agenda) and all(
            t.source.is_announcement for t in agenda
        )
        context["items"] = edition_items(
            conference,
            facts=context["facts"],
            agenda_topics=agenda,
            agenda_announced=context["agenda_announced"],
            example_topics=context["example_topics"],
            records=context["records"],
            language=get_language(),
        )
        context["pager"] = pager(*page_neighbours(conference), get_language())
        context["breadcrumbs"] = edition_breadcrumbs(conference.edition)
        # The edition's other addresses: its data, its calendar, its history.
        for name, viewname in [
            ("api_url", "api:conference-detail"),
            ("calendar_url", "exports:edition-calendar"),
            ("history_url", "conferences:edition-history"),
        ]:
            context[name] = item_address(viewname)(conference.edition)
        # Its data's links in the head and under the title, as the other pages include
        # them (exports/), their words and the open data's address written once.
        context["data_alternates"] = filled_in(
            "exports/_data_alternates.html", "url", context["api_url"]
        )
        context["data_links"] = filled_in(
            "exports/_data_links.html", "url", context["api_url"], edition_data_label
        )
        # The head's citation tags and the citation box share one reference, with the
        # archive's last change read along with the edition (for_page()).
        self.request.archive_last_changed = conference.archive_last_changed
        context["ref"] = request_reference(self.request, conference)
        context["cite_url"] = citation_address(conference)
        context["event"] = event_data(
            conference,
            self.request.build_absolute_uri(
                item_address("conferences:edition-detail")(conference.edition)
            ),
        )
        return context


class TopicListView(ListView):
    queryset = Topic.objects.with_edition_counts().order_by("-edition_count", "name")


class TopicDetailView(DetailView):
    queryset = Topic.objects.for_detail()


class SourceListView(ListView):
    """The five reports, then the public records, each group apart."""

    queryset = SourceReport.objects.for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sources = context["object_list"]
        context["reports"] = [s for s in sources if not s.is_record]
        context["records"] = [s for s in sources if s.is_record]
        return context


class SourceDetailView(DetailView):
    queryset = SourceReport.objects.for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        facts = cited_facts(self.object)
        context["facts"] = facts
        context["paragraphs"] = highlighted_paragraphs(self.object.reading_text, facts)
        return context


class EditionHistoryView(DetailView):
    """What changed on an edition, when and why; corrections first among equals."""

    slug_field = "edition"
    slug_url_kwarg = "edition"
    template_name = "conferences/conference_history.html"

    def get_queryset(self):
        editions = Conference.objects.all()
        return editions if self.request.user.is_staff else editions.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["changes"] = edition_changes(self.object)
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_published:
            draft_response_headers(response)
        return response
