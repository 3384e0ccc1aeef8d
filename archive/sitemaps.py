"""The archive's pages for search engines: sitemap.xml from Django's sitemaps framework.

Every page in each of the portal's languages, each with its alternates (hreflang) in the
others; English, at the unprefixed address, is the x-default.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from conferences.models import Conference, SourceReport, Topic
from conferences.series import latest_edition, slots
from speakers.models import Person


class PortalSitemap(Sitemap):
    """A page in every language of settings.LANGUAGES, with its alternates."""

    i18n = True
    alternates = True
    x_default = True


class PageSitemap(PortalSitemap):
    """The home page, the lists, the trends and the open-data page."""

    priority = 0.6

    def items(self):
        return [
            "conferences:home",
            "conferences:edition-list",
            "speakers:person-list",
            "conferences:topic-list",
            "stats:trends",
            "conferences:source-list",
            "opendata:page",
        ]

    def location(self, item):
        return reverse(item)


class EditionSitemap(PortalSitemap):
    """Every edition number from the 1st to the latest: those known only as gaps too."""

    priority = 0.8

    def items(self):
        return slots(
            range(1, latest_edition() + 1),
            Conference.objects.published().only("edition"),
        )


class PersonSitemap(PortalSitemap):
    def items(self):
        return Person.objects.order_by("slug")


class TopicSitemap(PortalSitemap):
    def items(self):
        return Topic.objects.order_by("slug")


class SourceSitemap(PortalSitemap):
    def items(self):
        return SourceReport.objects.published().order_by("slug")


SITEMAPS = {
    "pages": PageSitemap,
    "editions": EditionSitemap,
    "people": PersonSitemap,
    "topics": TopicSitemap,
    "sources": SourceSitemap,
}
