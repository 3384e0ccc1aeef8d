"""The admin's report import: upload or paste a report, preview its draft, apply it, review
what it could not place, discard it."""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from conferences.models import KeyFigure, ReportImport, Topic, UnplacedFinding
from history.admin import ArchiveAdmin
from speakers.models import Office, Person

from . import review
from .draft import Draft, Proposal
from .forms import (
    AppearanceForm,
    DiscardForm,
    ImportForm,
    KeyFigureForm,
    ReasonForm,
    RoundTableForm,
    TopicForm,
)
from .service import ReportImportError, report_import, report_import_apply

DRAFT_TEMPLATE = "admin/conferences/reportimport/_draft.html"
PROPOSALS_TEMPLATE = "admin/conferences/reportimport/_proposals.html"
Kind = UnplacedFinding.Kind

# What adding a finding of each kind writes: the permissions it needs besides changing
# the import, the form that asks for it, and the service function that writes it.
ADD_PERMISSIONS = {
    Kind.PERSON: ["speakers.add_appearance", "speakers.add_quote"],
    Kind.ROLE: ["speakers.add_appearance", "speakers.add_quote"],
    Kind.TOPIC: ["conferences.add_conferencetopic"],
    Kind.ROUND_TABLE: ["conferences.add_roundtable"],
    Kind.FIGURE: ["conferences.add_keyfigure"],
}


class StateFilter(admin.SimpleListFilter):
    """The imports in one state: the same rule as each import's own state."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return ReportImport.State.choices

    def queryset(self, request, queryset):
        if self.value() in ReportImport.State.values:
            return queryset.in_state(self.value())
        return queryset


@admin.register(ReportImport)
class ReportImportAdmin(ArchiveAdmin):
    list_display = [
        "source",
        "edition",
        "conference",
        "state",
        "to_review",
        "created_at",
        "created_by",
    ]
    list_filter = [StateFilter]
    search_fields = ["source__slug", "source__headline", "source__raw_text"]
    readonly_fields = [
        "source",
        "conference",
        "state",
        "applied_at",
        "discarded_at",
        "discard_reason",
        "created_at",
        "created_by",
        "proposed_changes",
        "extracted",
    ]
    fields = readonly_fields[:2] + ["edition"] + readonly_fields[2:]
    actions = ["apply"]
    change_form_template = "admin/conferences/reportimport/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .for_listing()
            .annotate(
                open_findings=Count(
                    "unplaced",
                    filter=Q(unplaced__decision=UnplacedFinding.Decision.OPEN),
                )
            )
        )

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.state != ReportImport.State.DRAFTED:
            return ["edition", *self.readonly_fields]
        return self.readonly_fields

    @admin.display(description=_("state"))
    def state(self, obj):
        return obj.state_label

    @admin.display(description=_("to add or dismiss"))
    def to_review(self, obj):
        if obj.discarded_at is not None:  # set aside: nothing of it waits
            return "—"
        return obj.open_findings or "—"

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
            except (ReportImportError, ValidationError) as error:
                self.message_user(
                    request,
                    f"Could not apply {record.source.slug}: {_text(error)}",
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request,
                    f"Applied {record.source.slug} to the {conference}.",
                    messages.SUCCESS,
                )

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None:
            context["unplaced"] = list(obj.unplaced.select_related("decided_by"))
            context["can_review"] = self.has_change_permission(request, obj) and (
                obj.state != ReportImport.State.DISCARDED
            )
            context["can_discard"] = context["can_review"] and (
                obj.state != ReportImport.State.PUBLISHED
            )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/discard/",
                view(self.discard_view),
                name="{}_{}_discard".format(*info),
            ),
            path(
                "<int:pk>/unplaced/<int:finding>/add/",
                view(self.add_finding_view),
                name="{}_{}_add_finding".format(*info),
            ),
            path(
                "<int:pk>/unplaced/<int:finding>/dismiss/",
                view(self.dismiss_finding_view),
                name="{}_{}_dismiss_finding".format(*info),
            ),
            *super().get_urls(),
        ]

    def _change_page(self, record) -> HttpResponseRedirect:
        return HttpResponseRedirect(
            reverse("admin:conferences_reportimport_change", args=[record.pk])
        )

    def _context(self, request, record, title: str, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": record,
            "title": title,
            **extra,
        }

    def discard_view(self, request, pk):
        """Discard an import: say why; its draft edition goes too when readers never saw it."""
        record = get_object_or_404(ReportImport.objects.for_listing(), pk=pk)
        if not self.has_change_permission(request, record):
            raise PermissionDenied
        form = DiscardForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                outcome = record.discard(
                    by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                self.message_user(request, _text(error), messages.ERROR)
            else:
                self.message_user(request, outcome, messages.SUCCESS)
            return self._change_page(record)
        state = record.state
        context = self._context(
            request,
            record,
            gettext("Discard the import of %(report)s")
            % {"report": record.source.slug},
            form=form,
            state=state,
            takes_back_edition=state == ReportImport.State.IN_REVIEW
            and record.drafted_its_edition(),
        )
        return TemplateResponse(
            request, "admin/conferences/reportimport/discard.html", context
        )

    def _finding(self, request, pk, finding_pk):
        finding = get_object_or_404(
            UnplacedFinding.objects.select_related(
                "report_import__source", "report_import__conference"
            ),
            pk=finding_pk,
            report_import_id=pk,
        )
        record = finding.report_import
        if not self.has_change_permission(request, record):
            raise PermissionDenied
        return finding, record

    def _refusal(self, request, finding, record):
        """Return a redirect with why the finding cannot be decided on now, if it cannot."""
        if record.state == ReportImport.State.DISCARDED:
            message = gettext(
                "This import is discarded: its findings stay as they are."
            )
        elif not finding.is_open:
            message = gettext("This finding was already %(decision)s.") % {
                "decision": finding.get_decision_display().lower()
            }
        else:
            return None
        self.message_user(request, message, messages.ERROR)
        return self._change_page(record)

    def dismiss_finding_view(self, request, pk, finding):
        """Leave a finding out of the archive, saying why."""
        finding, record = self._finding(request, pk, finding)
        refused = self._refusal(request, finding, record)
        if refused:
            return refused
        form = ReasonForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            review.unplaced_dismiss(
                finding=finding, user=request.user, reason=form.cleaned_data["reason"]
            )
            self.message_user(
                request,
                gettext("Dismissed: %(finding)s.") % {"finding": finding.value},
                messages.SUCCESS,
            )
            return self._change_page(record)
        title = gettext("Dismiss “%(finding)s”") % {"finding": finding.value}
        return self._finding_page(request, record, finding, form, title)

    def add_finding_view(self, request, pk, finding):
        """Add a finding to the draft edition: its row, citing the report's words."""
        finding, record = self._finding(request, pk, finding)
        if not request.user.has_perms(ADD_PERMISSIONS[finding.kind]):
            raise PermissionDenied
        refused = self._refusal(request, finding, record)
        if refused:
            return refused
        form_class, initial, write = self._adding(finding)
        data = request.POST if request.method == "POST" else None
        if form_class is KeyFigureForm:
            instance = KeyFigure(conference=record.conference, source=record.source)
            form = form_class(data, initial=initial, instance=instance)
        else:
            form = form_class(data, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                write(form, finding, request.user)
            except ValidationError as error:
                form.add_error(None, _text(error))
            else:
                self.message_user(
                    request,
                    gettext("Added to the %(edition)s: %(finding)s.")
                    % {"edition": record.conference, "finding": finding.value},
                    messages.SUCCESS,
                )
                return self._change_page(record)
        title = gettext("Add “%(finding)s” to the %(edition)s") % {
            "finding": finding.value,
            "edition": record.conference,
        }
        extra = {}
        if finding.kind in (Kind.PERSON, Kind.ROLE):
            extra = self._creating(request, finding, initial)
        return self._finding_page(request, record, finding, form, title, **extra)

    def _creating(self, request, finding, initial) -> dict:
        """Return links to the admin's own add forms, prefilled, for a person or an
        office the archive does not have yet."""
        links = {}
        user = request.user
        if not initial.get("person") and user.has_perm("speakers.add_person"):
            links["create_person"] = _add_form(
                "speakers_person", name=finding.value, slug=slugify(finding.value)
            )
        role = initial.get("role_finding")
        if role and not initial.get("office") and user.has_perm("speakers.add_office"):
            links["create_office"] = _add_form(
                "speakers_office",
                title=role.role,
                slug=slugify(role.role),
                kind=role.kind,
            )
        return links

    def _finding_page(self, request, record, finding, form, title, **extra):
        context = self._context(
            request, record, title, finding=finding, form=form, **extra
        )
        return TemplateResponse(
            request, "admin/conferences/reportimport/finding.html", context
        )

    def _adding(self, finding):
        """Return the form for adding a finding, its initial values, and what writes it."""
        reason = {"reason": gettext("Placed from the report")}
        if finding.kind in (Kind.PERSON, Kind.ROLE):
            draft = Draft.from_json(finding.report_import.draft)
            named = next((p for p in draft.people if p.name == finding.value), None)
            role = named.roles[0] if named and named.roles else None
            initial = {
                "person": person_named(finding.value),
                "office": office_titled(role) if role else None,
                "role": role.role if role else "",
                "role_finding": role,  # not a field: for the link to add its office
                "excerpt": finding.excerpt,
                **reason,
            }

            def write(form, finding, user):
                review.unplaced_add_appearance(
                    finding=finding, user=user, **form.cleaned_data
                )

            return AppearanceForm, initial, write
        if finding.kind == Kind.TOPIC:
            kind = Topic.Kind.OTHER
            if finding.value.startswith("Operation"):
                kind = Topic.Kind.OPERATION
            elif finding.value.endswith("Declaration"):
                kind = Topic.Kind.DECLARATION
            initial = {"name": finding.value, "kind": kind, **reason}

            def write(form, finding, user):
                review.unplaced_add_topic(
                    finding=finding, user=user, **form.cleaned_data
                )

            return TopicForm, initial, write
        if finding.kind == Kind.ROUND_TABLE:
            initial = {"region": finding.value, "excerpt": finding.excerpt, **reason}

            def write(form, finding, user):
                review.unplaced_add_round_table(
                    finding=finding, user=user, **form.cleaned_data
                )

            return RoundTableForm, initial, write
        initial = {
            "value": int(finding.value.replace(",", "")),
            "excerpt": finding.excerpt,
            **reason,
        }

        def write(form, finding, user):
            review.unplaced_add_key_figure(
                finding=finding,
                figure=form.save(commit=False),
                user=user,
                reason=form.cleaned_data["reason"],
            )

        return KeyFigureForm, initial, write

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
                    return self._change_page(outcome.report_import)
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


def _add_form(model: str, **values) -> str:
    return reverse(f"admin:{model}_add") + "?" + urlencode(values)


def office_titled(role) -> Office | None:
    """Return the office for a role: as the importer matches it, or of its exact title."""
    return review.office_for(role) or Office.objects.filter(title=role.role).first()


def person_named(name: str) -> Person | None:
    """Return the archive's person of that name (main name or another spelling), if any."""
    wanted = name.casefold()
    for person in Person.objects.all():
        if wanted in (n.casefold() for n in person.names):
            return person
    return None


def _text(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
