"""One row per thing a reader can find, with the words each kind is found by.

The full-text index over these rows lives beside the table, made by the migrations: on
PostgreSQL a stored weighted `tsvector` column (`document`) with a GIN index (and pg_trgm
for the nearest names); on SQLite an FTS5 table (`search_entry_fts`) kept current by triggers.
Both index the same three folded columns: `names` (what the thing is called), `related`
(the names of what it belongs to) and `body` (its text).
"""

from collections.abc import Callable
from functools import lru_cache

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from archive.process_caches import process_cache
from conferences.addresses import page_address, url_configuration


class SearchEntry(models.Model):
    """A published edition, person, quote, topic or report, as the search sees it."""

    class Kind(models.TextChoices):
        # In this order among equally good matches.
        EDITION = "edition", _("Editions")
        PERSON = "person", _("People")
        TOPIC = "topic", _("Topics")
        QUOTE = "quote", _("Quotes")
        SOURCE = "source", _("Report texts")

    # What one result of each kind is called.
    SINGULAR = {
        Kind.EDITION: _("Edition"),
        Kind.PERSON: _("Person"),
        Kind.TOPIC: _("Topic"),
        Kind.QUOTE: _("Quote"),
        Kind.SOURCE: _("Report text"),
    }

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    meta = models.CharField(max_length=300, blank=True)
    key = models.CharField(
        max_length=150,
        help_text="What its addresses name it by: edition number, slug or id.",
    )
    text = models.TextField(blank=True, help_text="What the snippet is cut from.")
    names = models.TextField(blank=True, help_text="Folded: what the thing is called.")
    related = models.TextField(
        blank=True, help_text="Folded: the names of what it belongs to."
    )
    body = models.TextField(blank=True, help_text="Folded: its text.")
    edition = models.PositiveSmallIntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    # Order among matches of one kind and tier: smaller first (newest editions first).
    position = models.IntegerField(default=0)
    priority = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="search_entry_once"
            ),
        ]
        indexes = [
            models.Index(
                fields=["priority", "position", "id"], name="search_entry_order"
            ),
            models.Index(fields=["edition"], name="search_entry_edition"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self):
        """Return the thing's page on the portal."""
        return Addresses().page(self.kind, self.key, self.edition, self.object_id)

    def get_api_url(self):
        """Return the thing's resource in the API."""
        return Addresses().resource(self.kind, self.key)


PAGES = {
    SearchEntry.Kind.EDITION: "conferences:edition-detail",
    SearchEntry.Kind.PERSON: "speakers:person-detail",
    SearchEntry.Kind.TOPIC: "conferences:topic-detail",
    SearchEntry.Kind.SOURCE: "conferences:source-detail",
}
# A quote is shown on its edition's page.
QUOTE_PAGE = "conferences:edition-detail"
RESOURCES = {
    SearchEntry.Kind.EDITION: "api:conference-detail",
    SearchEntry.Kind.PERSON: "api:person-detail",
    SearchEntry.Kind.TOPIC: "api:topic-detail",
    SearchEntry.Kind.QUOTE: "api:quote-detail",
    SearchEntry.Kind.SOURCE: "api:source-detail",
}


class Addresses:
    """The entries' pages and API resources in the current language and URL
    configuration: each URL name reversed once, then each entry's key filled in (a page
    of results costs no reverse() per result)."""

    def __init__(self):
        # The language too: the portal's pages carry it in their address (/fr/…).
        context = (*url_configuration(), translation.get_language())
        self.pages = {kind: _reversed(name, *context) for kind, name in PAGES.items()}
        self.quote_page = _reversed(QUOTE_PAGE, *context)
        self.resources = {
            kind: _reversed(name, *context) for kind, name in RESOURCES.items()
        }

    def page(self, kind: str, key: str, edition: int | None, object_id: int) -> str:
        """Return an entry's page on the portal."""
        if kind == SearchEntry.Kind.QUOTE:
            return f"{self.quote_page(edition)}#quote-{object_id}"
        return self.pages[kind](key)

    def resource(self, kind: str, key: str) -> str:
        """Return an entry's resource in the API."""
        return self.resources[kind](key)


@process_cache
@lru_cache(maxsize=16)
def singular_labels(language: str) -> dict[str, str]:
    """Return what one result of each kind is called (SearchEntry.SINGULAR), in the
    active language (`language` keys the cache): translated once, not on every page of
    results (a gettext() costs some fifteen Python calls)."""
    return {kind: str(label) for kind, label in SearchEntry.SINGULAR.items()}


@lru_cache(maxsize=64)
def _reversed(name: str, prefix: str, urlconf, language) -> Callable[[object], str]:
    return page_address(name)
