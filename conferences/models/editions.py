"""The conference editions, and where each of their fields comes from."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from history.services import save_with_history

from ..support import supports, unsupported_message, value_text
from .base import PUBLISHED_STATUS, FactQuerySet, published_edition, validate_excerpt
from .facts import Delegation, KeyFigure, RoundTable
from .sources import SourceReport, without_report_texts
from .topics import ConferenceTopic


class ConferenceQuerySet(models.QuerySet):
    def published(self):
        """Return the editions readers and API clients may see."""
        return self.filter(published_edition())

    def with_leaders(self):
        """Prefetch the people who appeared, with their offices, as `leader_appearances`."""
        from speakers.models import Appearance

        return self.prefetch_related(
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("person", "office").order_by(
                    "office__rank", "person__name"
                ),
                to_attr="leader_appearances",
            )
        )

    def with_citations(self):
        """Prefetch which fields of each edition are inferred as `citation_list` (each
        citation's field and kind only), for Conference.inferred_fields."""
        return self.prefetch_related(
            Prefetch(
                "citations",
                queryset=Citation.objects.only("conference_id", "field", "inferred"),
                to_attr="citation_list",
            )
        )

    def with_leaders_and_topics(self):
        """Prefetch leaders and topics (`topic_list`), for editions of any status."""
        return (
            self.with_leaders()
            .prefetch_related(
                Prefetch(
                    "topic_links",
                    queryset=ConferenceTopic.objects.select_related("topic").order_by(
                        "topic__name"
                    ),
                    to_attr="topic_list",
                ),
            )
            .order_by("edition")
        )

    def for_listing(self):
        """Return published editions with what a list shows: leaders, topics, and which
        fields are inferred and what they rest on (`citation_list`, lean)."""
        return (
            self.published()
            .with_leaders_and_topics()
            .prefetch_related(
                Prefetch(
                    "citations",
                    # What the list shows of a citation: its field, whether and which
                    # part is inferred, and whether its source is a report or a record.
                    queryset=Citation.objects.select_related("source").only(
                        "conference_id",
                        "field",
                        "inferred",
                        "inferred_part",
                        "source__kind",
                    ),
                    to_attr="citation_list",
                ),
            )
        )

    def for_detail(self, *, drafts: bool = False):
        """Return published editions (drafts too, for staff) with all an edition page shows."""
        from speakers.models import Quote

        editions = self if drafts else self.published()
        return editions.with_leaders_and_topics().prefetch_related(
            Prefetch("corrections", to_attr="correction_list"),
            Prefetch(
                "citations",
                queryset=without_report_texts(
                    Citation.objects.select_related("source")
                ),
                to_attr="citation_list",
            ),
            Prefetch(
                "quotes",
                queryset=without_report_texts(
                    Quote.objects.select_related("person", "source")
                ).order_by("source__slug", "position"),
                to_attr="quote_list",
            ),
            Prefetch(
                "key_figures",
                queryset=without_report_texts(
                    KeyFigure.objects.select_related("source")
                ).order_by("position"),
                to_attr="key_figure_list",
            ),
            Prefetch(
                "round_tables",
                queryset=without_report_texts(
                    RoundTable.objects.select_related("source")
                ).order_by("position"),
                to_attr="round_table_list",
            ),
            Prefetch(
                "delegations",
                queryset=without_report_texts(
                    Delegation.objects.select_related("source")
                ).order_by("position"),
                to_attr="delegation_list",
            ),
            Prefetch(
                "sources",
                queryset=without_report_texts(SourceReport.objects, via="").order_by(
                    "slug"
                ),
                to_attr="source_list",
            ),
        )

    def for_page(self, *, drafts: bool = False):
        """Return published editions (drafts too, for staff) with all an edition's page
        shows, in one query: its leaders, topics, corrections, citations (each with the
        public records its reasoning rests on), quotes, key figures, round tables and
        delegations, each item with its source, its own reports, and its neighbours in
        the series, as JSON columns of the edition's row (edition_rows.page_rows()).

        Read one edition, then edition_rows.attach_page_lists() makes the lists model
        instances (one a source, however many items cite it), as the view does.
        """
        from .edition_rows import page_rows

        editions = self if drafts else self.published()
        return editions.annotate(**page_rows())

    def as_line_columns(self):
        """Return the editions as plain rows (dicts) of the columns a one-line summary of an
        edition shows (conferences.lines): its dates, place, counts and summary."""
        return self.values(
            "pk",
            "edition",
            "year",
            "start_date",
            "end_date",
            "city",
            "country",
            "delegates",
            "countries",
            "summary",
        )

    def line_values(self):
        """Return as_line_columns() with what tells which values are inferred and whether
        a report describes the edition, in the same query: listing_values()'s
        `described_by_report` and `inferred_part_rows` (conferences.lines)."""
        from .edition_rows import listed_rows

        lists = listed_rows()
        return self.as_line_columns().annotate(
            described_by_report=lists["report"],
            inferred_part_rows=lists["inferred_part_rows"],
        )

    def with_archive_totals(self):
        """Annotate each row with the archive's totals, counted once by the database in
        the rows' own query: `known_count` (published editions), `person_count` and
        `topic_count` (topics a published edition discussed)."""
        from .edition_rows import archive_totals

        return self.annotate(**archive_totals())

    def listing_values(self):
        """Return the editions as dicts of what a list shows, in one query: the facts,
        `described_by_report`, and as JSON lists (JSONRows) `leader_rows` (name, slug,
        role, office, office kind, inferred), `topic_rows` (name, slug, mention) and
        `inferred_part_rows` (field, "whole" or "year").

        No prefetch and no model instance: the API's list of editions reads only these.
        """
        from .edition_rows import listed_rows

        lists = listed_rows()
        editions = self
        if "described_by_report" not in self.query.annotations:
            # with_basis()'s rule (edition_rows.py), run for each edition's row.
            editions = self.annotate(described_by_report=lists["report"])
        return editions.values(*Citation.Field.values, "described_by_report").annotate(
            **{name: rows for name, rows in lists.items() if name != "report"}
        )

    def detail_values(self):
        """Return the editions as dicts of all an edition's API answer shows, in one query:
        listing_values(), the summary, and as JSON lists `correction_rows`, `quote_rows`,
        `key_figure_rows`, `round_table_rows`, `delegation_rows`, `source_rows` and
        `citation_rows` (each citation's evidence a list of slugs), in the orders of
        for_detail() (ties, which it leaves to the database, by id or source)."""
        from .edition_rows import detailed_rows

        return self.listing_values().annotate(summary=F("summary"), **detailed_rows())

    def with_year_inferred(self):
        """Annotate `year_inferred`: no source states the year, one infers it (no extra query)."""
        from django.db.models import Exists, OuterRef

        def cited(inferred: bool):
            return Exists(
                Citation.objects.filter(
                    conference=OuterRef("pk"), field="year", inferred=inferred
                )
            )

        return self.annotate(year_inferred=cited(True) & ~cited(False))

    def with_basis(self):
        """Annotate `described_by_report`: one of the archive's reports (not only public
        records) is cited for a field, as Conference.has_report tells from loaded rows."""
        from django.db.models import Exists, OuterRef

        return self.annotate(
            described_by_report=Exists(
                Citation.objects.filter(
                    conference=OuterRef("pk"), source__kind=SourceReport.Kind.REPORT
                )
            )
        )


class Conference(models.Model):
    """One annual edition of the Heads of National Central Bureaus Conference."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (hidden from readers)")
        PUBLISHED = PUBLISHED_STATUS, _("Published")

    edition = models.PositiveSmallIntegerField(
        unique=True,
        help_text="The edition's ordinal number: 20 for the 20th conference.",
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    city = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    theme = models.CharField(max_length=300, blank=True)
    delegates = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many delegates (officials) attended."
    )
    countries = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How many countries were represented."
    )
    member_countries = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="INTERPOL's member countries at the time."
    )
    format = models.CharField(
        max_length=300,
        blank=True,
        help_text="How the meeting was run: plenary panels, round tables…",
    )
    summary = models.TextField(
        blank=True, help_text="A short summary written for the archive."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PUBLISHED, db_index=True
    )
    topics = models.ManyToManyField(
        "conferences.Topic",
        through="conferences.ConferenceTopic",
        related_name="conferences",
    )

    objects = ConferenceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["edition"]
        constraints = [
            models.CheckConstraint(
                condition=Q(edition__gte=1), name="conference_edition_positive"
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="conference_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(countries__isnull=True)
                | Q(member_countries__isnull=True)
                | Q(countries__lte=F("member_countries")),
                name="conference_countries_within_membership",
            ),
            models.CheckConstraint(
                condition=Q(countries__isnull=True)
                | Q(delegates__isnull=True)
                | Q(delegates__gte=F("countries")),
                name="conference_a_delegate_per_country",
            ),
        ]
        permissions = [
            ("publish_conference", "Can publish and unpublish editions"),
        ]

    def __str__(self):
        if self.year:
            return gettext("%(ordinal)s Heads of NCB Conference (%(year)s)") % {
                "ordinal": ordinal(self.edition),
                "year": self.year,
            }
        return gettext("%(ordinal)s Heads of NCB Conference") % {
            "ordinal": ordinal(self.edition)
        }

    def get_absolute_url(self):
        return reverse("conferences:edition-detail", args=[self.edition])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def publish(self, *, by=None, reason: str = "Published after review") -> None:
        """Show the edition to readers and API clients, once it is ready.

        Refused (ValidationError, one message a reason) for an edition without a summary
        or with errors in the consistency report (conferences.consistency).
        """
        problems = self.publishing_problems()
        if problems:
            raise ValidationError(problems)
        self.status = self.Status.PUBLISHED
        save_with_history(self, user=by, reason=reason)

    def publishing_problems(self) -> list[str]:
        """Return why the edition cannot be published yet, in words (empty when ready)."""
        from ..consistency import errors_of
        from .imports import unplaced_problems

        problems = []
        if not self.summary.strip():
            problems.append(
                "It has no summary: write one, readers see it first (and the home page's "
                "“Latest edition” box shows it)."
            )
        problems += [finding.message for finding in errors_of(self)]
        problems += unplaced_problems(self)  # what its imports could not place
        return problems

    def unpublish(self, *, by=None, reason: str = "Withdrawn for review") -> None:
        """Hide the edition again: it becomes a draft that only staff see."""
        self.status = self.Status.DRAFT
        save_with_history(self, user=by, reason=reason)

    def clean(self):
        super().clean()
        for field in ("start_date", "end_date"):
            value = getattr(self, field)
            if value and self.year and value.year != self.year:
                raise ValidationError(
                    {
                        field: gettext(
                            "This date is not in the edition's year, %(year)s."
                        )
                        % {"year": self.year}
                    }
                )
        errors = self.unsupported_changes()
        if errors:
            raise ValidationError(errors)

    def changed_sourced_fields(self) -> dict[str, tuple]:
        """Return {field: (saved value, new value)} for the cited fields this edit changes."""
        if self.pk is None:
            return {}
        names = Citation.Field.values
        saved = type(self).objects.filter(pk=self.pk).values(*names).first()
        if saved is None:
            return {}
        return {
            name: (saved[name], getattr(self, name))
            for name in names
            if saved[name] != getattr(self, name)
        }

    def unsupported_changes(self) -> dict[str, str]:
        """Return {field: message} for changed values that no stated citation supports.

        A value is accepted when one of its field's stated citations supports it (see
        conferences.support), when its field has no stated citation, or when a correction
        records it (saved, or pending in `_corrections_pending` while the admin saves one).
        """
        changed = self.changed_sourced_fields()
        if not changed:
            return {}
        stated: dict[str, list[Citation]] = {}
        for citation in self.citations.filter(field__in=changed, inferred=False):
            stated.setdefault(citation.field, []).append(citation)
        recorded = set(
            self.corrections.filter(field__in=changed).values_list("field", "new_value")
        )
        pending = getattr(self, "_corrections_pending", set())
        errors = {}
        for name, (_old, new) in changed.items():
            citations = stated.get(name)
            if not citations or new in (None, ""):
                continue
            if any(supports(name, new, c.excerpt) for c in citations):
                continue
            if name in pending or (name, value_text(new)) in recorded:
                continue
            errors[name] = unsupported_message(
                Citation.Field(name).label, new, [c.excerpt for c in citations]
            )
        return errors

    @property
    def has_report(self) -> bool:
        """Tell whether one of the archive's reports describes the edition (not records only)."""
        return any(c.source.kind == SourceReport.Kind.REPORT for c in self._citations())

    @property
    def record_only(self) -> bool:
        return not self.has_report

    def _citations(self) -> list:
        citations = getattr(self, "citation_list", None)
        if citations is None:
            citations = list(self.citations.select_related("source"))
        return citations

    def inferred_part(self, field: str) -> str:
        """Return which part of a field's value is inferred: "", "whole" or "year".

        A value some source states is not inferred, whatever other sources leave open.
        """
        citations = [c for c in self._citations() if c.field == field]
        if not citations or any(not c.inferred for c in citations):
            return ""
        return "year" if all(c.year_only for c in citations) else "whole"

    @property
    def dates_year_only_inferred(self) -> bool:
        """Tell whether the dates shown have day and month stated and the year inferred."""
        return (
            self.start_date is not None
            and self.inferred_part("start_date") == "year"
            and self.inferred_part("end_date") in ("", "year")
        )

    @property
    def dates_inferred(self) -> bool:
        """Tell whether the dates shown (or, without dates, the year) are inferred at all."""
        if self.start_date:
            return bool(
                self.inferred_part("start_date") or self.inferred_part("end_date")
            )
        return bool(self.inferred_part("year"))

    @property
    def inferred_fields(self) -> list[str]:
        """The names of the fields whose value no report states, only evidence implies."""
        citations = self._citations()
        stated = {c.field for c in citations if not c.inferred}
        return sorted(
            {c.field for c in citations if c.inferred and c.field not in stated}
        )


def ordinal(number: int) -> str:
    """Return an edition's ordinal in the active language: 20th, 20e, 20.ª, الـ20.

    French and Spanish agree with "conférence"/"conferencia", "édition"/"edición"
    (feminine): 1re, 1.ª.
    """
    language = (get_language() or "en").split("-")[0]
    if language == "fr":
        return f"{number}re" if number == 1 else f"{number}e"
    if language == "es":
        return f"{number}.ª"
    if language == "ar":
        return f"الـ{number}"
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


class CitationQuerySet(FactQuerySet):
    def inferred_parts_of(self, conference):
        """Return, for each field of `conference` (an edition or an OuterRef to one) that
        no source states and some evidence implies, its `field` and which `part` is
        inferred: "year" when every citation infers the year only, else "whole".

        Conference.inferred_part()'s rule, in SQL, for lists read as values.
        """
        return (
            self.filter(conference=conference)
            .values("field")
            .annotate(
                stated=models.Count("pk", filter=Q(inferred=False)),
                not_year_only=models.Count(
                    "pk", filter=~Q(inferred_part=Citation.InferredPart.YEAR)
                ),
            )
            .filter(stated=0)
            .annotate(
                part=models.Case(
                    models.When(
                        not_year_only=0, then=models.Value(Citation.InferredPart.YEAR)
                    ),
                    default=models.Value(Citation.InferredPart.WHOLE),
                )
            )
            .order_by("field")
        )


class Citation(models.Model):
    """Where one field of an edition comes from: a report's words, or reasoning from evidence."""

    class Field(models.TextChoices):
        EDITION = "edition", _("Edition number")
        YEAR = "year", _("Year")
        START_DATE = "start_date", _("Start date")
        END_DATE = "end_date", _("End date")
        CITY = "city", _("City")
        COUNTRY = "country", _("Country")
        VENUE = "venue", _("Venue")
        THEME = "theme", _("Theme")
        DELEGATES = "delegates", _("Delegates")
        COUNTRIES = "countries", _("Countries represented")
        MEMBER_COUNTRIES = "member_countries", _("INTERPOL member countries")
        FORMAT = "format", _("Format")

    conference = models.ForeignKey(
        Conference, on_delete=models.PROTECT, related_name="citations"
    )
    field = models.CharField(max_length=20, choices=Field.choices)
    source = models.ForeignKey(
        SourceReport, on_delete=models.PROTECT, related_name="citations"
    )
    excerpt = models.TextField(
        blank=True,
        help_text="The report's exact words. For an inferred value, the evidence (may be empty).",
    )

    class InferredPart(models.TextChoices):
        # Empty on an inferred value means the whole value, as "whole".
        WHOLE = "whole", "the whole value"
        YEAR = "year", "the year only (day and month are stated)"

    inferred = models.BooleanField(
        default=False,
        help_text="The report does not state this value; it follows from evidence.",
    )
    inferred_part = models.CharField(
        max_length=10,
        choices=InferredPart.choices,
        blank=True,
        help_text="For an inferred value: which part of it is inferred.",
    )
    reasoning = models.TextField(
        blank=True,
        help_text="For an inferred value: how it follows, and which public records.",
    )
    evidence = models.ManyToManyField(
        SourceReport,
        blank=True,
        related_name="evidence_for",
        limit_choices_to={"kind": "record"},
        help_text="The public records the reasoning rests on.",
    )
    objects = CitationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["conference", "field"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "field", "source"],
                name="citation_one_per_field_and_source",
            ),
            models.CheckConstraint(
                condition=Q(inferred=True) | ~Q(excerpt=""),
                name="citation_stated_has_excerpt",
            ),
            models.CheckConstraint(
                condition=Q(inferred=False) | ~Q(reasoning=""),
                name="citation_inferred_has_reasoning",
            ),
            models.CheckConstraint(
                condition=Q(inferred=True) | Q(inferred_part=""),
                name="citation_inferred_part_only_when_inferred",
            ),
        ]

    def __str__(self):
        kind = "inferred" if self.inferred else "stated"
        return f"{self.conference} — {self.get_field_display()} ({kind})"

    def clean(self):
        super().clean()
        # The constraints' rules, with messages that say what to add.
        if self.inferred and not self.reasoning.strip():
            raise ValidationError(
                {
                    "reasoning": gettext(
                        "An inferred value needs its reasoning: how it follows."
                    )
                }
            )
        if not self.inferred and not self.excerpt:
            raise ValidationError(
                {
                    "excerpt": gettext(
                        "A stated value needs the report's words that state it."
                    )
                }
            )
        if not self.inferred and self.inferred_part:
            raise ValidationError(
                {"inferred_part": "Only an inferred value has an inferred part."}
            )
        validate_excerpt(self)
        self.check_supports_value()

    def check_supports_value(self) -> None:
        """Refuse a stated excerpt that does not support its edition's current value.

        Unless another stated citation supports the value (two sources disagree: both are
        kept, the value follows one), or a correction records the value.
        """
        if self.inferred or not self.conference_id or not self.field:
            return
        if self.field not in Citation.Field.values:
            return
        # The saved value: a change to the edition's own value is checked by
        # Conference.clean(), once (the admin validates both forms in one request).
        value = (
            Conference.objects.filter(pk=self.conference_id)
            .values_list(self.field, flat=True)
            .first()
        )
        if supports(self.field, value, self.excerpt):
            return
        others = Citation.objects.filter(
            conference_id=self.conference_id, field=self.field, inferred=False
        ).exclude(pk=self.pk)
        if any(supports(self.field, value, c.excerpt) for c in others):
            return
        if self.conference.corrections.filter(
            field=self.field, new_value=value_text(value)
        ).exists():
            return
        raise ValidationError(
            {
                "excerpt": f"This excerpt does not support the edition's "
                f"{self.get_field_display().lower()}, {value_text(value)}: "
                f"“{self.excerpt}”. Cite words that state it, or record a correction."
            }
        )

    @property
    def year_only(self) -> bool:
        """Tell whether only the year of this value is inferred."""
        return self.inferred and self.inferred_part == self.InferredPart.YEAR

    @property
    def value(self):
        """The edition's current value for the cited field."""
        return getattr(self.conference, self.field)
