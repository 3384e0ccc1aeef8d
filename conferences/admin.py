"""The archivists' admin for editions, source reports, topics and their provenance.

Every admin here is an ArchiveAdmin (history/admin.py): history with restore, deleted
records, plain-words deletes. Importing reports has its own page (importing/admin.py).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from history.admin import ArchiveAdmin, ArchiveForm, edition_page
from speakers.models import Appearance, Quote

from .importing.admin import ReportImportAdmin
from .models import (
    Citation,
    Conference,
    ConferenceTopic,
    Correction,
    Delegation,
    KeyFigure,
    Membership,
    RoundTable,
    SourceReport,
    Topic,
)
from .support import supports, value_text


class LabelledRowsInline:
    """An edition's inline whose rows are headed by their label (`__str__`), which names
    related rows: those (`label_related`) are read with the rows, not one query a row
    (an edition's change form made some 35 such queries)."""

    label_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.label_related)


class CitationInline(LabelledRowsInline, admin.StackedInline):
    """One block a citation: the field and source on a line, then the words, full width.

    A tabular row of five columns needed a horizontal scrollbar at 1280 px.
    """

    model = Citation
    label_related = ("conference",)
    extra = 0
    autocomplete_fields = ["source"]
    fields = [
        ("field", "source", "inferred", "inferred_part"),
        "excerpt",
        "reasoning",
    ]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 80})}
    }


class CorrectionInline(LabelledRowsInline, admin.StackedInline):
    """The corrections recorded for the edition (recorded from the form below)."""

    model = Correction
    label_related = ("conference", "citation__conference")
    extra = 0
    can_delete = False
    fields = [
        ("field", "old_value", "new_value", "recorded_at"),
        "reason",
        ("citation", "source_wrong"),
        "evidence",
    ]
    readonly_fields = [
        "field",
        "old_value",
        "new_value",
        "recorded_at",
        "reason",
        "citation",
        "source_wrong",
        "evidence",
    ]

    def has_add_permission(self, request, obj=None):
        return False


class ConferenceForm(ArchiveForm):
    """The edition's form: a change a source does not support can be a correction."""

    correction = forms.ChoiceField(
        label="Is this a correction?",
        required=False,
        choices=[
            ("", "No: the sources state the new values"),
            ("citation", "Yes: a citation of this edition supports the new value"),
            ("source_wrong", "Yes: the source itself is wrong (give the evidence)"),
        ],
        help_text="A correction is printed on the edition's page and in its history.",
    )
    correction_evidence = forms.CharField(
        label="Evidence that the source is wrong",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="A public record, its date and its address; or what shows a misprint.",
    )

    def clean(self):
        cleaned = super().clean()
        mode = cleaned.get("correction")
        if mode and not (cleaned.get("change_reason") or "").strip():
            self.add_error("change_reason", "A correction needs its reason.")
        if mode == "source_wrong":
            if not (cleaned.get("correction_evidence") or "").strip():
                self.add_error(
                    "correction_evidence",
                    "Say how we know the source is wrong: the record and its date.",
                )
            else:
                self.instance._corrections_pending = set(Citation.Field.values)
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        self.corrections = []
        mode = (
            self.cleaned_data.get("correction") if hasattr(self, "cleaned_data") else ""
        )
        if not mode or self.errors:
            return
        conference = self.instance
        changed = conference.changed_sourced_fields()
        if not changed:
            self.add_error(
                "correction", "No sourced value changed: nothing to correct."
            )
            return
        citations = list(conference.citations.filter(field__in=changed, inferred=False))
        for name, (old, new) in changed.items():
            supporting = [
                c
                for c in citations
                if c.field == name and supports(name, new, c.excerpt)
            ]
            correction = Correction(
                conference=conference,
                field=name,
                old_value=value_text(old),
                new_value=value_text(new),
                reason=self.cleaned_data["change_reason"].strip(),
                citation=supporting[0] if supporting else None,
                source_wrong=mode == "source_wrong",
                evidence=(self.cleaned_data.get("correction_evidence") or "").strip(),
            )
            try:
                correction.full_clean()
            except ValidationError as error:
                label = Citation.Field(name).label
                self.add_error("correction", f"{label}: " + " ".join(error.messages))
            self.corrections.append(correction)


class ConferenceTopicInline(LabelledRowsInline, admin.TabularInline):
    model = ConferenceTopic
    label_related = ("topic", "conference")
    extra = 0
    autocomplete_fields = ["topic", "source"]


class AppearanceInline(LabelledRowsInline, admin.TabularInline):
    model = Appearance
    label_related = ("person", "conference")
    extra = 0
    autocomplete_fields = ["person", "office", "source"]


class QuoteInline(LabelledRowsInline, admin.StackedInline):
    model = Quote
    label_related = ("person",)
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


class DelegationInline(admin.TabularInline):
    model = Delegation
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Conference)
class ConferenceAdmin(ArchiveAdmin):
    form = ConferenceForm
    change_form_template = "admin/conferences/conference/change_form.html"
    change_list_template = "admin/conferences/conference/change_list.html"
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
        (
            "Why",
            {"fields": ["change_reason", "correction", "correction_evidence"]},
        ),
    ]
    inlines = [
        CitationInline,
        CorrectionInline,
        AppearanceInline,
        QuoteInline,
        ConferenceTopicInline,
        KeyFigureInline,
        RoundTableInline,
        DelegationInline,
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for correction in getattr(form, "corrections", []):
            correction.conference = obj
            self.save_row(request, correction, form.change_reason_text())

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "consistency/",
                view(self.consistency_view),
                name="{}_{}_consistency".format(*info),
            ),
            path(
                "<int:pk>/publish/",
                view(self.publish_view),
                name="{}_{}_publish".format(*info),
            ),
            path(
                "<int:pk>/unpublish/",
                view(self.unpublish_view),
                name="{}_{}_unpublish".format(*info),
            ),
            *super().get_urls(),
        ]

    def consistency_view(self, request):
        """The consistency report: every finding, errors first, each with a fix link."""
        from django.template.response import TemplateResponse

        from .consistency import findings

        if not self.has_view_permission(request):
            raise PermissionDenied
        found = findings()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Consistency report",
            "findings": found,
            "errors": sum(1 for f in found if f.severity == "error"),
        }
        return TemplateResponse(request, "admin/conferences/consistency.html", context)

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("conferences.publish_conference")

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["can_publish"] = self.has_publish_permission(request)
        if obj is not None and obj.status == Conference.Status.DRAFT:
            context["publishing_problems"] = obj.publishing_problems()
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def _publishing(self, request, pk, *, publish: bool):
        if not self.has_publish_permission(request):
            raise PermissionDenied
        conference = get_object_or_404(Conference, pk=pk)
        change = reverse("admin:conferences_conference_change", args=[pk])
        try:
            if publish:
                conference.publish(by=request.user)
            else:
                conference.unpublish(by=request.user)
        except ValidationError as error:
            self.message_user(
                request,
                f"The {conference} was not published: " + " ".join(error.messages),
                messages.ERROR,
            )
            return redirect(change)
        if publish:
            text = f"The {conference} is published: readers and API clients see it."
        else:
            text = f"The {conference} is a draft again: only staff see it."
        self.message_user(request, text, messages.SUCCESS)
        return redirect(change)

    def publish_view(self, request, pk):
        return require_POST(lambda r: self._publishing(r, pk, publish=True))(request)

    def unpublish_view(self, request, pk):
        return require_POST(lambda r: self._publishing(r, pk, publish=False))(request)

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
        description="Publish the selected draft editions", permissions=["publish"]
    )
    def publish(self, request, queryset):
        published = 0
        for conference in queryset.filter(status=Conference.Status.DRAFT):
            try:
                conference.publish(by=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    f"The {conference} was not published: " + " ".join(error.messages),
                    messages.ERROR,
                )
                continue
            published += 1
        self.message_user(
            request,
            f"{published} edition(s) published: readers and API clients now see them.",
            messages.SUCCESS,
        )


@admin.register(Membership)
class MembershipAdmin(ArchiveAdmin):
    """INTERPOL's membership figures (fixtures/membership.yaml), each from a public record."""

    list_display = ["effective_on", "members", "kind", "source", "date_source"]
    list_filter = ["kind"]
    search_fields = ["admitted", "left", "excerpt", "source__slug"]
    list_select_related = ["source", "date_source"]
    autocomplete_fields = ["source", "date_source"]
    fieldsets = [
        (None, {"fields": [("effective_on", "kind", "members"), ("admitted", "left")]}),
        ("The count", {"fields": ["source", "excerpt"]}),
        ("The day", {"fields": ["date_source", "date_excerpt", "date_reasoning"]}),
        (None, {"fields": ["notes"]}),
    ]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 80})}
    }


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


@admin.register(Correction)
class CorrectionAdmin(FactAdmin):
    list_display = ["conference", "field", "old_value", "new_value", "recorded_at"]
    list_filter = ["field", "source_wrong", "conference__year"]
    search_fields = ["reason", "evidence", "new_value"]
    autocomplete_fields = ["conference", "citation"]


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


@admin.register(Delegation)
class DelegationAdmin(FactAdmin):
    list_display = ["country", "conference", "source"]
    list_filter = ["conference__year"]
    search_fields = ["country", "description", "excerpt"]


@admin.register(ConferenceTopic)
class ConferenceTopicAdmin(FactAdmin):
    list_display = ["topic", "mention", "conference", "source"]
    list_filter = ["mention", "topic__kind", "conference__year"]
    search_fields = ["topic__name", "excerpt"]
    autocomplete_fields = ["conference", "topic", "source"]


__all__ = ["ReportImportAdmin"]
