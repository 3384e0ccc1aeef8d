"""The reports and public records the archive's facts come from."""

from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ..text import reading_text
from .base import published_edition

# A report's full texts: tens of kilobytes each, shown only on the report's own page.
REPORT_TEXTS = ("raw_text", "reading_text")


def without_report_texts(queryset, via: str = "source"):
    """Return the queryset with the full texts of the report at `via` deferred.

    A citation, quote or figure names its report (title, publisher, link): loading the
    report's texts with each of them would fetch the same kilobytes again for every row.
    """
    prefix = f"{via}__" if via else ""
    return queryset.defer(*(prefix + name for name in REPORT_TEXTS))


class SourceReportQuerySet(models.QuerySet):
    def published(self):
        """Return the reports readers may see: those of a published edition.

        A report becomes public only when an edition it supports is published: one not yet
        tied to an edition (its import deleted or still awaiting review) stays hidden, and
        so does one whose import an archivist has not yet reviewed.
        """
        from .imports import ReportImport

        return self.filter(published_edition("conference")).exclude(
            report_import__status=ReportImport.Status.PENDING
        )

    def for_listing(self):
        return (
            self.published()
            .select_related("conference")
            .order_by("conference__edition", "slug")
        )

    def for_detail(self):
        """Return published reports with their edition and the citations they support."""
        from .editions import Citation

        return (
            self.published()
            .select_related("conference")
            .prefetch_related(
                Prefetch(
                    "citations",
                    queryset=Citation.objects.published()
                    .select_related("conference")
                    .order_by("field"),
                    to_attr="citation_list",
                )
            )
        )


class SourceReport(models.Model):
    """One press report about the conference, as it was collected."""

    slug = models.SlugField(max_length=80, unique=True)
    conference = models.ForeignKey(
        "conferences.Conference",
        on_delete=models.PROTECT,
        related_name="sources",
        null=True,
        blank=True,
        help_text="The edition the report describes.",
    )
    file_name = models.CharField(
        max_length=200, blank=True, help_text="The file the report was collected as."
    )
    headline = models.CharField(
        max_length=300,
        blank=True,
        help_text="The report's own headline; empty if it has none.",
    )
    publisher = models.CharField(max_length=200, blank=True)
    publisher_inferred = models.BooleanField(
        default=False,
        help_text="The report does not name its publisher; see the reasoning.",
    )
    publisher_reasoning = models.TextField(blank=True)
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=10, default="en")
    raw_text = models.TextField(
        help_text="The text exactly as collected, layout noise and all."
    )
    reading_text = models.TextField(
        blank=True,
        editable=False,
        help_text="The text without layout noise, for readers.",
    )
    notes = models.TextField(
        blank=True, help_text="What an archivist should know about this report."
    )

    objects = SourceReportQuerySet.as_manager()
    # What the portal's search and the API's `search=` look in.
    SEARCH_FIELDS = ("headline", "publisher", "reading_text")
    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]
        verbose_name = "source report"
        constraints = [
            models.CheckConstraint(
                condition=Q(publisher_inferred=False) | ~Q(publisher_reasoning=""),
                name="source_inferred_publisher_has_reasoning",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.reading_text = reading_text(self.raw_text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("conferences:source-detail", args=[self.slug])

    @property
    def title(self) -> str:
        """The headline, or a description for a report that has none."""
        if self.headline:
            return self.headline
        return f"{self.publisher or 'Unknown publisher'} report ({self.slug})"
