"""The Atom feed of published editions and of corrections to them."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .changes import published_dates
from .models import Conference, Correction


class EditionsFeed(Feed):
    """Each published edition (when it was published) and each correction to one."""

    feed_type = Atom1Feed
    title = _("NCB Conference Archive: editions and corrections")
    subtitle = _(
        "Editions of INTERPOL's Heads of NCB Conference as the archive publishes them, "
        "and every correction to a published edition."
    )
    author_name = _("NCB Conference Archive")

    def link(self):
        return reverse("conferences:edition-list")

    def feed_url(self):
        return reverse("conferences:feed")

    def items(self):
        dates = published_dates()
        editions = []
        for conference in Conference.objects.published().order_by("edition"):
            conference.feed_date = dates.get(conference.pk)
            editions.append(conference)
        corrections = list(Correction.objects.published().select_related("conference"))
        for correction in corrections:
            correction.feed_date = correction.recorded_at
        items = [i for i in [*editions, *corrections] if i.feed_date]
        return sorted(items, key=lambda i: i.feed_date, reverse=True)[:50]

    def item_title(self, item):
        if isinstance(item, Correction):
            return gettext("Correction: the %(field)s of the %(conference)s") % {
                "field": item.get_field_display().lower(),
                "conference": item.conference,
            }
        return str(item)

    def item_description(self, item):
        if isinstance(item, Correction):
            return (
                f"{item.get_field_display()}: {item.old_value or '—'} → {item.new_value}. "
                f"{item.reason}"
            )
        return item.summary.strip() or str(item)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        kind = "correction" if isinstance(item, Correction) else "edition"
        return f"{kind}-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.feed_date

    def item_updateddate(self, item):
        return item.feed_date
