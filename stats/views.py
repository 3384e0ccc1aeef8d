"""Trends across editions."""

from django.views.generic import TemplateView


class TrendsView(TemplateView):
    template_name = "stats/trends.html"
