"""The base of every archive admin: history with restore, deleted records, plain-words deletes.

Every archive model's admin keeps its history (who, when, what, and why) with restore,
lists the records deleted by mistake so they can be brought back, and explains in plain
words why a record that others depend on cannot be deleted.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import router, transaction
from django.db.models import OuterRef, Subquery
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

from .services import DEFAULT_REASON, delete_with_history, save_with_history

# history_change_reason is a CharField(max_length=100) in simple-history's tables.
REASON_MAX_LENGTH = 100
ADDED_REASON = "Added in the admin"
DELETED_REASON = "Deleted in the admin"


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


class SaveRefused(Exception):
    """The archive's write path refused a row the admin's forms had passed.

    `errors` are (field, message) pairs: a field of the change form's own row, or None
    with a message that names the row (an inline's, a correction's).
    """

    def __init__(self, errors: list[tuple[str | None, str]]):
        super().__init__("; ".join(message for _field, message in errors))
        self.errors = errors


def refusal(error: ValidationError, row: str | None = None) -> SaveRefused:
    """Turn a row's ValidationError into a SaveRefused; `row` names a row not the form's."""
    try:
        items = error.message_dict.items()
    except AttributeError:  # a ValidationError with no fields
        items = [(NON_FIELD_ERRORS, error.messages)]
    errors = []
    for field, messages in items:
        for message in messages:
            if row is not None:
                errors.append((None, f"{row}: {message}"))
            else:
                errors.append((None if field == NON_FIELD_ERRORS else field, message))
    return SaveRefused(errors)


def row_name(obj) -> str:
    return f"{capfirst(obj._meta.verbose_name)} “{obj}”"


class ArchiveAdmin(StaleFormCheckMixin, SimpleHistoryAdmin):
    """History with restore, deleted records, plain words on protected deletes, and no
    lost updates (a stale change form is refused).

    Every row the admin saves or deletes (the change form's, its inlines', a restored
    version's, a delete's) goes through history.services, with the archivist and the
    form's reason. A row the forms passed but the model refuses (an inline quote of an
    edition being added, by someone it does not list) rolls the whole save back and
    shows the form again with the model's message.
    """

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

    def save_row(self, request, obj, reason: str, *, named: bool = True) -> None:
        """Save a row through the archive's write path; a refusal raises SaveRefused.

        `named=False` for the change form's own row, whose errors go on its fields.
        """
        try:
            save_with_history(obj, user=request.user, reason=reason)
        except ValidationError as error:
            raise refusal(error, row_name(obj) if named else None) from error

    def save_model(self, request, obj, form, change):
        self.save_row(request, obj, form.change_reason_text(), named=False)

    def save_formset(self, request, form, formset, change):
        """Save inline rows with the change form's reason in their history too."""
        reason = form.change_reason_text()
        instances = formset.save(commit=False)
        # (Django's inline forms refuse deleting a row others point to.)
        for obj in formset.deleted_objects:
            delete_with_history(obj, user=request.user, reason=reason)
        for obj in instances:
            self.save_row(request, obj, reason)
        formset.save_m2m()

    def deletion_reason(self, request) -> str:
        """The reason the delete confirmation gives (its optional field), or the default."""
        reason = (request.POST.get("change_reason") or "").strip()
        return reason[:REASON_MAX_LENGTH] or DELETED_REASON

    def delete_model(self, request, obj):
        delete_with_history(
            obj, user=request.user, reason=self.deletion_reason(request)
        )

    def delete_queryset(self, request, queryset):
        """Delete the selected rows one by one, so each history entry has its reason."""
        reason = self.deletion_reason(request)
        with transaction.atomic(using=router.db_for_write(self.model)):
            for obj in queryset:
                delete_with_history(obj, user=request.user, reason=reason)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        refused = getattr(request, "archive_save_refused", None)
        if refused is None:
            return form

        class RefusedForm(form):
            """The same form again, with what the write path refused on saving it."""

            def clean(self):
                cleaned = super().clean()
                for field, message in refused.errors:
                    self.add_error(field if field in self.fields else None, message)
                return cleaned

        RefusedForm.__name__ = form.__name__
        return RefusedForm

    def refusing(self, view, request, *args, **kwargs):
        """Run a form view; if the write path refuses the save, undo all of it and show
        the same form again with the refusal (get_form adds it to the form's errors)."""
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return view(request, *args, **kwargs)
        except SaveRefused as refused:
            request.archive_save_refused = refused
            return view(request, *args, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self.refusing(
            super().changeform_view, request, object_id, form_url, extra_context
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Revert to (or restore) a version, through the same write path as a change."""
        return self.refusing(
            super().history_form_view, request, object_id, version_id, extra_context
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
