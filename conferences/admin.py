"""The archivists' admin for editions, source reports, topics and their provenance.

Every admin here is an ArchiveAdmin (history/admin.py): history with restore, deleted
records, plain-words deletes. Importing reports has its own page (importing/admin.py).
"""

from django.contrib import admin, messages
from django.db.models import Prefetch

from history.admin import ArchiveAdmin, edition_page
from speakers.models import Appearance, Quote

from .importing.admin import ReportImportAdmin
from .models import (
    Citation,
    Conference,
    ConferenceTopic,
    KeyFigure,
    RoundTable,
    SourceReport,
    Topic,
)


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["field", "source", "excerpt", "inferred", "inferred_part", "reasoning"]


class ConferenceTopicInline(admin.TabularInline):
    model = ConferenceTopic
    extra = 0
    autocomplete_fields = ["topic", "source"]


class AppearanceInline(admin.TabularInline):
    model = Appearance
    extra = 0
    autocomplete_fields = ["person", "office", "source"]


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["person", "source"]
    fields = [("person", "kind", "position"), "text", ("source", "excerpt")]


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    extra = 0
    autocomplete_fields = ["source"]


class RoundTableInline(admin.TabularInline):
    model = RoundTable
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Conference)
class ConferenceAdmin(ArchiveAdmin):
    list_display = [
        "edition",
        "year",
        "start_date",
        "city",
        "delegates",
        "countries",
        "basis",
        "inferred",
        "status",
    ]
    list_display_links = ["edition", "year"]
    list_filter = ["status", "year", "topics", "appearances__person"]
    search_fields = ["theme", "city", "summary", "=edition", "=year"]
    actions = ["publish"]
    fieldsets = [
        (None, {"fields": ["edition", "status", "summary"]}),
        (
            "When and where",
            {
                "fields": [
                    "year",
                    ("start_date", "end_date"),
                    ("city", "country"),
                    "venue",
                ]
            },
        ),
        ("Attendance", {"fields": [("delegates", "countries", "member_countries")]}),
        ("Programme", {"fields": ["theme", "format"]}),
    ]
    inlines = [
        CitationInline,
        AppearanceInline,
        QuoteInline,
        ConferenceTopicInline,
        KeyFigureInline,
        RoundTableInline,
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "citations",
                    queryset=Citation.objects.select_related("source"),
                    to_attr="citation_list",
                )
            )
        )

    @admin.display(description="Sources")
    def basis(self, conference) -> str:
        return "report" if conference.has_report else "records only"

    @admin.display(description="Inferred")
    def inferred(self, conference) -> str:
        """Name the inferred fields, the year alone where only the year is inferred."""
        parts = []
        for name in conference.inferred_fields:
            part = conference.inferred_part(name)
            parts.append(f"{name} (year)" if part == "year" else name)
        return ", ".join(parts) or "—"

    @admin.action(
        description="Publish the selected draft editions", permissions=["change"]
    )
    def publish(self, request, queryset):
        published = 0
        for conference in queryset.filter(status=Conference.Status.DRAFT):
            conference.publish(by=request.user)
            published += 1
        self.message_user(
            request,
            f"{published} edition(s) published: readers and API clients now see them.",
            messages.SUCCESS,
        )


@admin.register(SourceReport)
class SourceReportAdmin(ArchiveAdmin):
    list_display = [
        "slug",
        "display_title",
        "kind",
        "publisher",
        "publisher_inferred",
        "published_on",
        "published_on_inferred",
        "conference",
        "language",
    ]
    list_filter = [
        "kind",
        "text_kind",
        "publisher_inferred",
        "published_on_inferred",
        "language",
        "conference__year",
    ]
    search_fields = ["slug", "headline", "publisher", "raw_text"]
    autocomplete_fields = ["conference"]
    readonly_fields = ["reading_text"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    "kind",
                    "text_kind",
                    "conference",
                    "title",
                    "headline",
                    "url",
                    "accessed_on",
                    "file_name",
                    "language",
                ]
            },
        ),
        (
            "Publisher",
            {
                "fields": [
                    "publisher",
                    "publisher_inferred",
                    "publisher_reasoning",
                    "published_on",
                    "published_on_inferred",
                    "published_on_reasoning",
                ]
            },
        ),
        ("Text", {"fields": ["raw_text", "reading_text", "notes"]}),
    ]


@admin.register(Topic)
class TopicAdmin(ArchiveAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


class FactAdmin(ArchiveAdmin):
    """A fact of an edition: filtered by the edition's year, shown on its edition's page."""

    autocomplete_fields = ["conference", "source"]

    def view_on_site(self, obj):
        return edition_page(obj)


@admin.register(Citation)
class CitationAdmin(FactAdmin):
    list_display = ["conference", "field", "source", "inferred", "inferred_part"]
    list_filter = ["inferred", "inferred_part", "field", "conference__year"]
    search_fields = ["excerpt", "reasoning"]


@admin.register(KeyFigure)
class KeyFigureAdmin(FactAdmin):
    list_display = ["label", "qualifier", "value", "unit", "period", "conference"]
    list_filter = ["unit", "conference__year"]
    search_fields = ["label", "excerpt"]


@admin.register(RoundTable)
class RoundTableAdmin(FactAdmin):
    list_display = ["region", "conference"]
    list_filter = ["conference__year"]
    search_fields = ["region", "excerpt"]


@admin.register(ConferenceTopic)
class ConferenceTopicAdmin(FactAdmin):
    list_display = ["topic", "mention", "conference", "source"]
    list_filter = ["mention", "topic__kind", "conference__year"]
    search_fields = ["topic__name", "excerpt"]
    autocomplete_fields = ["conference", "topic", "source"]


__all__ = ["ReportImportAdmin"]
