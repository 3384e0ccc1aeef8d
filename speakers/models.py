"""The people who spoke at the conference, the offices they held, and their words."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from conferences.models import Conference, FactQuerySet, Sourced, published_edition
from conferences.text import contains_excerpt


class PersonQuerySet(models.QuerySet):
    def for_listing(self):
        """Return people with their offices and the number of published editions attended."""
        return (
            self.annotate(
                edition_count=models.Count(
                    "appearances__conference",
                    filter=published_edition("appearances__conference"),
                    distinct=True,
                )
            )
            .prefetch_related(
                Prefetch(
                    "tenures",
                    # Undated offices (a record names the post, not its dates) last.
                    queryset=Tenure.objects.select_related(
                        "office", "source", "end_source"
                    ).order_by(models.F("started_on").asc(nulls_last=True), "pk"),
                    to_attr="tenure_list",
                )
            )
            .select_related("nationality_source")
            .order_by("name")
        )

    def for_detail(self):
        """Return people with their offices, appearances and quotes at published editions."""
        return self.for_listing().prefetch_related(
            Prefetch(
                "appearances",
                queryset=Appearance.objects.published()
                .select_related("conference", "office", "source")
                .order_by("conference__edition", "office__rank"),
                to_attr="appearance_list",
            ),
            Prefetch(
                "quotes",
                queryset=Quote.objects.published()
                .select_related("conference", "source")
                .order_by("conference__edition", "position"),
                to_attr="quote_list",
            ),
        )


class Person(models.Model):
    """Someone a report names: an INTERPOL leader, the head of a national bureau…"""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    short_name = models.CharField(
        max_length=60,
        blank=True,
        help_text="The name for tight spaces, such as the family name: Stock, Kim, Meng.",
    )
    other_names = models.TextField(
        blank=True,
        help_text="Other spellings the reports use, one a line (Ahmed Naser al-Raisi).",
    )
    summary = models.TextField(
        blank=True, help_text="Who this is, written for the archive."
    )
    nationality = models.CharField(
        max_length=100,
        blank=True,
        help_text="The person's country, as a record names it.",
    )
    nationality_source = models.ForeignKey(
        "conferences.SourceReport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The report or public record that names the person's country.",
    )
    nationality_excerpt = models.TextField(
        blank=True,
        help_text="The source's words that name the country, copied exactly.",
    )

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("speakers:person-detail", args=[self.slug])

    def clean(self):
        super().clean()
        if self.nationality and not (
            self.nationality_source_id and self.nationality_excerpt
        ):
            raise ValidationError(
                {
                    "nationality": "A nationality needs its source and the source's words."
                }
            )
        if (
            self.nationality_excerpt
            and self.nationality_source_id
            and not contains_excerpt(
                self.nationality_source.raw_text, self.nationality_excerpt
            )
        ):
            raise ValidationError(
                {
                    "nationality_excerpt": "This excerpt is not in the text of "
                    f"“{self.nationality_source}”."
                }
            )

    @property
    def names(self) -> list[str]:
        """Every name the person goes by, the main one first."""
        return [self.name] + [
            n.strip() for n in self.other_names.splitlines() if n.strip()
        ]


class Office(models.Model):
    """A post someone can hold: INTERPOL President, Secretary General, head of an NCB…"""

    class Kind(models.TextChoices):
        PRESIDENT = "president", _("INTERPOL President")
        SECRETARY_GENERAL = "secretary_general", _("INTERPOL Secretary General")
        VICE_PRESIDENT = "vice_president", _("INTERPOL Vice-President")
        NCB_HEAD = "ncb_head", _("Head of a National Central Bureau")
        OTHER = "other", _("Other")

    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    rank = models.PositiveSmallIntegerField(
        default=100, help_text="Order in lists of leaders: lower comes first."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["rank", "title"]

    def __str__(self):
        return self.title


class Tenure(models.Model):
    """A term of office, or another post a person held, from public records (the reports
    rarely give terms). Its dates are left empty where no record gives them."""

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        YEAR = "year", "Year only"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tenures")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="tenures")
    started_on = models.DateField(
        null=True,
        blank=True,
        help_text="Empty when no public record gives the start (the post is named only).",
    )
    ended_on = models.DateField(
        null=True,
        blank=True,
        help_text="Empty while in office, or when no public record gives the end.",
    )
    started_precision = models.CharField(
        max_length=4,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text="Year only: a record gives the year, not the day (1 January is stored).",
    )
    ended_precision = models.CharField(
        max_length=4,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text="Year only: a record gives the year, not the day (1 January is stored).",
    )
    reference = models.TextField(
        help_text="The public record the term comes from (it is not in the conference reports)."
    )
    source = models.ForeignKey(
        "conferences.SourceReport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The public record that gives the start of the term.",
    )
    excerpt = models.TextField(
        blank=True, help_text="The record's words, copied exactly."
    )
    end_source = models.ForeignKey(
        "conferences.SourceReport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The public record that ends the term.",
    )
    end_excerpt = models.TextField(
        blank=True, help_text="The record's words, copied exactly."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["office", "started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="tenure_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["person", "office", "started_on"], name="tenure_once"
            ),
        ]

    def __str__(self):
        if self.started_on is None and self.ended_on is None:
            return f"{self.person}, {self.office} (dates not recorded)"
        start = self.started_on.year if self.started_on else "?"
        end = self.ended_on.year if self.ended_on else "present"
        return f"{self.person}, {self.office} ({start}–{end})"

    def clean(self):
        super().clean()
        errors = {}
        for source_field, excerpt_field in (
            ("source", "excerpt"),
            ("end_source", "end_excerpt"),
        ):
            source = getattr(self, source_field)
            excerpt = getattr(self, excerpt_field)
            if excerpt and source is None:
                errors[source_field] = ["An excerpt needs the record it comes from."]
            elif excerpt and not contains_excerpt(source.raw_text, excerpt):
                errors[excerpt_field] = [
                    f"This excerpt is not in the text of “{source}”."
                ]
        if errors:
            raise ValidationError(errors)


class Appearance(Sourced):
    """Someone named at an edition, in a role, as a report says.

    Inferred when the source names the person at a meeting that is only inferred to be
    this edition (a record of "this year's conference", taken to be the 16th): the
    reasoning says how.
    """

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="appearances"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="appearances"
    )
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="appearances"
    )
    role = models.CharField(
        max_length=200, help_text="The role as the report words it."
    )
    inferred = models.BooleanField(
        default=False,
        help_text="The source names the person at a meeting only inferred to be this "
        "edition.",
    )
    reasoning = models.TextField(
        blank=True, help_text="For an inferred appearance: how it follows."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["conference", "office", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "person", "office"],
                name="appearance_once_per_office",
            ),
            models.CheckConstraint(
                condition=Q(inferred=False) | ~Q(reasoning=""),
                name="appearance_inferred_has_reasoning",
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.role}) at the {self.conference}"

    def clean(self):
        super().clean()
        if self.inferred and not self.reasoning.strip():
            raise ValidationError(
                {
                    "reasoning": gettext(
                        "An inferred value needs its reasoning: how it follows."
                    )
                }
            )


class QuoteQuerySet(FactQuerySet):
    def for_listing(self):
        """Return quotes of published editions with their speaker, edition and report."""
        return (
            self.published()
            .select_related("person", "conference", "source")
            .order_by("conference__edition", "source__slug", "position")
        )

    def direct(self):
        return self.filter(kind=Quote.Kind.DIRECT)


class Quote(Sourced):
    """Words a speaker said at an edition: quoted directly, or reported (paraphrased)."""

    class Kind(models.TextChoices):
        DIRECT = "direct", _("Direct quote")
        PARAPHRASE = "paraphrase", _("Reported speech")

    conference = models.ForeignKey(
        Conference, on_delete=models.PROTECT, related_name="quotes"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="quotes")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.DIRECT)
    text = models.TextField(
        help_text="For a direct quote, the exact words without the quotation marks; "
        "for reported speech, the report's sentence."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order of the words in the report."
    )
    also_excerpt = models.TextField(
        blank=True,
        help_text="Where the same words (or part of them) appear a second time in the report, "
        "such as a photo caption: recorded once, cited in both places.",
    )

    objects = QuoteQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["conference", "source", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "person", "text"], name="quote_once_per_report"
            ),
        ]

    def __str__(self):
        short = self.text if len(self.text) <= 60 else self.text[:57] + "…"
        return f"{self.person}: “{short}”"

    def get_absolute_url(self):
        return f"{self.conference.get_absolute_url()}#quote-{self.pk}"

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        if (
            self.text
            and self.source_id
            and not contains_excerpt(self.source.raw_text, self.text)
        ):
            errors["text"] = [
                f"These words are not in the text of the report “{self.source}”."
            ]
        if (
            self.also_excerpt
            and self.source_id
            and not contains_excerpt(self.source.raw_text, self.also_excerpt)
        ):
            errors["also_excerpt"] = [
                f"This excerpt is not in the text of the report “{self.source}”."
            ]
        if (
            self.person_id
            and self.conference_id
            and not Appearance.objects.filter(
                person_id=self.person_id, conference_id=self.conference_id
            ).exists()
        ):
            errors["person"] = [
                gettext(
                    "%(person)s is not recorded as appearing at the %(conference)s: "
                    "add their appearance first."
                )
                % {"person": self.person, "conference": self.conference}
            ]
        if errors:
            raise ValidationError(errors)
