"""Trends across editions: delegates, countries, topics and leaders, as charts and tables."""

from django.views.generic import TemplateView

from conferences.models import Conference, Topic
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
        context["delegates_chart"] = bar_chart(
            [Bar(str(c.edition), c.delegates) for c in conferences]
        )
        context["countries_chart"] = bar_chart(
            [Bar(str(c.edition), c.countries) for c in conferences]
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
        rows = leadership(conferences, list(tenures))
        context["leadership"] = rows
        context["lanes"], slot = leadership_lanes(rows)
        context["edition_ticks"] = edition_ticks(rows, slot)
        return context
