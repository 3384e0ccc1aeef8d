"""The archivists' admin for editions, source reports, topics and their provenance."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from speakers.models import Appearance, Quote

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
    fields = ["field", "source", "excerpt", "inferred", "reasoning"]


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
class ConferenceAdmin(SimpleHistoryAdmin):
    list_display = [
        "edition",
        "year",
        "start_date",
        "city",
        "delegates",
        "countries",
        "status",
    ]
    list_display_links = ["edition", "year"]
    list_filter = ["status", "year", "topics", "appearances__person"]
    search_fields = ["theme", "city", "summary", "=edition", "=year"]
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


@admin.register(SourceReport)
class SourceReportAdmin(SimpleHistoryAdmin):
    list_display = [
        "slug",
        "title",
        "publisher",
        "publisher_inferred",
        "conference",
        "language",
    ]
    list_filter = ["publisher", "publisher_inferred", "language", "conference__year"]
    search_fields = ["slug", "headline", "publisher", "raw_text"]
    autocomplete_fields = ["conference"]
    readonly_fields = ["reading_text"]
    fieldsets = [
        (None, {"fields": ["slug", "conference", "headline", "file_name", "language"]}),
        (
            "Publisher",
            {
                "fields": [
                    "publisher",
                    "publisher_inferred",
                    "publisher_reasoning",
                    "published_on",
                ]
            },
        ),
        ("Text", {"fields": ["raw_text", "reading_text", "notes"]}),
    ]


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ["conference", "field", "source", "inferred"]
    list_filter = ["inferred", "field", "conference__year"]
    search_fields = ["excerpt", "reasoning"]
    autocomplete_fields = ["conference", "source"]


@admin.register(KeyFigure)
class KeyFigureAdmin(SimpleHistoryAdmin):
    list_display = ["label", "qualifier", "value", "unit", "period", "conference"]
    list_filter = ["unit", "conference__year"]
    search_fields = ["label", "excerpt"]
    autocomplete_fields = ["conference", "source"]


@admin.register(RoundTable)
class RoundTableAdmin(SimpleHistoryAdmin):
    list_display = ["region", "conference"]
    list_filter = ["conference__year"]
    search_fields = ["region", "excerpt"]
    autocomplete_fields = ["conference", "source"]


@admin.register(ConferenceTopic)
class ConferenceTopicAdmin(SimpleHistoryAdmin):
    list_display = ["topic", "conference", "source"]
    list_filter = ["topic__kind", "conference__year"]
    search_fields = ["topic__name", "excerpt"]
    autocomplete_fields = ["conference", "topic", "source"]
