"""What every sourced fact shares: the rule "of a published edition", and its excerpt."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext

from ..text import contains_excerpt

# The status of an edition readers may see (Conference.Status.PUBLISHED).
PUBLISHED_STATUS = "published"


def published_edition(path: str = "") -> Q:
    """Return the one rule "of a published edition", seen through a relation path.

    `published_edition()` filters editions; `published_edition("conference")` filters rows
    that belong to an edition; `published_edition("conferences")` topics through their links.
    """
    prefix = f"{path}__" if path else ""
    return Q(**{f"{prefix}status": PUBLISHED_STATUS})


class FactQuerySet(models.QuerySet):
    """Rows that belong to an edition (citations, quotes, figures…)."""

    def published(self):
        """Return the rows of published editions: what readers and API clients may see."""
        return self.filter(published_edition("conference"))


class Sourced(models.Model):
    """A fact taken from a report, with the verbatim excerpt that states it."""

    source = models.ForeignKey(
        "conferences.SourceReport", on_delete=models.PROTECT, related_name="+"
    )
    excerpt = models.TextField(
        help_text="The words of the report that state this fact, copied exactly."
    )

    objects = FactQuerySet.as_manager()

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
                "excerpt": gettext(
                    "This excerpt is not in the text of the report “%(report)s”."
                )
                % {"report": fact.source}
            }
        )
