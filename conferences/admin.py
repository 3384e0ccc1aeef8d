"""The archivists' admin for editions, source reports, topics and their provenance.

Every archive model's admin keeps its history (who, when, what, and why) with restore,
lists the records deleted by mistake so they can be brought back, and explains in plain
words why a record that others depend on cannot be deleted.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from speakers.models import Appearance, Quote

from .importing import (
    ReportImportError,
    decode_report,
    report_import,
    report_import_apply,
)
from .models import (
    Citation,
    Conference,
    ConferenceTopic,
    KeyFigure,
    ReportImport,
    RoundTable,
    SourceReport,
    Topic,
)


class ArchiveAdmin(SimpleHistoryAdmin):
    """History with restore, deleted records, and plain words on protected deletes."""

    change_list_template = "admin/archive_change_list.html"
    delete_confirmation_template = "admin/archive_delete_confirmation.html"
    delete_selected_confirmation_template = (
        "admin/archive_delete_selected_confirmation.html"
    )

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name="{}_{}_deleted".format(*info),
            ),
            *super().get_urls(),
        ]

    def deleted_records(self):
        """Return the last saved version of each record that was deleted and not restored."""
        history = self.model.history.model
        pk = self.opts.pk.attname
        live = self.model._default_manager.values("pk")
        deleted = history.objects.filter(history_type="-").exclude(
            **{f"{pk}__in": live}
        )
        last_saved = (
            history.objects.filter(**{pk: OuterRef(pk)})
            .exclude(history_type="-")
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        return (
            history.objects.filter(
                history_id__in=deleted.annotate(version=Subquery(last_saved)).values(
                    "version"
                )
            )
            .select_related("history_user")
            .order_by("-history_date")
        )

    def deleted_view(self, request):
        """List the deleted records, each with a link to restore its last version."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        info = self.admin_site.name, self.opts.app_label, self.opts.model_name
        records = [
            (
                record,
                reverse(
                    "{}:{}_{}_simple_history".format(*info),
                    args=[getattr(record, self.opts.pk.attname), record.history_id],
                ),
            )
            for record in self.deleted_records()
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Deleted {self.opts.verbose_name_plural}",
            "records": records,
        }
        return TemplateResponse(request, "admin/archive_deleted.html", context)


def edition_page(obj) -> str | None:
    """'View on site' for a fact: its edition's page."""
    return obj.conference.get_absolute_url() if obj.conference_id else None


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
class ConferenceAdmin(ArchiveAdmin):
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

    @admin.action(
        description="Publish the selected draft editions", permissions=["change"]
    )
    def publish(self, request, queryset):
        published = 0
        for conference in queryset.filter(status=Conference.Status.DRAFT):
            conference.status = Conference.Status.PUBLISHED
            conference.full_clean()
            conference._history_user = request.user
            conference._change_reason = "Published after review"
            conference.save()
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
    list_display = ["conference", "field", "source", "inferred"]
    list_filter = ["inferred", "field", "conference__year"]
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
    list_display = ["topic", "conference", "source"]
    list_filter = ["topic__kind", "conference__year"]
    search_fields = ["topic__name", "excerpt"]
    autocomplete_fields = ["conference", "topic", "source"]


class ImportForm(forms.Form):
    """A report to import: a UTF-8 text file, or its text pasted."""

    file = forms.FileField(required=False, help_text="The report as a UTF-8 .txt file.")
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 100}),
        help_text="Or paste the report's text here.",
    )
    publisher = forms.CharField(required=False, max_length=200)
    published = forms.DateField(
        required=False, help_text="When the report was published (YYYY-MM-DD)."
    )
    language = forms.CharField(initial="en", max_length=10)
    dry_run = forms.BooleanField(
        required=False,
        label="Preview only",
        help_text="Show what the rules find without writing anything.",
    )

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), data.get("text")
        if upload and text:
            raise forms.ValidationError("Give a file or paste the text, not both.")
        if not upload and not text:
            raise forms.ValidationError(
                "Give the report: upload a file or paste its text."
            )
        try:
            data["report"] = decode_report(upload.read()) if upload else text
        except ReportImportError as error:
            raise forms.ValidationError(str(error)) from None
        data["file_name"] = upload.name if upload else ""
        return data


def _table(rows, columns) -> str:
    head = format_html_join("", "<th>{}</th>", ((c,) for c in columns))
    body = format_html_join(
        "",
        "<tr>{}</tr>",
        ((format_html_join("", "<td>{}</td>", ((v,) for v in row)),) for row in rows),
    )
    return format_html(
        "<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, body
    )


def draft_tables(draft: dict) -> str:
    """Render an import's draft as tables: fields, people, quotes, topics, figures."""
    parts = [
        _table(
            (
                (
                    name,
                    "—" if c["value"] is None else c["value"],
                    c["confidence"] or "",
                    c["excerpt"],
                )
                for name, c in draft["fields"].items()
            ),
            ["field", "value", "confidence", "excerpt"],
        ),
        _table(
            (
                (p["name"], p["role"], p.get("person") or "not in the archive")
                for p in draft["people"]
            ),
            ["person", "role", "archive"],
        ),
        _table(
            ((q["speaker"], q["text"], q["confidence"]) for q in draft["quotes"]),
            ["speaker", "quote", "confidence"],
        ),
        _table(
            (
                (
                    t["name"],
                    "proposed new topic" if t["new"] else t["topic"],
                    t["excerpt"],
                )
                for t in draft["topics"]
            ),
            ["topic", "archive", "excerpt"],
        ),
        _table(
            (
                (f["qualifier"], f["value"], f["unit"], f["excerpt"])
                for f in draft["key_figures"]
            ),
            ["qualifier", "value", "unit", "excerpt"],
        ),
    ]
    titles = ["Edition", "People", "Quotes", "Topics", "Key figures"]
    return format_html_join("", "<h3>{}</h3>{}", zip(titles, parts, strict=True))


@admin.register(ReportImport)
class ReportImportAdmin(ArchiveAdmin):
    list_display = [
        "source",
        "edition",
        "conference",
        "status",
        "created_at",
        "created_by",
    ]
    list_filter = ["status"]
    search_fields = ["source__slug", "source__headline", "source__raw_text"]
    readonly_fields = [
        "source",
        "conference",
        "status",
        "created_at",
        "created_by",
        "proposed_changes",
        "extracted",
    ]
    fields = readonly_fields[:2] + ["edition"] + readonly_fields[2:]
    actions = ["apply"]

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.status == ReportImport.Status.APPLIED:
            return ["edition", *self.readonly_fields]
        return self.readonly_fields

    @admin.display(description="What the rules extracted")
    def extracted(self, obj):
        return draft_tables(obj.draft) if obj.draft else "—"

    @admin.display(description="Proposed additions and corrections")
    def proposed_changes(self, obj):
        if not obj.proposals:
            return "—"
        return _table(
            (
                (p["kind"], p["field"], p["current"], p["proposed"], p["excerpt"])
                for p in obj.proposals
            ),
            ["kind", "field", "in the archive", "the report says", "excerpt"],
        )

    @admin.action(
        description="Apply the selected imports to their editions",
        permissions=["change"],
    )
    def apply(self, request, queryset):
        for record in queryset:
            try:
                conference = report_import_apply(
                    report_import=record, user=request.user
                )
            except ReportImportError as error:
                self.message_user(
                    request,
                    f"Could not apply {record.source.slug}: {error}",
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request,
                    f"Applied {record.source.slug} to the {conference}.",
                    messages.SUCCESS,
                )

    def add_view(self, request, form_url="", extra_context=None):
        """Import a report: upload or paste it, preview the draft, or store it."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        draft = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                outcome = report_import(
                    text=data["report"],
                    publisher=data["publisher"],
                    published=data["published"],
                    language=data["language"],
                    dry_run=data["dry_run"],
                    file_name=data["file_name"],
                    user=request.user,
                )
            except ReportImportError as error:
                form.add_error(None, str(error))
            else:
                if data["dry_run"]:
                    draft = draft_tables(outcome.draft)
                else:
                    self.message_user(request, outcome.summary(), messages.SUCCESS)
                    return HttpResponseRedirect(
                        reverse(
                            "admin:conferences_reportimport_change",
                            args=[outcome.report_import.pk],
                        )
                    )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import a report",
            "form": form,
            "draft": draft,
        }
        return render(
            request, "admin/conferences/reportimport/import_form.html", context
        )
