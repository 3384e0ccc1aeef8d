"""Trends across editions: delegates, countries, topics and leaders, as charts and tables."""

from django.views.generic import TemplateView

from conferences.models import Conference, Membership, Topic
from conferences.series import slots
from speakers.models import Tenure

from .charts import (
    LEADERSHIP_OFFICES,
    Bar,
    bar_chart,
    edition_ticks,
    leadership,
    leadership_lanes,
)


class TrendsView(TemplateView):
    template_name = "stats/trends.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        conferences = list(Conference.objects.for_listing())
        context["conferences"] = conferences
        # Every edition number from the 1st to the latest: the charts show the gaps.
        latest = conferences[-1].edition if conferences else 0
        series = slots(range(1, latest + 1), conferences)
        context["series"] = series
        context["delegates_chart"] = bar_chart(
            [self.bar(s, "delegates") for s in series]
        )
        context["countries_chart"] = bar_chart(
            [self.bar(s, "countries") for s in series]
        )
        topics = list(
            Topic.objects.with_edition_counts()
            .filter(edition_count__gt=0)
            .order_by("-edition_count", "name")
        )
        discussed = {
            (c.pk, link.topic_id) for c in conferences for link in c.topic_list
        }
        context["matrix"] = [
            (topic, [(c, (c.pk, topic.pk) in discussed) for c in conferences])
            for topic in topics
        ]
        tenures = Tenure.objects.filter(
            office__kind__in=LEADERSHIP_OFFICES
        ).select_related("person", "office")
        rows = leadership([s.conference or s for s in series], list(tenures))
        context["leadership"] = rows
        context["lanes"], slot = leadership_lanes(rows)
        context["edition_ticks"] = edition_ticks(rows, slot)
        context["membership"] = Membership.objects.history()
        return context

    @staticmethod
    def bar(slot, field: str) -> Bar:
        conference = slot.conference
        if conference is None:
            return Bar(str(slot.edition), None, gap=True)
        return Bar(
            str(slot.edition),
            getattr(conference, field),
            inferred=field in conference.inferred_fields,
        )
