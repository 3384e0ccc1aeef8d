"""Reports imported by archivists: what the rules extracted, where the import stands, and
what it could not place."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from history.services import delete_with_history, save_with_history

from .base import PUBLISHED_STATUS, published_edition
from .editions import ordinal


class ReportImportQuerySet(models.QuerySet):
    def in_state(self, state: str):
        """Return the imports in a state (ReportImport.State), as ReportImport.state says."""
        return self.filter(ReportImport.state_condition(state))

    def for_listing(self):
        return self.select_related("source", "conference", "created_by")


class ReportImport(models.Model):
    """A report imported by an archivist: what the rules extracted, and what they propose.

    The extraction (`draft`) keeps every value with the excerpt it came from and the rule's
    confidence. A new edition is drafted at once (hidden from readers until published); for
    an edition the archive already has, the import holds `proposals` (additions and
    corrections) until an archivist applies them.

    Where an import stands (`state`) is never stored on its own: it follows from when it
    was applied or discarded and from its edition's status, so publishing or unpublishing
    the edition, from anywhere, moves the import with it.
    """

    class State(models.TextChoices):
        # drafted: not yet applied to an edition; in review: applied to an edition
        # readers do not see yet; published: its edition is public.
        DRAFTED = "drafted", pgettext_lazy("import state", "Drafted")
        IN_REVIEW = "in_review", pgettext_lazy("import state", "In review")
        PUBLISHED = "published", pgettext_lazy("import state", "Published")
        DISCARDED = "discarded", pgettext_lazy("import state", "Discarded")

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
    applied_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When its values were written into its edition.",
    )
    discarded_at = models.DateTimeField(null=True, blank=True)
    discard_reason = models.TextField(
        blank=True, help_text="Why an archivist discarded the import."
    )

    objects = ReportImportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "report import"
        constraints = [
            # An applied import names its edition, unless discarding it removed the draft.
            models.CheckConstraint(
                condition=Q(applied_at__isnull=True)
                | Q(conference__isnull=False)
                | Q(discarded_at__isnull=False),
                name="report_import_applied_has_edition",
            ),
            models.CheckConstraint(
                condition=Q(discarded_at__isnull=True) | ~Q(discard_reason=""),
                name="report_import_discarded_says_why",
            ),
        ]

    def __str__(self):
        edition = f"{ordinal(self.edition)} edition" if self.edition else "no edition"
        return f"Import of {self.source.slug} ({edition}, {self.state_label})"

    @staticmethod
    def state_condition(state: str, path: str = "") -> Q:
        """Return the rule of a state as a filter, seen through a relation path: the
        same rule as `state`, in SQL."""
        prefix = f"{path}__" if path else ""

        def q(**lookups) -> Q:
            return Q(**{prefix + name: value for name, value in lookups.items()})

        kept = q(discarded_at__isnull=True, pk__isnull=False)
        applied = kept & q(applied_at__isnull=False)
        published = published_edition(prefix + "conference")
        return {
            ReportImport.State.DRAFTED: kept & q(applied_at__isnull=True),
            ReportImport.State.IN_REVIEW: applied & ~published,
            ReportImport.State.PUBLISHED: applied & published,
            ReportImport.State.DISCARDED: q(discarded_at__isnull=False),
        }[state]

    @property
    def state(self) -> str:
        """Where the import stands: drafted, in review, published or discarded."""
        if self.discarded_at is not None:
            return self.State.DISCARDED
        if self.applied_at is None:
            return self.State.DRAFTED
        if self.conference.status == PUBLISHED_STATUS:
            return self.State.PUBLISHED
        return self.State.IN_REVIEW

    @property
    def state_label(self) -> str:
        return self.State(self.state).label

    def mark_applied(self, conference) -> None:
        """Drafted → in review (or published, for an edition readers already see).

        Called by the importer once it has written the values into `conference`; the
        caller saves the import.
        """
        if self.state != self.State.DRAFTED:
            raise ValidationError(
                gettext(
                    "This import is %(state)s: only a drafted import can be applied."
                )
                % {"state": self.state_label}
            )
        self.conference = conference
        self.applied_at = timezone.now()

    def discard(self, *, by=None, reason: str) -> str:
        """Set the import aside, taking back its draft edition when readers never saw it.

        The rule: a drafted import wrote nothing into an edition, so only its state
        changes (its report stays stored, so it is not imported twice). An import in
        review whose draft edition it created (no other report describes it) and that
        was never published takes that edition back: the edition and every row in it are
        deleted, each with the reason in its history. Any other edition is left as it
        is. An import whose edition readers see cannot be discarded. Returns what was
        done, in words.
        """
        reason = reason.strip()
        if not reason:
            raise ValidationError(gettext("Say why you discard this import."))
        state = self.state
        if state == self.State.DISCARDED:
            raise ValidationError(gettext("This import is already discarded."))
        if state == self.State.PUBLISHED:
            raise ValidationError(
                gettext(
                    "Readers see the %(edition)s: an import of a published edition "
                    "cannot be discarded. Unpublish the edition first, or correct it."
                )
                % {"edition": self.conference}
            )
        with transaction.atomic():
            outcome = gettext("The import is discarded; no edition was changed.")
            if state == self.State.IN_REVIEW:
                if self.drafted_its_edition():
                    outcome = self._delete_draft_edition(by=by, reason=reason)
                else:
                    outcome = gettext(
                        "The import is discarded; the %(edition)s is left as it is "
                        "(other reports describe it, or readers have seen it): change "
                        "it by hand if need be."
                    ) % {"edition": self.conference}
            self.discarded_at = self.discarded_at or timezone.now()
            self.discard_reason = reason
            save_with_history(self, user=by, reason=f"Discarded: {reason}"[:100])
        return outcome

    def drafted_its_edition(self) -> bool:
        """Tell whether the edition exists only through this import and was never public."""
        conference = self.conference
        if conference is None or conference.status == PUBLISHED_STATUS:
            return False
        others = conference.sources.exclude(pk=self.source_id).exists() or (
            conference.imports.exclude(pk=self.pk).exists()
        )
        ever_published = conference.history.filter(status=PUBLISHED_STATUS).exists()
        return not others and not ever_published

    def _delete_draft_edition(self, *, by, reason: str) -> str:
        from speakers.models import Appearance, Quote

        conference = self.conference
        name = str(conference)
        why = f"Import discarded: {reason}"[:100]
        rows = [
            *Quote.objects.filter(conference=conference),
            *Appearance.objects.filter(conference=conference),
            *conference.topic_links.all(),
            *conference.key_figures.all(),
            *conference.round_tables.all(),
            *conference.corrections.all(),
            *conference.citations.all(),
        ]
        for row in rows:
            delete_with_history(row, user=by, reason=why)
        source = self.source
        source.conference = None
        save_with_history(source, user=by, reason=why)
        # Let go of the edition before deleting it (discarded, so no longer applied to
        # one); discard() then saves the import, with its history entry.
        self.discarded_at = timezone.now()
        ReportImport.objects.filter(pk=self.pk).update(
            conference=None, discarded_at=self.discarded_at, discard_reason=reason
        )
        self.conference = None
        try:
            delete_with_history(conference, user=by, reason=why)
        except models.ProtectedError as error:  # rows of a kind this rule does not know
            raise ValidationError(
                gettext(
                    "The %(edition)s was not deleted: other records depend on it "
                    "(%(records)s). Nothing was discarded."
                )
                % {
                    "edition": name,
                    "records": ", ".join(
                        sorted({str(o) for o in error.protected_objects})
                    ),
                }
            ) from None
        return ngettext(
            "The import is discarded and its draft, the %(edition)s, is deleted with "
            "the %(count)s row the import had written.",
            "The import is discarded and its draft, the %(edition)s, is deleted with "
            "the %(count)s rows the import had written.",
            len(rows),
        ) % {"edition": name, "count": len(rows)}


class UnplacedFindingQuerySet(models.QuerySet):
    def open(self):
        """Return the findings nobody has added or dismissed yet, of imports not discarded."""
        return self.filter(
            decision=UnplacedFinding.Decision.OPEN,
            report_import__discarded_at__isnull=True,
        )


class UnplacedFinding(models.Model):
    """Something the report gives that the import could not place, until an archivist
    adds it to the archive or dismisses it (with a reason): nothing is silently dropped."""

    class Kind(models.TextChoices):
        PERSON = "person", _("A person the archive does not have")
        ROLE = "role", _("A role the archive has no office for")
        TOPIC = "topic", _("A topic not in the archive's vocabulary")
        FIGURE = "figure", _("A figure without a unit")
        ROUND_TABLE = "round_table", _("A regional round table")

    class Decision(models.TextChoices):
        OPEN = "open", _("To review")
        ADDED = "added", _("Added")
        DISMISSED = "dismissed", _("Dismissed")

    report_import = models.ForeignKey(
        ReportImport, on_delete=models.CASCADE, related_name="unplaced"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    value = models.CharField(
        max_length=300, help_text="What the report names: a person, a region, a topic…"
    )
    excerpt = models.TextField(blank=True)
    why = models.TextField(help_text="Why the import did not place it.")
    position = models.PositiveSmallIntegerField(default=0)
    decision = models.CharField(
        max_length=10, choices=Decision.choices, default=Decision.OPEN, db_index=True
    )
    note = models.TextField(
        blank=True, help_text="Why the archivist added or dismissed it."
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = UnplacedFindingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["report_import", "position", "pk"]
        verbose_name = "unplaced finding"
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="open") | ~Q(note=""),
                name="unplaced_finding_decision_says_why",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    @property
    def is_open(self) -> bool:
        return self.decision == self.Decision.OPEN

    def decide(self, decision: str, *, by=None, reason: str) -> None:
        """Record that the finding was added to the archive, or dismissed, and why."""
        reason = reason.strip()
        if not reason:
            raise ValidationError(gettext("Say why, for the history."))
        if not self.is_open:
            raise ValidationError(
                gettext("This finding was already %(decision)s.")
                % {"decision": self.get_decision_display().lower()}
            )
        self.decision = decision
        self.note = reason
        self.decided_at = timezone.now()
        self.decided_by = by
        label = self.Decision(decision).label
        save_with_history(self, user=by, reason=f"{label}: {reason}"[:100])


def unplaced_problems(conference) -> list[str]:
    """Return why the edition's imports keep it from being published: open findings."""
    problems = []
    counts = (
        UnplacedFinding.objects.open()
        .filter(report_import__conference=conference)
        .values_list("report_import__source__slug")
        .annotate(count=models.Count("pk"))
        .order_by("report_import__source__slug")
    )
    for slug, count in counts:
        problems.append(
            ngettext(
                "The import of %(report)s found %(count)s thing it could not place "
                "(a person, a round table, a figure…) that nobody has added or "
                "dismissed: review it on the import's page, so nothing the report says "
                "is silently dropped.",
                "The import of %(report)s found %(count)s things it could not place "
                "(people, round tables, figures…) that nobody has added or dismissed: "
                "review them on the import's page, so nothing the report says is "
                "silently dropped.",
                count,
            )
            % {"report": slug, "count": count}
        )
    return problems
