"""The archivists' admin for people, offices, terms, appearances and quotes."""

from django.contrib import admin

from history.admin import ArchiveAdmin, edition_page

from .models import Appearance, Office, Person, Quote, Tenure


class TenureInline(admin.TabularInline):
    model = Tenure
    extra = 0
    autocomplete_fields = ["office"]


@admin.register(Person)
class PersonAdmin(ArchiveAdmin):
    list_display = ["name", "slug", "nationality"]
    list_filter = ["tenures__office", "appearances__conference__year"]
    search_fields = ["name", "other_names", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TenureInline]


@admin.register(Office)
class OfficeAdmin(ArchiveAdmin):
    list_display = ["title", "kind", "rank"]
    list_filter = ["kind"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Tenure)
class TenureAdmin(ArchiveAdmin):
    list_display = [
        "person",
        "office",
        "started_on",
        "started_precision",
        "ended_on",
        "ended_precision",
        "source",
        "end_source",
    ]
    list_filter = ["office"]
    search_fields = ["person__name", "reference"]
    list_select_related = ["person", "office", "source", "end_source"]
    autocomplete_fields = ["person", "office"]


@admin.register(Appearance)
class AppearanceAdmin(ArchiveAdmin):
    list_display = ["person", "role", "office", "conference", "inferred"]
    list_filter = ["inferred", "office", "conference__year", "person"]
    search_fields = ["person__name", "role", "excerpt"]
    autocomplete_fields = ["conference", "person", "office", "source"]

    def view_on_site(self, obj):
        return edition_page(obj)


@admin.register(Quote)
class QuoteAdmin(ArchiveAdmin):
    list_display = ["__str__", "kind", "person", "conference"]
    list_filter = ["kind", "person", "conference__year", "conference__topics"]
    search_fields = ["text", "person__name", "excerpt"]
    autocomplete_fields = ["conference", "person", "source"]
