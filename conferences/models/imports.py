"""Reports imported by archivists, with what the rules extracted."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .editions import ordinal


class ReportImport(models.Model):
    """A report imported by an archivist: what the rules extracted, and what they propose.

    The extraction (`draft`) keeps every value with the excerpt it came from and the rule's
    confidence. A new edition is drafted at once (hidden from readers until published); for
    an edition the archive already has, the import holds `proposals` (additions and
    corrections) until an archivist applies them.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending review"
        APPLIED = "applied", "Applied"

    source = models.OneToOneField(
        "conferences.SourceReport",
        on_delete=models.PROTECT,
        related_name="report_import",
    )
    conference = models.ForeignKey(
        "conferences.Conference",
        on_delete=models.PROTECT,
        related_name="imports",
        null=True,
        blank=True,
        help_text="The edition the report describes, once known.",
    )
    edition = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The edition number: extracted, or set by the archivist when the report gives none.",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    draft = models.JSONField(
        default=dict,
        help_text="What the rules extracted: each value with its excerpt and confidence.",
    )
    proposals = models.JSONField(
        default=list,
        blank=True,
        help_text="For an edition already in the archive: the additions and corrections.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "report import"

    def __str__(self):
        edition = f"{ordinal(self.edition)} edition" if self.edition else "no edition"
        return f"Import of {self.source.slug} ({edition}, {self.get_status_display()})"
