"""Keep the search entries current: reindex what a write changed, or rebuild them all."""

from django.db import transaction

from .documents import ENTRIES
from .models import SearchEntry

BATCH = 500


def reindex(kind: str, ids) -> None:
    """Write the entries of these rows again (removing those no longer published)."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()
        SearchEntry.objects.bulk_create(ENTRIES[kind](ids), batch_size=BATCH)


def remove(kind: str, ids) -> None:
    """Drop the entries of deleted rows."""
    SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()


@transaction.atomic
def rebuild() -> int:
    """Write every entry afresh; return how many."""
    SearchEntry.objects.all().delete()
    count = 0
    for make in ENTRIES.values():
        count += len(SearchEntry.objects.bulk_create(make(), batch_size=BATCH))
    return count


def index_editions(conferences) -> None:
    """Index editions written without signals (bulk_create), with their people, quotes,
    topics and reports."""
    from conferences.models import ConferenceTopic, SourceReport
    from speakers.models import Appearance, Quote

    ids = [c.pk for c in conferences]
    Kind = SearchEntry.Kind
    reindex(Kind.EDITION, ids)
    reindex(
        Kind.PERSON,
        Appearance.objects.filter(conference__in=ids).values_list("person", flat=True),
    )
    reindex(
        Kind.TOPIC,
        ConferenceTopic.objects.filter(conference__in=ids).values_list(
            "topic", flat=True
        ),
    )
    reindex(
        Kind.QUOTE,
        Quote.objects.filter(conference__in=ids).values_list("pk", flat=True),
    )
    reindex(
        Kind.SOURCE,
        SourceReport.objects.filter(conference__in=ids).values_list("pk", flat=True),
    )
