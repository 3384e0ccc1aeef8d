"""The base of every archive admin: history with restore, deleted records, plain-words deletes.

Every archive model's admin keeps its history (who, when, what, and why) with restore,
lists the records deleted by mistake so they can be brought back, and explains in plain
words why a record that others depend on cannot be deleted.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin


def edition_page(obj) -> str | None:
    """'View on site' for a fact: its edition's page."""
    return obj.conference.get_absolute_url() if obj.conference_id else None


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
