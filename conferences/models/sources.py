"""The reports and public records the archive's facts come from."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
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
        """Return the sources readers may see: public records, and reports of a published
        edition.

        A report becomes public only when an edition it supports is published: one not yet
        tied to an edition (its import deleted or still awaiting review) stays hidden, and
        so does one whose import an archivist has not yet reviewed. A public record is
        public already; the archive only quotes it.
        """
        from .imports import ReportImport

        return self.filter(
            Q(kind=SourceReport.Kind.RECORD) | published_edition("conference")
        ).exclude(
            ReportImport.state_condition(ReportImport.State.DRAFTED, "report_import")
        )

    def reports(self):
        return self.filter(kind=SourceReport.Kind.REPORT)

    def records(self):
        return self.filter(kind=SourceReport.Kind.RECORD)

    def for_listing(self):
        return (
            self.published()
            .select_related("conference")
            .order_by("-kind", "conference__edition", "published_on", "slug")
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
                ),
                Prefetch(
                    "evidence_for",
                    queryset=Citation.objects.published()
                    .select_related("conference")
                    .order_by("conference__edition", "field"),
                    to_attr="evidence_list",
                ),
            )
        )


def untitled_record(publisher: str) -> str:
    """Describe a public record that has no title: “Untitled item from Gulf News”."""
    return gettext("Untitled item from %(publisher)s") % {"publisher": publisher}


class SourceReport(models.Model):
    """A source of the archive's facts: one of its press reports, or a public record.

    A report is kept whole, as collected. A public record (a news release, an agency dispatch,
    a government page) is kept as the passages the archive quotes from it, each word for word,
    so that every excerpt citing it can be checked against its text like a report's.
    """

    class Kind(models.TextChoices):
        REPORT = "report", _("Press report")
        RECORD = "record", _("Public record")

    class TextKind(models.TextChoices):
        ANNOUNCEMENT = "announcement", _("An announcement published at the opening")
        ACCOUNT = "account", _("An account published after the meeting")
        REFERENCE = "reference", _("A reference page")

    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(
        max_length=10, choices=Kind.choices, default=Kind.REPORT, db_index=True
    )
    title = models.CharField(
        max_length=300,
        blank=True,
        help_text="A readable title: the record's own headline, or what the report is.",
    )
    url = models.URLField(
        max_length=500, blank=True, help_text="The original address; empty if unknown."
    )
    accessed_on = models.DateField(
        null=True, blank=True, help_text="The day the archive read the original."
    )
    text_kind = models.CharField(
        max_length=15,
        choices=TextKind.choices,
        blank=True,
        help_text="Whether the text announces the meeting or gives an account of it.",
    )
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
    published_on_inferred = models.BooleanField(
        default=False,
        help_text="The text carries no date; the date follows from evidence.",
    )
    published_on_reasoning = models.TextField(blank=True)
    language = models.CharField(max_length=10, default="en")
    raw_text = models.TextField(
        blank=True,
        help_text="A report's text exactly as collected, layout noise and all; for a "
        "public record, the passages the archive quotes from it, one a paragraph.",
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
    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]
        verbose_name = "source report"
        constraints = [
            models.CheckConstraint(
                condition=Q(publisher_inferred=False) | ~Q(publisher_reasoning=""),
                name="source_inferred_publisher_has_reasoning",
            ),
            models.CheckConstraint(
                condition=Q(published_on_inferred=False)
                | ~Q(published_on_reasoning=""),
                name="source_inferred_date_has_reasoning",
            ),
        ]

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        self.reading_text = reading_text(self.raw_text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("conferences:source-detail", args=[self.slug])

    def clean(self):
        super().clean()
        if self.kind == self.Kind.REPORT and not self.raw_text.strip():
            raise ValidationError({"raw_text": "A report needs its text."})
        if self.kind == self.Kind.RECORD and self.conference_id:
            raise ValidationError(
                {
                    "conference": "A public record is cited by facts, not tied to one edition."
                }
            )

    @property
    def display_title(self) -> str:
        """The readable title, the headline, or a description for a source with neither.

        In English, whatever the page's language: the API, the admin and the search
        index show it. A page writes `local_title` (or the `source_title` filter).
        """
        with translation.override("en"):
            return self.local_title

    @property
    def own_title(self) -> str:
        """The source's own title or headline (in its language), or "" if it has none."""
        return self.title or self.headline

    @property
    def local_title(self) -> str:
        """The source's own title, or a description of it in the active language."""
        if self.own_title:
            return self.own_title
        if self.kind == self.Kind.RECORD:
            if self.publisher:
                return untitled_record(self.publisher)
            return gettext("Untitled item from an unknown publisher")
        return pgettext(
            "a source without a title", "%(publisher)s report (%(slug)s)"
        ) % {
            "publisher": self.publisher or gettext("Unknown publisher"),
            "slug": self.slug,
        }

    @property
    def is_record(self) -> bool:
        return self.kind == self.Kind.RECORD

    @property
    def is_announcement(self) -> bool:
        return self.text_kind == self.TextKind.ANNOUNCEMENT
