"""Reader-facing pages for editions, topics, source reports and search."""

from dataclasses import dataclass

from django.utils.formats import date_format, number_format
from django.views.generic import DetailView, ListView, TemplateView

from speakers.models import Person

from .changes import edition_changes
from .highlight import cited_facts, highlighted_paragraphs
from .models import Citation, Conference, SourceReport, Topic
from .search import search

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

    @property
    def inferred(self) -> bool:
        return bool(self.citations) and all(c.inferred for c in self.citations)

    @property
    def in_english(self) -> bool:
        return self.field in WORDED_FIELDS


def display_value(value) -> str:
    """Return a field's value written for readers: dates in words, counts grouped."""
    if hasattr(value, "year") and hasattr(value, "day"):
        return date_format(value)
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
    people = {a.person.name for a in conference.leader_appearances}
    if people:
        data["performer"] = [
            {"@type": "Person", "name": name} for name in sorted(people)
        ]
    topics = [link.topic.name for link in conference.topic_list]
    if topics:
        data["about"] = [{"@type": "Thing", "name": name} for name in topics]
    return data


def draft_response_headers(response) -> None:
    """A draft's page is for staff only: never cached, never indexed."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"


def attach_sources(conference: Conference) -> None:
    """Give leaders and topics their report from the prefetched `source_list`.

    with_leaders() and for_listing() do not select the report of each row; the edition's
    reports are already loaded, so this saves a query per leader and per topic.
    """
    reports = {report.pk: report for report in conference.source_list}
    for fact in [*conference.leader_appearances, *conference.topic_list]:
        if fact.source_id in reports:
            fact.source = reports[fact.source_id]


HOME_TIMELINE_LENGTH = 25


class HomeView(TemplateView):
    """The series at a glance: a timeline of editions and the ways in."""

    template_name = "conferences/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The newest editions only: the page stays light however long the series grows;
        # the editions list has them all.
        timeline = list(
            Conference.objects.for_listing().order_by("-edition")[:HOME_TIMELINE_LENGTH]
        )
        context["timeline"] = timeline
        context["latest"] = timeline[0] if timeline else None
        context["edition_count"] = Conference.objects.published().count()
        context["person_count"] = Person.objects.count()
        context["topic_count"] = (
            Topic.objects.with_edition_counts().filter(edition_count__gt=0).count()
        )
        return context


class EditionListView(ListView):
    queryset = Conference.objects.for_listing()
    paginate_by = 100


class EditionDetailView(DetailView):
    """An edition's page; staff also see drafts, marked, private and not indexed."""

    slug_field = "edition"
    slug_url_kwarg = "edition"

    def get_queryset(self):
        return Conference.objects.for_detail(drafts=self.request.user.is_staff)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_published:
            draft_response_headers(response)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        conference = self.object
        attach_sources(conference)
        context["facts"] = edition_facts(conference)
        context["previous"], context["next"] = Conference.objects.neighbours(
            conference.edition
        )
        context["event"] = event_data(
            conference, self.request.build_absolute_uri(conference.get_absolute_url())
        )
        return context


class TopicListView(ListView):
    queryset = Topic.objects.with_edition_counts().order_by("-edition_count", "name")


class TopicDetailView(DetailView):
    queryset = Topic.objects.for_detail()


class SourceListView(ListView):
    queryset = SourceReport.objects.for_listing()


class SourceDetailView(DetailView):
    queryset = SourceReport.objects.for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        facts = cited_facts(self.object)
        context["facts"] = facts
        context["paragraphs"] = highlighted_paragraphs(self.object.reading_text, facts)
        return context


class SearchView(TemplateView):
    """One box over editions, people, quotes, topics and report texts."""

    template_name = "conferences/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:200]
        context["query"] = query
        groups = search(query) if query else []
        context["groups"] = [group for group in groups if group.results]
        context["total"] = sum(len(group.results) for group in groups)
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
