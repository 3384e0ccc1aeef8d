"""The admin's report import: upload or paste a report, preview its draft, apply it."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from conferences.models import ReportImport
from history.admin import ArchiveAdmin

from .draft import Draft, Proposal
from .service import (
    ReportImportError,
    decode_report,
    report_import,
    report_import_apply,
)


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


DRAFT_TEMPLATE = "admin/conferences/reportimport/_draft.html"
PROPOSALS_TEMPLATE = "admin/conferences/reportimport/_proposals.html"


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
        if not obj.draft:
            return "—"
        return render_to_string(DRAFT_TEMPLATE, {"draft": Draft.from_json(obj.draft)})

    @admin.display(description="Proposed additions and corrections")
    def proposed_changes(self, obj):
        if not obj.proposals:
            return "—"
        proposals = [Proposal.from_json(p) for p in obj.proposals]
        return render_to_string(PROPOSALS_TEMPLATE, {"proposals": proposals})

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
                    draft = outcome.draft
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
