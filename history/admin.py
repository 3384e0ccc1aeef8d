"""The base of every archive admin: history with restore, deleted records, plain-words deletes.

Every archive model's admin keeps its history (who, when, what, and why) with restore,
lists the records deleted by mistake so they can be brought back, and explains in plain
words why a record that others depend on cannot be deleted.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from .services import DEFAULT_REASON

# history_change_reason is a CharField(max_length=100) in simple-history's tables.
REASON_MAX_LENGTH = 100
ADDED_REASON = "Added in the admin"


# The admin index's order: the daily work first (reports to review, editions), then the
# rest of each app in its usual alphabetical order.
FIRST_APPS = ["conferences", "speakers"]
FIRST_MODELS = ["ReportImport", "Conference", "Correction"]


class ArchiveAdminSite(admin.AdminSite):
    """The archive's admin site: "Report imports" and the editions at the top."""

    site_header = "NCB Conference Archive"
    site_title = "NCB Conference Archive admin"
    index_title = "Keep the archive"

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)

        def app_rank(app):
            label = app["app_label"]
            return FIRST_APPS.index(label) if label in FIRST_APPS else len(FIRST_APPS)

        def model_rank(model):
            name = model["object_name"]
            return (
                FIRST_MODELS.index(name) if name in FIRST_MODELS else len(FIRST_MODELS)
            )

        apps.sort(key=app_rank)
        for app in apps:
            app["models"].sort(key=model_rank)
        return apps


def is_public(instance) -> bool:
    """Tell whether readers see a record: an edition's status, or its edition's; else yes."""
    status = getattr(instance, "status", None)
    if instance._meta.model_name == "conference":
        return status == "published"
    conference_id = getattr(instance, "conference_id", None)
    if hasattr(instance, "conference_id"):
        return bool(conference_id) and instance.conference.status == "published"
    return True


class ArchiveForm(forms.ModelForm):
    """Every archive change form: asks why, for the history (required on public records)."""

    change_reason = forms.CharField(
        label="Reason for this change",
        max_length=REASON_MAX_LENGTH,
        required=False,
        help_text="Why you change this record, in a few words. It is shown in the "
        "public history of the edition. Required for records readers see.",
    )

    def clean(self):
        cleaned = super().clean()
        changing = self.instance.pk is not None and self.has_changed()
        if (
            changing
            and not (cleaned.get("change_reason") or "").strip()
            and is_public(self.instance)
        ):
            self.add_error(
                "change_reason",
                "Say why you change this record: readers see it, and its history "
                "shows the reason.",
            )
        return cleaned

    def change_reason_text(self) -> str:
        reason = (self.cleaned_data.get("change_reason") or "").strip()
        if reason:
            return reason
        return DEFAULT_REASON if self.instance.pk else ADDED_REASON


def edition_page(obj) -> str | None:
    """'View on site' for a fact: its edition's page."""
    return obj.conference.get_absolute_url() if obj.conference_id else None


VERSION_FIELD = "archive_version"


class StaleFormCheckMixin:
    """Refuse a save made on a stale change form, so no archivist silently undoes another's.

    The form carries, hidden, the id of the record's last history entry when it was
    opened; if the record has been saved since, the save is refused with what changed,
    by whom and when.
    """

    def current_version(self, obj) -> str:
        """Return the id of the record's last history entry ('' if it has none)."""
        latest = (
            obj.history.order_by("-history_date", "-history_id")
            .values_list("history_id", flat=True)
            .first()
        )
        return "" if latest is None else str(latest)

    def changes_since(self, obj, version: str) -> str:
        """Describe the saves of the record after the history entry `version`."""
        history = obj.history.order_by("history_date", "history_id")
        opened = history.filter(history_id=version).first() if version else None
        later = list(
            history.filter(history_date__gte=opened.history_date).exclude(
                history_id=opened.history_id
            )
            if opened
            else history
        )
        lines = []
        previous = opened
        for record in later:
            who = record.history_user or "someone"
            when = timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M")
            changed = []
            if previous is not None:
                delta = record.diff_against(previous)
                changed = [f"{c.field}: “{c.old}” → “{c.new}”" for c in delta.changes]
            lines.append(
                f"{who} at {when}" + (f" ({'; '.join(changed)})" if changed else "")
            )
            previous = record
        return "; ".join(lines) or "a change"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        *rest, (name, options) = fieldsets
        fields = [*options.get("fields", ()), VERSION_FIELD]
        return [*rest, (name, {**options, "fields": fields})]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if "fields" not in kwargs:  # as ModelAdmin.get_form would, without our field
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        fields = kwargs["fields"]
        if fields is not None and VERSION_FIELD in fields:
            kwargs["fields"] = [f for f in fields if f != VERSION_FIELD]
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or fields is None or VERSION_FIELD not in fields:
            return form
        admin = self

        class VersionedForm(form):
            archive_version = forms.CharField(widget=forms.HiddenInput, required=False)

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields[VERSION_FIELD].initial = admin.current_version(obj)

            def clean(self):
                cleaned = super().clean()
                sent = self.data.get(VERSION_FIELD)
                if sent is not None and sent != admin.current_version(self.instance):
                    raise ValidationError(
                        "This record was changed after you opened this form, by "
                        + admin.changes_since(self.instance, sent)
                        + ". Your changes were not saved: reload the page to see the "
                        "current version, then make them again.",
                        code="stale",
                    )
                return cleaned

        VersionedForm.__name__ = form.__name__
        return VersionedForm


class ArchiveAdmin(StaleFormCheckMixin, SimpleHistoryAdmin):
    """History with restore, deleted records, plain words on protected deletes, and no
    lost updates (a stale change form is refused)."""

    form = ArchiveForm
    change_list_template = "admin/archive_change_list.html"
    delete_confirmation_template = "admin/archive_delete_confirmation.html"
    delete_selected_confirmation_template = (
        "admin/archive_delete_selected_confirmation.html"
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if "change_reason" not in flatten_fieldsets(fieldsets):
            fieldsets.append(("Why", {"fields": ["change_reason"]}))
        return fieldsets

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.change_reason_text()
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        """Save inline rows with the change form's reason in their history too."""
        reason = form.change_reason_text()
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj._change_reason = reason
            obj.delete()
        for obj in instances:
            obj._change_reason = reason
            obj._history_user = request.user
            obj.save()
        formset.save_m2m()

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
        # Seeing what was deleted is reading (view or change); restoring a record is
        # checked again on its history page.
        if not self.has_view_permission(request):
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
