"""The conference editions, the reports that describe them, and where each fact comes from."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from .text import contains_excerpt, reading_text


class Sourced(models.Model):
    """A fact taken from a report, with the verbatim excerpt that states it."""

    source = models.ForeignKey(
        "conferences.SourceReport", on_delete=models.PROTECT, related_name="+"
    )
    excerpt = models.TextField(
        help_text="The words of the report that state this fact, copied exactly."
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        validate_excerpt(self)


def validate_excerpt(fact) -> None:
    """Refuse an excerpt that does not stand, word for word, in its report's text."""
    if (
        fact.excerpt
        and fact.source_id
        and not contains_excerpt(fact.source.raw_text, fact.excerpt)
    ):
        raise ValidationError(
            {
                "excerpt": f"This excerpt is not in the text of the report “{fact.source}”."
            }
        )


class SourceReportQuerySet(models.QuerySet):
    def published(self):
        """Return the reports of published editions (and reports not yet tied to one).

        A report whose import an archivist has not yet reviewed stays hidden.
        """
        return self.exclude(conference__status=Conference.Status.DRAFT).exclude(
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
        return (
            self.published()
            .select_related("conference")
            .prefetch_related(
                Prefetch(
                    "citations",
                    queryset=Citation.objects.select_related("conference").order_by(
                        "field"
                    ),
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


class ConferenceQuerySet(models.QuerySet):
    def published(self):
        """Return the editions readers and API clients may see."""
        return self.filter(status=Conference.Status.PUBLISHED)

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

    def for_listing(self):
        """Return published editions with what a list shows: leaders, topics, citations."""
        return (
            self.published()
            .with_leaders()
            .prefetch_related(
                Prefetch(
                    "topic_links",
                    queryset=ConferenceTopic.objects.select_related("topic").order_by(
                        "topic__name"
                    ),
                    to_attr="topic_list",
                ),
                Prefetch(
                    "citations",
                    queryset=Citation.objects.select_related("source"),
                    to_attr="citation_list",
                ),
            )
            .order_by("edition")
        )

    def for_detail(self):
        """Return published editions with everything an edition page shows."""
        from speakers.models import Quote

        return self.for_listing().prefetch_related(
            Prefetch(
                "quotes",
                queryset=Quote.objects.select_related("person", "source").order_by(
                    "source__slug", "position"
                ),
                to_attr="quote_list",
            ),
            Prefetch(
                "key_figures",
                queryset=KeyFigure.objects.select_related("source").order_by(
                    "position"
                ),
                to_attr="key_figure_list",
            ),
            Prefetch(
                "round_tables",
                queryset=RoundTable.objects.select_related("source").order_by(
                    "position"
                ),
                to_attr="round_table_list",
            ),
            Prefetch(
                "sources",
                queryset=SourceReport.objects.order_by("slug"),
                to_attr="source_list",
            ),
        )

    def neighbours(self, edition: int):
        """Return the published editions just before and just after an edition number."""
        published = self.published().only("edition", "year")
        return (
            published.filter(edition__lt=edition).order_by("-edition").first(),
            published.filter(edition__gt=edition).order_by("edition").first(),
        )


class Conference(models.Model):
    """One annual edition of the Heads of National Central Bureaus Conference."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (hidden from readers)"
        PUBLISHED = "published", "Published"

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
    # What the portal's search and the API's `search=` look in.
    SEARCH_FIELDS = ("city", "country", "venue", "theme", "format", "summary")
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

    def __str__(self):
        year = f" ({self.year})" if self.year else ""
        return f"{ordinal(self.edition)} Heads of NCB Conference{year}"

    def get_absolute_url(self):
        return reverse("conferences:edition-detail", args=[self.edition])

    def clean(self):
        super().clean()
        for field in ("start_date", "end_date"):
            value = getattr(self, field)
            if value and self.year and value.year != self.year:
                raise ValidationError(
                    {field: f"This date is not in the edition's year, {self.year}."}
                )

    @property
    def inferred_fields(self) -> list[str]:
        """The names of the fields whose value no report states, only evidence implies."""
        citations = getattr(self, "citation_list", None)
        if citations is None:
            citations = list(self.citations.all())
        stated = {c.field for c in citations if not c.inferred}
        return sorted(
            {c.field for c in citations if c.inferred and c.field not in stated}
        )


def ordinal(number: int) -> str:
    """Return 1st, 2nd, 3rd, 11th, 20th… for a number."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


class Citation(models.Model):
    """Where one field of an edition comes from: a report's words, or reasoning from evidence."""

    class Field(models.TextChoices):
        EDITION = "edition", "Edition number"
        YEAR = "year", "Year"
        START_DATE = "start_date", "Start date"
        END_DATE = "end_date", "End date"
        CITY = "city", "City"
        COUNTRY = "country", "Country"
        VENUE = "venue", "Venue"
        THEME = "theme", "Theme"
        DELEGATES = "delegates", "Delegates"
        COUNTRIES = "countries", "Countries represented"
        MEMBER_COUNTRIES = "member_countries", "INTERPOL member countries"
        FORMAT = "format", "Format"

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
    inferred = models.BooleanField(
        default=False,
        help_text="The report does not state this value; it follows from evidence.",
    )
    reasoning = models.TextField(
        blank=True,
        help_text="For an inferred value: how it follows, and which public records.",
    )
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
        ]

    def __str__(self):
        kind = "inferred" if self.inferred else "stated"
        return f"{self.conference} — {self.get_field_display()} ({kind})"

    def clean(self):
        super().clean()
        # The constraints' rules, with messages that say what to add.
        if self.inferred and not self.reasoning.strip():
            raise ValidationError(
                {"reasoning": "An inferred value needs its reasoning: how it follows."}
            )
        if not self.inferred and not self.excerpt:
            raise ValidationError(
                {"excerpt": "A stated value needs the report's words that state it."}
            )
        validate_excerpt(self)

    @property
    def value(self):
        """The edition's current value for the cited field."""
        return getattr(self.conference, self.field)


class TopicQuerySet(models.QuerySet):
    def with_edition_counts(self):
        """Annotate each topic with how many published editions discussed it."""
        return self.annotate(
            edition_count=models.Count(
                "conferences",
                filter=Q(conferences__status=Conference.Status.PUBLISHED),
                distinct=True,
            )
        )

    def for_detail(self):
        """Return topics with their edition counts and the links to the published editions
        that discussed them (with each link's report excerpt), as `link_list`."""
        return self.with_edition_counts().prefetch_related(
            Prefetch(
                "conference_links",
                queryset=ConferenceTopic.objects.filter(
                    conference__status=Conference.Status.PUBLISHED
                )
                .select_related("conference", "source")
                .order_by("conference__edition"),
                to_attr="link_list",
            )
        )


class Topic(models.Model):
    """A subject on the conference's agenda: a crime area, a technology, a programme…"""

    class Kind(models.TextChoices):
        CRIME_AREA = "crime_area", "Crime area"
        TECHNOLOGY = "technology", "Technology"
        CAPABILITY = "capability", "INTERPOL capability or programme"
        OPERATION = "operation", "Operation"
        DECLARATION = "declaration", "Declaration"
        POLICING = "policing", "Policing practice"
        OTHER = "other", "Other"

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(blank=True)

    objects = TopicQuerySet.as_manager()
    # What the portal's search and the API's `search=` look in.
    SEARCH_FIELDS = ("name", "description")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("conferences:topic-detail", args=[self.slug])

    @property
    def editions_discussed(self) -> list[Conference]:
        """The published editions that discussed the topic, from for_detail()'s links."""
        return [link.conference for link in self.link_list]


class ConferenceTopic(Sourced):
    """A topic an edition discussed, as a report says."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="topic_links"
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="conference_links"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["conference", "topic"]
        verbose_name = "topic discussed"
        verbose_name_plural = "topics discussed"
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "topic"], name="conference_topic_once"
            ),
        ]

    def __str__(self):
        return f"{self.topic} at the {self.conference}"


class KeyFigure(Sourced):
    """A number a report gives: messages exchanged, searches, assets seized, arrests…"""

    class Qualifier(models.TextChoices):
        EXACT = "", "exactly"
        MORE_THAN = "more_than", "more than"
        OVER = "over", "over"
        NEARLY = "nearly", "nearly"
        APPROXIMATELY = "approximately", "approximately"
        AROUND = "around", "around"

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="key_figures"
    )
    label = models.CharField(max_length=200, help_text="What the number measures.")
    value = models.BigIntegerField(
        help_text="The number written out: 18 million is 18000000."
    )
    unit = models.CharField(
        max_length=50, help_text="messages, searches, USD, suspects…"
    )
    qualifier = models.CharField(max_length=20, choices=Qualifier.choices, blank=True)
    period = models.CharField(
        max_length=100, blank=True, help_text="2023, per second, past 12 months…"
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["conference", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0), name="key_figure_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.value} {self.unit}"


class RoundTable(Sourced):
    """A regional round table held at an edition."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="round_tables"
    )
    region = models.CharField(max_length=150)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["conference", "position"]
        verbose_name = "regional round table"
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "region"], name="round_table_region_once"
            ),
        ]

    def __str__(self):
        return f"{self.region} round table"


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
        SourceReport, on_delete=models.PROTECT, related_name="report_import"
    )
    conference = models.ForeignKey(
        Conference,
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
