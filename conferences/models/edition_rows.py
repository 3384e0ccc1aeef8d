"""The related lists of an edition's values (ConferenceQuerySet.listing_values() and
detail_values()), as JSON subqueries built once a process."""

from functools import cache

from django.db.models import OuterRef

from speakers.models import Appearance, Person, Quote

from .corrections import Correction
from .editions import Citation, Conference
from .facts import Delegation, KeyFigure, RoundTable
from .sources import SourceReport
from .subqueries import ExistsOnce, JSONRows, RowCount
from .topics import ConferenceTopic, Topic


@cache
def listed_rows() -> dict:
    """Return listing_values()'s JSON lists, built once (JSONRows: then resolved and
    compiled once too)."""
    return {
        # with_basis()'s `described_by_report` (the same rule: a test compares them).
        "report": ExistsOnce(
            Citation.objects.filter(
                conference=OuterRef("pk"), source__kind=SourceReport.Kind.REPORT
            )
        ),
        "leader_rows": JSONRows(
            Appearance.objects.filter(conference=OuterRef("pk")).order_by(
                "office__rank", "person__name", "pk"
            ),
            "person__name",
            "person__slug",
            "role",
            "office__title",
            "office__kind",
            "inferred",
        ),
        "topic_rows": JSONRows(
            ConferenceTopic.objects.filter(conference=OuterRef("pk")).order_by(
                "topic__name", "pk"
            ),
            "topic__name",
            "topic__slug",
            "mention",
        ),
        "inferred_part_rows": JSONRows(
            Citation.objects.inferred_parts_of(OuterRef("pk")), "field", "part"
        ),
    }


@cache
def archive_totals() -> dict:
    """Return with_archive_totals()'s counts, built once: the published editions, the
    people, and the topics a published edition discussed (Topic's
    with_edition_counts() above 0)."""
    return {
        "known_count": RowCount(Conference.objects.published()),
        "person_count": RowCount(Person.objects.all()),
        "topic_count": RowCount(Topic.objects.discussed()),
    }


@cache
def detailed_rows() -> dict:
    """Return detail_values()'s own JSON lists, built once."""

    def of_edition(model):
        return model.objects.filter(conference=OuterRef("pk"))

    return {
        "correction_rows": JSONRows(
            of_edition(Correction).order_by("-recorded_at", "-pk"),
            "pk",
            "field",
            "old_value",
            "new_value",
            "reason",
            "citation_id",
            "source_wrong",
            "evidence",
            "recorded_at",
        ),
        "quote_rows": JSONRows(
            of_edition(Quote).order_by("source__slug", "position", "pk"),
            "pk",
            "text",
            "kind",
            "person__name",
            "person__slug",
            "source__slug",
            "excerpt",
            "also_excerpt",
            "position",
        ),
        "key_figure_rows": JSONRows(
            of_edition(KeyFigure).order_by("position", "pk"),
            "label",
            "value",
            "unit",
            "qualifier",
            "period",
            "source__slug",
            "excerpt",
        ),
        "round_table_rows": JSONRows(
            of_edition(RoundTable).order_by("position", "pk"),
            "region",
            "source__slug",
            "excerpt",
        ),
        "delegation_rows": JSONRows(
            of_edition(Delegation).order_by("position", "pk"),
            "country",
            "description",
            "source__slug",
            "excerpt",
        ),
        "source_rows": JSONRows(
            of_edition(SourceReport).order_by("slug"),
            "slug",
            "kind",
            "text_kind",
            "title",
            "headline",
            "publisher",
            "publisher_inferred",
        ),
        "citation_rows": JSONRows(
            # By field, then (one citation a field and source) by source: the order
            # SQLite's unique index gave for_detail()'s citations.
            of_edition(Citation).order_by("field", "source_id"),
            "field",
            "source__slug",
            "excerpt",
            "inferred",
            "inferred_part",
            "reasoning",
            JSONRows(
                SourceReport.objects.filter(evidence_for=OuterRef("pk")).order_by(
                    "slug"
                ),
                "slug",
                flat=True,
            ),
        ),
    }
