"""Reader-facing pages for editions, topics and source reports."""

from django.views.generic import DetailView, ListView, TemplateView

from .models import Conference, SourceReport, Topic


class HomeView(TemplateView):
    template_name = "conferences/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["conferences"] = Conference.objects.for_listing()
        return context


class EditionListView(ListView):
    queryset = Conference.objects.for_listing()


class EditionDetailView(DetailView):
    queryset = Conference.objects.for_detail()
    slug_field = "edition"
    slug_url_kwarg = "edition"


class TopicListView(ListView):
    queryset = Topic.objects.with_edition_counts().order_by("name")


class TopicDetailView(DetailView):
    model = Topic


class SourceListView(ListView):
    queryset = SourceReport.objects.for_listing()


class SourceDetailView(DetailView):
    queryset = SourceReport.objects.published()
