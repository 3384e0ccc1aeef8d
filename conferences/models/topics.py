"""The subjects on the conference's agenda, and which editions discussed them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import Sourced, published_edition
from .subqueries import ExistsOnce

if TYPE_CHECKING:
    from .editions import Conference


class TopicQuerySet(models.QuerySet):
    def discussed(self):
        """Return the topics some published edition discussed (with_edition_counts()
        above 0), each found by its first link: no count of all the links (ExistsOnce:
        a probe of the links' index a topic, not a hash of every published edition)."""
        return self.filter(
            ExistsOnce(
                ConferenceTopic.objects.published().filter(topic=models.OuterRef("pk"))
            )
        )

    def with_edition_counts(self):
        """Annotate each topic with how many published editions discussed it."""
        return self.annotate(
            edition_count=models.Count(
                "conferences",
                filter=published_edition("conferences"),
                distinct=True,
            )
        )

    def for_detail(self):
        """Return topics with their edition counts and the links to the published editions
        that discussed them (with each link's report excerpt), as `link_list`."""
        return self.with_edition_counts().prefetch_related(
            Prefetch(
                "conference_links",
                queryset=ConferenceTopic.objects.published()
                .select_related("conference", "source")
                .order_by("conference__edition"),
                to_attr="link_list",
            )
        )


class Topic(models.Model):
    """A subject on the conference's agenda: a crime area, a technology, a programme…"""

    class Kind(models.TextChoices):
        CRIME_AREA = "crime_area", _("Crime area")
        TECHNOLOGY = "technology", _("Technology")
        CAPABILITY = "capability", _("INTERPOL capability or programme")
        OPERATION = "operation", _("Operation")
        DECLARATION = "declaration", _("Declaration")
        POLICING = "policing", _("Policing practice")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(blank=True)
    synonyms = models.TextField(
        blank=True,
        help_text="Other names readers search the topic by, one a line (cyber crime).",
    )

    objects = TopicQuerySet.as_manager()
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
    def synonym_list(self) -> list[str]:
        """The topic's other names, one a line in `synonyms`."""
        return [name.strip() for name in self.synonyms.splitlines() if name.strip()]

    @property
    def editions_discussed(self) -> list[Conference]:
        """The published editions that discussed the topic, from for_detail()'s links."""
        return [link.conference for link in self.link_list]


class ConferenceTopic(Sourced):
    """A topic of an edition, as a report says: on its agenda, or cited as an example.

    Whether the agenda was announced or reported as done is the report's `text_kind`.
    """

    class Mention(models.TextChoices):
        AGENDA = "agenda", "On the agenda"
        EXAMPLE = "example", "Mentioned as an example"

    conference = models.ForeignKey(
        "conferences.Conference", on_delete=models.CASCADE, related_name="topic_links"
    )
    topic = models.ForeignKey(
        "conferences.Topic", on_delete=models.PROTECT, related_name="conference_links"
    )
    mention = models.CharField(
        max_length=10,
        choices=Mention.choices,
        default=Mention.AGENDA,
        help_text="An agenda topic, or an operation a speaker cited as an example.",
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
