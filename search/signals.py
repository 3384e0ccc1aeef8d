"""Every write to a searchable row, or to a row whose names another entry shows, reindexes
the entries it changes (the admin, the API, the importer and the loader all save rows)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from conferences.models import (
    Conference,
    ConferenceTopic,
    ReportImport,
    SourceReport,
    Topic,
)
from speakers.models import Appearance, Person, Quote

from .index import reindex, remove
from .models import SearchEntry

Kind = SearchEntry.Kind


def conference_changed(conference: Conference) -> None:
    reindex(Kind.EDITION, [conference.pk])
    reindex(Kind.QUOTE, conference.quotes.values_list("pk", flat=True))
    reindex(Kind.SOURCE, conference.sources.values_list("pk", flat=True))


@receiver(post_save, sender=Conference)
def conference_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        conference_changed(instance)


@receiver(post_save, sender=Person)
def person_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    reindex(Kind.PERSON, [instance.pk])
    reindex(Kind.QUOTE, instance.quotes.values_list("pk", flat=True))
    reindex(Kind.EDITION, instance.appearances.values_list("conference", flat=True))


@receiver(post_save, sender=Topic)
def topic_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    reindex(Kind.TOPIC, [instance.pk])
    reindex(
        Kind.EDITION, instance.conference_links.values_list("conference", flat=True)
    )


@receiver(post_save, sender=Quote)
def quote_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex(Kind.QUOTE, [instance.pk])


@receiver(post_save, sender=SourceReport)
def source_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex(Kind.SOURCE, [instance.pk])


@receiver(post_save, sender=ReportImport)
def report_import_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex(Kind.SOURCE, [instance.source_id])


@receiver(post_save, sender=ConferenceTopic)
@receiver(post_save, sender=Appearance)
def edition_link_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex(Kind.EDITION, [instance.conference_id])


@receiver(post_delete, sender=ConferenceTopic)
@receiver(post_delete, sender=Appearance)
def edition_link_deleted(sender, instance, **kwargs):
    reindex(Kind.EDITION, [instance.conference_id])


@receiver(post_delete, sender=ReportImport)
def report_import_deleted(sender, instance, **kwargs):
    reindex(Kind.SOURCE, [instance.source_id])


KINDS = {
    Conference: Kind.EDITION,
    Person: Kind.PERSON,
    Topic: Kind.TOPIC,
    Quote: Kind.QUOTE,
    SourceReport: Kind.SOURCE,
}


@receiver(post_delete)
def searchable_deleted(sender, instance, **kwargs):
    kind = KINDS.get(sender)
    if kind:
        remove(kind, [instance.pk])


def index_if_empty(sender, **kwargs):
    """After migrate, index an archive that has rows but no entries yet (a first deploy)."""
    if not SearchEntry.objects.exists() and Conference.objects.exists():
        from .index import rebuild

        rebuild()
